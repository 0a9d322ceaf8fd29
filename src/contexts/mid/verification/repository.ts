import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { Executor } from '../../../platform/database/index.ts';

type Timestamp = ColumnType<Date, Date, Date>;

export interface LinkEventTable {
  id: string;
  link_id: string;
  at: Timestamp;
  /** `verified` (more events may follow: a correction on the person's request, art. 48 [K]). */
  event: string;
  color: string;
  by: string | null;
  authority: string | null;
  reason: string | null;
}

export interface NoticeTable {
  id: string;
  link_id: string;
  record_ref: string;
  lang: string;
  subject: string;
  text: string;
  created_at: Timestamp;
}

export type VerificationTables = {
  'mid.link_event': LinkEventTable;
  'mid.notice': NoticeTable;
};

export type LinkEventRow = Selectable<LinkEventTable>;
export type NoticeRow = Selectable<NoticeTable>;

const q = (db: Executor) => db.withTables<VerificationTables>();

/** Storage of the links' history and of the red-link notices (the outbox). */
export class VerificationRepository {
  async appendEvent(trx: Executor, row: Insertable<LinkEventTable>): Promise<void> {
    await q(trx).insertInto('mid.link_event').values(row).execute();
  }

  async events(db: Executor, linkId: string): Promise<LinkEventRow[]> {
    return q(db)
      .selectFrom('mid.link_event')
      .selectAll()
      .where('link_id', '=', linkId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  async insertNotices(trx: Executor, rows: Array<Insertable<NoticeTable>>): Promise<void> {
    if (rows.length > 0) {
      await q(trx).insertInto('mid.notice').values(rows).execute();
    }
  }

  async notices(db: Executor, linkId: string): Promise<NoticeRow[]> {
    return q(db)
      .selectFrom('mid.notice')
      .selectAll()
      .where('link_id', '=', linkId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}
