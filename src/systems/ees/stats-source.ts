import { eesCirScan, eesStatsRecords, FILES_TOPIC } from '../../contexts/ees/index.ts';
import type { StatsFact, StatsSource } from '../../contexts/stats/index.ts';

/**
 * EES facts for the statistics repository (EES art. 63(1); 2019/817 art. 39): each entry and exit on the
 * crossing point's local date, each refusal once per Annex V ground (SBC 2016/399 Annex V part B: a refusal on
 * two grounds counts under both), and each stay flagged as an overstay while the traveller has not left (a
 * state, from the first day after the authorised stay). The member state is the one of the crossing point.
 */
export function eesStatsSource(): StatsSource {
  return {
    system: 'ees',
    topics: [FILES_TOPIC],
    async facts(db, refs) {
      const out = new Map<string, StatsFact[]>();
      for (const file of await eesStatsRecords(db, refs)) {
        const facts: StatsFact[] = [];
        const nationality = file.nationality;
        for (const s of file.stays) {
          facts.push({
            key: `entry:${s.id}`,
            figure: 'ees.crossings',
            kind: 'event',
            day: s.entryDate,
            dims: { bcp: s.entryBcp, direction: 'entry', nationality, memberState: s.entryState },
          });
          if (s.exitDate !== null) {
            facts.push({
              key: `exit:${s.id}`,
              figure: 'ees.crossings',
              kind: 'event',
              day: s.exitDate,
              dims: {
                bcp: s.exitBcp ?? 'unknown',
                direction: 'exit',
                nationality,
                memberState: s.exitState ?? 'unknown',
              },
            });
          }
          if (s.overstayingSince !== null) {
            facts.push({
              key: `overstay:${s.id}`,
              figure: 'ees.overstays',
              kind: 'state',
              day: s.overstayingSince,
              dims: { nationality, memberState: s.entryState },
            });
          }
        }
        for (const r of file.refusals) {
          for (const ground of r.reasons.length === 0 ? ['unknown'] : r.reasons) {
            facts.push({
              key: `refusal:${r.id}:${ground}`,
              figure: 'ees.refusals',
              kind: 'event',
              day: r.date,
              dims: { bcp: r.bcp, ground, nationality, memberState: r.memberState },
            });
          }
        }
        out.set(file.fileId, facts);
      }
      return out;
    },
    scan: eesCirScan,
  };
}
