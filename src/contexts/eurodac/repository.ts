import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/database/index.ts';
import type { TemplateScore } from '../sbms/index.ts';
import type { DocumentInput, IdentityInput } from './model.ts';

/** jsonb columns: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date, Date>;

export interface DatasetTable {
  id: string;
  category: string;
  admission: string | null;
  member_state: string;
  authority_id: string | null;
  authority_name: string;
  registered_by: string;
  registered_at: Timestamp;
  identity: Json<IdentityInput | null>;
  document: Json<DocumentInput | null>;
  marked_at: Timestamp | null;
  marked_by: string | null;
  marking_basis: string | null;
  responsible_state: string | null;
  responsibility_ground: string | null;
  responsibility_updated_at: Timestamp | null;
  erase_after: string;
}

export interface HitTable {
  id: string;
  dataset_id: string;
  matched_dataset_id: string;
  origin_state: string;
  score: number;
  false_match_rate: number;
  decision: string;
  comparison: Json<TemplateScore[]>;
  state: string;
  verified_by: string | null;
  verified_at: Timestamp | null;
  reason: string | null;
  created_at: Timestamp;
}

export interface NoticeTable {
  id: string;
  kind: string;
  member_state: string;
  dataset_id: string;
  marked_dataset_id: string;
  marked_by_state: string;
  sent_at: Timestamp;
  due_by: Timestamp;
  acted_at: Timestamp | null;
  acted_by: string | null;
}

export type EurodacTables = {
  'eurodac.dataset': DatasetTable;
  'eurodac.hit': HitTable;
  'eurodac.notice': NoticeTable;
};

export type DatasetRow = Selectable<DatasetTable>;
export type HitRow = Selectable<HitTable>;
export type NoticeRow = Selectable<NoticeTable>;

const q = (db: Executor) => db.withTables<EurodacTables>();

/** Storage of datasets, hits and notices. Every method takes the executor it runs on. */
export class EurodacRepository {
  async insertDataset(trx: Executor, row: Insertable<DatasetTable>): Promise<void> {
    await q(trx).insertInto('eurodac.dataset').values(row).execute();
  }

  async findDataset(db: Executor, id: string): Promise<DatasetRow | undefined> {
    return q(db).selectFrom('eurodac.dataset').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async lockDataset(trx: Executor, id: string): Promise<DatasetRow | undefined> {
    return q(trx)
      .selectFrom('eurodac.dataset')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  async findDatasets(db: Executor, ids: readonly string[]): Promise<DatasetRow[]> {
    if (ids.length === 0) {
      return [];
    }
    return q(db)
      .selectFrom('eurodac.dataset')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  }

  async updateDataset(trx: Executor, id: string, set: Updateable<DatasetTable>): Promise<void> {
    await q(trx).updateTable('eurodac.dataset').set(set).where('id', '=', id).execute();
  }

  async deleteDataset(trx: Executor, id: string): Promise<boolean> {
    const r = await q(trx).deleteFrom('eurodac.dataset').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Art. 29: erases every dataset of the categories whose period has ended; returns their ids (hits and notices go with them). */
  async eraseExpired(trx: Executor, today: string, categories: readonly string[]): Promise<string[]> {
    if (categories.length === 0) {
      return [];
    }
    const rows = await q(trx)
      .deleteFrom('eurodac.dataset')
      .where('category', 'in', [...categories])
      .where('erase_after', '<', today)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async insertHits(trx: Executor, rows: Array<Insertable<HitTable>>): Promise<void> {
    if (rows.length > 0) {
      await q(trx).insertInto('eurodac.hit').values(rows).execute();
    }
  }

  async findHit(db: Executor, id: string): Promise<HitRow | undefined> {
    return q(db).selectFrom('eurodac.hit').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async lockHit(trx: Executor, id: string): Promise<HitRow | undefined> {
    return q(trx).selectFrom('eurodac.hit').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async updateHit(trx: Executor, id: string, set: Updateable<HitTable>): Promise<void> {
    await q(trx).updateTable('eurodac.hit').set(set).where('id', '=', id).execute();
  }

  /** The hits sent to a member state (of its new datasets), oldest first. */
  async hitsOfState(
    db: Executor,
    state: string,
    filter: { state: string | null; limit: number; offset: number },
  ): Promise<{ rows: HitRow[]; total: number }> {
    let base = q(db).selectFrom('eurodac.hit').where('origin_state', '=', state);
    if (filter.state !== null) {
      base = base.where('state', '=', filter.state);
    }
    const rows = await base
      .selectAll()
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(n) };
  }

  /** Every hit with the dataset on either side. */
  async hitsOfDataset(db: Executor, id: string): Promise<HitRow[]> {
    return q(db)
      .selectFrom('eurodac.hit')
      .selectAll()
      .where((eb) => eb.or([eb('dataset_id', '=', id), eb('matched_dataset_id', '=', id)]))
      .orderBy('created_at', 'asc')
      .execute();
  }

  async insertNotices(trx: Executor, rows: Array<Insertable<NoticeTable>>): Promise<void> {
    if (rows.length > 0) {
      await q(trx).insertInto('eurodac.notice').values(rows).execute();
    }
  }

  async lockNotice(trx: Executor, id: string): Promise<NoticeRow | undefined> {
    return q(trx)
      .selectFrom('eurodac.notice')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  async updateNotice(trx: Executor, id: string, set: Updateable<NoticeTable>): Promise<void> {
    await q(trx).updateTable('eurodac.notice').set(set).where('id', '=', id).execute();
  }

  async noticesOfState(db: Executor, state: string, open: boolean | null): Promise<NoticeRow[]> {
    let query = q(db).selectFrom('eurodac.notice').selectAll().where('member_state', '=', state);
    if (open !== null) {
      query = query.where('acted_at', open ? 'is' : 'is not', null);
    }
    return query.orderBy('sent_at', 'asc').orderBy('id', 'asc').limit(500).execute();
  }
}
