import { sql, type Executor } from '../../platform/database/index.ts';
import { CATEGORY_INFO } from './model.ts';

/** What the statistics repository reads of a hit (2018/1862 art. 74(3)): codes and the day, nothing else. */
export interface SisStatsHit {
  id: string;
  /** UTC date the hit was reported. */
  day: string;
  category: string;
  /**
   * Whose action to be taken the alert carries, as a code: `category-default` (the category's, 2018/1862 art.
   * 20(2)(r)) or `issuer-specific` (worded by the issuing authority, free text that may name a person and so is
   * never counted as such); `unknown` once the alert is gone.
   */
  action: 'category-default' | 'issuer-specific' | 'unknown';
  /** `person` or `object`; `unknown` once the alert is gone. */
  kind: string;
  reportingState: string;
}

function actionCode(category: string, action: string | null): SisStatsHit['action'] {
  if (action === null) {
    return 'unknown';
  }
  const info = (CATEGORY_INFO as Readonly<Record<string, { defaultAction: string } | undefined>>)[category];
  return info !== undefined && info.defaultAction === action ? 'category-default' : 'issuer-specific';
}

/** The hits of the ids SIS holds (read only). */
export async function sisStatsHits(db: Executor, ids: readonly string[]): Promise<SisStatsHit[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    day: string;
    category: string;
    action: string | null;
    kind: string | null;
    reporting_state: string;
  }>`select h.id, to_char(h.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, h.category, a.action, a.kind,
      h.reporting_state
    from sis.hit h left join sis.alert a on a.id = h.alert_id
    where h.id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    day: r.day,
    category: r.category,
    action: actionCode(r.category, r.action),
    kind: r.kind ?? 'unknown',
    reportingState: r.reporting_state,
  }));
}

/** Hit ids in id order after `after`, for a build of the repository. */
export async function sisStatsScan(db: Executor, after: string | null, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from sis.hit
    where ${after === null ? sql`true` : sql`id > ${after}`} order by id limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}
