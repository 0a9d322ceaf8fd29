import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import client from 'prom-client';
import type { Logger } from '../logger.ts';
import { currentRequest } from '../request-context.ts';

/**
 * Read routing to a streaming replica (`DATABASE_READ_URL`).
 *
 * The rule, in one place (docs/operations.md repeats it):
 * - Only queries sent through `Database.read` may go to the replica; everything else (every write, every read
 *   inside a transaction, idempotency replays, token and revocation checks, rate limits, audit chain and verify)
 *   uses `Database.db`, the primary.
 * - `Database.read` goes to the primary all the same when
 *   1. no replica is configured;
 *   2. the replica is unreachable, or a query on it fails for want of a connection (the query is re-run once on
 *      the primary: the read executor only ever runs reads);
 *   3. its lag exceeds `DATABASE_READ_MAX_LAG_SECONDS`;
 *   4. read-your-writes: the current HTTP request has committed a write, or the same session (bearer token, else
 *      client address) committed one on this node within the last max-lag + probe interval — long enough for
 *      any replica in use to have replayed it.
 *
 * Lag is measured without trusting clocks: every probe notes the primary's WAL position with the time; the
 * lag is the age of the oldest noted position the replica has not replayed yet (0 when it has replayed all).
 */

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (e === null || typeof e !== 'object') {
    return false;
  }
  if (e.code !== undefined && CONNECTION_ERRORS.has(e.code)) {
    return true;
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    e.message ?? '',
  );
}

export interface ReplicaSettings {
  /** Most replica lag, in seconds, at which reads still go to the replica. */
  readonly maxLagSeconds: number;
  /** Milliseconds between two lag probes. */
  readonly probeIntervalMs: number;
}

/** Where `Database.read` sends its queries, and why; exported for /metrics and the tests. */
export type ReadTarget = 'replica' | 'primary';

export class ReadRouter {
  readonly #primary: pg.Pool;
  readonly #replica: pg.Pool;
  readonly #settings: ReplicaSettings;
  readonly #logger: Logger | undefined;
  /** Noted primary WAL positions (bytes) not yet replayed by the replica, oldest first. */
  #pending: Array<{ lsn: number; at: number }> = [];
  #reachable = false;
  #lagSeconds: number | null = null;
  #lagBytes: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #probing: Promise<void> | null = null;
  /** Sessions that wrote recently: their reads stay on the primary until the time given. */
  readonly #sticky = new Map<string, number>();
  readonly #reads = { replica: 0, primary: 0 };

  constructor(deps: { primary: pg.Pool; replica: pg.Pool; settings: ReplicaSettings; logger?: Logger }) {
    this.#primary = deps.primary;
    this.#replica = deps.replica;
    this.#settings = deps.settings;
    this.#logger = deps.logger;
  }

  /** Probes once (so the first reads already know the replica's state), then every probe interval. */
  async start(): Promise<void> {
    await this.probe();
    this.#timer = setInterval(() => void this.probe(), this.#settings.probeIntervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }

  /** Measures the replica's lag behind the primary; an unreachable replica is marked so. */
  probe(): Promise<void> {
    this.#probing ??= this.#probe().finally(() => {
      this.#probing = null;
    });
    return this.#probing;
  }

  async #probe(): Promise<void> {
    const now = Date.now();
    let primaryLsn: number;
    try {
      const p = await this.#primary.query<{ lsn: number }>(
        "select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') as lsn",
      );
      primaryLsn = Number(p.rows[0]?.lsn);
    } catch (err) {
      // Without the primary nothing works anyway; the replica's state stays as it was.
      this.#logger?.warn({ err }, 'replica lag probe: the primary did not answer');
      return;
    }
    try {
      const r = await this.#replica.query<{ recovery: boolean; lsn: number | null }>(
        "select pg_is_in_recovery() as recovery, pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0') as lsn",
      );
      const row = r.rows[0];
      if (!this.#reachable) {
        this.#logger?.info('read replica reachable: searches go to it while its lag allows');
      }
      this.#reachable = true;
      if (!row?.recovery || row.lsn === null) {
        // Not a streaming replica (e.g. the primary itself given twice): nothing to wait for.
        this.#pending = [];
        this.#lagBytes = 0;
        this.#lagSeconds = 0;
        return;
      }
      const replayed = Number(row.lsn);
      this.#pending.push({ lsn: primaryLsn, at: now });
      this.#pending = this.#pending.filter((s) => s.lsn > replayed);
      this.#lagBytes = Math.max(0, primaryLsn - replayed);
      const oldest = this.#pending[0];
      this.#lagSeconds = oldest === undefined ? 0 : (Date.now() - oldest.at) / 1000;
    } catch (err) {
      this.#markDown(err);
    }
  }

  #markDown(err: unknown): void {
    if (this.#reachable) {
      this.#logger?.warn({ err }, 'read replica unreachable: reads go to the primary');
    }
    this.#reachable = false;
    this.#lagSeconds = null;
    this.#lagBytes = null;
    this.#pending = [];
  }

  /** Whether a read issued now, in the current request, may go to the replica. */
  target(): ReadTarget {
    if (!this.#reachable || this.#lagSeconds === null || this.#lagSeconds > this.#settings.maxLagSeconds) {
      return 'primary';
    }
    const request = currentRequest();
    if (request?.wrote === true) {
      return 'primary';
    }
    const session = request?.sessionKey;
    if (session) {
      const until = this.#sticky.get(session);
      if (until !== undefined) {
        if (until > Date.now()) {
          return 'primary';
        }
        this.#sticky.delete(session);
      }
    }
    return 'replica';
  }

  /**
   * A write has committed: the rest of this request, and this session's requests for max-lag + one probe
   * interval, read from the primary.
   */
  noteWrite(): void {
    const request = currentRequest();
    if (request === undefined) {
      return;
    }
    request.wrote = true;
    if (request.sessionKey) {
      if (this.#sticky.size > 100_000) {
        this.#sticky.clear();
      }
      this.#sticky.set(
        request.sessionKey,
        Date.now() + this.#settings.maxLagSeconds * 1000 + this.#settings.probeIntervalMs,
      );
    }
  }

  /** The pool that Kysely's dialect uses for `Database.read`. */
  pool(): PostgresPool {
    return {
      connect: () => this.#connect(),
      end: () => Promise.resolve(),
    };
  }

  async #connect(): Promise<PostgresPoolClient> {
    if (this.target() === 'replica') {
      try {
        const c = await this.#replica.connect();
        this.#reads.replica += 1;
        return this.#failingOver(c);
      } catch (err) {
        if (!isConnectionError(err)) {
          throw err;
        }
        this.#markDown(err);
      }
    }
    this.#reads.primary += 1;
    return this.#primary.connect();
  }

  /** A replica connection whose failure for want of a connection re-runs the read on the primary. */
  #failingOver(first: pg.PoolClient): PostgresPoolClient {
    let current: pg.PoolClient = first;
    let onReplica = true;
    const query = async (sql: string, parameters: readonly unknown[]) => {
      try {
        return await current.query(sql, parameters as unknown[]);
      } catch (err) {
        if (!onReplica || !isConnectionError(err)) {
          throw err;
        }
        this.#markDown(err);
        current.release(err as Error);
        onReplica = false;
        this.#reads.replica -= 1;
        this.#reads.primary += 1;
        current = await this.#primary.connect();
        return current.query(sql, parameters as unknown[]);
      }
    };
    return {
      query: query as unknown as PostgresPoolClient['query'],
      release: () => current.release(),
    };
  }

  /** `interlink_db_replica_*`: lag in seconds and bytes, whether reads may use it; read connections by target. */
  registerMetrics(registry: client.Registry): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- prom-client binds `this` in collect
    const router = this;
    new client.Gauge({
      name: 'interlink_db_replica_lag_seconds',
      help: 'Age of the oldest primary WAL position the read replica has not replayed (-1: unreachable)',
      registers: [registry],
      collect() {
        this.set(router.#lagSeconds ?? -1);
      },
    });
    new client.Gauge({
      name: 'interlink_db_replica_lag_bytes',
      help: 'Bytes of WAL the read replica is behind the primary (-1: unreachable)',
      registers: [registry],
      collect() {
        this.set(router.#lagBytes ?? -1);
      },
    });
    new client.Gauge({
      name: 'interlink_db_replica_in_use',
      help: '1 when read-only queries go to the replica, 0 when they fall back to the primary',
      registers: [registry],
      collect() {
        const usable =
          router.#reachable &&
          router.#lagSeconds !== null &&
          router.#lagSeconds <= router.#settings.maxLagSeconds;
        this.set(usable ? 1 : 0);
      },
    });
    new client.Gauge({
      name: 'interlink_db_read_connections',
      help: 'Connections taken by the read executor since start, by the server they went to',
      labelNames: ['target'],
      registers: [registry],
      collect() {
        this.set({ target: 'replica' }, router.#reads.replica);
        this.set({ target: 'primary' }, router.#reads.primary);
      },
    });
  }

  /** For tests and /metrics: the last measurement. */
  state(): { reachable: boolean; lagSeconds: number | null; lagBytes: number | null } {
    return { reachable: this.#reachable, lagSeconds: this.#lagSeconds, lagBytes: this.#lagBytes };
  }
}

/** The key under which a session's writes keep its reads on the primary: a hash of its bearer token. */
export function sessionKeyOf(authorization: string | undefined, clientAddress: string): string {
  return createHash('sha256')
    .update(authorization ?? `ip:${clientAddress}`)
    .digest('base64url')
    .slice(0, 22);
}
