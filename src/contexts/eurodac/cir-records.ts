import { sql, type Executor } from '../../platform/database/index.ts';
import type { DocumentInput, IdentityInput } from './model.ts';

/** What the common identity repository reads of a dataset (2019/818 art. 18(1)). */
export interface EurodacCirRecord {
  id: string;
  category: string;
  memberState: string;
  identity: IdentityInput | null;
  document: DocumentInput | null;
  recordedAt: string;
}

/** The datasets of the ids that Eurodac holds (read only). */
export async function eurodacCirRecords(db: Executor, ids: readonly string[]): Promise<EurodacCirRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    category: string;
    member_state: string;
    identity: IdentityInput | null;
    document: DocumentInput | null;
    registered_at: Date | string;
    responsibility_updated_at: Date | string | null;
    marked_at: Date | string | null;
  }>`select id, category, member_state, identity, document, registered_at, responsibility_updated_at, marked_at
    from eurodac.dataset where id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    memberState: r.member_state,
    identity: r.identity,
    document: r.document,
    recordedAt: new Date(
      Math.max(
        ...[r.registered_at, r.responsibility_updated_at, r.marked_at]
          .filter((d): d is Date | string => d !== null)
          .map((d) => new Date(d).getTime()),
      ),
    ).toISOString(),
  }));
}

/** Dataset ids in id order after `after`, for a full rebuild of the repository. */
export async function eurodacCirScan(db: Executor, after: string | null, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from eurodac.dataset
    where ${after === null ? sql`true` : sql`id > ${after}`} order by id limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}
