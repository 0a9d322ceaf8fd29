/**
 * Record-linkage evaluation on the FEBRL data sets: FEBRL4 (link 4a × 4b) and FEBRL1, 2 and 3 (dedupe),
 * with the shipped configuration `examples/linkage/febrl.json`. Precision, recall and F1 of the pairs at the
 * engine's default threshold and at the best threshold, and the run time, are written into the
 * "Record linkage" section of docs/accuracy.md between its markers.
 *
 * Truth: two records match when their ids share the `rec-N` part (`rec-12-org`, `rec-12-dup-0`).
 * FEBRL1–3 are held out: nothing in the configuration was chosen by looking at them.
 *
 *   npm run eval:linkage
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { generateIdentities, identitiesToCsv } from '../../src/contexts/identity/index.ts';
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
const GENERATED_COUNT = 10_000;
const GENERATED_SEED = 'eval-linkage';
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
  prior: number;
  iterations: number;
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
    const right = new Set(run.right.map((r) => entity(r.id)));
    return run.left.filter((r) => right.has(entity(r.id))).length;
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

interface Task {
  name: string;
  task: string;
  config: LinkageConfig;
  load: () => { left: Table; right?: Table };
  /** The true entity of a record id. */
  entity: (id: string) => string;
}

function evaluate({ name, task, config, load, entity }: Task, threshold: number): Outcome {
  const started = performance.now();
  const input = load();
  const run = runLinkage(config, input);
  const sameEntity = (p: number) =>
    entity(run.left[run.pairs.left[p] ?? 0]?.id ?? '') ===
    entity(run.right[run.pairs.right[p] ?? 0]?.id ?? '');
  let tp = 0;
  let fp = 0;
  for (let p = 0; p < run.pairs.length; p += 1) {
    if (probabilityOf(run.weights[p] ?? Number.NEGATIVE_INFINITY) >= threshold) {
      if (sameEntity(p)) {
        tp += 1;
      } else {
        fp += 1;
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const truePairs = truePairCount(run, entity);

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
    atDefault: metrics(threshold, tp, fp, truePairs),
    best,
    prior: run.training.prior,
    iterations: run.training.iterations,
  };
}

const f4 = (x: number) => x.toFixed(4);
const thousands = (n: number) => n.toLocaleString('en-GB');
function probability(p: number): string {
  return p >= 0.9999 ? p.toPrecision(8) : p < 0.0001 ? p.toExponential(2) : p.toFixed(4);
}

function table(outcomes: Outcome[]): string {
  const rows = [
    '| data set | task | records | true pairs | candidate pairs (true ones) | threshold | TP | FP | FN | precision | recall | F1 | run time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const o of outcomes) {
    for (const [label, m] of [
      ['default', o.atDefault],
      ['best', o.best],
    ] as const) {
      rows.push(
        `| ${o.name} | ${o.task} | ${o.records} | ${thousands(o.truePairs)} | ${thousands(o.candidatePairs)} (${thousands(o.blockedTrue)}) | ${label} ${probability(m.threshold)} | ${m.tp} | ${m.fp} | ${m.fn} | ${f4(m.precision)} | ${f4(m.recall)} | **${f4(m.f1)}** | ${label === 'default' ? `${o.seconds.toFixed(2)} s` : ''} |`,
      );
    }
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(dataDir)) {
    process.stderr.write(
      `FEBRL data not found in ${dataDir} (expected ../shared/data/febrl next to the repository)\n`,
    );
    process.exitCode = 1;
    return;
  }
  const threshold = 0.5;
  const febrl = parseLinkageConfig(
    JSON.parse(readFileSync(path.join(root, 'examples', 'linkage', 'febrl.json'), 'utf8')) as unknown,
  );
  const file = (f: string) => readCsvTable(path.join(dataDir, f));
  const febrlTask = (name: string, task: string, files: [string] | [string, string]): Task => ({
    name,
    task,
    config: febrl,
    load: () => {
      const [l, r] = files;
      return r === undefined ? { left: file(l) } : { left: file(l), right: file(r) };
    },
    entity: febrlEntity,
  });
  // The generated identities are made outside the timed part; their truth is the `cluster` column.
  const generated = parseCsvTable(
    identitiesToCsv(generateIdentities({ count: GENERATED_COUNT, seed: GENERATED_SEED })),
    'generated identities',
  );
  const clusterOf = new Map(generated.rows.map((r) => [r.id ?? '', r.cluster ?? '']));
  const outcomes = [
    febrlTask('FEBRL4', 'link 4a × 4b', ['dataset4a.csv', 'dataset4b.csv']),
    febrlTask('FEBRL1 (held out)', 'dedupe', ['dataset1.csv']),
    febrlTask('FEBRL2 (held out)', 'dedupe', ['dataset2.csv']),
    febrlTask('FEBRL3 (held out)', 'dedupe', ['dataset3.csv']),
    {
      name: `generated identities (seed ${GENERATED_SEED})`,
      task: 'dedupe, identity configuration',
      config: identityConfig(),
      load: () => ({ left: generated }),
      entity: (id: string) => clusterOf.get(id) ?? id,
    },
  ].map((t) => evaluate(t, threshold));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const block = [
    BEGIN,
    '',
    table(outcomes),
    '',
    `Measured on ${os.cpus().length} × ${cpu.trim()}, Node.js ${process.version}, one process, data sets run in the order shown (FEBRL4 first, so its time includes JIT warm-up). Run time covers reading the CSVs, blocking, comparing, training (u from random pairs, EM for m and λ) and scoring; it excludes starting Node.js and loading the code. The "best" row is the threshold with the highest F1 found by sweeping the candidate pairs with the truth at hand, an oracle figure given for comparison with the published ones, not a threshold the engine chooses.`,
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
  for (const o of outcomes) {
    process.stdout.write(
      `${o.name}: F1 ${f4(o.atDefault.f1)} at p ≥ ${threshold} (P ${f4(o.atDefault.precision)}, R ${f4(o.atDefault.recall)}), best ${f4(o.best.f1)} at p ≥ ${probability(o.best.threshold)}, ${o.seconds.toFixed(2)} s\n`,
    );
  }
}

await main();
