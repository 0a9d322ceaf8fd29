import { randomUUID } from 'node:crypto';
import { requireAccess, type Actor } from '../access/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { addYears, isoDate } from '../../platform/dates.ts';
import { hashEvent } from './chain.ts';
import type { AuditEntry, AuditEvent, AuditFilter, VerifyReport } from './model.ts';
import { AuditRepository } from './repository.ts';

/**
 * Default log retention when a context does not set one: three years, the longest of the minimum periods in
 * regulations digest §8.1 for logs (SIS national logs, 2018/1862 art. 12(4)). Contexts pass their own
 * `retainUntil` where their rule differs (e.g. EES art. 46(4): one year after the data's retention ends).
 */
export const DEFAULT_LOG_RETENTION_YEARS = 3;

export interface AuditLogDeps {
  database: Database;
  clock: Clock;
}

/** The append-only, hash-chained access log shared by every system. */
export class AuditLog {
  readonly #repo = new AuditRepository();
  readonly #deps: AuditLogDeps;

  constructor(deps: AuditLogDeps) {
    this.#deps = deps;
  }

  /**
   * Appends one record inside the caller's transaction, so that the record exists exactly when the
   * operation it describes was committed.
   */
  async record(trx: Executor, entry: AuditEntry): Promise<AuditEvent> {
    const chain = await this.#repo.lockChain(trx);
    const now = this.#deps.clock.now();
    const a = entry.actor;
    const base: Omit<AuditEvent, 'hash'> = {
      seq: chain.head_seq + 1,
      id: randomUUID(),
      at: now.toISOString(),
      system: entry.system,
      component: entry.component ?? null,
      operation: entry.operation,
      outcome: entry.outcome,
      actorKind: a.kind,
      userId: a.userId,
      username: a.username,
      authorityId: a.authorityId,
      authorityName: a.authorityName,
      authorityType: a.authorityType,
      memberState: a.memberState,
      profile: a.profile.name,
      purpose: entry.purpose ?? null,
      legalBasis: entry.legalBasis ?? null,
      queryDataTypes: [...(entry.queryDataTypes ?? [])],
      queryDataHash: entry.queryDataHash ?? null,
      resultSummary: entry.resultSummary ?? null,
      recordRefs: [...(entry.recordRefs ?? [])],
      linkChanges: entry.linkChanges ?? null,
      requestId: entry.requestId ?? null,
      retainUntil: entry.retainUntil ?? isoDate(addYears(now, DEFAULT_LOG_RETENTION_YEARS)),
      prevHash: chain.head_hash,
    };
    const event: AuditEvent = { ...base, hash: hashEvent(base) };
    await this.#repo.append(trx, event);
    return event;
  }

  /** Records one operation in a transaction of its own (for reads that write nothing else). */
  async recordNow(entry: AuditEntry): Promise<AuditEvent> {
    return this.#deps.database.db.transaction().execute((trx) => this.record(trx, entry));
  }

  /** The data protection officer's view of the log, newest first. */
  async list(input: {
    actor: Actor;
    purpose: string | null;
    filter: AuditFilter;
    requestId?: string;
  }): Promise<{
    events: AuditEvent[];
    nextBefore: number | null;
  }> {
    const purpose = requireAccess({ actor: input.actor, permission: 'audit:read', purpose: input.purpose });
    const { db } = this.#deps.database;
    const events = await this.#repo.list(db, input.filter);
    await this.recordNow({
      actor: input.actor,
      system: 'audit',
      operation: 'audit.read',
      outcome: 'success',
      purpose,
      queryDataTypes: Object.entries(input.filter)
        .filter(([k, v]) => v !== undefined && k !== 'limit' && k !== 'before')
        .map(([k]) => k),
      resultSummary: `${events.length} records`,
      requestId: input.requestId ?? null,
    });
    const last = events.at(-1);
    return { events, nextBefore: events.length === input.filter.limit && last ? last.seq : null };
  }

  /** Verification requested by a person; the request is itself logged. */
  async verifyAs(input: { actor: Actor; purpose: string | null; requestId?: string }): Promise<VerifyReport> {
    const purpose = requireAccess({ actor: input.actor, permission: 'audit:verify', purpose: input.purpose });
    const report = await this.verify();
    await this.recordNow({
      actor: input.actor,
      system: 'audit',
      operation: 'audit.verify',
      outcome: 'success',
      purpose,
      resultSummary: report.ok
        ? `chain intact (${report.checked} records)`
        : `chain broken at ${report.firstBadSeq}`,
      requestId: input.requestId ?? null,
    });
    return report;
  }

  /**
   * Walks the chain from its anchor and names the first record that was changed, inserted or removed.
   * `onProgress` is called with the number of records checked so far.
   */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyReport> {
    const { db } = this.#deps.database;
    const chain = await this.#repo.readChain(db);
    const total = await this.#repo.count(db);
    let expectedSeq = chain.anchor_seq + 1;
    let prevHash = chain.anchor_hash;
    let checked = 0;
    const fail = (seq: number, problem: string): VerifyReport => ({
      ok: false,
      checked,
      firstBadSeq: seq,
      problem,
    });
    for (;;) {
      const page = await this.#repo.page(db, expectedSeq - 1, 1000);
      if (page.length === 0) {
        break;
      }
      for (const e of page) {
        if (e.seq !== expectedSeq) {
          return fail(expectedSeq, `record ${expectedSeq} is missing (next present record is ${e.seq})`);
        }
        if (e.prevHash !== prevHash) {
          return fail(
            e.seq,
            `record ${e.seq} does not follow record ${e.seq - 1}: a record was removed or inserted`,
          );
        }
        const { hash, ...rest } = e;
        if (hashEvent(rest) !== hash) {
          return fail(e.seq, `record ${e.seq} was changed after it was written`);
        }
        prevHash = hash;
        expectedSeq += 1;
        checked += 1;
      }
      onProgress?.(checked, total);
    }
    if (expectedSeq - 1 !== chain.head_seq || prevHash !== chain.head_hash) {
      return fail(
        expectedSeq,
        `the log ends at record ${expectedSeq - 1} but ${chain.head_seq} records were written: records were removed from its end`,
      );
    }
    if (total !== checked) {
      return fail(chain.anchor_seq, `${total - checked} records lie outside the retained chain`);
    }
    return { ok: true, checked, firstBadSeq: null, problem: null };
  }

  /** Retention of the log itself: drops the expired prefix of the chain. */
  async prune(trx: Executor, today: string): Promise<number> {
    return this.#repo.prune(trx, today);
  }
}
