import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable, machine, type Bench, type BenchResult } from './harness.ts';

/** Runs every `bench/*.bench.ts` (or those named on the command line) and prints one table. */
const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const results: BenchResult[] = [];
process.stderr.write(`machine: ${machine()}\n`);
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default: Bench };
  process.stderr.write(`running ${mod.default.name}...\n`);
  results.push(...(await mod.default.run()));
}
process.stdout.write(
  `\nmachine: ${machine()}\ncommand: npm run bench${only.length ? ` -- ${only.join(' ')}` : ''}\n\n${formatTable(results)}\n`,
);
