import { createHash } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';
import type { Changes } from './changes/index.ts';
import { changesMigrations } from './changes/index.ts';
import type { Clock } from './clock.ts';
import type { Database, Executor } from './database/index.ts';
import { addDays } from './dates.ts';
import { conflict, invalid } from './errors.ts';
import { stableJson } from './json.ts';

export const PLATFORM_SCHEMA = 'platform';

export const platformMigrations: Record<string, Migration> = {
  '0001_idempotency': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('platform.idempotency')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('result', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_pkey', ['scope', 'key'])
        .execute();
      await db.schema
        .createIndex('idempotency_expires_idx')
        .on('platform.idempotency')
        .column('expires_at')
        .execute();
    },
  },
  ...changesMigrations,
};

interface IdempotencyRow {
  scope: string;
  key: string;
  request_hash: string;
  result: string;
  created_at: Date;
  expires_at: Date;
}
type Tables = { 'platform.idempotency': IdempotencyRow };
const q = (db: Executor) => db.withTables<Tables>();

/** An `Idempotency-Key` as received, bound to who sent it and what they asked for. */
export interface IdempotencyRequest {
  /** Who sent it (user id) and to which operation: a key is only ever matched within its scope. */
  readonly scope: string;
  readonly key: string;
  /** Any JSON value identifying the request; a replay with different content is refused. */
  readonly request: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Validates an Idempotency-Key header value; returns null when none was sent. */
export function parseIdempotencyKey(raw: string | string[] | undefined): string | null {
  if (raw === undefined) {
    return null;
  }
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || !KEY_PATTERN.test(value)) {
    throw invalid(
      'REQUEST_IDEMPOTENCY_KEY_INVALID',
      'Idempotency-Key must be 1 to 200 visible ASCII characters (a UUID is a good choice).',
    );
  }
  return value;
}

/**
 * Runs every write in one explicit transaction. With an idempotency key, the key and the result are stored in
 * that same transaction: a retry after a timeout or a crash gets the first result back, never a second write.
 */
export class Writes {
  readonly #database: Database;
  readonly #clock: Clock;
  readonly #ttlHours: number;
  readonly #changes: Changes | null;

  constructor(deps: { database: Database; clock: Clock; idempotencyTtlHours: number; changes?: Changes }) {
    this.#database = deps.database;
    this.#clock = deps.clock;
    this.#ttlHours = deps.idempotencyTtlHours;
    this.#changes = deps.changes ?? null;
  }

  /**
   * Runs `fn` in one transaction (see {@link #run}); when it appended to the change feed, waits after the
   * commit until this node's read models have applied it, so a caller reads its own write on this node.
   */
  async run<T>(
    idem: IdempotencyRequest | null,
    fn: (trx: Executor) => Promise<T>,
  ): Promise<{ value: T; replayed: boolean }> {
    const changes = this.#changes;
    let used: Executor | null = null;
    const out = await this.#run(idem, (trx) => {
      used = trx;
      return fn(trx);
    });
    // Read-your-writes: this request's and session's later reads go to the primary, not a lagging replica.
    this.#database.noteWrite();
    if (changes !== null && used !== null && changes.recordedIn(used)) {
      // The write is committed; a failing read model is logged by the feed and retried at its next poll.
      await changes.sync().catch(() => undefined);
    }
    return out;
  }

  async #run<T>(
    idem: IdempotencyRequest | null,
    fn: (trx: Executor) => Promise<T>,
  ): Promise<{ value: T; replayed: boolean }> {
    const { db } = this.#database;
    if (idem === null) {
      return { value: await db.transaction().execute(fn), replayed: false };
    }
    const requestHash = createHash('sha256').update(stableJson(idem.request)).digest('hex');
    return db.transaction().execute(async (trx) => {
      const now = this.#clock.now();
      // The placeholder row takes the key: a concurrent duplicate waits here until this transaction ends.
      const claimed = await q(trx)
        .insertInto('platform.idempotency')
        .values({
          scope: idem.scope,
          key: idem.key,
          request_hash: requestHash,
          result: JSON.stringify(null),
          created_at: now,
          expires_at: addDays(now, this.#ttlHours / 24),
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!claimed) {
        const first = await q(trx)
          .selectFrom('platform.idempotency')
          .select(['request_hash', 'result'])
          .where('scope', '=', idem.scope)
          .where('key', '=', idem.key)
          .executeTakeFirstOrThrow();
        if (first.request_hash !== requestHash) {
          throw conflict(
            'REQUEST_IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was already used for a different request; use a new key for a new request.',
          );
        }
        return { value: first.result as T, replayed: true };
      }
      const value = await fn(trx);
      await q(trx)
        .updateTable('platform.idempotency')
        .set({ result: JSON.stringify(value ?? null) })
        .where('scope', '=', idem.scope)
        .where('key', '=', idem.key)
        .execute();
      return { value, replayed: false };
    });
  }

  /** Forgets keys older than their time to live. */
  async expire(trx: Executor): Promise<number> {
    const r = await q(trx)
      .deleteFrom('platform.idempotency')
      .where('expires_at', '<', this.#clock.now())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
