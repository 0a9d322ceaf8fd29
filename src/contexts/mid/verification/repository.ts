import type { ColumnType, Insertable, Selectable } from 'kysely';
import { sql, type Executor } from '../../../platform/database/index.ts';
import type { CirSystem } from '../../cir/index.ts';
import type { LinkColor, MidLink, VerifiedColor } from '../model.ts';
import { linkOf, type LinkRow } from '../repository.ts';

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

/** A link as the verification reads it: the stored link, and whether a red link shows in its records. */
export type StoredLink = MidLink & { reflectedInRecords: boolean };

/** A verification as stored in the link (`noticeWithheld`: why the person was not told, art. 32). */
export type StoredVerification = NonNullable<MidLink['verification']> & {
  noticeWithheld?: { reason: string };
};

/** The filter, sort and page of the verification queue (DataTable conventions). */
export interface QueueQuery {
  authorityType: string;
  memberState: string;
  color?: LinkColor;
  system?: CirSystem;
  sort?: 'createdAt' | 'verifyBy' | 'color';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const COLUMNS = sql`id, icf, pair, color, record_a, record_b, system_a, system_b, rules, evidence,
  verifier_type, verifier_state, verifier, verify_by, created_at, updated_at, verification, reflected_in_records`;

type Row = LinkRow & { reflected_in_records: boolean };
const storedOf = (r: Row): StoredLink => ({ ...linkOf(r), reflectedInRecords: r.reflected_in_records });

const SORT_COLUMNS = {
  createdAt: sql`created_at`,
  verifyBy: sql`verify_by`,
  color: sql`color`,
} as const;

/** The links as the verification reads and writes them, their history and the red-link notices (the outbox). */
export class VerificationRepository {
  async find(db: Executor, id: string): Promise<StoredLink | undefined> {
    const { rows } = await sql<Row>`select ${COLUMNS} from mid.link where id = ${id}`.execute(db);
    return rows[0] === undefined ? undefined : storedOf(rows[0]);
  }

  /** The link, locked until the transaction ends (two verifications of one link are serialised). */
  async lock(trx: Executor, id: string): Promise<StoredLink | undefined> {
    const { rows } = await sql<Row>`select ${COLUMNS} from mid.link where id = ${id} for update`.execute(trx);
    return rows[0] === undefined ? undefined : storedOf(rows[0]);
  }

  /**
   * The verifier's links (art. 29: its authority type and member state), filtered, sorted (by default the
   * nearest deadline first, then the oldest) and paged, with the total; ties broken by id.
   */
  async queue(db: Executor, query: QueueQuery): Promise<{ links: StoredLink[]; total: number }> {
    const where = sql.join(
      [
        sql`verifier_type = ${query.authorityType}`,
        sql`verifier_state = ${query.memberState}`,
        ...(query.color === undefined ? [] : [sql`color = ${query.color}`]),
        ...(query.system === undefined
          ? []
          : [sql`(system_a = ${query.system} or system_b = ${query.system})`]),
      ],
      sql` and `,
    );
    const dir = query.order === 'desc' ? sql`desc` : sql`asc`;
    const order =
      query.sort === undefined
        ? sql`verify_by asc nulls last, created_at asc, id asc`
        : sql`${SORT_COLUMNS[query.sort]} ${dir} nulls last, id ${dir}`;
    const { rows } = await sql<Row & { total: string | number }>`select ${COLUMNS}, count(*) over () as total
      from mid.link where ${where} order by ${order} limit ${query.limit} offset ${query.offset}`.execute(db);
    let total = rows[0] === undefined ? 0 : Number(rows[0].total);
    if (rows.length === 0 && query.offset > 0) {
      const counted = await sql<{
        n: string | number;
      }>`select count(*) as n from mid.link where ${where}`.execute(db);
      total = Number(counted.rows[0]?.n ?? 0);
    }
    return { links: rows.map(storedOf), total };
  }

  /** Writes a verification into the link (art. 34: the identity confirmation file holds the colour). */
  async saveVerification(
    trx: Executor,
    id: string,
    change: { color: VerifiedColor; verification: StoredVerification; reflectedInRecords: boolean; at: Date },
  ): Promise<void> {
    await sql`update mid.link set color = ${change.color},
        verification = ${JSON.stringify(change.verification)}::jsonb,
        reflected_in_records = ${change.reflectedInRecords}, updated_at = ${change.at}
      where id = ${id}`.execute(trx);
  }

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
