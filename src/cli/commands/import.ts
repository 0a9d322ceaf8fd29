import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { importFile, type ImportReject } from '../../flows/import/index.ts';
import { withServices } from '../context.ts';
import { progressBar } from '../progress.ts';
import { CliFailure, EXIT, printJson } from '../support.ts';

/** import ees|sis|etias: bulk load of records in the API's shapes, one per line (docs/import.md). */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      "Bulk-load EES files with their crossings, SIS alerts or ETIAS applications (with their automated processing) from NDJSON in the API's shapes (see docs/import.md); resumable: a re-run skips stored ids",
    )
    .argument('<system>', 'ees, sis or etias')
    .requiredOption('--input <file>', 'NDJSON file, one record per line (- for standard input)')
    .option(
      '--rejects <file>',
      'where rejected lines go, as NDJSON {line, id, code, message} (default <input>.rejects.ndjson)',
    )
    .option('--batch-size <n>', 'records per transaction', '2000')
    .option('--json', 'print the summary as JSON')
    .action(
      async (
        system: string,
        opts: { input: string; rejects?: string; batchSize: string; json?: boolean },
      ) => {
        if (system !== 'ees' && system !== 'sis' && system !== 'etias') {
          throw new CliFailure(`unknown system "${system}": use ees, sis or etias`, EXIT.usage);
        }
        const batchSize = Number(opts.batchSize);
        if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
          throw new CliFailure('--batch-size must be a whole number from 1 to 100000', EXIT.usage);
        }
        let size = 0;
        if (opts.input !== '-') {
          try {
            size = statSync(opts.input).size;
          } catch {
            throw new CliFailure(`cannot read ${opts.input}`, EXIT.dataError);
          }
        }
        const rejectsPath =
          opts.rejects ?? (opts.input === '-' ? 'import.rejects.ndjson' : `${opts.input}.rejects.ndjson`);
        const rejects = createWriteStream(rejectsPath, { encoding: 'utf8' });
        const writeReject = async (r: ImportReject) => {
          if (!rejects.write(`${JSON.stringify(r)}\n`)) {
            await once(rejects, 'drain');
          }
        };
        const bar = progressBar(`import ${system} (bytes)`);
        let summary;
        try {
          summary = await withServices((s) =>
            importFile(s, opts.input, {
              system: system,
              batchSize,
              applyInProcess: false,
              onReject: writeReject,
              onProgress: (p) => bar.update(p.bytes, Math.max(size, p.bytes)),
            }),
          );
        } finally {
          bar.stop();
          rejects.end();
          await once(rejects, 'finish');
        }
        if (opts.json) {
          printJson({ ...summary, rejectsFile: rejectsPath });
        } else {
          const rate =
            summary.durationMs > 0 ? Math.round((summary.accepted * 1000) / summary.durationMs) : 0;
          process.stdout.write(
            `import ${system}: ${summary.lines} lines: ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.skipped} skipped (stored already)` +
              `${system === 'ees' ? `; ${summary.records} entry/exit and ${summary.refusals} refusal records` : ''}` +
              `${
                summary.byStatus === undefined
                  ? ''
                  : `; ${Object.entries(summary.byStatus)
                      .map(([k, n]) => `${n} ${k}`)
                      .join(', ')}`
              }` +
              ` in ${summary.batches} batches, ${(summary.durationMs / 1000).toFixed(1)} s (${rate} records/s)\n` +
              (summary.rejected > 0 ? `rejected lines with their reasons: ${rejectsPath}\n` : ''),
          );
        }
        if (summary.rejected > 0) {
          process.exitCode = EXIT.dataError;
        }
      },
    );
}
