import { LINKS_TOPIC, midStatsRecords, midStatsScan, type MidStatsRecord } from '../../contexts/mid/index.ts';
import type { StatsFact, StatsSource } from '../../contexts/stats/index.ts';

/**
 * The facts one MID link gives (2019/817 and 2019/818 art. 39(1); arts. 28-33), both states, so that they
 * follow the link's colour and leave when it is removed (art. 35):
 * - `mid.links`: the link in its current colour, by pair of systems (`ees-sis`) and the verifying authority's
 *   member state; day = the day it was made;
 * - `mid.backlog`: a yellow link not yet verified, by type of verifying authority (art. 29) and its member
 *   state; day = the verification deadline, so that the deadlines missed on day D are the cells before D
 *   (the deadlines themselves are [K], `DEFAULT_VERIFY_WITHIN_HOURS`). A yellow link without a deadline counts
 *   on the day it was made.
 */
export function midStatsFacts(r: MidStatsRecord): StatsFact[] {
  const facts: StatsFact[] = [
    {
      key: 'link',
      figure: 'mid.links',
      kind: 'state',
      day: r.createdDay,
      dims: { color: r.color, systems: r.systems.join('-'), memberState: r.verifierState },
    },
  ];
  if (r.color === 'yellow' && !r.verified) {
    facts.push({
      key: 'backlog',
      figure: 'mid.backlog',
      kind: 'state',
      day: r.verifyByDay ?? r.createdDay,
      dims: { verifier: r.verifierType, memberState: r.verifierState },
    });
  }
  return facts;
}

/** The MID's source for the statistics repository: every written or removed link re-reads its facts. */
export function midStatsSource(): StatsSource {
  return {
    system: 'mid',
    topics: [LINKS_TOPIC],
    async facts(db, refs) {
      const out = new Map<string, StatsFact[]>();
      for (const record of await midStatsRecords(db, refs)) {
        out.set(record.id, midStatsFacts(record));
      }
      return out;
    },
    scan: midStatsScan,
  };
}
