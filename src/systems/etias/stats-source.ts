import {
  APPLICATIONS_TOPIC,
  etiasCirScan,
  etiasStatsRecords,
  REFUSAL_GROUNDS,
  type EtiasStatsRecord,
} from '../../contexts/etias/index.ts';
import type { StatsFact, StatsSource } from '../../contexts/stats/index.ts';

/**
 * The art. 37 ground(s) of a refusal, annulment or revocation as one code: the ground, or the grounds in the
 * regulation's order joined by `+` when there are several, so that each decision counts once and the
 * Barometer's number of refusals is the number of decisions.
 */
function groundOf(grounds: readonly string[]): string {
  const given = new Set(grounds);
  if (given.size === 0) {
    return 'unknown';
  }
  const known = REFUSAL_GROUNDS.filter((g) => given.has(g));
  const other = [...given].filter((g) => !(REFUSAL_GROUNDS as readonly string[]).includes(g)).sort();
  return [...known, ...other].join('+');
}

/** The member state a National Unit works for; the central system and Europol's Central Unit are `EU`. */
const decidingState = (r: EtiasStatsRecord): string => r.responsibleState ?? 'EU';

/**
 * Where a routing hit comes from, as the Barometer shows it (2018/1240 arts. 20, 33-34): the systems by name,
 * the watchlist split into Europol's entries and the member states' (art. 34(4)), the screening rules, and the
 * background answers of art. 17(4).
 */
function routingSource(h: EtiasStatsRecord['routingHits'][number]): string {
  if (h.source === 'watchlist') {
    return h.memberState === 'EUROPOL' ? 'europol' : 'watchlist';
  }
  return h.source;
}

/**
 * The facts one application file gives (2018/1240 art. 84(2): applications, issued, refused by ground,
 * annulled, revoked, by nationality; the screening rules' effect, art. 33(9) [K]). Events only: they stay
 * counted after the file is erased (art. 54).
 * - `etias.applications`: the submission, on its day, by nationality and state of intended first stay;
 * - `etias.decisions`: each decision on its day: `issued` (with `flagged` when it carries an art. 36(2)-(3)
 *   flag, `limited-validity` under art. 44), or `refused`/`annulled`/`revoked` with its art. 37 ground(s)
 *   (several joined by `+`, in the order of the form of Impl. Dec. (EU) 2022/102), each decision once;
 * - `etias.manual-routing`: when the file went to manual processing (art. 22 or 26), one fact per source and
 *   rule that fired (SIS, EES, Eurodac, ETIAS, Europol, the watchlist, each screening rule by its id,
 *   background answers), on the day it was sent, so that the share each rule sends to manual processing is
 *   `manual-routing[rule] / applications` (art. 33(2) [K]).
 */
export function etiasStatsFacts(r: EtiasStatsRecord): StatsFact[] {
  const nationality = r.nationality || 'unknown';
  const memberState = r.intendedState ?? 'unknown';
  const facts: StatsFact[] = [
    {
      key: 'submitted',
      figure: 'etias.applications',
      kind: 'event',
      day: r.submittedDay,
      dims: { nationality, memberState },
    },
  ];
  let routedOn: string | null = null;
  for (const e of r.events) {
    switch (e.kind) {
      case 'issued': {
        const decision = e.limited
          ? 'issued-limited-validity'
          : e.flags.length > 0
            ? 'issued-flagged'
            : 'issued';
        facts.push({
          key: `decision:${e.id}`,
          figure: 'etias.decisions',
          kind: 'event',
          day: e.day,
          dims: { decision, ground: 'none', nationality, memberState: decidingState(r) },
        });
        break;
      }
      case 'refused':
      case 'annulled':
      case 'revoked':
        facts.push({
          key: `decision:${e.id}`,
          figure: 'etias.decisions',
          kind: 'event',
          day: e.day,
          dims: { decision: e.kind, ground: groundOf(e.grounds), nationality, memberState: decidingState(r) },
        });
        break;
      case 'to-central-unit':
      case 'to-national-unit':
        routedOn ??= e.day;
        break;
    }
  }
  if (routedOn !== null) {
    const seen = new Set<string>();
    for (const h of r.routingHits) {
      const source = routingSource(h);
      const key = `routing:${source}:${h.rule}`;
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      facts.push({
        key,
        figure: 'etias.manual-routing',
        kind: 'event',
        day: routedOn,
        dims: { source, rule: h.rule, memberState },
      });
    }
  }
  return facts;
}

/** ETIAS's source for the statistics repository: every change to an application file re-reads its facts. */
export function etiasStatsSource(): StatsSource {
  return {
    system: 'etias',
    topics: [APPLICATIONS_TOPIC],
    async facts(db, refs) {
      const out = new Map<string, StatsFact[]>();
      for (const record of await etiasStatsRecords(db, refs)) {
        out.set(record.id, etiasStatsFacts(record));
      }
      return out;
    },
    scan: etiasCirScan,
  };
}
