import type { Actor } from '../../contexts/access/index.ts';
import type { PreparedImport, ProcessedImport } from '../../contexts/etias/index.ts';
import { openBulkSession } from '../../platform/database/bulk.ts';
import type { Services } from '../../services.ts';
import type { ImportOptions, ImportProgress, ImportReject, ImportSummary } from './import.ts';
import { IMPORT_ERRORS, idOf, parseLine, rejectOf } from './lines.ts';

/** Applications per transaction by default: automated processing runs per application before the write. */
const DEFAULT_BATCH = 500;
/**
 * Applications whose checks run at the same time on PostgreSQL (each check is a few reads of its own system;
 * half the pool, so that the checks never wait for a connection long enough to time out). PGlite has one
 * connection: there they run one application at a time, as more would only queue into the checks' timeout.
 */
const checksInFlight = (services: Services): number =>
  services.database.kind === 'pglite' ? 1 : Math.max(1, Math.floor(services.config.databasePoolSize / 2));

interface Pending {
  line: number;
  prepared: PreparedImport;
}

/** Runs `fn` over `items` with at most `limit` at a time, results in order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * `interlink import etias`: applications in the public route's shape (plus an optional `id` and
 * `submittedAt`), one per line, checked and derived exactly as `POST /api/v1/etias/applications` does
 * (`prepareImport` of the ETIAS service), then processed as the route processes them (art. 20: every
 * registered check, the screening rules, the watchlist; `processImport`), then written a batch per
 * transaction (`COPY` on PostgreSQL) with their hits, identity-index rows and one art. 69 log record per
 * batch (`importBatch`). A re-run skips stored ids; lines without an id get one derived from the line.
 */
export async function importApplications(
  services: Services,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions & { actor: Actor; purpose: string },
): Promise<ImportSummary> {
  const started = Date.now();
  const etias = services.etias;
  const call = { actor: options.actor, purpose: options.purpose };
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const applyInProcess = options.applyInProcess ?? true;
  const progress: ImportProgress = { lines: 0, bytes: 0, accepted: 0, rejected: 0, skipped: 0 };
  const totals = { batches: 0, records: 0, refusals: 0 };
  const byStatus: Record<string, number> = {};
  const seen = new Set<string>();
  /** Travel documents of this input: the last line that holds each, and its identity data. */
  const documents = new Map<string, { line: number; person: string }>();
  const reject = async (r: ImportReject) => {
    progress.rejected += 1;
    await options.onReject?.(r);
  };

  const session = await openBulkSession(services.database, services.config.databaseUrl);
  /** The batch being processed and written; the next batch is checked (schema, validation) meanwhile. */
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (batch: Pending[]): Promise<void> => {
    const stored = await etias.storedApplicationIds(
      services.database.db,
      batch.map((p) => p.prepared.id),
    );
    const fresh = batch.filter((p) => !stored.has(p.prepared.id));
    // Automated processing (art. 20) of each application, outside the transaction: only reads. A line the
    // processing refuses (a duplicate of a stored application) is rejected with the route's code.
    const rejects: ImportReject[] = [];
    const outcomes = await mapLimited(fresh, checksInFlight(services), async (p) => {
      try {
        return { line: p.line, app: await etias.processImport(call, p.prepared) };
      } catch (err) {
        rejects.push(rejectOf(p.line, p.prepared.id, err));
        return null;
      }
    });
    const processed = outcomes.filter((o): o is { line: number; app: ProcessedImport } => o !== null);
    const result = await session.transaction(async (writer) => {
      const kept = processed.map((p) => p.app);
      if (kept.length === 0) {
        return { changes: [], written: [] as string[] };
      }
      const range = `lines ${batch[0]!.line}-${batch.at(-1)!.line}`;
      const { changes, written } = await etias.importProcessedBatch(
        writer,
        call,
        kept,
        `bulk import (${range}): ${kept.length} applications processed and written (ids ${kept[0]!.id} … ${kept.at(-1)!.id}); ${batch.length - fresh.length} stored already`,
      );
      await options.onBatch?.(writer.trx, { topic: 'etias.applications', ids: written });
      return { changes, written };
    });
    for (const p of processed) {
      if (result.written.includes(p.app.id)) {
        byStatus[p.app.status] = (byStatus[p.app.status] ?? 0) + 1;
      }
    }
    totals.batches += 1;
    progress.accepted += result.written.length;
    progress.skipped += batch.length - result.written.length - rejects.length;
    for (const r of rejects) {
      await reject(r);
    }
    if (applyInProcess) {
      services.identityIndex.apply(...result.changes);
      await services.changes.sync();
    }
    options.onProgress?.({ ...progress });
  };

  try {
    let batch: Pending[] = [];
    let number = 0;
    for await (const text of lines) {
      number += 1;
      progress.lines += 1;
      progress.bytes += Buffer.byteLength(text) + 1;
      let id: string | null = null;
      try {
        const line = parseLine('etias', text);
        const prepared = etias.prepareSubmittedImport(call, line);
        id = prepared.id;
        if (seen.has(id)) {
          await reject({
            line: number,
            id,
            code: IMPORT_ERRORS.duplicateId,
            message: `An earlier line of this input has the id "${id}"; each record once.`,
          });
          continue;
        }
        seen.add(id);
        const person = `${prepared.prepared.surnameNorm}|${prepared.prepared.givenNamesNorm}|${prepared.prepared.input.birthDate}`;
        const earlier = documents.get(prepared.documentKey);
        if (earlier?.person === person) {
          // The route's rule: the same document and identity data as an application being examined or issued.
          await reject({
            line: number,
            id,
            code: 'ETIAS_DUPLICATE_APPLICATION',
            message: `Line ${earlier.line} is an application for the same travel document and person; each application once.`,
          });
          continue;
        }
        if (earlier !== undefined) {
          // The same document with other identity data is a hit (art. 20(2)): the earlier line is written
          // first, so that this one's checks see it as the route would.
          await inFlight;
          if (batch.length > 0) {
            const full = batch;
            batch = [];
            await flush(full);
          }
        }
        documents.set(prepared.documentKey, { line: number, person });
        batch.push({ line: number, prepared });
      } catch (err) {
        await reject(rejectOf(number, id ?? idOf(text), err));
        continue;
      }
      if (batch.length >= batchSize) {
        const full = batch;
        batch = [];
        await inFlight;
        inFlight = flush(full);
        inFlight.catch(() => undefined);
      }
    }
    await inFlight;
    if (batch.length > 0) {
      await flush(batch);
    }
  } finally {
    await inFlight.catch(() => undefined);
    await session.close();
  }
  return { system: 'etias', ...progress, ...totals, byStatus, durationMs: Date.now() - started };
}
