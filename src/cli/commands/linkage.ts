import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { isAppError } from '../../platform/errors.ts';
import {
  clusterRecords,
  explainPair,
  identityConfig,
  matchesAbove,
  parseLinkageConfig,
  readCsvTable,
  runLinkage,
} from '../../contexts/matching/index.ts';
import type { LinkageConfig, LinkageRun, LinkageStage, Table } from '../../contexts/matching/index.ts';
import { progressBar } from '../progress.ts';
import { CliFailure, EXIT, printJson } from '../support.ts';

interface CommonOptions {
  config?: string;
  out?: string;
  threshold?: string;
  explain?: boolean;
}

/** Runs `fn`, turning the engine's errors into a message and exit code (never a stack trace). */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isAppError(err)) {
      throw new CliFailure(`${err.message} [${err.code}]`, EXIT.dataError);
    }
    throw err;
  }
}

function requireFile(path: string, what: string): void {
  if (!existsSync(path)) {
    throw new CliFailure(`${what} "${path}" does not exist.`, EXIT.usage);
  }
}

function loadConfig(path: string | undefined): LinkageConfig {
  if (path === undefined) {
    return identityConfig();
  }
  requireFile(path, 'The configuration file');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CliFailure(
      `The configuration file "${path}" is not JSON: ${err instanceof Error ? err.message : String(err)}`,
      EXIT.dataError,
    );
  }
  return guarded(() => parseLinkageConfig(json));
}

function loadTable(path: string): Table {
  requireFile(path, 'The input file');
  return guarded(() => readCsvTable(path));
}

function parseThreshold(value: string | undefined, config: LinkageConfig): number {
  if (value === undefined) {
    return config.threshold ?? 0.5;
  }
  const t = Number(value);
  if (value.trim() === '' || !Number.isFinite(t) || t < 0 || t > 1) {
    throw new CliFailure(`--threshold must be a probability between 0 and 1, got "${value}".`, EXIT.usage);
  }
  return t;
}

/** A progress bar per stage, on standard error when it is a terminal. */
function stageProgress(): { update(stage: LinkageStage, done: number, total: number): void; stop(): void } {
  let current: { stage: LinkageStage; bar: ReturnType<typeof progressBar> } | undefined;
  return {
    update(stage, done, total) {
      if (current?.stage !== stage) {
        current?.bar.stop();
        current = { stage, bar: progressBar(stage) };
      }
      current.bar.update(done, total);
    },
    stop() {
      current?.bar.stop();
    },
  };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The rows of the output CSV: one per pair at or above the threshold, with its explanation if asked. */
function pairRows(run: LinkageRun, threshold: number, explain: boolean): string[][] {
  const header = ['left_id', 'right_id', 'probability'];
  if (explain) {
    header.push('match_weight', 'scored_by', 'prior_weight');
    for (const c of run.model.comparisons) {
      header.push(`${c.name}_level`, `${c.name}_weight`);
    }
  }
  const rows = [header];
  for (const pair of matchesAbove(run, threshold)) {
    const a = run.left[pair.left];
    const b = run.right[pair.right];
    if (a === undefined || b === undefined) {
      continue;
    }
    const row = [a.id, b.id, String(round(pair.probability, 6))];
    if (explain) {
      const e = explainPair(run.model, a, b);
      // scored_by: the training session whose block the pair is in (its own prior and u), or "population".
      row.push(String(round(e.matchWeight, 4)), e.session ?? 'population', String(round(e.priorWeight, 4)));
      for (const c of e.comparisons) {
        row.push(c.level, String(round(c.weight, 4)));
      }
    }
    rows.push(row);
  }
  return rows;
}

function execute(
  config: LinkageConfig,
  input: { left: Table; right?: Table },
  opts: CommonOptions,
  clustersPath?: string,
): void {
  const threshold = parseThreshold(opts.threshold, config);
  const progress = stageProgress();
  const started = performance.now();
  let run: LinkageRun;
  try {
    run = guarded(() =>
      runLinkage(config, input, { onProgress: (stage, done, total) => progress.update(stage, done, total) }),
    );
  } finally {
    progress.stop();
  }
  const rows = pairRows(run, threshold, opts.explain === true);
  const csv = stringify(rows);
  if (opts.out === undefined || opts.out === '-') {
    process.stdout.write(csv);
  } else {
    writeFileSync(opts.out, csv);
  }
  let persons: number | undefined;
  if (clustersPath !== undefined) {
    const ids = run.left.map((r) => r.id);
    const matched = matchesAbove(run, threshold).map((p) => [p.left, p.right] as const);
    const personOf = clusterRecords(ids, matched);
    writeFileSync(
      clustersPath,
      stringify([['record_id', 'person_id'], ...ids.map((id) => [id, personOf.get(id) ?? id])]),
    );
    persons = new Set(personOf.values()).size;
  }
  const summary = {
    matches: rows.length - 1,
    threshold,
    candidatePairs: run.pairs.length,
    // Blocks that a rule's maxBlockSize kept from being expanded into pairs (keys too common to block on).
    ...(run.pairs.skipped === undefined || run.pairs.skipped.length === 0
      ? {}
      : { skippedBlocks: run.pairs.skipped }),
    possiblePairs: run.training.possiblePairs,
    prior: run.training.prior,
    emIterations: run.training.iterations,
    ...(run.training.sessions === undefined
      ? {}
      : {
          sessions: run.training.sessions.map((t) => ({
            name: t.name,
            pairs: t.trainedPairs,
            estimated: t.estimated,
            prior: round(t.prior, 4),
          })),
        }),
    seconds: round((performance.now() - started) / 1000, 3),
    ...(persons === undefined ? {} : { persons }),
    ...(opts.out === undefined || opts.out === '-' ? {} : { out: opts.out }),
  };
  if (opts.out === undefined || opts.out === '-') {
    process.stderr.write(`${JSON.stringify(summary)}\n`);
  } else {
    printJson(summary);
  }
}

const CONFIG_HELP =
  'linkage configuration (JSON); without it the identity configuration applies (columns id, surname, given_names, birth_date, sex, nationality, place_of_birth, document_number)';

/** `interlink link` and `interlink dedupe`: batch record linkage of CSV files. */
export function registerLinkageCommands(program: Command): void {
  program
    .command('link')
    .description(
      'Link the records of two CSV files: writes left_id,right_id,probability for every pair judged a match',
    )
    .requiredOption('--left <file>', 'first CSV file (header row required)')
    .requiredOption('--right <file>', 'second CSV file')
    .option('--config <file>', CONFIG_HELP)
    .option('--out <file>', 'output CSV (standard output when absent)')
    .option('--threshold <p>', "match probability threshold (the configuration's, 0.5 by default)")
    .option('--explain', 'add the match weight and every comparison level and weight')
    .action((opts: CommonOptions & { left: string; right: string }) => {
      const config = loadConfig(opts.config);
      execute(config, { left: loadTable(opts.left), right: loadTable(opts.right) }, opts);
    });

  program
    .command('dedupe')
    .description(
      'Find the records of one CSV file that are the same person: writes left_id,right_id,probability',
    )
    .requiredOption('--input <file>', 'CSV file (header row required)')
    .option('--config <file>', CONFIG_HELP)
    .option('--out <file>', 'output CSV (standard output when absent)')
    .option('--threshold <p>', "match probability threshold (the configuration's, 0.5 by default)")
    .option('--explain', 'add the match weight and every comparison level and weight')
    .option('--clusters <file>', 'also write record_id,person_id: the persons formed by the matched pairs')
    .action((opts: CommonOptions & { input: string; clusters?: string }) => {
      const config = loadConfig(opts.config);
      execute(config, { left: loadTable(opts.input) }, opts, opts.clusters);
    });
}
