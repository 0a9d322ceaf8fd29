/**
 * Record-linkage evaluation: FEBRL4 (link 4a × 4b) and FEBRL1, 2 and 3 (dedupe) with the shipped configuration
 * `examples/linkage/febrl.json`; identities from the project's generator with the default identity
 * configuration — plain, with hard negatives (namesakes, twins, parents and children, siblings; each kind's
 * false-match rate reported), and across scripts (native script against the MRZ romanisation) — and a
 * 100,000-record deduplication for time and memory. Precision, recall and F1 of the pairs at the engine's
 * default threshold and at the best threshold, and the run time, are written into the "Record linkage"
 * section of docs/accuracy.md between its markers.
 *
 * With `SPLINK_PYTHON` set to a Python that can `import splink` (see scripts/eval/splink/README.md), Splink
 * runs on the same files in the same run and its rows are written beside ours.
 *
 * Truth: FEBRL records match when their ids share the `rec-N` part (`rec-12-org`, `rec-12-dup-0`); generated
 * ones when they share the `cluster` column. FEBRL1–3 are held out: nothing in the configuration was chosen by
 * looking at them.
 *
 *   npm run eval:linkage
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import {
  generateIdentities,
  identitiesToCsv,
  negativeKindOf,
  type GeneratedIdentity,
} from '../../src/contexts/identity/index.ts';
import {
  identityConfig,
  parseCsvTable,
  parseLinkageConfig,
  probabilityOf,
  readCsvTable,
  runLinkage,
  type LinkageConfig,
  type LinkageRun,
  type Table,
} from '../../src/contexts/matching/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.resolve(root, '..', 'shared', 'data', 'febrl');
const accuracyDoc = path.join(root, 'docs', 'accuracy.md');
const splinkRunner = path.join(root, 'scripts', 'eval', 'splink', 'run.py');
const THRESHOLD = 0.5;
const GENERATED_COUNT = 10_000;
const GENERATED_SEED = 'eval-linkage';
const HARD_SEED = 'eval-linkage-hard';
/**
 * Share of persons given a look-alike (namesake, twin, parent or child with the same name, sibling): enough
 * for look-alike pairs to be ≥ 30 % of the candidate pairs of the 10,000-record set.
 */
const HARD_NEGATIVE_RATE = 0.7;
const CROSS_COUNT = 60_000;
const CROSS_SEED = 'eval-cross-script';
const SCALE_COUNT = 100_000;
const BEGIN = '<!-- record-linkage:begin (written by npm run eval:linkage) -->';
const END = '<!-- record-linkage:end -->';

interface Metrics {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Negative candidate pairs of one hard-negative kind, and how many of them reached the threshold. */
interface KindOutcome {
  pairs: number;
  falseMatches: number;
}

interface SplinkOutcome {
  version: string;
  seconds: number;
  candidatePairs: number;
  atDefault: Metrics;
  best: Metrics;
  kinds?: Record<string, KindOutcome>;
}

interface Outcome {
  name: string;
  task: string;
  records: string;
  truePairs: number;
  candidatePairs: number;
  blockedTrue: number;
  seconds: number;
  atDefault: Metrics;
  best: Metrics;
  kinds?: Record<string, KindOutcome>;
  splink?: SplinkOutcome | string;
  /** Peak resident memory of the process after this run, in MiB. */
  peakMiB?: number;
}

const febrlEntity = (id: string) => id.split('-')[1] ?? id;

function metrics(threshold: number, tp: number, fp: number, truePairs: number): Metrics {
  const fn = truePairs - tp;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, tp, fp, fn, precision, recall, f1 };
}

function truePairCount(run: LinkageRun, entity: (id: string) => string): number {
  if (!run.dedupe) {
    const right = new Map<string, number>();
    for (const r of run.right) {
      right.set(entity(r.id), (right.get(entity(r.id)) ?? 0) + 1);
    }
    return run.left.reduce((n, r) => n + (right.get(entity(r.id)) ?? 0), 0);
  }
  const counts = new Map<string, number>();
  for (const r of run.left) {
    counts.set(entity(r.id), (counts.get(entity(r.id)) ?? 0) + 1);
  }
  let n = 0;
  for (const c of counts.values()) {
    n += (c * (c - 1)) / 2;
  }
  return n;
}

/** The files Splink reads for a task, and how it is configured. */
interface SplinkJob {
  task: 'febrl' | 'identity';
  mode: 'link' | 'dedupe';
  left: string;
  right?: string;
  truth: string;
}

interface Task {
  name: string;
  task: string;
  config: LinkageConfig;
  load: () => { left: Table; right?: Table };
  /** The true entity of a record id. */
  entity: (id: string) => string;
  /** The hard-negative kind of a non-matching pair, if any. */
  kindOf?: (a: string, b: string) => string | null;
  splink?: () => SplinkJob;
  /** Report the process's peak memory after the run. */
  memory?: boolean;
}

function evaluate(t: Task): Outcome {
  const { name, task, config, load, entity, kindOf } = t;
  const started = performance.now();
  const input = load();
  const run = runLinkage(config, input);
  const sameEntity = (p: number) =>
    entity(run.left[run.pairs.left[p] ?? 0]?.id ?? '') ===
    entity(run.right[run.pairs.right[p] ?? 0]?.id ?? '');
  let tp = 0;
  let fp = 0;
  for (let p = 0; p < run.pairs.length; p += 1) {
    if (probabilityOf(run.weights[p] ?? Number.NEGATIVE_INFINITY) >= THRESHOLD) {
      if (sameEntity(p)) {
        tp += 1;
      } else {
        fp += 1;
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const truePairs = truePairCount(run, entity);

  let kinds: Record<string, KindOutcome> | undefined;
  if (kindOf !== undefined) {
    kinds = {};
    for (let p = 0; p < run.pairs.length; p += 1) {
      if (sameEntity(p)) {
        continue;
      }
      const kind =
        kindOf(run.left[run.pairs.left[p] ?? 0]?.id ?? '', run.right[run.pairs.right[p] ?? 0]?.id ?? '') ??
        'other (no look-alike)';
      const k = (kinds[kind] ??= { pairs: 0, falseMatches: 0 });
      k.pairs += 1;
      if (probabilityOf(run.weights[p] ?? Number.NEGATIVE_INFINITY) >= THRESHOLD) {
        k.falseMatches += 1;
      }
    }
  }

  // Best threshold: sweep the candidate pairs from the highest weight down (an oracle figure, as published).
  const order = [...run.weights.keys()].sort((a, b) => (run.weights[b] ?? 0) - (run.weights[a] ?? 0));
  let best = metrics(1, 0, 0, truePairs);
  let sweepTp = 0;
  let sweepFp = 0;
  let blockedTrue = 0;
  for (const [i, p] of order.entries()) {
    if (sameEntity(p)) {
      sweepTp += 1;
      blockedTrue += 1;
    } else {
      sweepFp += 1;
    }
    const w = run.weights[p] ?? 0;
    const nextW = run.weights[order[i + 1] ?? -1];
    if (nextW !== undefined && nextW === w) {
      continue;
    }
    const m = metrics(probabilityOf(w), sweepTp, sweepFp, truePairs);
    if (m.f1 > best.f1) {
      best = m;
    }
  }
  return {
    name,
    task,
    records: run.dedupe ? `${run.left.length}` : `${run.left.length} × ${run.right.length}`,
    truePairs,
    candidatePairs: run.pairs.length,
    blockedTrue,
    seconds,
    atDefault: metrics(THRESHOLD, tp, fp, truePairs),
    best,
    ...(kinds === undefined ? {} : { kinds }),
    ...(t.memory === true ? { peakMiB: process.resourceUsage().maxRSS / 1024 } : {}),
  };
}

/** Runs Splink on the task's files when `SPLINK_PYTHON` is set; the reason it did not run otherwise. */
function runSplink(t: Task): SplinkOutcome | string | undefined {
  const python = process.env.SPLINK_PYTHON;
  if (t.splink === undefined) {
    return undefined;
  }
  if (python === undefined || python === '') {
    return 'not run (SPLINK_PYTHON unset)';
  }
  // Seeded, so that Splink's random sampling gives the same figures on every run.
  const job = { ...t.splink(), threshold: THRESHOLD, seed: 1 };
  const result = spawnSync(python, [splinkRunner], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(`Splink failed on ${t.name}: ${result.stderr.slice(-2000)}\n`);
    return 'failed (see the run output)';
  }
  const out = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Metrics & {
    splink_version: string;
    seconds: number;
    candidate_pairs: number;
    best: Metrics;
    negatives?: Record<string, { candidate_pairs: number; false_matches: number }> | null;
  };
  return {
    version: out.splink_version,
    seconds: out.seconds,
    candidatePairs: out.candidate_pairs,
    atDefault: {
      threshold: out.threshold,
      tp: out.tp,
      fp: out.fp,
      fn: out.fn,
      precision: out.precision,
      recall: out.recall,
      f1: out.f1,
    },
    best: out.best,
    ...(out.negatives === undefined || out.negatives === null
      ? {}
      : {
          kinds: Object.fromEntries(
            Object.entries(out.negatives).map(([k, v]) => [
              k,
              { pairs: v.candidate_pairs, falseMatches: v.false_matches },
            ]),
          ),
        }),
  };
}

const f4 = (x: number) => x.toFixed(4);
const thousands = (n: number) => n.toLocaleString('en-GB');
function probability(p: number): string {
  return p >= 0.9999 ? p.toPrecision(8) : p < 0.0001 ? p.toExponential(2) : p.toFixed(4);
}

function table(outcomes: Outcome[]): string {
  const rows = [
    '| data set | task | engine | records | true pairs | candidate pairs (true ones) | threshold | TP | FP | FN | precision | recall | F1 | run time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const o of outcomes) {
    for (const [label, m] of [
      ['default', o.atDefault],
      ['best', o.best],
    ] as const) {
      rows.push(
        `| ${o.name} | ${o.task} | Interlink | ${o.records} | ${thousands(o.truePairs)} | ${thousands(o.candidatePairs)} (${thousands(o.blockedTrue)}) | ${label} ${probability(m.threshold)} | ${m.tp} | ${m.fp} | ${m.fn} | ${f4(m.precision)} | ${f4(m.recall)} | **${f4(m.f1)}** | ${label === 'default' ? `${o.seconds.toFixed(2)} s` : ''} |`,
      );
    }
    const s = o.splink;
    if (typeof s === 'object') {
      for (const [label, m] of [
        ['default', s.atDefault],
        ['best', s.best],
      ] as const) {
        rows.push(
          `| ${o.name} | ${o.task} | Splink ${s.version} | ${o.records} | ${thousands(o.truePairs)} | ${thousands(s.candidatePairs)} | ${label} ${probability(m.threshold)} | ${m.tp} | ${m.fp} | ${m.fn} | ${f4(m.precision)} | ${f4(m.recall)} | ${f4(m.f1)} | ${label === 'default' ? `${s.seconds.toFixed(2)} s` : ''} |`,
        );
      }
    } else if (typeof s === 'string') {
      rows.push(`| ${o.name} | ${o.task} | Splink | ${s} | | | | | | | | | | |`);
    }
  }
  return rows.join('\n');
}

function kindTable(outcomes: Outcome[]): string {
  const rows = [
    '| data set | kind of non-matching pair | candidate pairs | false matches at p ≥ 0.5 | false-match rate | Splink: candidate pairs | Splink: false matches | Splink: false-match rate |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rate = (k: KindOutcome | undefined) =>
    k === undefined ? '–' : k.pairs === 0 ? '–' : `${((100 * k.falseMatches) / k.pairs).toFixed(2)} %`;
  for (const o of outcomes) {
    if (o.kinds === undefined) {
      continue;
    }
    const hard = Object.entries(o.kinds)
      .filter(([k]) => !k.startsWith('other'))
      .reduce((n, [, v]) => n + v.pairs, 0);
    const theirs = typeof o.splink === 'object' ? o.splink.kinds : undefined;
    for (const [kind, k] of Object.entries(o.kinds).sort(([a], [b]) => a.localeCompare(b))) {
      const s = theirs?.[kind.startsWith('other') ? 'other' : kind];
      rows.push(
        `| ${o.name} | ${kind} | ${thousands(k.pairs)} | ${k.falseMatches} | ${rate(k)} | ${s === undefined ? '–' : thousands(s.pairs)} | ${s?.falseMatches ?? '–'} | ${rate(s)} |`,
      );
    }
    rows.push(
      `| ${o.name} | all look-alikes (share of candidate pairs: ${((100 * hard) / o.candidatePairs).toFixed(1)} %) | ${thousands(hard)} | ${Object.entries(
        o.kinds,
      )
        .filter(([k]) => !k.startsWith('other'))
        .reduce((n, [, v]) => n + v.falseMatches, 0)} | | | | |`,
    );
  }
  return rows.join('\n');
}

/** The name fields of an MRZ (TD3: line 1 from position 6; TD1: line 3): surname and given names. */
function mrzNames(lines: readonly string[]): { surname: string; givenNames: string } {
  const field = lines.length === 3 ? (lines[2] ?? '') : (lines[0] ?? '').slice(5);
  const [surname = '', given = ''] = field.split('<<');
  const words = (s: string) => s.replace(/<+/gu, ' ').trim();
  return { surname: words(surname), givenNames: words(given) };
}

const identityTable = (records: readonly GeneratedIdentity[], name: string) =>
  parseCsvTable(identitiesToCsv(records), name);

/** Writes a table's records as CSV for Splink (generated sets only; FEBRL is read where it lies). */
function csvFile(dir: string, file: string, records: readonly GeneratedIdentity[]): string {
  const target = path.join(dir, file);
  if (!existsSync(target)) {
    writeFileSync(target, identitiesToCsv(records));
  }
  return target;
}

function kindOfIn(records: readonly GeneratedIdentity[]): (a: string, b: string) => string | null {
  const byId = new Map(records.map((r) => [r.id, r]));
  return (a, b) => {
    const x = byId.get(a);
    const y = byId.get(b);
    return x === undefined || y === undefined ? null : negativeKindOf(x, y);
  };
}

async function main(): Promise<void> {
  if (!existsSync(dataDir)) {
    process.stderr.write(
      `FEBRL data not found in ${dataDir} (expected ../shared/data/febrl next to the repository)\n`,
    );
    process.exitCode = 1;
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'interlink-eval-'));
  const febrl = parseLinkageConfig(
    JSON.parse(readFileSync(path.join(root, 'examples', 'linkage', 'febrl.json'), 'utf8')) as unknown,
  );
  const febrlFile = (f: string) => path.join(dataDir, f);
  const febrlTask = (name: string, task: string, files: [string] | [string, string]): Task => ({
    name,
    task,
    config: febrl,
    load: () => {
      const [l, r] = files;
      return r === undefined
        ? { left: readCsvTable(febrlFile(l)) }
        : { left: readCsvTable(febrlFile(l)), right: readCsvTable(febrlFile(r)) };
    },
    entity: febrlEntity,
    splink: () => ({
      task: 'febrl',
      mode: files.length === 2 ? 'link' : 'dedupe',
      left: febrlFile(files[0]),
      ...(files[1] === undefined ? {} : { right: febrlFile(files[1]) }),
      truth: 'febrl',
    }),
  });

  // Generated sets are made outside the timed part; their truth is the `cluster` column.
  const plain = generateIdentities({ count: GENERATED_COUNT, seed: GENERATED_SEED });
  const hard = generateIdentities({
    count: GENERATED_COUNT,
    seed: HARD_SEED,
    hardNegativeRate: HARD_NEGATIVE_RATE,
  });
  const generatedTask = (
    name: string,
    records: readonly GeneratedIdentity[],
    file: string,
    extra: Partial<Task> = {},
  ): Task => {
    const clusterOf = new Map(records.map((r) => [r.id, r.cluster]));
    return {
      name,
      task: 'dedupe, identity configuration',
      config: identityConfig(),
      load: () => ({ left: identityTable(records, name) }),
      entity: (id) => clusterOf.get(id) ?? id,
      splink: () => ({
        task: 'identity',
        mode: 'dedupe',
        left: csvFile(work, file, records),
        truth: 'cluster',
      }),
      ...extra,
    };
  };

  // Across scripts: persons whose names are written in another script than Latin. Left: each person's
  // original record with the names in the native script and no document number (a record made from a
  // national register or a form filled in at home, so that the names have to do the work); right: the same
  // records with the names of the document's MRZ (ICAO 9303 transliteration), and, in a second task, the
  // person's other records as registers hold them (national romanisations, other schemes, typos, aliases).
  const crossAll = generateIdentities({
    count: CROSS_COUNT,
    seed: CROSS_SEED,
    hardNegativeRate: HARD_NEGATIVE_RATE,
  }).filter((r) => r.surnameNative !== '' || r.givenNamesNative !== '');
  const originals = crossAll.filter((r) => r.variantOf === null && r.mrz.length > 0);
  const native = originals.map((r) => ({
    ...r,
    id: `${r.id}-native`,
    surname: r.surnameNative,
    givenNames: r.givenNamesNative,
    documentNumber: '',
  }));
  const mrz = originals.map((r) => ({ ...r, id: `${r.id}-mrz`, ...mrzNames(r.mrz) }));
  const recorded = crossAll.filter((r) => r.variantOf !== null);
  const crossClusters = new Map([...native, ...mrz, ...recorded].map((r) => [r.id, r.cluster] as const));
  const crossKind = kindOfIn([...native, ...mrz, ...recorded]);
  const crossTask = (name: string, right: readonly GeneratedIdentity[], file: string): Task => ({
    name,
    task: 'link native × Latin, identity configuration',
    config: identityConfig(),
    load: () => ({ left: identityTable(native, 'native'), right: identityTable(right, name) }),
    entity: (id) => crossClusters.get(id) ?? id,
    kindOf: crossKind,
    splink: () => ({
      task: 'identity',
      mode: 'link',
      left: csvFile(work, 'cross-native.csv', native),
      right: csvFile(work, file, right),
      truth: 'cluster',
    }),
  });

  const scale = generateIdentities({
    count: SCALE_COUNT,
    seed: HARD_SEED,
    hardNegativeRate: HARD_NEGATIVE_RATE,
  });
  const tasks: Task[] = [
    febrlTask('FEBRL4', 'link 4a × 4b', ['dataset4a.csv', 'dataset4b.csv']),
    febrlTask('FEBRL1 (held out)', 'dedupe', ['dataset1.csv']),
    febrlTask('FEBRL2 (held out)', 'dedupe', ['dataset2.csv']),
    febrlTask('FEBRL3 (held out)', 'dedupe', ['dataset3.csv']),
    generatedTask(`generated identities (seed ${GENERATED_SEED})`, plain, 'plain.csv'),
    generatedTask(`with look-alikes (seed ${HARD_SEED})`, hard, 'hard.csv', { kindOf: kindOfIn(hard) }),
    crossTask(`across scripts: native × MRZ (seed ${CROSS_SEED})`, mrz, 'cross-mrz.csv'),
    crossTask(`across scripts: native × other records (seed ${CROSS_SEED})`, recorded, 'cross-recorded.csv'),
    generatedTask(`with look-alikes, 100,000 records (seed ${HARD_SEED})`, scale, 'scale.csv', {
      kindOf: kindOfIn(scale),
      memory: true,
    }),
  ];
  const outcomes: Outcome[] = [];
  for (const t of tasks) {
    const o = evaluate(t);
    const splink = runSplink(t);
    outcomes.push(splink === undefined ? o : { ...o, splink });
    process.stdout.write(
      `${o.name}: F1 ${f4(o.atDefault.f1)} at p ≥ ${THRESHOLD} (P ${f4(o.atDefault.precision)}, R ${f4(o.atDefault.recall)}), best ${f4(o.best.f1)} at p ≥ ${probability(o.best.threshold)}, ${o.seconds.toFixed(2)} s${o.peakMiB === undefined ? '' : `, peak ${o.peakMiB.toFixed(0)} MiB`}` +
        (typeof splink === 'object'
          ? ` | Splink ${splink.version}: F1 ${f4(splink.atDefault.f1)} (P ${f4(splink.atDefault.precision)}, R ${f4(splink.atDefault.recall)}), best ${f4(splink.best.f1)}, ${splink.seconds.toFixed(2)} s`
          : typeof splink === 'string'
            ? ` | Splink ${splink}`
            : '') +
        '\n',
    );
  }
  rmSync(work, { recursive: true, force: true });
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const scaleOutcome = outcomes.find((o) => o.peakMiB !== undefined);
  const block = [
    BEGIN,
    '',
    table(outcomes),
    '',
    'False matches by kind of look-alike (non-matching candidate pairs; "other" are pairs of unrelated people that a blocking rule brought together):',
    '',
    kindTable(outcomes),
    '',
    `Measured on ${os.cpus().length} × ${cpu.trim()}, Node.js ${process.version}, one process, data sets run in the order shown (FEBRL4 first, so its time includes JIT warm-up). Run time covers reading the CSVs, blocking, comparing, training (u from random pairs, m in sessions or by EM, λ) and scoring; it excludes starting Node.js and loading the code.${scaleOutcome === undefined ? '' : ` Peak resident memory of the process after the 100,000-record run: ${scaleOutcome.peakMiB?.toFixed(0)} MiB.`} The "best" row is the threshold with the highest F1 found by sweeping the candidate pairs with the truth at hand, an oracle figure given for comparison, not a threshold the engine chooses. Splink rows: the same files, Splink configured as its own examples do (scripts/eval/splink/run.py), run in the same process order right after ours.`,
    '',
    END,
  ].join('\n');
  const doc = existsSync(accuracyDoc) ? readFileSync(accuracyDoc, 'utf8') : '# Accuracy\n';
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${doc.slice(0, start)}${block}${doc.slice(end + END.length)}`
      : `${doc.trimEnd()}\n\n## Record linkage\n\n${block}\n`;
  // Written in the repository's Prettier style, so that the format check passes on the generated table.
  const options = (await prettier.resolveConfig(accuracyDoc)) ?? {};
  writeFileSync(accuracyDoc, await prettier.format(next, { ...options, filepath: accuracyDoc }));
}

await main();
