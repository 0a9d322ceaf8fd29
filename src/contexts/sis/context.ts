import type { Actor, Purpose } from '../access/index.ts';
import type { IdentityIndexService } from '../matching/index.ts';
import type { AuditEntry, AuditLog, ReadLog as AuditReadLog } from '../audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { isoDate, plusMonths, plusYears } from '../../platform/dates.ts';
import type { Writes } from '../../platform/writes.ts';
import {
  idempotency,
  type Call as PlatformCall,
  type WriteCall as PlatformWriteCall,
} from '../../platform/calls.ts';
import type { Changes } from '../../platform/changes/index.ts';
import type { MidLinkNotices } from '../mid/index.ts';
import type { BiometricMatching } from '../sbms/index.ts';
import type { SisReadModel, SisReads } from './read-model.ts';
import { SisRepository } from './repository.ts';
import type { SisSettings } from './settings.ts';

export interface SisServiceDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  writes: Writes;
  /**
   * The change feed: every alert written or erased appends a `sis.alerts` change, and the alert-change
   * announcements ({@link SisService.onAlertChange}) follow the feed, on every node.
   */
  changes?: Changes;
  settings: SisSettings;
  /**
   * The live identity index (identity core part 2): the confirmed identity of each person alert is staged in
   * it with the alert's own transaction, and person searches draw candidates from it as well as from SQL.
   */
  identityIndex?: IdentityIndexService;
  /**
   * The shared biometric matching service (2019/817 arts. 12-16): person alerts' templates are enrolled in its
   * `sis` partition in the alert's own write transaction and searched there (2018/1862 art. 43). Without
   * it, an alert with templates is refused and a biometric search finds nothing.
   */
  biometrics?: BiometricMatching;
  /**
   * The multiple-identity detector's links (2019/817 and 2019/818 art. 26): the officer's person search shows
   * those of the alerts found that the officer may see. Without it, results carry no links.
   */
  linkNotices?: MidLinkNotices;
}

/** What every use case of the context works with. */
export interface SisContext extends SisServiceDeps {
  repo: SisRepository;
  /**
   * Where the document and object searches read alerts and identifiers: the read model (memory, kept by the
   * change feed) when there is a feed, else the repository.
   */
  reads: SisReads;
  readModel?: SisReadModel;
}

/** Who asks, why, and under which request id (for the log); see src/platform/calls.ts. */
export type Call = PlatformCall<Actor>;
/** A write: may carry an `Idempotency-Key`, so that a retry returns the first result. */
export type WriteCall = PlatformWriteCall<Actor>;

/**
 * Entering, changing, extending, reviewing and deleting an alert is the issuing state's management of its
 * own alert (2018/1862 arts. 20 and 53; 2018/1861 arts. 24 and 39), not a check of a person or object
 * under 2018/1862 art. 44: those operations run under the `alert-management` purpose only, whatever
 * else the profile may name (the purpose is logged with each of them, art. 12).
 */
export const ALERT_MANAGEMENT: readonly Purpose[] = ['alert-management'];

/**
 * The legal basis logged with a search made by ETIAS automated processing (purpose `etias-examination`): the
 * ETIAS Central System compares each application with SIS (2018/1240 arts. 20(2), 20(4) and 23).
 */
export const ETIAS_SEARCH_BASIS = 'Reg. (EU) 2018/1240 arts. 20 and 23';

/** The legal basis of a search: the ETIAS one under `etias-examination`, else the search's own. */
export const searchBasis = (purpose: string | null, own: string): string =>
  purpose === 'etias-examination' ? ETIAS_SEARCH_BASIS : own;

export const today = (ctx: SisContext): string => isoDate(ctx.clock.now());

/** Calendar-date periods, counted as EU law counts them (platform/dates.ts). */
export { plusMonths, plusYears };

export { idempotency };

/** SIS national logs are kept 3 years (2018/1862 art. 12(4)). */
const LOG_YEARS = 3;

/** What a use case says about one operation for the SIS log (2018/1862 art. 12). */
export interface LogEntry {
  purpose: string | null;
  operation: string;
  legalBasis: string;
  recordRefs?: readonly string[];
  queryDataTypes?: readonly string[];
  resultSummary: string;
  /** Review date of the alert concerned, for alert-history records. */
  alertReviewDue?: string | null;
  outcome?: 'success' | 'denied';
}

function auditEntry(ctx: SisContext, call: Call, entry: LogEntry): AuditEntry {
  const base = plusYears(today(ctx), LOG_YEARS);
  const history = entry.alertReviewDue ? plusYears(entry.alertReviewDue, LOG_YEARS) : base;
  return {
    actor: call.actor,
    system: 'sis',
    operation: entry.operation,
    outcome: entry.outcome ?? 'success',
    purpose: entry.purpose,
    legalBasis: entry.legalBasis,
    recordRefs: entry.recordRefs ?? [],
    queryDataTypes: entry.queryDataTypes ?? [],
    resultSummary: entry.resultSummary,
    requestId: call.requestId ?? null,
    retainUntil: history > base ? history : base,
  };
}

/**
 * Writes one SIS log record in the caller's transaction (2018/1862 art. 12: date and time, data used to
 * search — the type only for biometrics —, reference to the data, user and authority). A record about an
 * alert is kept 3 years after the alert's review date at the earliest, so the alert history outlives the
 * alert as art. 12(4) asks.
 */
export async function log(ctx: SisContext, trx: Executor, call: Call, entry: LogEntry): Promise<void> {
  // A caller that stopped waiting (a portal source past its timeout) received nothing: the transaction
  // rolls back here, with no log record of an access that did not happen.
  call.signal?.throwIfAborted();
  await ctx.audit.record(trx, auditEntry(ctx, call, entry));
}

/** The log records a read adds while it runs; they are written once it is done. */
export type ReadLog = AuditReadLog<Call, LogEntry>;

/**
 * Runs a read outside any transaction, then writes its log records by group commit and returns only once
 * they are committed: no access without a log record (2018/1862 art. 12). A search may read a streaming replica when
 * one is configured (the primary after this session's writes); the checks and file views read the primary.
 */
export function readThenLog<T>(
  ctx: SisContext,
  read: (db: Executor, logs: ReadLog) => Promise<T>,
  options: { replica?: boolean } = {},
): Promise<T> {
  return ctx.audit.readThenLog(
    options.replica === true ? ctx.database.read : ctx.database.db,
    (call: Call, entry: LogEntry) => auditEntry(ctx, call, entry),
    read,
  );
}

/** Topic of every change to an alert's content or existence; refs are alert ids. */
export const ALERTS_TOPIC = 'sis.alerts';

/**
 * Topic of every hit reported or replied to; refs are hit ids (the statistics repository counts hits from it,
 * 2018/1862 art. 74(3)).
 */
export const HITS_TOPIC = 'sis.hits';

/** Appends `sis.hits` changes in the caller's transaction. */
export async function recordHitChanges(
  ctx: SisContext,
  trx: Executor,
  ids: readonly string[],
): Promise<void> {
  await ctx.changes?.record(trx, HITS_TOPIC, ids);
}

/** Appends `sis.alerts` changes in the caller's transaction (after its row locks, before its audit record). */
export async function recordAlertChanges(
  ctx: SisContext,
  trx: Executor,
  ids: readonly string[],
): Promise<void> {
  await ctx.changes?.record(trx, ALERTS_TOPIC, ids);
}
