import type { Actor, Purpose } from '../access/index.ts';
import type { IdentityIndexService } from '../matching/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { Changes } from '../../platform/changes/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { addYears, isoDate } from '../../platform/dates.ts';
import type { IdempotencyRequest, Writes } from '../../platform/writes.ts';
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

/** Who asks, why, and under which request id (for the log). */
export interface Call {
  actor: Actor;
  /** Purpose from the `X-Interlink-Purpose` header; checked against the actor's profile. */
  purpose: string | null;
  requestId?: string;
}

/** A write: may carry an `Idempotency-Key`, so that a retry returns the first result. */
export interface WriteCall extends Call {
  idempotencyKey?: string | null;
}

/**
 * Entering, changing, extending, reviewing and deleting an alert is the issuing state's management of its
 * own alert (2018/1862 arts. 20 and 53; 2018/1861 arts. 24 and 39), not a check of a person or object
 * under 2018/1862 art. 44: those operations run under the `alert-management` purpose only, whatever
 * else the profile may name (the purpose is logged with each of them, art. 12).
 */
export const ALERT_MANAGEMENT: readonly Purpose[] = ['alert-management'];

export const today = (ctx: SisContext): string => isoDate(ctx.clock.now());

/** A calendar date `years` after the date given (`YYYY-MM-DD`). */
export function plusYears(date: string, years: number): string {
  return isoDate(addYears(new Date(`${date}T00:00:00Z`), years));
}

/** A calendar date `months` after the date given, clamped to the month's last day. */
export function plusMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return isoDate(target);
}

export function idempotency(call: WriteCall, operation: string, request: unknown): IdempotencyRequest | null {
  if (call.idempotencyKey === null || call.idempotencyKey === undefined) {
    return null;
  }
  return {
    scope: `${call.actor.userId ?? call.actor.username}:${operation}`,
    key: call.idempotencyKey,
    request,
  };
}

/** SIS national logs are kept 3 years (2018/1862 art. 12(4)). */
const LOG_YEARS = 3;

/**
 * Writes one SIS log record in the caller's transaction (2018/1862 art. 12: date and time, data used to
 * search — the type only for biometrics —, reference to the data, user and authority). A record about an
 * alert is kept 3 years after the alert's review date at the earliest, so the alert history outlives the
 * alert as art. 12(4) asks.
 */
export async function log(
  ctx: SisContext,
  trx: Executor,
  call: Call,
  entry: {
    purpose: string | null;
    operation: string;
    legalBasis: string;
    recordRefs?: readonly string[];
    queryDataTypes?: readonly string[];
    resultSummary: string;
    /** Review date of the alert concerned, for alert-history records. */
    alertReviewDue?: string | null;
    outcome?: 'success' | 'denied';
  },
): Promise<void> {
  const base = plusYears(today(ctx), LOG_YEARS);
  const history = entry.alertReviewDue ? plusYears(entry.alertReviewDue, LOG_YEARS) : base;
  await ctx.audit.record(trx, {
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
  });
}

/** Topic of every change to an alert's content or existence; refs are alert ids. */
export const ALERTS_TOPIC = 'sis.alerts';

/** Appends `sis.alerts` changes in the caller's transaction (after its row locks, before its audit record). */
export async function recordAlertChanges(
  ctx: SisContext,
  trx: Executor,
  ids: readonly string[],
): Promise<void> {
  await ctx.changes?.record(trx, ALERTS_TOPIC, ids);
}
