import { sql, type Executor } from '../../platform/database/index.ts';

/**
 * What the statistics repository reads of a dataset (Reg. (EU) 2024/1358 art. 12; 2019/818 art. 39): its
 * category, member state of origin and day, and the categories of the datasets its comparison hit; never the
 * identity, the document or a template. The dataset and hit ids key the facts (stored hashed).
 */
export interface EurodacStatsRecord {
  id: string;
  category: string;
  memberState: string;
  /** UTC day of registration. */
  registeredDay: string;
  /**
   * The hits of this dataset's comparison (art. 27), each with the category of the dataset it hit; the hit id
   * keys its fact (stored hashed), so that a hit whose other dataset is erased stays counted.
   */
  hits: Array<{ id: string; matchedCategory: string; day: string }>;
}

const day = (d: Date | string): string => new Date(d).toISOString().slice(0, 10);

/** The datasets of the ids that Eurodac holds, with their hits and the category each hit (read only). */
export async function eurodacStatsRecords(
  db: Executor,
  ids: readonly string[],
): Promise<EurodacStatsRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    category: string;
    member_state: string;
    registered_at: Date | string;
    hits: Array<{ id: string; matchedCategory: string; at: string }> | null;
  }>`select d.id, d.category, d.member_state, d.registered_at,
      (select jsonb_agg(jsonb_build_object('id', x.id, 'matchedCategory', m.category, 'at', x.created_at)
          order by x.id)
        from eurodac.hit x join eurodac.dataset m on m.id = x.matched_dataset_id
        where x.dataset_id = d.id) as hits
    from eurodac.dataset d where d.id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    memberState: r.member_state,
    registeredDay: day(r.registered_at),
    hits: (r.hits ?? []).map((h) => ({ id: h.id, matchedCategory: h.matchedCategory, day: day(h.at) })),
  }));
}
