import { seededRandom, type HubsNetworkFacts, type NetworkPassage } from '../src/contexts/hubs/index.ts';
import type { NetworkAlertFact, SisNetworkFacts } from '../src/contexts/sis/index.ts';
import { buildGraph, neighbourhood, type RawGraph } from '../src/flows/network/graph.ts';
import { withMetrics } from '../src/flows/network/metrics.ts';
import { numberOption, type Bench, type BenchResult } from './harness.ts';

/**
 * The network map's graph build in process, without the database reads: the raw graph from the facts (alerts,
 * art. 63 links, hits, hub passages), then Louvain, betweenness and ForceAtlas2 on the nodes one answer draws
 * (the cap, 500 by default and 2,000 at most). Two data sets: the demo world's size (the planted ring among
 * some 60 linked alerts) and a synthetic one of 10,000 alerts (rings of 10 linked alerts) and 100,000 reads.
 */
const ALERTS = numberOption('alerts', 10_000);
const READS = numberOption('reads', 100_000);

function synthetic(alerts: number, reads: number): { sis: SisNetworkFacts; hubs: HubsNetworkFacts } {
  const rnd = seededRandom(17);
  const pick = (n: number) => Math.floor(rnd() * n);
  const facts: NetworkAlertFact[] = [];
  const objects: string[] = [];
  for (let i = 0; i < alerts; i++) {
    const person = i % 10 < 4;
    const value = person ? '' : `OBJ${String(i).padStart(7, '0')}`;
    if (!person) {
      objects.push(value);
    }
    facts.push({
      id: `sis_${String(i).padStart(7, '0')}`,
      kind: person ? 'person' : 'object',
      category: person ? 'arrest' : 'object-check',
      categoryLabel: person ? 'Arrest' : 'Check',
      covert: !person,
      objectType: person ? null : 'motor-vehicle',
      action: 'report',
      issuingState: 'NL',
      issuingAuthority: 'Politie',
      createdAt: '2026-01-01T00:00:00.000Z',
      reviewDue: '2027-01-01',
      label: person ? `PERSON ${i}` : `motor-vehicle ${value}`,
      person: person ? { birthDate: '1980-01-01', nationalities: ['NLD'] } : null,
      object: person ? null : { make: 'DAF', model: null, description: null },
      identifiers: person ? [] : [{ kind: 'plate', value, country: 'NLD' }],
    });
  }
  // Rings of ten alerts, each linked to its ring's first alert and to one other of the ring.
  const links: SisNetworkFacts['links'] = [];
  for (let i = 0; i < alerts; i++) {
    const head = i - (i % 10);
    if (i !== head) {
      links.push({ a: facts[head]!.id, b: facts[i]!.id, createdAt: '2026-01-01T00:00:00.000Z' });
      links.push({ a: facts[i]!.id, b: facts[head + pick(10)]!.id, createdAt: '2026-01-01T00:00:00.000Z' });
    }
  }
  const hits: SisNetworkFacts['hits'] = [];
  for (let i = 0; i < alerts / 2; i++) {
    hits.push({
      id: `hit_${i}`,
      alertId: facts[pick(alerts)]!.id,
      at: '2026-03-01T10:00:00.000Z',
      place: 'NL-AMS',
      reportingAuthority: `Authority ${pick(20)}`,
      reportingState: 'NL',
    });
  }
  const hubs = Array.from({ length: 5 }, (_, i) => ({
    id: `hub-${i}`,
    name: `Hub ${i}`,
    kind: 'seaport' as const,
    memberState: 'NL',
    locode: null,
  }));
  const passages: NetworkPassage[] = [];
  for (let i = 0; i < reads; i++) {
    // A read of an alerted object one time in ten; the others name vehicles the map does not draw.
    const known = rnd() < 0.1;
    passages.push({
      id: `read_${i}`,
      hubId: `hub-${pick(5)}`,
      gateId: 'gate',
      direction: 'in',
      at: `2026-03-${String(1 + pick(28)).padStart(2, '0')}T10:00:00.000Z`,
      objects: { plate: known ? objects[pick(objects.length)]! : `X${i}`, trailer: null, container: null },
      hit: null,
    });
  }
  return {
    sis: { alerts: facts, links: links.filter((l) => l.a !== l.b), hits, truncated: false },
    hubs: { hubs, passages, truncated: false },
  };
}

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

function metricsOn(graph: RawGraph, cap: number): number {
  const ids = [...graph.nodes.keys()].sort().slice(0, cap);
  const kept = new Set(ids);
  const [, ms] = time(() =>
    withMetrics(
      ids.map((id) => graph.nodes.get(id)!),
      graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target)),
    ),
  );
  return ms;
}

const bench: Bench = {
  name: 'network',
  run() {
    const results: BenchResult[] = [];
    for (const [alerts, reads, label] of [
      [60, 200, 'demo world size'],
      [ALERTS, READS, 'synthetic'],
    ] as const) {
      const data = synthetic(alerts, reads);
      const size = `${alerts.toLocaleString('en')} alerts, ${reads.toLocaleString('en')} reads (${label})`;
      const [graph, buildMs] = time(() =>
        buildGraph({ sis: data.sis, hubs: data.hubs, midNotices: new Map(), portCalls: [] }),
      );
      results.push({
        bench: 'network',
        case: 'raw graph from the facts',
        size,
        value: buildMs,
        unit: 'ms',
        note: `${graph.nodes.size} nodes, ${graph.edges.length} edges`,
      });
      const [, focusMs] = time(() => neighbourhood(graph, [`alert:${data.sis.alerts[0]!.id}`], 2));
      results.push({ bench: 'network', case: 'focus, depth 2', size, value: focusMs, unit: 'ms' });
      for (const cap of [500, 2000]) {
        if (graph.nodes.size >= cap || cap === 500) {
          results.push({
            bench: 'network',
            case: `Louvain + betweenness + ForceAtlas2 on ≤ ${cap} nodes`,
            size,
            value: metricsOn(graph, cap),
            unit: 'ms',
          });
        }
      }
    }
    return Promise.resolve(results);
  },
};

export default bench;
