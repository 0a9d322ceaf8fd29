import { sql, type Executor } from '../../platform/database/index.ts';

/**
 * What the statistics repository reads of a link (2019/817 and 2019/818 art. 39(1): the MID's links by colour;
 * art. 29: the verification backlog): its colour, the two systems, the verifying authority's type and state
 * and the days that matter; never the records it links, their data or its identity confirmation number. The
 * link id keys the facts (stored hashed).
 */
export interface MidStatsRecord {
  id: string;
  color: string;
  /** The two systems linked, sorted (`ees`, `sis`). */
  systems: [string, string];
  verifierType: string;
  verifierState: string;
  /** UTC day the link was made. */
  createdDay: string;
  /** UTC day a yellow link is to be verified by (art. 29 [K]), null when none is set. */
  verifyByDay: string | null;
  verified: boolean;
}

const day = (d: Date | string): string => new Date(d).toISOString().slice(0, 10);

/** The links of the ids that the MID holds (read only). */
export async function midStatsRecords(db: Executor, ids: readonly string[]): Promise<MidStatsRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    color: string;
    system_a: string;
    system_b: string;
    verifier_type: string;
    verifier_state: string;
    created_at: Date | string;
    verify_by: Date | string | null;
    verified: boolean;
  }>`select id, color, system_a, system_b, verifier_type, verifier_state, created_at, verify_by,
      verification is not null as verified
    from mid.link where id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    color: r.color,
    systems: r.system_a <= r.system_b ? [r.system_a, r.system_b] : [r.system_b, r.system_a],
    verifierType: r.verifier_type,
    verifierState: r.verifier_state,
    createdDay: day(r.created_at),
    verifyByDay: r.verify_by === null ? null : day(r.verify_by),
    verified: r.verified,
  }));
}

/** Link ids in id order after `after`, for a full rebuild of the repository. */
export async function midStatsScan(db: Executor, after: string | null, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from mid.link
    where ${after === null ? sql`true` : sql`id > ${after}`} order by id limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}
