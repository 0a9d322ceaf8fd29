import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import {
  generateIdentityStream,
  identityCsvHeader,
  identityCsvRows,
  type GeneratedIdentity,
} from '../../contexts/identity/index.ts';
import { AppError } from '../../platform/errors.ts';
import { progressBar } from '../progress.ts';
import { CliFailure, EXIT, printJson } from '../support.ts';

const BATCH = 2000;
// Below this many records a run takes well under a second: no progress bar.
const PROGRESS_FROM = 20_000;

/**
 * The `generate` command group, created on first use, so that other files can add their own generators
 * (`generateGroup(program).command(...)`), whichever registers first.
 */
export function generateGroup(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === 'generate');
  if (existing !== undefined) {
    return existing;
  }
  return program.command('generate').description('Generate seeded, realistic test data');
}

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) {
    throw new CliFailure(`${name} must be a whole number (got '${value}')`, EXIT.usage);
  }
  return Number(value);
}

function rate(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new CliFailure(`${name} must be a number from 0 to 1 (got '${value}')`, EXIT.usage);
  }
  return n;
}

/** Writes a chunk and waits when the stream's buffer is full, so a million records never pile up in memory. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) {
    return;
  }
  if (!out.write(chunk)) {
    await settled(out, 'drain');
  }
}

/**
 * Waits for `event` or for the stream to close, whichever comes first, then removes both listeners (a
 * million records mean hundreds of waits). A failure of the stream is recorded by its 'error' listener.
 */
async function settled(out: Writable, event: 'drain' | 'finish'): Promise<void> {
  const abort = new AbortController();
  try {
    await Promise.race([
      once(out, event, { signal: abort.signal }),
      once(out, 'close', { signal: abort.signal }),
    ]);
  } catch {
    // The stream failed or closed; the caller checks `failure`.
  } finally {
    abort.abort();
  }
}

interface IdentitiesOptions {
  count: string;
  seed: string;
  variantRate?: string;
  maxVariants?: string;
  referenceDate?: string;
  hardNegatives?: string;
  out?: string;
}

/** Registers `interlink generate identities`. */
export function registerGenerateCommands(program: Command): void {
  generateGroup(program)
    .command('identities')
    .description(
      'Write a seeded identity CSV: persons of 52 nationalities with native-script names, MRZ forms and valid ' +
        'documents, plus labelled variant records (typos, OCR errors, other transliterations, swapped or missing ' +
        'names, partial dates, birth names, aliases, nicknames, second nationality, previous document). The ' +
        '`cluster` column holds the truth. With --hard-negatives, related but different persons (namesakes, ' +
        'twins, parent and child, siblings) labelled in the `relation` and `related_cluster` columns. Same seed ' +
        'and options, same bytes.',
    )
    .requiredOption('--count <n>', 'number of records (originals and variants together)')
    .requiredOption('--seed <s>', 'seed: any text or number')
    .option('--variant-rate <r>', 'share of persons with variant records, 0 to 1 (default 0.3)')
    .option('--max-variants <n>', 'most variant records per person (default 3)')
    .option(
      '--reference-date <YYYY-MM-DD>',
      'the day ages and document validity count from (default 2026-01-01)',
    )
    .option(
      '--hard-negatives <rate>',
      'share of persons followed by a related but different person (namesake, twin, parent or child, ' +
        'sibling), 0 to 1 (default 0)',
    )
    .option('--out <file>', 'write the CSV to this file instead of standard output')
    .action(async (opts: IdentitiesOptions) => {
      const count = wholeNumber('--count', opts.count);
      let records: Generator<GeneratedIdentity>;
      try {
        records = generateIdentityStream({
          count,
          seed: opts.seed,
          ...(opts.variantRate === undefined
            ? {}
            : { variantRate: rate('--variant-rate', opts.variantRate) }),
          ...(opts.maxVariants === undefined
            ? {}
            : { maxVariantsPerPerson: wholeNumber('--max-variants', opts.maxVariants) }),
          ...(opts.referenceDate === undefined ? {} : { referenceDate: opts.referenceDate }),
          ...(opts.hardNegatives === undefined
            ? {}
            : { hardNegativeRate: rate('--hard-negatives', opts.hardNegatives) }),
        });
        // The generator validates its options on the first step; run it here to report them as usage errors.
        records = withFirst(records);
      } catch (err) {
        if (err instanceof AppError) {
          throw new CliFailure(err.message, EXIT.usage);
        }
        throw err;
      }

      const out: Writable = opts.out === undefined ? process.stdout : createWriteStream(opts.out);
      let broken = false;
      let failure: Error | undefined;
      out.on('error', (err: NodeJS.ErrnoException) => {
        broken = true;
        // A reader that stops early (`| head`) is not a failure of the generator.
        if (err.code !== 'EPIPE') {
          failure = err;
        }
      });
      const bar = count >= PROGRESS_FROM ? progressBar('identities') : undefined;
      let written = 0;
      const clusters = new Set<string>();
      try {
        await write(out, identityCsvHeader());
        let batch: GeneratedIdentity[] = [];
        for (const record of records) {
          if (broken || out.destroyed) {
            break;
          }
          batch.push(record);
          if (opts.out !== undefined && record.variantOf === null) {
            clusters.add(record.cluster);
          }
          if (batch.length === BATCH) {
            await write(out, identityCsvRows(batch));
            written += batch.length;
            batch = [];
            bar?.update(written, count);
          }
        }
        if (!broken && batch.length > 0) {
          await write(out, identityCsvRows(batch));
          written += batch.length;
          bar?.update(written, count);
        }
      } finally {
        bar?.stop();
      }
      if (opts.out !== undefined && !broken) {
        out.end();
        await settled(out, 'finish');
      }
      if (failure !== undefined) {
        throw new CliFailure(
          `cannot write the CSV${opts.out === undefined ? '' : ` to ${opts.out}`}: ${failure.message}`,
          EXIT.usage,
        );
      }
      if (opts.out !== undefined) {
        printJson({ out: opts.out, records: written, persons: clusters.size });
      }
    });
}

/** Runs a generator's first step now (so its option errors surface here) and yields everything after. */
function withFirst<T>(source: Generator<T>): Generator<T> {
  const first = source.next();
  return (function* () {
    if (first.done === true) {
      return;
    }
    yield first.value;
    yield* source;
  })();
}
