import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Database, Executor } from '../../platform/database/index.ts';
import type { AuditEntry, AuditEvent } from './model.ts';

/**
 * What one participant brings to a batch: its audit records and, optionally, work that must be committed
 * with them (e.g. the SIS hits of a border check). The work runs in the batch's transaction under a savepoint
 * of its own, so a participant whose work fails fails alone; its records are then not written either.
 */
export interface AuditCommit<T = void> {
  /** The records, or a function of the work's result that gives them (run after the work). */
  readonly entries: readonly AuditEntry[] | ((value: T) => readonly AuditEntry[]);
  readonly work?: (trx: Executor) => Promise<T>;
  /**
   * The records of a read: inside `AuditLog.collectReads` they are not committed on their own but join the
   * next commit made there (e.g. a border check's), which the answer waits for.
   */
  readonly read?: boolean;
}

export interface AuditCommitResult<T> {
  readonly value: T;
  readonly events: AuditEvent[];
}

/** The part of the audit log the batcher needs: chaining the records in order inside a transaction. */
export interface BatchAppender {
  /** Appends the records (already prepared in their callers' contexts) after the locked head, in order. */
  appendBatch(trx: Executor, entries: readonly PreparedEntry[]): Promise<AuditEvent[]>;
  /** Called after the batch committed, with the records it wrote. */
  committed(events: readonly AuditEvent[]): void;
}

/** An entry together with the request it was made in (captured when it was handed over). */
export interface PreparedEntry {
  readonly entry: AuditEntry;
  readonly requestId: string | null;
  readonly clientRequestId: string | null;
}

export interface BatchObserver {
  batch(size: number, waitSeconds: number, commitSeconds: number): void;
}

interface Participant {
  readonly commit: AuditCommit<unknown>;
  /** Runs a function in the async context (request) of the participant. */
  readonly inContext: <R>(fn: () => R) => R;
  readonly arrivedAt: number;
  readonly resolve: (r: AuditCommitResult<unknown>) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Group commit of audit records. Concurrent operations hand over their records; one transaction appends a
 * whole batch (the chain head is locked once, records are chained and hashed in arrival order) and each
 * caller's promise settles only when its batch has committed: a read is answered only once its record is
 * durable. One batch is in flight at a time per process; the head lock orders batches between processes and
 * against writers appending in their own transactions (`AuditLog.record`).
 */
export class AuditBatcher {
  readonly #database: Database;
  readonly #appender: BatchAppender;
  readonly #maxSize: number;
  readonly #maxWaitMs: number;
  readonly #prepare: (entry: AuditEntry) => PreparedEntry;
  #observer: BatchObserver | null = null;
  #queue: Participant[] = [];
  #running = false;
  #timer: { immediate: NodeJS.Immediate } | { timeout: NodeJS.Timeout } | null = null;
  #idle: Array<() => void> = [];

  constructor(deps: {
    database: Database;
    appender: BatchAppender;
    maxSize: number;
    maxWaitMs: number;
    prepare: (entry: AuditEntry) => PreparedEntry;
  }) {
    this.#database = deps.database;
    this.#appender = deps.appender;
    this.#maxSize = deps.maxSize;
    this.#maxWaitMs = deps.maxWaitMs;
    this.#prepare = deps.prepare;
  }

  observe(observer: BatchObserver): void {
    this.#observer = observer;
  }

  commit<T>(commit: AuditCommit<T>): Promise<AuditCommitResult<T>> {
    return new Promise<AuditCommitResult<T>>((resolve, reject) => {
      this.#queue.push({
        commit: commit as AuditCommit<unknown>,
        inContext: AsyncLocalStorage.snapshot(),
        arrivedAt: performance.now(),
        resolve: resolve as (r: AuditCommitResult<unknown>) => void,
        reject,
      });
      this.#kick();
    });
  }

  /** Settles once every record handed over so far has been committed or refused. */
  async drain(): Promise<void> {
    if (!this.#running && this.#queue.length === 0) {
      return;
    }
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  #kick(): void {
    if (this.#running || this.#queue.length === 0) {
      return;
    }
    if (this.#queue.length >= this.#maxSize) {
      this.#clearTimer();
      this.#start();
      return;
    }
    if (this.#timer !== null) {
      return;
    }
    const waited = performance.now() - this.#queue[0]!.arrivedAt;
    const delay = this.#maxWaitMs - waited;
    // Even without a wait, the batch starts on the next turn of the event loop, so that callers that hand
    // over records in the same turn share it.
    this.#timer =
      delay <= 0
        ? { immediate: setImmediate(() => this.#fire()) }
        : { timeout: setTimeout(() => this.#fire(), delay) };
  }

  #clearTimer(): void {
    const timer = this.#timer;
    this.#timer = null;
    if (timer !== null && 'immediate' in timer) {
      clearImmediate(timer.immediate);
    } else if (timer !== null) {
      clearTimeout(timer.timeout);
    }
  }

  #fire(): void {
    this.#timer = null;
    if (!this.#running && this.#queue.length > 0) {
      this.#start();
    }
  }

  #start(): void {
    this.#running = true;
    const batch = this.#queue.splice(0, this.#maxSize);
    void this.#run(batch).finally(() => {
      this.#running = false;
      if (this.#queue.length > 0) {
        this.#kick();
      } else {
        for (const done of this.#idle.splice(0)) {
          done();
        }
      }
    });
  }

  async #run(batch: Participant[]): Promise<void> {
    const began = performance.now();
    const wait = (began - batch[0]!.arrivedAt) / 1000;
    const failed = new Map<Participant, unknown>();
    const done = new Map<Participant, AuditCommitResult<unknown>>();
    let events: AuditEvent[] = [];
    try {
      events = await this.#database.db.transaction().execute(async (trx) => {
        const values = new Map<Participant, unknown>();
        const prepared: PreparedEntry[] = [];
        const counts: Array<[Participant, number]> = [];
        const entriesOf = (p: Participant, value: unknown): PreparedEntry[] =>
          p.inContext(() => {
            const { entries } = p.commit;
            return (typeof entries === 'function' ? entries(value) : entries).map((e) => this.#prepare(e));
          });
        let n = 0;
        for (const p of batch) {
          const work = p.commit.work;
          let list: PreparedEntry[];
          if (work === undefined) {
            try {
              list = entriesOf(p, undefined);
            } catch (err) {
              failed.set(p, err);
              continue;
            }
          } else {
            const savepoint = sql.raw(`audit_participant_${n++}`);
            await sql`savepoint ${savepoint}`.execute(trx);
            try {
              const value = await p.inContext(() => work(trx));
              values.set(p, value);
              list = entriesOf(p, value);
            } catch (err) {
              // Only this participant's work is undone; a failure to roll back fails the whole batch.
              await sql`rollback to savepoint ${savepoint}`.execute(trx);
              failed.set(p, err);
              continue;
            }
            await sql`release savepoint ${savepoint}`.execute(trx);
          }
          prepared.push(...list);
          counts.push([p, list.length]);
        }
        const written = await this.#appender.appendBatch(trx, prepared);
        let i = 0;
        for (const [p, count] of counts) {
          done.set(p, { value: values.get(p), events: written.slice(i, i + count) });
          i += count;
        }
        return written;
      });
    } catch (err) {
      // Nothing of the batch was committed: every caller in it learns so (and answers nothing).
      for (const p of batch) {
        p.reject(failed.get(p) ?? err);
      }
      return;
    }
    this.#appender.committed(events);
    this.#observer?.batch(events.length, wait, (performance.now() - began) / 1000);
    for (const p of batch) {
      if (failed.has(p)) {
        p.reject(failed.get(p));
      } else {
        p.resolve(done.get(p)!);
      }
    }
  }
}
