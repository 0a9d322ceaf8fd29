import { sql, type Executor } from '../../platform/database/index.ts';

/**
 * What the statistics repository reads of alerts and hits for the data-quality figures (2019/818 arts. 37 and
 * 39(1); 2018/1862 arts. 53 and 74(3)): categories, member states and due days only, never the alert's
 * content, the person or object, the place or who checked. Ids key the facts (stored hashed).
 */
export interface SisQualityAlert {
  id: string;
  category: string;
  issuingState: string;
  /** The review date (2018/1862 art. 53; 2018/1861 art. 39). */
  reviewDue: string;
}

export interface SisQualityHit {
  id: string;
  category: string;
  /** The state whose SIRENE Bureau owes the reply (the issuing state). */
  issuingState: string;
  /** UTC day of the reply deadline (SIRENE Manual: 12 h, urgent 1 h [K]). */
  replyDueDay: string;
  /** No reply yet while the alert stands. */
  awaitingReply: boolean;
}

const day = (d: Date | string): string => new Date(d).toISOString().slice(0, 10);

/** The alerts of the ids that SIS holds (read only). */
export async function sisQualityAlerts(db: Executor, ids: readonly string[]): Promise<SisQualityAlert[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    category: string;
    issuing_state: string;
    review_due: string;
  }>`select id, category, issuing_state, to_char(review_due, 'YYYY-MM-DD') as review_due from sis.alert
    where id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    issuingState: r.issuing_state,
    reviewDue: r.review_due,
  }));
}

/** The hits of the ids that SIS holds (read only). */
export async function sisQualityHits(db: Executor, ids: readonly string[]): Promise<SisQualityHit[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    category: string;
    issuing_state: string;
    reply_due_at: Date | string;
    awaiting: boolean;
  }>`select id, category, issuing_state, reply_due_at,
      (replied_at is null and alert_deleted_on is null) as awaiting
    from sis.hit where id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    issuingState: r.issuing_state,
    replyDueDay: day(r.reply_due_at),
    awaitingReply: r.awaiting,
  }));
}

/**
 * Hit and alert ids together, in id order after `after`, for a build of the repository: the SIS source reads
 * both (hits `hit_…` sort before alerts `sis_…`).
 */
export async function sisQualityScan(db: Executor, after: string | null, limit: number): Promise<string[]> {
  // Each side walks its primary key; the merge keeps the first `limit` of both.
  const past = after === null ? sql`true` : sql`id > ${after}`;
  const { rows } = await sql<{ id: string }>`select id from (
      (select id from sis.hit where ${past} order by id limit ${limit})
      union all (select id from sis.alert where ${past} order by id limit ${limit})) r
    order by id limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}
