import { sql, type ColumnType } from 'kysely';
import type { Executor } from '../../platform/database/index.ts';
import type { CirSystem } from './model.ts';

/** jsonb columns: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date, Date>;

/** The follow-up of a flag query (art. 22(2)): full access requested from systems, or why not. */
export type StoredFollowUp =
  { requested: CirSystem[]; at: string; by: string } | { notRequestedReason: string; at: string; by: string };

export interface FlagQueryTable {
  id: string;
  authority_id: string;
  member_state: string;
  user_id: string | null;
  username: string;
  case_reference: string;
  offence: string;
  grounds: string;
  systems: Json<CirSystem[]>;
  created_at: Timestamp;
  follow_up: ColumnType<StoredFollowUp | null, string | null, string | null>;
}

export type CirQueryTables = { 'cir.flag_query': FlagQueryTable };
export type FlagQueryRow = {
  id: string;
  authority_id: string;
  member_state: string;
  user_id: string | null;
  username: string;
  case_reference: string;
  offence: string;
  grounds: string;
  systems: CirSystem[];
  created_at: Date;
  follow_up: StoredFollowUp | null;
};

export const FLAG_SORT_COLUMNS = ['createdAt', 'caseReference'] as const;
export type FlagSortColumn = (typeof FLAG_SORT_COLUMNS)[number];

const q = (db: Executor) => db.withTables<CirQueryTables>();

/** The flag queries of art. 22 and their follow-up, in the CIR schema. */
export class FlagQueryRepository {
  async insert(trx: Executor, row: FlagQueryRow): Promise<void> {
    await q(trx)
      .insertInto('cir.flag_query')
      .values({ ...row, systems: JSON.stringify(row.systems), follow_up: null })
      .execute();
  }

  /** The row locked until the transaction ends. */
  async lock(trx: Executor, id: string): Promise<FlagQueryRow | undefined> {
    return q(trx)
      .selectFrom('cir.flag_query')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  async setFollowUp(trx: Executor, id: string, followUp: StoredFollowUp): Promise<void> {
    await q(trx)
      .updateTable('cir.flag_query')
      .set({ follow_up: JSON.stringify(followUp) })
      .where('id', '=', id)
      .execute();
  }

  /**
   * One authority's flag queries, sorted, paged, with the total; `pending`: those that answered with at least
   * one system and have no follow-up yet (art. 22(2)).
   */
  async list(
    db: Executor,
    filter: {
      authorityId: string;
      pending: boolean;
      sort: FlagSortColumn;
      order: 'asc' | 'desc';
      limit: number;
      offset: number;
    },
  ): Promise<{ rows: FlagQueryRow[]; total: number }> {
    let base = q(db).selectFrom('cir.flag_query').where('authority_id', '=', filter.authorityId);
    if (filter.pending) {
      base = base.where('follow_up', 'is', null).where(sql<boolean>`jsonb_array_length(systems) > 0`);
    }
    const column = filter.sort === 'caseReference' ? 'case_reference' : 'created_at';
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy(column, filter.order)
        .orderBy('id', filter.order)
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }
}
