import { HITS_TOPIC, hubsStatsRecords, hubsStatsScan, READ_COUNTS_TOPIC } from '../../contexts/hubs/index.ts';
import type { StatsFact, StatsSource } from '../../contexts/stats/index.ts';

/**
 * Hub facts for the statistics repository (2019/817 art. 39 [K]: hub checks are national, their SIS hits are
 * counted by SIS too): each hit once, on the hub's local day, by hub and the alert's object type; and the reads
 * from the hub's counters (`n` = reads of that object type that day, stored or not), so a counter's growth
 * moves the cell by the difference.
 */
export function hubsStatsSource(): StatsSource {
  return {
    system: 'hubs',
    topics: [HITS_TOPIC, READ_COUNTS_TOPIC],
    async facts(db, refs) {
      const out = new Map<string, StatsFact[]>();
      for (const r of await hubsStatsRecords(db, refs)) {
        const dims = { hub: r.hubId, objectType: r.objectType, memberState: r.memberState };
        out.set(r.ref, [
          r.kind === 'hit'
            ? { key: 'hit', figure: 'hubs.hits', kind: 'event', day: r.day, dims }
            : { key: 'reads', figure: 'hubs.reads', kind: 'event', day: r.day, dims, n: r.n },
        ]);
      }
      return out;
    },
    scan: hubsStatsScan,
  };
}
