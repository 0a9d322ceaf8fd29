import { sql, type Database, type Executor } from '../database/index.ts';
import type { Logger } from '../logger.ts';
import type { Changes } from './feed.ts';

/** How often a follower moves its position over pages without any of its topics. */
const IDLE_ADVANCE_MS = 60_000;

/** The changes of some topics read after a follower's position, for one step (one transaction). */
export interface FeedBatch {
  /** The changes in feed order, each with its refs. */
  changes: Array<{ seq: number; topic: string; refs: string[] }>;
  /** The position the step reaches: `upTo` when the batch holds every change left, else its last change. */
  position: number;
  /** No change of the topics is left after this batch up to `upTo`. */
  done: boolean;
}

/**
 * Reads the changes of `topics` after `after` up to `upTo`, stopping once `limit` refs are gathered (a
 * change is never split). {@link FeedBatch.done} tells whether the step reaches `upTo`.
 */
export async function readFeedBatch(
  trx: Executor,
  topics: Iterable<string>,
  after: number,
  upTo: number,
  limit: number,
): Promise<FeedBatch> {
  const { rows } = await sql<{ seq: string; topic: string; refs: string[] }>`select seq, topic, refs
    from platform.change where seq > ${after} and seq <= ${upTo} and topic = any(${[...topics]}::text[])
    order by seq limit ${limit}`.execute(trx);
  const changes: FeedBatch['changes'] = [];
  let count = 0;
  for (const r of rows) {
    changes.push({ seq: Number(r.seq), topic: r.topic, refs: r.refs });
    count += r.refs.length;
    if (count >= limit) {
      break;
    }
  }
  const done = rows.length < limit && count < limit;
  return { changes, position: done ? upTo : (changes.at(-1)?.seq ?? after), done };
}

/**
 * Whether a follower at `position` has to build again from its sources: it never built (null), or the
 * feed was pruned past it (its oldest change is after the position's next one).
 */
export async function mustRebuild(trx: Executor, position: number | null): Promise<boolean> {
  if (position === null) {
    return true;
  }
  const { rows } = await sql<{ seq: string | null }>`select min(seq) as seq from platform.change`.execute(
    trx,
  );
  const oldest = rows[0]?.seq;
  return oldest !== null && oldest !== undefined && Number(oldest) > position + 1;
}

export interface LockedFollowerOptions<R extends object> {
  database: Database;
  changes: Changes;
  logger: Logger;
  /** For the logs: what follows the feed (e.g. `CIR`, `Statistics`). */
  name: string;
  /** The topics that call for a step; others only move the position now and then. */
  topics: ReadonlySet<string>;
  /** Whether there is anything to keep (no source plugged in: nothing to do). */
  active: () => boolean;
  /** A report of no work. */
  empty: () => R;
  /** Adds one step's report into the call's. */
  add: (into: R, step: R) => void;
  /**
   * One step in its own transaction: lock the follower's state row, read the changes after its position up
   * to `upTo` (or build), apply them and store the position reached; `done` when `upTo` is reached.
   */
  step: (trx: Executor, upTo: number) => Promise<R & { done: boolean }>;
}

/**
 * A follower of the change feed that keeps something stored current (the CIR's files, the statistics'
 * cells), exactly once across nodes: each step locks the follower's single state row in its transaction, so a
 * node that finds the position already advanced does nothing. It runs after every page this node applied
 * (on the writing node before `Writes.run` returns), steps one after the other on a node, and moves its
 * position over pages of other topics at most once a minute so it stays near the feed's head (and the
 * feed's pruning never looks like a gap).
 */
export class LockedFollower<R extends object> {
  readonly #options: LockedFollowerOptions<R>;
  #chain: Promise<unknown> = Promise.resolve();
  #advancedAt = 0;

  constructor(options: LockedFollowerOptions<R>) {
    this.#options = options;
    options.changes.follow(async (position, topics) => {
      if (
        ![...topics].some((t) => options.topics.has(t)) &&
        Date.now() - this.#advancedAt < IDLE_ADVANCE_MS
      ) {
        return;
      }
      try {
        await this.sync(position);
      } catch (err) {
        options.logger.error({ err }, `${options.name}: synchronisation failed; retried at the next change`);
      }
    });
  }

  /** What follows the feed, as the logs name it. */
  get name(): string {
    return this.#options.name;
  }

  /** Brings the stored state up to `upTo` (default: this node's feed position), one transaction per step. */
  sync(upTo: number = this.#options.changes.position): Promise<R> {
    const next = this.#chain.then(() => this.#syncNow(upTo));
    this.#chain = next.catch(() => undefined);
    return next;
  }

  async #syncNow(upTo: number): Promise<R> {
    const { database, active, empty, add, step } = this.#options;
    const report = empty();
    if (!active()) {
      return report;
    }
    for (;;) {
      const { done, ...r } = await database.db.transaction().execute((trx) => step(trx, upTo));
      add(report, r as unknown as R);
      this.#advancedAt = Date.now();
      if (done) {
        return report;
      }
    }
  }
}
