import { sql, type Executor } from '../../platform/database/index.ts';

/** What the common identity repository reads of an individual file (2019/817 art. 18(1)). */
export interface EesCirRecord {
  id: string;
  surname: string;
  givenNames: string;
  birthDate: string;
  sex: string;
  nationalities: string[];
  responsibleState: string;
  updatedAt: string;
  documents: Array<{ type: string; number: string; issuingState: string; expiry: string }>;
}

/** The individual files of the ids that EES holds, with their travel documents (read only). */
export async function eesCirRecords(db: Executor, ids: readonly string[]): Promise<EesCirRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    surname: string;
    given_names: string;
    birth_date: string;
    sex: string;
    nationalities: string[];
    responsible_state: string;
    updated_at: Date | string;
    documents: Array<{ type: string; number: string; issuingState: string; expiry: string }> | null;
  }>`select f.id, f.surname, f.given_names, f.birth_date, f.sex, f.nationalities, f.responsible_state,
      f.updated_at,
      (select jsonb_agg(jsonb_build_object('type', d.doc_type, 'number', d.number,
          'issuingState', d.issuing_state, 'expiry', d.expiry) order by d.id)
        from ees.travel_document d where d.file_id = f.id) as documents
    from ees.individual_file f where f.id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    surname: r.surname,
    givenNames: r.given_names,
    birthDate: r.birth_date,
    sex: r.sex,
    nationalities: r.nationalities,
    responsibleState: r.responsible_state,
    updatedAt: new Date(r.updated_at).toISOString(),
    documents: r.documents ?? [],
  }));
}

/** File ids in id order after `after`, for a full rebuild of the repository. */
export async function eesCirScan(db: Executor, after: string | null, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from ees.individual_file
    where ${after === null ? sql`true` : sql`id > ${after}`} order by id limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}
