import { ALERTS_TOPIC, HITS_TOPIC, sisQualityScan, sisStatsHits } from '../../contexts/sis/index.ts';
import type { StatsFact, StatsSource } from '../../contexts/stats/index.ts';
import { sisAlertQuality, sisHitQuality } from './stats-quality.ts';

/**
 * SIS facts for the statistics repository (2018/1862 art. 74(3), 2018/1861 art. 60(3); 2019/818 art. 39): each
 * hit once, on the UTC day it was reported, by alert category, action to be taken, reporting member state and
 * kind (person or object). A hit stays counted after the alert or the hit is erased. With them the data-quality
 * states of stats-quality.ts: each hit while its SIRENE reply is awaited, each alert on its review date. Refs are
 * hit ids (`hit_…`) and alert ids (`sis_…`), from the two topics; each is read where it is held.
 */
export function sisStatsSource(): StatsSource {
  return {
    system: 'sis',
    topics: [HITS_TOPIC, ALERTS_TOPIC],
    async facts(db, refs) {
      const out = new Map<string, StatsFact[]>();
      const hitQuality = await sisHitQuality(db, refs);
      for (const [id, facts] of await sisAlertQuality(db, refs)) {
        out.set(id, facts);
      }
      for (const h of await sisStatsHits(db, refs)) {
        out.set(h.id, [
          {
            key: 'hit',
            figure: 'sis.hits',
            kind: 'event',
            day: h.day,
            dims: { category: h.category, action: h.action, memberState: h.reportingState, kind: h.kind },
          },
          ...(hitQuality.get(h.id) ?? []),
        ]);
      }
      return out;
    },
    scan: sisQualityScan,
  };
}
