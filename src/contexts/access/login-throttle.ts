import type { AuditEntry, AuditLog } from '../audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from './model.ts';
import type { AccessRepository, LoginThrottleRow } from './repository.ts';

/** How failed logins are answered and logged; see the README configuration table. */
export interface LoginThrottleSettings {
  /** Failed attempts in a row after which an account name is locked. */
  readonly lockAfterFailures: number;
  /** Length of the first lock; each further lock in a streak doubles it. */
  readonly lockSeconds: number;
  /** Upper bound of one lock. */
  readonly lockMaxSeconds: number;
  /** At most one audit record of failed attempts per account name and window (plus one per lock). */
  readonly auditWindowSeconds: number;
}

/** A failure streak is forgotten a day after its last failure (and after a successful login at once). */
const STREAK_MEMORY_MS = 24 * 3600 * 1000;

export interface LoginThrottleDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  repo: AccessRepository;
  settings: LoginThrottleSettings;
  /** The actor a failed attempt is logged under (the user's, when the name is known). */
  anonymousActor: (account: string) => Actor;
}

/** Accounts are counted by their lower-case name, whether or not such a user exists. */
export const accountKey = (username: string) => username.toLowerCase();

const plural = (n: number) => `${n} failed login attempt${n === 1 ? '' : 's'}`;

/**
 * Per-account protection of the login: after `lockAfterFailures` failures in a row the account name is locked
 * for `lockSeconds`, doubling with each further lock up to `lockMaxSeconds`; while locked even the right
 * password is refused. Unknown names are treated exactly like known ones, so a lock says nothing about whether
 * the account exists.
 *
 * Failed attempts are written to the audit log collapsed: the first failure of a window is one record; later
 * ones are counted in the throttle row and written as one summary record (carrying the count) at the next lock,
 * the next successful login, the first attempt after the window, or the retention run after the window,
 * whichever comes first. The count lives in the database until it is written, so no attempt goes unlogged and
 * the log grows by a bounded number of records per account and window.
 */
export class LoginThrottle {
  readonly #deps: LoginThrottleDeps;

  constructor(deps: LoginThrottleDeps) {
    this.#deps = deps;
  }

  /** Refuses an attempt on a locked account name (counted for the audit log) before any password is checked. */
  async refuseIfLocked(username: string, requestId: string | null): Promise<void> {
    const { db } = this.#deps.database;
    const account = accountKey(username);
    const now = this.#deps.clock.now();
    const peek = await this.#deps.repo.findThrottle(db, account);
    if (!peek?.locked_until || peek.locked_until <= now) {
      return;
    }
    const lockedUntil = await db.transaction().execute(async (trx) => {
      const row = await this.#deps.repo.lockThrottle(trx, account, now);
      if (!row.locked_until || row.locked_until <= now) {
        return null;
      }
      const next = { ...row };
      await this.#countUnlogged(trx, next, now, requestId);
      await this.#deps.repo.saveThrottle(trx, next);
      return row.locked_until;
    });
    if (lockedUntil !== null) {
      throw lockedError(lockedUntil, now);
    }
  }

  /**
   * Counts a failed attempt in the caller's transaction and writes what the audit log needs of it. Returns the
   * end of the lock when this failure locked the account name.
   */
  async failed(
    trx: Executor,
    input: { username: string; actor: Actor; requestId: string | null },
  ): Promise<Date | null> {
    const { repo, settings } = this.#deps;
    const account = accountKey(input.username);
    const now = this.#deps.clock.now();
    const row = await repo.lockThrottle(trx, account, now);
    const next: LoginThrottleRow = { ...row };
    const windowOpen = row.audit_window_ends_at !== null && row.audit_window_ends_at > now;
    if (!windowOpen) {
      await this.#flush(trx, next, input.requestId);
    }
    if (now.getTime() - row.last_failure_at.getTime() > STREAK_MEMORY_MS) {
      next.failures = 0;
      next.lock_level = 0;
    }
    next.last_failure_at = now;
    next.failures += 1;
    const locking = next.failures >= settings.lockAfterFailures;
    let lockedUntil: Date | null = null;
    if (locking) {
      const seconds = Math.min(
        settings.lockMaxSeconds,
        settings.lockSeconds * 2 ** Math.min(next.lock_level, 30),
      );
      lockedUntil = new Date(now.getTime() + seconds * 1000);
      next.locked_until = lockedUntil;
      next.lock_level += 1;
      next.failures = 0;
    }
    const lockText = lockedUntil ? `; account name locked until ${lockedUntil.toISOString()}` : '';
    if (!windowOpen) {
      next.audit_window_ends_at = new Date(now.getTime() + settings.auditWindowSeconds * 1000);
      await this.#record(
        trx,
        input.actor,
        `${plural(1)}: wrong user name or password${lockText}`,
        input.requestId,
      );
    } else if (locking) {
      // The lock record also carries the attempts counted since the last record, this one included.
      const n = next.unlogged + 1;
      const since = (next.unlogged_since ?? now).toISOString();
      await this.#record(
        trx,
        input.actor,
        `${plural(n)} from ${since} to ${now.toISOString()}: wrong user name or password${lockText}`,
        input.requestId,
      );
      next.unlogged = 0;
      next.unlogged_since = null;
    } else {
      next.unlogged += 1;
      next.unlogged_since ??= now;
    }
    await repo.saveThrottle(trx, next);
    return lockedUntil;
  }

  /** A successful login ends the streak: pending attempts are written first, in the caller's transaction. */
  async succeeded(trx: Executor, username: string, requestId: string | null): Promise<void> {
    const account = accountKey(username);
    const row = await this.#deps.repo.findThrottle(trx, account);
    if (row === undefined) {
      return;
    }
    const locked = await this.#deps.repo.lockThrottle(trx, account, this.#deps.clock.now());
    await this.#flush(trx, { ...locked }, requestId);
    await this.#deps.repo.deleteThrottle(trx, account);
  }

  /**
   * Retention: writes the summary of every account whose audit window has closed with attempts still counted,
   * then forgets accounts with nothing pending. Returns how many rows were forgotten.
   */
  async flushClosedWindows(trx: Executor): Promise<number> {
    const now = this.#deps.clock.now();
    for (const row of await this.#deps.repo.throttlesToFlush(trx, now)) {
      const next = { ...row };
      await this.#flush(trx, next, null);
      await this.#deps.repo.saveThrottle(trx, next);
    }
    return this.#deps.repo.purgeThrottles(trx, now, new Date(now.getTime() - STREAK_MEMORY_MS));
  }

  /** Counts an attempt refused while locked; opens a new window (with a summary) when the last one closed. */
  async #countUnlogged(
    trx: Executor,
    next: LoginThrottleRow,
    now: Date,
    reqId: string | null,
  ): Promise<void> {
    if (next.audit_window_ends_at === null || next.audit_window_ends_at <= now) {
      await this.#flush(trx, next, reqId);
      next.audit_window_ends_at = new Date(now.getTime() + this.#deps.settings.auditWindowSeconds * 1000);
    }
    next.unlogged += 1;
    next.unlogged_since ??= now;
    next.last_failure_at = now;
  }

  /** Writes the counted attempts as one record and resets the count (mutates `row`). */
  async #flush(trx: Executor, row: LoginThrottleRow, reqId: string | null): Promise<void> {
    if (row.unlogged === 0) {
      return;
    }
    const since = (row.unlogged_since ?? row.last_failure_at).toISOString();
    await this.#record(
      trx,
      this.#deps.anonymousActor(row.account),
      `${plural(row.unlogged)} from ${since} to ${row.last_failure_at.toISOString()}: wrong user name or password, or refused while locked`,
      reqId,
    );
    row.unlogged = 0;
    row.unlogged_since = null;
  }

  async #record(trx: Executor, actor: Actor, summary: string, reqId: string | null): Promise<void> {
    const entry: AuditEntry = {
      actor,
      system: 'access',
      operation: 'auth.login',
      outcome: 'denied',
      resultSummary: summary,
      requestId: reqId,
    };
    await this.#deps.audit.record(trx, entry);
  }
}

/** 429 for a locked account name; the same words whether or not the account exists. */
export function lockedError(until: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    'RateLimited',
    'ACCESS_LOGIN_LOCKED',
    `Too many failed logins with this user name: try again after ${until.toISOString()} (in ${retryAfterSeconds} s).`,
    { retryAfterSeconds, retryAt: until.toISOString() },
  );
}
