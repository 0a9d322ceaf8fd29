import type { Actor } from '../access/index.ts';
import type { AuditEntry, AuditLog, ReadLog as AuditReadLog } from '../audit/index.ts';
import type { IdentityIndexService } from '../matching/index.ts';
import type { Changes } from '../../platform/changes/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { isoDate, plusYears } from '../../platform/dates.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Writes } from '../../platform/writes.ts';
import {
  idempotency,
  type Call as PlatformCall,
  type WriteCall as PlatformWriteCall,
} from '../../platform/calls.ts';
import type { EtiasCheck, EtiasSettings } from './model.ts';
import { EtiasRepository } from './repository.ts';

export interface EtiasServiceDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  writes: Writes;
  logger: Logger;
  settings: EtiasSettings;
  /** The change feed: every application written appends an `etias.applications` change. */
  changes?: Changes;
  /**
   * The live identity index: each applicant's identity is staged under system `etias` in the application's
   * transaction, and "same person" (earlier refusals, art. 20(2)) draws its candidates from it.
   */
  identityIndex?: IdentityIndexService;
  /** How long one system's check may take before the application is left `pending` (default 2 000 ms). */
  checkTimeoutMs?: number;
}

/** What every use case of the context works with. */
export interface EtiasContext extends EtiasServiceDeps {
  repo: EtiasRepository;
  /** The systems' checks (SIS, EES, Eurodac…), plugged in through their adapters. */
  checks: EtiasCheck[];
  /** ETIAS's own further checks (screening rules, the watchlist), plugged in by their parts of the context. */
  internalChecks: EtiasCheck[];
}

/** Who asks, why, and under which request id (for the log); see src/platform/calls.ts. */
export type Call = PlatformCall<Actor>;
/** A write: may carry an `Idempotency-Key`, so that a retry returns the first result. */
export type WriteCall = PlatformWriteCall<Actor>;

export { idempotency };

export const today = (ctx: EtiasContext): string => isoDate(ctx.clock.now());

/**
 * The ETIAS Central System (art. 6(2)(a)): the actor of automated processing, whose decisions carry no
 * person (`decided_by` null, art. 21(1)) and whose log records say so (art. 69).
 */
export const ETIAS_SYSTEM_ACTOR: Actor = Object.freeze<Actor>({
  kind: 'system',
  userId: null,
  username: 'etias-central-system',
  authorityId: null,
  authorityName: 'ETIAS Central System',
  authorityType: 'system',
  memberState: 'EU',
  profile: {
    name: 'etias-central-system',
    permissions: [],
    purposes: ['etias-examination'],
    systems: {},
  },
});

/**
 * The applicant on the public routes (art. 15: the public website; art. 31: the verification tool): no
 * account, no permission; only their own application through its id and document number.
 */
export const APPLICANT_ACTOR: Actor = Object.freeze<Actor>({
  kind: 'user',
  userId: null,
  username: 'applicant',
  authorityId: null,
  authorityName: 'ETIAS public website (applicant)',
  authorityType: 'system',
  memberState: 'EU',
  profile: {
    name: 'applicant',
    permissions: [],
    purposes: ['etias-examination'],
    systems: {},
  },
});

/** Legal bases logged with each operation (art. 69). */
export const LEGAL_BASIS = {
  application: 'Reg. (EU) 2018/1240 arts. 17-19',
  examination: 'Reg. (EU) 2018/1240 art. 20',
  verification: 'Reg. (EU) 2018/1240 art. 22',
  status: 'Reg. (EU) 2018/1240 art. 31',
  file: 'Reg. (EU) 2018/1240 arts. 22, 26',
  manual: 'Reg. (EU) 2018/1240 art. 26',
} as const;

export const EXAMINATION_PURPOSE = 'etias-examination';

/** Topic of every change to an application (its status, queue, hits); refs are application ids. */
export const APPLICATIONS_TOPIC = 'etias.applications';

/** Appends `etias.applications` changes in the caller's transaction. */
export async function recordApplicationChanges(
  ctx: EtiasContext,
  trx: Executor,
  ids: readonly string[],
): Promise<void> {
  await ctx.changes?.record(trx, APPLICATIONS_TOPIC, [...new Set(ids)]);
}

/** What a use case says about one operation for the ETIAS log (art. 69). */
export interface LogEntry {
  purpose: string | null;
  operation: string;
  legalBasis: string;
  recordRefs?: readonly string[];
  queryDataTypes?: readonly string[];
  resultSummary: string;
  /** Erasure day of the file concerned; the log record is kept a year longer (art. 69(4) [K]). */
  dataEraseAfter?: string | null;
  outcome?: 'success' | 'denied';
}

function auditEntry(ctx: EtiasContext, call: Call, entry: LogEntry): AuditEntry {
  // Art. 69(4): logs are kept for one year after the end of the file's retention period (art. 54) [K]; a
  // file without an erasure day yet is counted at the longest period (5 years) from today.
  const erase = entry.dataEraseAfter ?? plusYears(today(ctx), ctx.settings.refusedRetentionYears);
  return {
    actor: call.actor,
    system: 'etias',
    operation: entry.operation,
    outcome: entry.outcome ?? 'success',
    purpose: entry.purpose,
    legalBasis: entry.legalBasis,
    recordRefs: entry.recordRefs ?? [],
    queryDataTypes: entry.queryDataTypes ?? [],
    resultSummary: entry.resultSummary,
    requestId: call.requestId ?? null,
    retainUntil: plusYears(erase, 1),
  };
}

/** Writes one ETIAS log record in the caller's transaction (art. 69). */
export async function log(ctx: EtiasContext, trx: Executor, call: Call, entry: LogEntry): Promise<void> {
  call.signal?.throwIfAborted();
  await ctx.audit.record(trx, auditEntry(ctx, call, entry));
}

/** The log records a read adds while it runs; they are written once it is done. */
export type ReadLog = AuditReadLog<Call, LogEntry>;

/** Runs a read, then writes its log records and returns once they are committed: no access without a log. */
export function readThenLog<T>(
  ctx: EtiasContext,
  read: (db: Executor, logs: ReadLog) => Promise<T>,
): Promise<T> {
  return ctx.audit.readThenLog(
    ctx.database.db,
    (call: Call, entry: LogEntry) => auditEntry(ctx, call, entry),
    read,
  );
}
