import { sql, type Executor } from '../../platform/database/index.ts';
import type { AlertInput } from './model.ts';

/** What the multiple-identity detector reads of a person alert (2019/817 art. 27, 2019/818 art. 27). */
export interface SisCirRecord {
  id: string;
  category: string;
  content: AlertInput;
  issuingState: string;
  updatedAt: string;
}

/** The person alerts of the ids that SIS holds (object alerts and deleted ones are left out; read only). */
export async function sisCirRecords(db: Executor, ids: readonly string[]): Promise<SisCirRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    category: string;
    content: AlertInput;
    issuing_state: string;
    updated_at: Date | string;
  }>`select id, category, content, issuing_state, updated_at from sis.alert
    where kind = 'person' and id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    content: r.content,
    issuingState: r.issuing_state,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** Person alert ids in id order after `after`, for a full rebuild of the repository. */
export async function sisCirScan(db: Executor, after: string | null, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from sis.alert
    where kind = 'person' and ${after === null ? sql`true` : sql`id > ${after}`} order by id
    limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}
