import { sql, type Executor } from '../../platform/database/index.ts';
import type { Partition } from '../sbms/index.ts';
import { aliasKeys, documentKey } from './keys.ts';
import type { CirFile, CirRef, CirSystem } from './model.ts';

interface FileRow {
  ref: string;
  system: string;
  record_ref: string;
  identity: CirFile['identity'];
  documents: CirFile['documents'];
  biometrics: string | null;
  member_state: string;
  sis_category: string | null;
  recorded_at: Date | string;
}

const CHUNK = 2000;

export function fileOf(row: FileRow): CirFile {
  return {
    system: row.system as CirSystem,
    recordRef: row.record_ref,
    identity: row.identity,
    documents: row.documents,
    biometrics: row.biometrics as Partition | null,
    memberState: row.member_state,
    ...(row.sis_category === null ? {} : { sisCategory: row.sis_category }),
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

/** JSON with object keys sorted (a jsonb column gives them back in its own order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** What a file holds, as compared to tell whether an update changed anything the MID reads. */
export function contentOf(f: CirFile): string {
  return canonical([f.identity, f.documents, f.biometrics, f.memberState, f.sisCategory ?? null]);
}

export const refOf = (f: CirFile): CirRef => `${f.system}:${f.recordRef}`;

/** The CIR's tables (`cir` schema), in the caller's transaction; raw SQL for the batch statements. */
export class CirRepository {
  async files(db: Executor, refs: readonly string[]): Promise<CirFile[]> {
    const out: CirFile[] = [];
    const unique = [...new Set(refs)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const { rows } = await sql<FileRow>`select ref, system, record_ref, identity, documents, biometrics,
          member_state, sis_category, recorded_at
        from cir.file where ref = any(${unique.slice(i, i + CHUNK)}::text[])`.execute(db);
      out.push(...rows.map(fileOf));
    }
    return out;
  }

  /**
   * Upserts the files with their document and alias keys, one statement per chunk: keys a file no longer
   * gives are deleted, new ones inserted, the others left as they are.
   */
  async upsert(db: Executor, given: readonly CirFile[]): Promise<void> {
    // A ref given twice is written once, as given last (a statement cannot change a row twice).
    const files = [...new Map(given.map((f) => [refOf(f), f])).values()];
    for (let i = 0; i < files.length; i += CHUNK) {
      const chunk = files.slice(i, i + CHUNK);
      const rows = chunk.map((f) => ({
        ref: refOf(f),
        system: f.system,
        record_ref: f.recordRef,
        identity: f.identity,
        documents: f.documents,
        biometrics: f.biometrics,
        member_state: f.memberState,
        sis_category: f.sisCategory ?? null,
        recorded_at: f.recordedAt,
      }));
      const docKeys: Array<{ key: string; ref: string }> = [];
      const alias: Array<{ key: string; ref: string }> = [];
      for (const f of chunk) {
        const ref = refOf(f);
        for (const key of new Set(f.documents.map((d) => documentKey(d.number)).filter((k) => k !== ''))) {
          docKeys.push({ key, ref });
        }
        for (const key of aliasKeys(f.identity)) {
          alias.push({ key, ref });
        }
      }
      // The key rows refer to the files: the foreign keys are checked at the end of the statement.
      await sql`with
        stored as (
          insert into cir.file (ref, system, record_ref, identity, documents, biometrics, member_state,
            sis_category, recorded_at, updated_at)
          select r.ref, r.system, r.record_ref, r.identity, r.documents, r.biometrics, r.member_state,
            r.sis_category, r.recorded_at, now()
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(ref text, system text, record_ref text,
            identity jsonb, documents jsonb, biometrics text, member_state text, sis_category text,
            recorded_at timestamptz)
          on conflict (ref) do update set identity = excluded.identity, documents = excluded.documents,
            biometrics = excluded.biometrics, member_state = excluded.member_state,
            sis_category = excluded.sis_category, recorded_at = excluded.recorded_at, updated_at = now()
          returning ref),
        doc as (select k.key, k.ref from jsonb_to_recordset(${JSON.stringify(docKeys)}::jsonb) as k(key text, ref text)),
        ali as (select k.key, k.ref from jsonb_to_recordset(${JSON.stringify(alias)}::jsonb) as k(key text, ref text)),
        doc_gone as (delete from cir.document_key d where d.ref = any(${rows.map((r) => r.ref)}::text[])
          and not exists (select 1 from doc where doc.key = d.key and doc.ref = d.ref)),
        ali_gone as (delete from cir.alias_key a where a.ref = any(${rows.map((r) => r.ref)}::text[])
          and not exists (select 1 from ali where ali.key = a.key and ali.ref = a.ref)),
        doc_new as (insert into cir.document_key (key, ref) select key, ref from doc on conflict do nothing),
        ali_new as (insert into cir.alias_key (key, ref) select key, ref from ali on conflict do nothing)
        select count(*) as n from stored`.execute(db);
    }
  }

  /** Deletes the files (their keys go with them); returns the refs that were held. */
  async remove(db: Executor, refs: readonly string[]): Promise<CirRef[]> {
    const out: CirRef[] = [];
    const unique = [...new Set(refs)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const { rows } = await sql<{ ref: CirRef }>`delete from cir.file
        where ref = any(${unique.slice(i, i + CHUNK)}::text[]) returning ref`.execute(db);
      out.push(...rows.map((r) => r.ref));
    }
    return out;
  }

  /** Refs of the files holding a document of one of the keys. */
  async byDocumentKeys(db: Executor, keys: readonly string[]): Promise<Array<{ key: string; ref: CirRef }>> {
    if (keys.length === 0) {
      return [];
    }
    const { rows } = await sql<{ key: string; ref: CirRef }>`select key, ref from cir.document_key
      where key = any(${[...new Set(keys)]}::text[])`.execute(db);
    return rows;
  }

  /** Refs of the SIS files with an alias identity under one of the keys. */
  async byAliasKeys(db: Executor, keys: readonly string[]): Promise<Array<{ key: string; ref: CirRef }>> {
    if (keys.length === 0) {
      return [];
    }
    const { rows } = await sql<{ key: string; ref: CirRef }>`select key, ref from cir.alias_key
      where key = any(${[...new Set(keys)]}::text[])`.execute(db);
    return rows;
  }

  /** Every ref of one system (for the rebuild's removal of files their source no longer holds). */
  async refsOf(db: Executor, system: CirSystem): Promise<CirRef[]> {
    const { rows } = await sql<{ ref: CirRef }>`select ref from cir.file where system = ${system}`.execute(
      db,
    );
    return rows.map((r) => r.ref);
  }

  async count(db: Executor): Promise<number> {
    const { rows } = await sql<{ n: string }>`select count(*) as n from cir.file`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }

  /** Locks the synchronisation state for this transaction: the position, or null when never built. */
  async lockState(db: Executor): Promise<number | null> {
    const { rows } = await sql<{ position: string | null }>`select position from cir.sync_state
      where id = 1 for update`.execute(db);
    const p = rows[0]?.position;
    return p === null || p === undefined ? null : Number(p);
  }

  async setPosition(db: Executor, position: number, built = false): Promise<void> {
    await (
      built
        ? sql`update cir.sync_state set position = ${position}, built_at = now() where id = 1`
        : sql`update cir.sync_state set position = ${position} where id = 1`
    ).execute(db);
  }
}
