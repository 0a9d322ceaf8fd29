import { sql, type Executor } from '../../platform/database/index.ts';

/**
 * What the data-quality figures read of an individual file (2019/817 art. 37; EES art. 17): which biometric
 * data it lacks, the responsible state and the day it was created; never the person or the references
 * themselves. The file id keys the facts (stored hashed).
 */
export interface EesQualityFile {
  id: string;
  memberState: string;
  createdDay: string;
  /** No facial image (art. 17(1)(a), 16(1)(d)). */
  withoutFace: boolean;
  /** Fingerprints due but not taken (art. 17(4): `pending` while a temporary impossibility lasts). */
  withoutFingerprints: boolean;
}

/** The files of the ids that EES holds (read only). */
export async function eesQualityFiles(db: Executor, ids: readonly string[]): Promise<EesQualityFile[]> {
  if (ids.length === 0) {
    return [];
  }
  const { rows } = await sql<{
    id: string;
    responsible_state: string;
    created_at: Date | string;
    without_face: boolean;
    without_fingerprints: boolean;
  }>`select id, responsible_state, created_at, facial_image_ref is null as without_face,
      fingerprint_status = 'pending' as without_fingerprints
    from ees.individual_file where id = any(${[...new Set(ids)]}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    memberState: r.responsible_state,
    createdDay: new Date(r.created_at).toISOString().slice(0, 10),
    withoutFace: r.without_face,
    withoutFingerprints: r.without_fingerprints,
  }));
}
