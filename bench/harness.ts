import os from 'node:os';

/** One measured figure of a benchmark, with the peer it is compared to where one ran in the same run. */
export interface BenchResult {
  bench: string;
  case: string;
  size: string;
  value: number;
  unit: string;
  /** This figure divided by the peer's (same unit), when a peer ran in the same process. */
  ratio?: { peer: string; value: number };
  note?: string;
}

export interface Bench {
  name: string;
  run(): Promise<BenchResult[]>;
}

/** The value of a `--name=value` command-line option, if given. */
export function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

/** A numeric `--name=value` option, or the fallback when it is absent. */
export function numberOption(name: string, fallback: number): number {
  const v = option(name);
  return v === undefined ? fallback : Number(v);
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function formatTable(results: BenchResult[]): string {
  const rows = results.map((r) => [
    r.bench,
    r.case,
    r.size,
    `${r.value.toFixed(r.value >= 100 ? 0 : 2)} ${r.unit}`,
    r.ratio ? `${r.ratio.value.toPrecision(2)}× ${r.ratio.peer}` : '',
    r.note ?? '',
  ]);
  const head = ['benchmark', 'case', 'data size', 'result', 'ratio to peer', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
