import { createReadStream } from 'node:fs';
import type { Actor } from '../../contexts/access/index.ts';
import type { PreparedFile } from '../../contexts/ees/index.ts';
import type { IndexChange } from '../../contexts/matching/index.ts';
import type { PreparedImportedAlert } from '../../contexts/sis/index.ts';
import { openBulkSession, type BulkWriter } from '../../platform/database/bulk.ts';
import type { Executor } from '../../platform/database/index.ts';
import type { Services } from '../../services.ts';
import { importApplications } from './etias.ts';
import { IMPORT_ERRORS, idOf, parseLine, rejectOf } from './lines.ts';

export type ImportSystem = 'ees' | 'sis' | 'etias';

/** A line that was not imported, and why (a stable code and a message a person can act on). */
export interface ImportReject {
  line: number;
  id: string | null;
  code: string;
  message: string;
}

export interface ImportProgress {
  lines: number;
  bytes: number;
  accepted: number;
  rejected: number;
  skipped: number;
}

export interface ImportSummary extends ImportProgress {
  system: ImportSystem;
  batches: number;
  /** EES: entry/exit and refusal records written with the files. */
  records: number;
  refusals: number;
  /** ETIAS: the applications written, by the status automated processing gave them. */
  byStatus?: Record<string, number>;
  durationMs: number;
}

/** Called inside each batch's transaction with the ids written (e.g. to append them to a change feed). */
export type ImportBatchHook = (
  trx: Executor,
  batch: { topic: 'ees.files' | 'sis.alerts' | 'etias.applications'; ids: string[] },
) => Promise<void>;

/**
 * The actor of an import run from the command line: the system itself, allowed to write EES files and SIS
 * alerts only. Crossings are recorded for the member state of their border crossing point, alerts for the
 * issuer a line names.
 */
export const IMPORT_ACTOR: Actor = Object.freeze<Actor>({
  kind: 'system',
  userId: null,
  username: 'import',
  authorityId: null,
  authorityName: 'Interlink bulk import',
  authorityType: 'system',
  memberState: 'EU',
  profile: {
    name: 'import',
    permissions: ['ees:write', 'sis:alerts:write'],
    purposes: ['border-control', 'alert-management'],
    systems: {},
  },
});

export interface ImportOptions {
  system: ImportSystem;
  /** Default {@link IMPORT_ACTOR}. */
  actor?: Actor;
  /** Records per transaction (default 2,000). */
  batchSize?: number;
  onReject?: (reject: ImportReject) => void | Promise<void>;
  onProgress?: (progress: ImportProgress) => void;
  onBatch?: ImportBatchHook;
  /**
   * Wait after each commit until this process's read models have applied the batch from the change feed
   * (default true). A command-line import turns it off: it reads nothing back, and a running server (every
   * node) follows the feed on its own.
   */
  applyInProcess?: boolean;
}

const PURPOSE: Record<ImportSystem, string> = {
  ees: 'border-control',
  sis: 'alert-management',
  etias: 'etias-examination',
};
const DEFAULT_BATCH = 2000;

type Prepared = PreparedFile | PreparedImportedAlert;
interface Pending {
  line: number;
  prepared: Prepared;
}

/**
 * Imports records, one JSON document per line, in the API's shapes (see docs/import.md): every line is
 * checked as the API checks a request and derived as the services derive it; accepted records are written
 * in batches, one transaction per batch with its identity-index rows and one audit record. Rejected lines
 * go to `onReject` with their number; records whose id is stored already are skipped, so a run stopped at
 * any point and started again ends with the same database.
 */
export async function importLines(
  services: Services,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions,
): Promise<ImportSummary> {
  if (options.system === 'etias') {
    return importApplications(services, lines, {
      ...options,
      actor: options.actor ?? IMPORT_ACTOR,
      purpose: PURPOSE.etias,
    });
  }
  const started = Date.now();
  const system = options.system;
  const call = { actor: options.actor ?? IMPORT_ACTOR, purpose: PURPOSE[system] };
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const applyInProcess = options.applyInProcess ?? true;
  const progress: ImportProgress = { lines: 0, bytes: 0, accepted: 0, rejected: 0, skipped: 0 };
  const totals = { batches: 0, records: 0, refusals: 0 };
  /** Ids of every schema-valid line so far (duplicates are refused). */
  const seen = new Set<string>();
  /** Ids accepted or found stored (SIS links may name them). */
  const known = new Set<string>();
  /** EES: the file of this input holding each travel document. */
  const documents = new Map<string, string>();
  const reject = async (r: ImportReject) => {
    progress.rejected += 1;
    await options.onReject?.(r);
  };

  const session = await openBulkSession(services.database, services.config.databaseUrl);
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (batch: Pending[]): Promise<void> => {
    const rejects: ImportReject[] = [];
    const { changes, written } = await session.transaction(async (writer) =>
      writeBatch(services, writer, call, system, batch, { known, documents, rejects, options, totals }),
    );
    totals.batches += 1;
    progress.accepted += written.length;
    progress.skipped += batch.length - written.length - rejects.length;
    for (const r of rejects) {
      await reject(r);
    }
    if (applyInProcess) {
      services.identityIndex.apply(...changes);
      // The batch appended its ids to the change feed: this node's read models (files, alerts, identity
      // index, the hubs' object index) load them now, the other nodes at their next wake-up.
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
        const line = system === 'ees' ? parseLine('ees', text) : parseLine('sis', text);
        id = line.id;
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
        const prepared =
          system === 'ees'
            ? services.ees.prepareImport(call, line as Parameters<Services['ees']['prepareImport']>[1])
            : services.sis.prepareImport(call, line as Parameters<Services['sis']['prepareImport']>[1]);
        if ('documentKeys' in prepared) {
          const holder = prepared.documentKeys.map((k) => documents.get(k)).find((h) => h !== undefined);
          if (holder !== undefined) {
            await reject({
              line: number,
              id,
              code: 'EES_DOCUMENT_REGISTERED',
              message: `A travel document of this file already belongs to file ${holder} (an earlier line).`,
            });
            continue;
          }
          for (const k of prepared.documentKeys) {
            documents.set(k, id);
          }
        }
        batch.push({ line: number, prepared });
      } catch (err) {
        await reject(rejectOf(number, id ?? idOf(text), err));
        continue;
      }
      if (batch.length >= batchSize) {
        const full = batch;
        batch = [];
        // The next batch is checked while this one is written.
        await inFlight;
        inFlight = flush(full);
        // Its failure is raised at the next await of it, not as an unhandled rejection meanwhile.
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
  return { system, ...progress, ...totals, durationMs: Date.now() - started };
}

/** One batch, inside its transaction: skip stored ids, check against the database, write, log, hook. */
async function writeBatch(
  services: Services,
  writer: BulkWriter,
  call: { actor: Actor; purpose: string },
  system: 'ees' | 'sis',
  batch: Pending[],
  state: {
    known: Set<string>;
    documents: Map<string, string>;
    rejects: ImportReject[];
    options: ImportOptions;
    totals: { records: number; refusals: number };
  },
): Promise<{ changes: IndexChange[]; written: string[] }> {
  const ids = batch.map((p) => p.prepared.id);
  const kept: Pending[] = [];
  if (system === 'ees') {
    const files = batch.map((p) => p.prepared as PreparedFile);
    const { stored, holders } = await services.ees.importConflicts(
      writer.trx,
      ids,
      files.flatMap((f) => f.documentKeys),
    );
    for (const p of batch) {
      const f = p.prepared as PreparedFile;
      if (stored.has(f.id)) {
        continue;
      }
      const holder = f.documentKeys.map((k) => holders.get(k)).find((h) => h !== undefined && h !== f.id);
      if (holder !== undefined) {
        state.rejects.push({
          line: p.line,
          id: f.id,
          code: 'EES_DOCUMENT_REGISTERED',
          message: `A travel document of this file already belongs to file ${holder}: search by document and use that file.`,
        });
        for (const k of f.documentKeys) {
          state.documents.delete(k);
        }
        continue;
      }
      kept.push(p);
    }
  } else {
    const alerts = batch.map((p) => p.prepared as PreparedImportedAlert);
    const unknownLinks = alerts.flatMap((a) => a.links).filter((l) => !state.known.has(l));
    const stored = await services.sis.storedAlertIds(writer.trx, [...new Set([...ids, ...unknownLinks])]);
    for (const p of batch) {
      const a = p.prepared as PreparedImportedAlert;
      if (stored.has(a.id)) {
        state.known.add(a.id);
        continue;
      }
      const missing = a.links.filter((l) => !state.known.has(l) && !stored.has(l));
      if (missing.length > 0) {
        state.rejects.push({
          line: p.line,
          id: a.id,
          code: 'SIS_LINKED_ALERT_NOT_FOUND',
          message: `Linked alert(s) not found: ${missing.join(', ')}.`,
        });
        continue;
      }
      state.known.add(a.id);
      kept.push(p);
    }
  }
  const written = kept.map((p) => p.prepared.id);
  if (kept.length === 0) {
    return { changes: [], written };
  }
  const lines = `lines ${batch[0]!.line}-${batch.at(-1)!.line}`;
  const skipped = batch.length - kept.length - state.rejects.length;
  const range = `ids ${written[0]} … ${written.at(-1)}`;
  let changes: IndexChange[];
  if (system === 'ees') {
    const files = kept.map((p) => p.prepared as PreparedFile);
    const records = files.reduce((n, f) => n + f.records.length, 0);
    const refusals = files.reduce((n, f) => n + f.refusals.length, 0);
    state.totals.records += records;
    state.totals.refusals += refusals;
    changes = await services.ees.importBatch(
      writer,
      call,
      files,
      `bulk import (${lines}): ${files.length} files with ${records} entry/exit and ${refusals} refusal records written (${range}); ${skipped} stored already, ${state.rejects.length} rejected`,
    );
  } else {
    const alerts = kept.map((p) => p.prepared as PreparedImportedAlert);
    changes = await services.sis.importBatch(
      writer,
      call,
      alerts,
      `bulk import (${lines}): ${alerts.length} alerts written (${range}); ${skipped} stored already, ${state.rejects.length} rejected`,
    );
  }
  await state.options.onBatch?.(writer.trx, {
    topic: system === 'ees' ? 'ees.files' : 'sis.alerts',
    ids: written,
  });
  return { changes, written };
}

/**
 * The lines of a text stream, read with back-pressure (the next chunk is read only when the lines before it
 * were taken; `readline`'s iterator can end before the lines it buffered while the reader was busy).
 */
export async function* readLines(input: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      yield text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') {
    yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
  }
}

/** {@link importLines} over a file (streamed line by line; `-` reads standard input). */
export async function importFile(
  services: Services,
  path: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  if (path === '-') {
    process.stdin.setEncoding('utf8');
  }
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  try {
    return await importLines(services, readLines(input), options);
  } finally {
    if ('destroy' in input && input !== process.stdin) {
      input.destroy();
    }
  }
}
