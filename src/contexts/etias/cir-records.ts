import { sql, type Executor } from '../../platform/database/index.ts';
import type { ApplicationInput } from './model.ts';

/** What the common identity repository reads of an application file (2019/817 art. 18(1)). */
export interface EtiasCirRecord {
  id: string;
  content: ApplicationInput;
  intendedState: string | null;
  updatedAt: string;
}

/** The application files of the ids that ETIAS holds (read only). */
export async function etiasCirRecords(db: Executor, ids: readonly string[]): Promise<EtiasCirRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    content: ApplicationInput;
    intended_state: string | null;
    updated_at: Date | string;
  }>`select id, content, intended_state, updated_at from etias.application
    where id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    content: r.content,
    intendedState: r.intended_state,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** Application ids in id order after `after`, for a full rebuild of the repository. */
export async function etiasCirScan(db: Executor, after: string | null, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from etias.application
    where ${after === null ? sql`true` : sql`id > ${after}`} order by id limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}
