import { eesQualityFiles, type EesQualityFile } from '../../contexts/ees/index.ts';
import type { StatsFact } from '../../contexts/stats/index.ts';
import type { Executor } from '../../platform/database/index.ts';

/**
 * EES's part of `quality.files-without-biometrics` (2019/817 art. 37; EES arts. 16-17), for the EES statistics
 * source to include: a file is a state while it lacks its facial image or fingerprints that are due (a
 * temporary impossibility, art. 17(4)), by what it lacks (`face`, `fingerprints`, `both`) and the responsible
 * state; day = the day the file was made. Exemptions (children under 12, physical impossibility, visa holders'
 * prints not stored) are not a lack.
 */
export function eesQualityFacts(f: EesQualityFile): StatsFact[] {
  if (!f.withoutFace && !f.withoutFingerprints) {
    return [];
  }
  const missing = f.withoutFace && f.withoutFingerprints ? 'both' : f.withoutFace ? 'face' : 'fingerprints';
  return [
    {
      key: 'without-biometrics',
      figure: 'quality.files-without-biometrics',
      kind: 'state',
      day: f.createdDay,
      dims: { system: 'ees', missing, memberState: f.memberState },
    },
  ];
}

/** The quality facts of the files of the ids that EES holds. */
export async function eesQuality(db: Executor, ids: readonly string[]): Promise<Map<string, StatsFact[]>> {
  return new Map((await eesQualityFiles(db, ids)).map((f) => [f.id, eesQualityFacts(f)]));
}
