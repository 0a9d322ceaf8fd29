import { HITS_TOPIC, sisStatsHits, sisStatsScan } from '../../contexts/sis/index.ts';
import type { StatsFact, StatsSource } from '../../contexts/stats/index.ts';

/**
 * SIS facts for the statistics repository (2018/1862 art. 74(3), 2018/1861 art. 60(3); 2019/818 art. 39): each
 * hit once, on the UTC day it was reported, by alert category, action to be taken, reporting member state and
 * kind (person or object). A hit stays counted after the alert or the hit is erased.
 */
export function sisStatsSource(): StatsSource {
  return {
    system: 'sis',
    topics: [HITS_TOPIC],
    async facts(db, refs) {
      const out = new Map<string, StatsFact[]>();
      for (const h of await sisStatsHits(db, refs)) {
        out.set(h.id, [
          {
            key: 'hit',
            figure: 'sis.hits',
            kind: 'event',
            day: h.day,
            dims: { category: h.category, action: h.action, memberState: h.reportingState, kind: h.kind },
          },
        ]);
      }
      return out;
    },
    scan: sisStatsScan,
  };
}
