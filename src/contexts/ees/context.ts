import type { Actor } from '../access/index.ts';
import type { IdentityIndexService } from '../matching/index.ts';
import type { AuditEntry, AuditLog, ReadLog as AuditReadLog } from '../audit/index.ts';
import type { BiometricMatching } from '../sbms/index.ts';
import type { Changes } from '../../platform/changes/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { isoDate } from '../../platform/dates.ts';
import { notFound } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Writes } from '../../platform/writes.ts';
import {
  idempotency,
  type Call as PlatformCall,
  type WriteCall as PlatformWriteCall,
} from '../../platform/calls.ts';
import { EES_ERRORS } from './errors.ts';
import type { AppealTexts } from './refusal-notice/texts.ts';
import type { EesReadModel } from './read-model.ts';
import { EesRepository, type FileBundle, type FileRow } from './repository.ts';
import { fileEraseAfter, logRetainUntil, recordEraseAfter, refusalEraseAfter } from './retention-periods.ts';

export interface EesServiceDeps {
  /**
   * The live identity index (identity core part 2): files are staged in it in their own transaction and
   * identity searches draw candidates from it as well as from SQL. Optional so that the context runs alone.
   */
  identityIndex?: IdentityIndexService;
  database: Database;
  clock: Clock;
  audit: AuditLog;
  writes: Writes;
  logger: Logger;
  /**
   * The change feed: writes append `ees.files` changes to it, and the in-process read model of files
   * (document → file, file → crossings) follows it. Without it every read goes to the database.
   */
  changes?: Changes;
  /**
   * Each member state's words on the right of appeal printed on the refusal notice (SBC art. 14(3), Annex V
   * Part B), by ISO 3166-1 alpha-2 code and language; a state without an entry prints the default sentence.
   */
  appealTexts?: AppealTexts;
  /**
   * The shared biometric matching service (2019/817 art. 13): files' templates are enrolled in its `ees`
   * partition in the file's write transaction, and the border check compares live captures with them. Without
   * it, a write that gives templates is refused (EES_BIOMETRICS_UNAVAILABLE) and nothing else changes.
   */
  biometrics?: BiometricMatching;
}

/** What every use case of the context works with. */
export interface EesContext extends EesServiceDeps {
  repo: EesRepository;
  /** Files in memory, current through the change feed; absent without a feed. */
  readModel?: EesReadModel;
}

/** Topic of every change to an individual file or anything linked to it; refs are file ids. */
export const FILES_TOPIC = 'ees.files';

/**
 * Appends `ees.files` changes for these files in the caller's transaction (after its row locks, before its
 * audit record): every node's read model reloads them once the transaction has committed.
 */
export async function recordFileChanges(
  ctx: EesContext,
  trx: Executor,
  fileIds: readonly string[],
): Promise<void> {
  await ctx.changes?.record(trx, FILES_TOPIC, [...new Set(fileIds)]);
}

/** Who asks, why, and under which request id (for the log); see src/platform/calls.ts. */
export type Call = PlatformCall<Actor>;
/** A write: may carry an `Idempotency-Key`, so that a retry returns the first result. */
export type WriteCall = PlatformWriteCall<Actor>;

export const today = (ctx: EesContext): string => isoDate(ctx.clock.now());

export { idempotency };

/** Legal bases logged with each operation (EES art. 46(1)). */
export const LEGAL_BASIS = {
  file: 'Reg. (EU) 2017/2226 arts. 16-17',
  entry: 'Reg. (EU) 2017/2226 art. 16(2)',
  exit: 'Reg. (EU) 2017/2226 art. 16(3)',
  refusal: 'Reg. (EU) 2017/2226 art. 18',
  decision: 'Reg. (EU) 2017/2226 art. 19',
  search: 'Reg. (EU) 2017/2226 art. 23',
  consult: 'Reg. (EU) 2017/2226 arts. 23-24',
  verification: 'Reg. (EU) 2017/2226 art. 26',
  overstayers: 'Reg. (EU) 2017/2226 art. 12',
  traveller: 'Reg. (EU) 2017/2226 art. 13(1)',
  carrier: 'Reg. (EU) 2017/2226 art. 13(3)',
  retention: 'Reg. (EU) 2017/2226 art. 34',
} as const;

/** What a use case says about one operation for the EES log (EES art. 46). */
export interface LogEntry {
  purpose: string | null;
  operation: string;
  legalBasis: string;
  recordRefs?: readonly string[];
  queryDataTypes?: readonly string[];
  queryDataHash?: string | null;
  resultSummary: string;
  /** Erasure day of the data concerned; the log record is kept a year longer (art. 46(4)). */
  dataEraseAfter: string | null;
  outcome?: 'success' | 'denied';
}

function auditEntry(ctx: EesContext, call: Call, entry: LogEntry): AuditEntry {
  return {
    actor: call.actor,
    system: 'ees',
    operation: entry.operation,
    outcome: entry.outcome ?? 'success',
    purpose: entry.purpose,
    legalBasis: entry.legalBasis,
    recordRefs: entry.recordRefs ?? [],
    queryDataTypes: entry.queryDataTypes ?? [],
    queryDataHash: entry.queryDataHash ?? null,
    resultSummary: entry.resultSummary,
    requestId: call.requestId ?? null,
    retainUntil: logRetainUntil(entry.dataEraseAfter, today(ctx)),
  };
}

/** Writes one EES log record in the caller's transaction (EES art. 46): for writes. */
export async function log(ctx: EesContext, trx: Executor, call: Call, entry: LogEntry): Promise<void> {
  // A caller that stopped waiting (a portal source past its timeout) received nothing: the transaction
  // rolls back here, with no log record of an access that did not happen.
  call.signal?.throwIfAborted();
  await ctx.audit.record(trx, auditEntry(ctx, call, entry));
}

/** The log records a read adds while it runs; they are written once it is done. */
export type ReadLog = AuditReadLog<Call, LogEntry>;

/**
 * Runs a read outside any transaction, then writes its log records by group commit and returns only once
 * they are committed: no access without a log record (EES art. 46). A search may read a streaming replica when
 * one is configured (the primary after this session's writes); the checks and file views read the primary.
 */
export function readThenLog<T>(
  ctx: EesContext,
  read: (db: Executor, logs: ReadLog) => Promise<T>,
  options: { replica?: boolean } = {},
): Promise<T> {
  return ctx.audit.readThenLog(
    options.replica === true ? ctx.database.read : ctx.database.db,
    (call: Call, entry: LogEntry) => auditEntry(ctx, call, entry),
    read,
  );
}

/** The file, locked for the rest of the transaction, or EES_FILE_NOT_FOUND. */
export async function lockedFile(ctx: EesContext, trx: Executor, fileId: string): Promise<FileRow> {
  const file = await ctx.repo.lockFile(trx, fileId);
  if (file === undefined) {
    throw notFound(EES_ERRORS.fileNotFound, `There is no EES individual file "${fileId}".`, { fileId });
  }
  return file;
}

export async function existingFile(ctx: EesContext, db: Executor, fileId: string): Promise<FileRow> {
  const file = await ctx.repo.findFile(db, fileId);
  if (file === undefined) {
    throw notFound(EES_ERRORS.fileNotFound, `There is no EES individual file "${fileId}".`, { fileId });
  }
  return file;
}

/**
 * Recomputes the erasure day of every row of the file from its records (EES art. 34) and the overstayer
 * flag of the file; returns the bundle as stored afterwards.
 */
export async function refreshRetention(ctx: EesContext, trx: Executor, fileId: string): Promise<FileBundle> {
  const file = await existingFile(ctx, trx, fileId);
  const before = await ctx.repo.bundle(trx, file);
  const records = before.records.map((r) => ({
    id: r.id,
    exitDate: r.exit_date,
    familyMember: r.family_member,
    eraseAfter: recordEraseAfter({
      entryDate: r.entry_date,
      exitDate: r.exit_date,
      authorisedUntil: r.authorised_until,
      familyMember: r.family_member,
    }),
  }));
  const refusals = before.refusals.map((r) => ({ id: r.id, eraseAfter: refusalEraseAfter(r.refusal_date) }));
  const eraseAfter = fileEraseAfter({ createdOn: isoDate(file.created_at), records, refusals });
  const overstayer = before.records.some((r) => r.exit_at === null && r.overstayer);
  await ctx.repo.setEraseAfter(trx, fileId, { eraseAfter, overstayer }, records, refusals);
  await recordFileChanges(ctx, trx, [fileId]);
  return ctx.repo.bundle(trx, await existingFile(ctx, trx, fileId));
}
