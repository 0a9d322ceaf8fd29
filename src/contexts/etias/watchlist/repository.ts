import type { ColumnType } from 'kysely';
import type { Executor } from '../../../platform/database/index.ts';
import type { WatchlistData } from './entry.ts';

type Json<T> = ColumnType<T, string, string>;

/** The share of past applications an entry hits (art. 35(2)(b): assessed before it is entered). */
export interface EntryImpact {
  computedAt: string;
  from: string;
  to: string;
  total: number;
  matched: number;
  share: number;
}

export interface EntryRow {
  id: string;
  owner: string;
  reason: string;
  data: Json<WatchlistData>;
  surname_norm: string;
  entered_by: string;
  entered_by_authority: string;
  entered_at: Date;
  review_due: string;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  impact: Json<EntryImpact | null>;
}

interface KeyRow {
  entry_id: string;
  kind: string;
  key: string;
}

type Tables = { 'etias.watchlist_entry': EntryRow; 'etias.watchlist_key': KeyRow };
const q = (db: Executor) => db.withTables<Tables>();

export type StoredEntry = Omit<EntryRow, 'data' | 'impact'> & {
  data: WatchlistData;
  impact: EntryImpact | null;
};

/** Kysely over the watchlist tables. Rows in, rows out. */
export class WatchlistRepository {
  async insert(
    trx: Executor,
    row: StoredEntry,
    keys: ReadonlyArray<{ kind: string; key: string }>,
  ): Promise<void> {
    await q(trx)
      .insertInto('etias.watchlist_entry')
      .values({ ...row, data: JSON.stringify(row.data), impact: JSON.stringify(row.impact) })
      .execute();
    if (keys.length > 0) {
      await q(trx)
        .insertInto('etias.watchlist_key')
        .values(keys.map((k) => ({ entry_id: row.id, kind: k.kind, key: k.key })))
        .execute();
    }
  }

  async find(db: Executor, id: string, lock = false): Promise<StoredEntry | undefined> {
    let query = q(db).selectFrom('etias.watchlist_entry').selectAll().where('id', '=', id);
    if (lock) {
      query = query.forUpdate();
    }
    return await query.executeTakeFirst();
  }

  async findMany(db: Executor, ids: readonly string[]): Promise<StoredEntry[]> {
    if (ids.length === 0) {
      return [];
    }
    return await q(db)
      .selectFrom('etias.watchlist_entry')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  }

  /** Entries with one of the exact keys, or one of the surnames. */
  async candidates(
    db: Executor,
    keys: ReadonlyArray<{ kind: string; key: string }>,
    surnames: readonly string[],
  ): Promise<string[]> {
    const ids = new Set<string>();
    if (keys.length > 0) {
      const rows = await q(db)
        .selectFrom('etias.watchlist_key')
        .select('entry_id')
        .where((eb) => eb.or(keys.map((k) => eb.and([eb('kind', '=', k.kind), eb('key', '=', k.key)]))))
        .execute();
      rows.forEach((r) => ids.add(r.entry_id));
    }
    const names = surnames.filter((s) => s !== '');
    if (names.length > 0) {
      const rows = await q(db)
        .selectFrom('etias.watchlist_entry')
        .select('id')
        .where('surname_norm', 'in', names)
        .execute();
      rows.forEach((r) => ids.add(r.id));
    }
    return [...ids];
  }

  /** One page of entries (owner filter; due-by filter), soonest review first, with the count of all. */
  async page(
    db: Executor,
    input: { owner: string | null; dueBy: string | null; limit: number; offset: number },
  ): Promise<{ rows: StoredEntry[]; total: number }> {
    let base = q(db).selectFrom('etias.watchlist_entry');
    if (input.owner !== null) {
      base = base.where('owner', '=', input.owner);
    }
    if (input.dueBy !== null) {
      base = base.where('review_due', '<=', input.dueBy);
    }
    const rows = (await base
      .selectAll()
      .orderBy('review_due')
      .orderBy('id')
      .limit(input.limit)
      .offset(input.offset)
      .execute()) as StoredEntry[];
    const count = await base.select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  }

  async setReviewed(trx: Executor, id: string, due: string, by: string, at: Date): Promise<void> {
    await q(trx)
      .updateTable('etias.watchlist_entry')
      .set({ review_due: due, reviewed_at: at, reviewed_by: by })
      .where('id', '=', id)
      .execute();
  }

  async remove(trx: Executor, id: string): Promise<void> {
    await q(trx).deleteFrom('etias.watchlist_entry').where('id', '=', id).execute();
  }
}
