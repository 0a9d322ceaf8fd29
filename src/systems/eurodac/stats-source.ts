import {
  DATASETS_TOPIC,
  EURODAC_PARTITION,
  eurodacCirScan,
  eurodacStatsRecords,
  type EurodacStatsRecord,
} from '../../contexts/eurodac/index.ts';
import type { BiometricMatching } from '../../contexts/sbms/index.ts';
import type { StatsFact, StatsSource } from '../../contexts/stats/index.ts';

/**
 * The facts one dataset gives (Reg. (EU) 2024/1358 art. 12 [K: the statistics article of the recast, not
 * re-read]: datasets transmitted and hits, per category of person; 2019/818 art. 39):
 * - `eurodac.registrations`: the dataset on its day, by category and member state of origin;
 * - `eurodac.hits`: each hit of its comparison (art. 27) on the day it was found, by the dataset's category,
 *   the category of the dataset it hit and the member state of origin (who verifies it);
 * - `quality.files-without-biometrics`: a state while the dataset has no template in the matching service
 *   (every dataset should hold fingerprints, art. 13; 2019/818 art. 37 data quality), day = registration.
 * Registrations and hits are events and stay counted after the dataset is erased (art. 29).
 */
export function eurodacStatsFacts(r: EurodacStatsRecord, hasBiometrics: boolean): StatsFact[] {
  const facts: StatsFact[] = [
    {
      key: 'registered',
      figure: 'eurodac.registrations',
      kind: 'event',
      day: r.registeredDay,
      dims: { category: r.category, memberState: r.memberState },
    },
  ];
  for (const h of r.hits) {
    facts.push({
      key: `hit:${h.id}`,
      figure: 'eurodac.hits',
      kind: 'event',
      day: h.day,
      dims: { category: r.category, matchedCategory: h.matchedCategory, memberState: r.memberState },
    });
  }
  if (!hasBiometrics) {
    facts.push({
      key: 'without-biometrics',
      figure: 'quality.files-without-biometrics',
      kind: 'state',
      day: r.registeredDay,
      dims: { system: 'eurodac', missing: 'fingerprints', memberState: r.memberState },
    });
  }
  return facts;
}

/**
 * Eurodac's source for the statistics repository: every change to a dataset re-reads its facts. With the
 * matching service it also tells the datasets that hold no template (without it, none is reported).
 */
export function eurodacStatsSource(biometrics?: Pick<BiometricMatching, 'templates'>): StatsSource {
  return {
    system: 'eurodac',
    topics: [DATASETS_TOPIC],
    async facts(db, refs) {
      const records = await eurodacStatsRecords(db, refs);
      const templates =
        biometrics === undefined || records.length === 0
          ? null
          : await biometrics.templates(
              db,
              EURODAC_PARTITION,
              records.map((r) => r.id),
            );
      const out = new Map<string, StatsFact[]>();
      for (const record of records) {
        const held = templates === null || (templates.get(record.id)?.length ?? 0) > 0;
        out.set(record.id, eurodacStatsFacts(record, held));
      }
      return out;
    },
    scan: eurodacCirScan,
  };
}
