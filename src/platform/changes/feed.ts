import pg from 'pg';
import client from 'prom-client';
import { sql, type Database, type Executor } from '../database/index.ts';
import type { Logger } from '../logger.ts';

/** A topic names what changed, `<context>.<things>` (e.g. `ees.files`, `sis.alerts`). */
export const CHANGE_TOPIC_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/;

/** Keeps an in-process read model current: reloads the given refs from the database (a missing ref is removed). */
export interface ChangeApplier {
  /** For logs and metrics, e.g. `ees.read-model`. */
  readonly name: string;
  apply(refs: readonly string[]): Promise<void>;
}

export interface ChangesDeps {
  database: Database;
  logger: Logger;
  /** PostgreSQL connection string for the dedicated LISTEN client; null on PGlite (polling only). */
  listenUrl: string | null;
  /** Fallback polling interval (LISTEN/NOTIFY wakes a PostgreSQL node sooner). */
  pollIntervalMs?: number;
  /** Changes are kept this long, then pruned by the retention run (a node further behind rebuilds). */
  retentionHours?: number;
  /** A node whose last complete poll is older than this is no longer ready. */
  staleAfterMs?: number;
}

interface ChangeRow {
  seq: number;
  topic: string;
  refs: string[];
  at: Date;
}
type Tables = { 'platform.change': ChangeRow };
const q = (db: Executor) => db.withTables<Tables>();

/** Key of the transaction-level advisory lock that serialises appends (any fixed 64-bit number). */
const APPEND_LOCK = 7_311_848_115_001;
const CHANNEL = 'interlink_changes';
const PAGE = 1000;

/**
 * The change feed: every committed write appends what it changed to `platform.change` in its own
 * transaction (`record`), and every node follows the table in order, handing each batch of refs to the
 * appliers registered for its topic. The in-process read models (EES files, the identity index, …) are kept
 * current only this way, on the writing node too, so that all nodes see the same data by the same path.
 *
 * Order: `record` takes a transaction-level advisory lock before it draws its sequence number, so a
 * transaction that appends holds the lock until it commits; sequence order is then commit order and a
 * follower reading `seq > position` can never skip a row committed later with a lower number
 * (docs/decisions.md). Call it as the last write before the audit record.
 */
export class Changes {
  readonly #deps: ChangesDeps;
  readonly #appliers = new Map<string, ChangeApplier[]>();
  readonly #followers: Array<(position: number) => Promise<void>> = [];
  readonly #touched = new WeakSet<object>();
  #position = 0;
  #head = 0;
  #lagSeconds = 0;
  #started = false;
  #lastCaughtUpAt = 0;
  #timer: NodeJS.Timeout | null = null;
  #listener: pg.Client | null = null;
  #closed = false;
  #chain: Promise<void> = Promise.resolve();
  #pending: Promise<void> | null = null;
  readonly #applied = { changes: 0, batches: 0 };
  /** The highest change this process appended, and when: reads on this node wait for it (own writes). */
  #ownSeq = 0;
  #ownAt = 0;

  constructor(deps: ChangesDeps) {
    this.#deps = deps;
  }

  /**
   * Appends one change (one row with all its refs) in the caller's transaction. Takes the feed's append lock
   * until that transaction ends, so keep it the last write before the audit record.
   */
  async record(trx: Executor, topic: string, refs: readonly string[]): Promise<void> {
    if (!CHANGE_TOPIC_PATTERN.test(topic)) {
      throw new Error(`change topic "${topic}" is not <context>.<things>`);
    }
    if (refs.length === 0) {
      return;
    }
    this.#touched.add(trx);
    await sql`select pg_advisory_xact_lock(${APPEND_LOCK}::bigint)`.execute(trx);
    const { rows } = await sql<{ seq: number }>`insert into platform.change (seq, topic, refs)
      values (nextval('platform.change_seq'), ${topic}, ${JSON.stringify([...new Set(refs)])}::jsonb)
      returning seq`.execute(trx);
    this.#ownSeq = Math.max(this.#ownSeq, Number(rows[0]?.seq ?? 0));
    this.#ownAt = Date.now();
    if (this.#deps.database.kind === 'postgres') {
      // Delivered to the listening nodes when (and only if) the transaction commits.
      await sql`select pg_notify(${CHANNEL}, '')`.execute(trx);
    }
  }

  /** Whether `record` ran in this transaction (the caller then waits for its own node with {@link sync}). */
  recordedIn(trx: object): boolean {
    return this.#touched.has(trx);
  }

  /** Registers a read model's applier for a topic; register before {@link start}. */
  register(topic: string, applier: ChangeApplier): void {
    const list = this.#appliers.get(topic) ?? [];
    list.push(applier);
    this.#appliers.set(topic, list);
  }

  /**
   * Registers a follower: run after each page of changes this node applied, with the position reached, once
   * every applier of that page is done (so a follower reading the read models sees all changes up to it).
   * The writing node runs it before `Writes.run` returns. Register before {@link start}.
   */
  follow(follower: (position: number) => Promise<void>): void {
    this.#followers.push(follower);
  }

  /**
   * Notes the feed's head, runs `build` (the read models load from the tables), then follows the feed from
   * that head: what was committed during the build is applied again, which reloading by id makes harmless.
   */
  async start(build: () => Promise<void>): Promise<void> {
    this.#position = await this.#maxSeq();
    this.#head = this.#position;
    await build();
    this.#started = true;
    if (this.#deps.listenUrl !== null) {
      await this.#listen(this.#deps.listenUrl);
    }
    const every = this.#deps.pollIntervalMs ?? (this.#deps.listenUrl === null ? 250 : 1000);
    this.#timer = setInterval(() => {
      this.sync().catch(() => undefined);
    }, every);
    this.#timer.unref();
    await this.sync();
  }

  /** The last change applied on this node. */
  get position(): number {
    return this.#position;
  }

  /** Built, and the last poll reached the head of the feed recently (for `/readyz`). */
  get ready(): boolean {
    return this.#started && Date.now() - this.#lastCaughtUpAt <= (this.#deps.staleAfterMs ?? 10_000);
  }

  /**
   * For `/readyz`: built, and a poll that began now reaches the head of the feed within `timeoutMs` (so a
   * node that cannot read the feed, or is busy replaying a long backlog, is not ready).
   */
  async caughtUp(timeoutMs = 5000): Promise<boolean> {
    if (!this.#started || this.#closed) {
      return false;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.sync().then(() => true), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** How far this node is behind, in changes and in seconds (0 when caught up). */
  get lag(): { changes: number; seconds: number } {
    return { changes: Math.max(0, this.#head - this.#position), seconds: this.#lagSeconds };
  }

  /**
   * Applies everything committed so far; resolves once a poll that began after the call has reached the
   * head. Writers call it after their commit so that the node that wrote reads its own write.
   */
  sync(): Promise<void> {
    if (this.#closed || !this.#started) {
      return Promise.resolve();
    }
    if (this.#pending !== null) {
      return this.#pending;
    }
    const next = this.#chain.then(() => {
      this.#pending = null;
      return this.#catchUp();
    });
    this.#pending = next;
    this.#chain = next.catch((err: unknown) => {
      this.#deps.logger.error({ err }, 'change feed: applying changes failed; retrying at the next poll');
    });
    return next;
  }

  /**
   * For reads from a read model: when this process appended a change its read models have not applied yet
   * (a write in a transaction of its own, outside `Writes.run`), catches up first, so a node reads its own
   * writes. Costs nothing otherwise. A change whose transaction rolled back is waited for at most 2 s.
   */
  ownWrites(): Promise<void> {
    if (this.#ownSeq > this.#position && Date.now() - this.#ownAt < 2000) {
      return this.sync();
    }
    return Promise.resolve();
  }

  /**
   * Deletes changes older than the retention period (by the database's clock, which stamped them: the feed
   * is operational data and the application clock may be set for tests); returns how many.
   */
  async prune(trx: Executor, retentionHours = this.#deps.retentionHours ?? 24): Promise<number> {
    const r = await q(trx)
      .deleteFrom('platform.change')
      .where('at', '<', sql<Date>`now() - make_interval(secs => ${retentionHours * 3600})`)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Feed lag gauges for `/metrics`. */
  registerMetrics(registry: client.Registry): void {
    const lagChanges: client.Gauge = new client.Gauge({
      name: 'interlink_change_feed_lag_changes',
      help: 'Changes committed to the feed and not yet applied to the read models of this node',
      registers: [registry],
      collect: (): void => lagChanges.set(this.lag.changes),
    });
    const lagSeconds: client.Gauge = new client.Gauge({
      name: 'interlink_change_feed_lag_seconds',
      help: 'Age of the oldest change not yet applied on this node (0 when caught up)',
      registers: [registry],
      collect: (): void => lagSeconds.set(this.lag.seconds),
    });
    const position: client.Gauge = new client.Gauge({
      name: 'interlink_change_feed_position',
      help: 'Sequence number of the last change applied on this node',
      registers: [registry],
      collect: (): void => position.set(this.position),
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
    const listener = this.#listener;
    this.#listener = null;
    await listener?.end().catch(() => undefined);
    await this.#chain;
  }

  async #maxSeq(): Promise<number> {
    const r = await q(this.#deps.database.db)
      .selectFrom('platform.change')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return Number(r?.seq ?? 0);
  }

  async #catchUp(): Promise<void> {
    const db = this.#deps.database.db;
    for (;;) {
      if (this.#closed) {
        return;
      }
      const rows = await q(db)
        .selectFrom('platform.change')
        .select(['seq', 'topic', 'refs', 'at'])
        .where('seq', '>', this.#position)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      if (rows.length > 0) {
        this.#head = Math.max(this.#head, Number(rows.at(-1)!.seq));
        this.#lagSeconds = Math.max(0, (Date.now() - new Date(rows[0]!.at).getTime()) / 1000);
      }
      // Consecutive rows of one topic are applied as one batch (one reload per batch of refs).
      let i = 0;
      while (i < rows.length) {
        const topic = rows[i]!.topic;
        const refs = new Set<string>();
        let j = i;
        while (j < rows.length && rows[j]!.topic === topic) {
          for (const ref of rows[j]!.refs) {
            refs.add(ref);
          }
          j += 1;
        }
        const list = [...refs];
        for (const applier of this.#appliers.get(topic) ?? []) {
          await applier.apply(list);
        }
        this.#position = Number(rows[j - 1]!.seq);
        this.#applied.changes += j - i;
        this.#applied.batches += 1;
        i = j;
      }
      if (rows.length > 0) {
        for (const follower of this.#followers) {
          await follower(this.#position);
        }
      }
      if (rows.length < PAGE) {
        this.#head = Math.max(this.#head, this.#position);
        this.#lagSeconds = 0;
        this.#lastCaughtUpAt = Date.now();
        return;
      }
    }
  }

  async #listen(url: string): Promise<void> {
    const listener = new pg.Client({ connectionString: url });
    listener.on('notification', () => {
      this.sync().catch(() => undefined);
    });
    listener.on('error', (err) => {
      // Polling goes on; a new client is tried at the next start.
      this.#deps.logger.warn({ err }, 'change feed: LISTEN connection lost; following by polling');
      this.#listener = null;
    });
    try {
      await listener.connect();
      await listener.query(`listen ${CHANNEL}`);
      this.#listener = listener;
    } catch (err) {
      this.#deps.logger.warn({ err }, 'change feed: LISTEN unavailable; following by polling');
      await listener.end().catch(() => undefined);
    }
  }
}
