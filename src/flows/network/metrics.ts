import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import circularModule from 'graphology-layout/circular.js';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { seededRandom } from '../../contexts/hubs/index.ts';
import type { EdgeKind, NetworkCommunity, NetworkEdge, NetworkNode } from './model.ts';
import type { RawEdge, RawNode } from './graph.ts';

/**
 * These packages are CommonJS whose type declarations say `export default`: under NodeNext the default import
 * is typed as the module, while Node hands over `module.exports` itself. Either way, the function.
 */
function interop<T>(m: { default: T }): T {
  return (m as { default?: T }).default ?? (m as unknown as T);
}
const louvain = interop(louvainModule);
const circular = interop(circularModule);
const forceAtlas2 = interop(forceAtlas2Module);
const betweenness = interop(betweennessModule);

/**
 * How much a relation counts for the communities [K]: what an investigator decided (an art. 63 link, an
 * alert on an object, a MID link) outweighs what was observed (a hit, a read, a port call), and an event
 * seen again on another day adds nothing more: the same truck read ten times at one gate is one tie.
 */
const KIND_WEIGHTS: Readonly<Record<EdgeKind, number>> = {
  'alert-link': 3,
  about: 3,
  'mid-link': 2,
  hit: 1,
  read: 1,
  discharged: 1,
  'called-at': 1,
};

/**
 * Louvain's resolution [K]: below 1, it prefers fewer, larger communities. A ring of a dozen alerts, objects
 * and places, alone in a quiet period, would otherwise be cut in two along its weakest ties; an investigator
 * reads one community per operation more easily (a focus narrows it further).
 */
const LOUVAIN_RESOLUTION = 0.5;

/** The seed of Louvain's random choices: the same data gives the same communities. */
const LOUVAIN_SEED = 17;

/** ForceAtlas2 iterations: fixed, so the same graph gets the same positions (fewer on large graphs). */
export const layoutIterations = (order: number): number => (order > 1000 ? 50 : 150);

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Communities (Louvain, seeded), betweenness centrality (normalised to 0…1) and positions (ForceAtlas2 from
 * a circular start) of the graph, with graphology. Several events between two nodes (reads on several days)
 * are one weighted edge for the metrics; the answer keeps every event for the time slider. Nodes and edges
 * are added in id order, so the same data gives the same numbers.
 */
export function withMetrics(
  rawNodes: readonly RawNode[],
  rawEdges: readonly RawEdge[],
): { nodes: NetworkNode[]; edges: NetworkEdge[]; communities: NetworkCommunity[] } {
  const nodes = [...rawNodes].sort(byId);
  const edges = [...rawEdges].sort(byId);
  const g = new UndirectedGraph({ allowSelfLoops: false });
  for (const n of nodes) {
    g.addNode(n.id);
  }
  const seen = new Map<string, { first: string | null; last: string | null }>();
  const see = (id: string, at: string | null) => {
    const s = seen.get(id) ?? { first: null, last: null };
    if (at !== null) {
      s.first = s.first === null || at < s.first ? at : s.first;
      s.last = s.last === null || at > s.last ? at : s.last;
    }
    seen.set(id, s);
  };
  for (const e of edges) {
    see(e.source, e.at);
    see(e.target, e.at);
    const w = KIND_WEIGHTS[e.kind];
    if (g.hasEdge(e.source, e.target)) {
      g.updateEdgeAttribute(e.source, e.target, 'weight', (v: number | undefined) => Math.max(v ?? 0, w));
    } else {
      g.addEdge(e.source, e.target, { weight: w });
    }
  }
  const raw =
    g.order === 0
      ? {}
      : louvain(g, {
          rng: seededRandom(LOUVAIN_SEED),
          getEdgeWeight: 'weight',
          resolution: LOUVAIN_RESOLUTION,
        });
  const centrality = g.order === 0 ? {} : betweenness(g, { normalized: true, getEdgeWeight: null });
  const maxCentrality = Math.max(0, ...Object.values(centrality as Record<string, number>));
  const scaled = (id: string) =>
    maxCentrality === 0
      ? 0
      : Math.round((((centrality as Record<string, number>)[id] ?? 0) / maxCentrality) * 1e6) / 1e6;
  // Community numbers by size (largest first), then by their first node id: stable for the same data.
  const members = new Map<number, string[]>();
  for (const n of nodes) {
    const c = raw[n.id] ?? 0;
    members.set(c, [...(members.get(c) ?? []), n.id]);
  }
  const ordered = [...members.values()].sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
  const community = new Map<string, number>();
  ordered.forEach((list, i) => list.forEach((id) => community.set(id, i)));
  circular.assign(g, { scale: 100 });
  if (g.size > 0) {
    forceAtlas2.assign(g, {
      iterations: layoutIterations(g.order),
      getEdgeWeight: 'weight',
      settings: { ...forceAtlas2.inferSettings(g), barnesHutOptimize: false },
    });
  }
  const round = (v: unknown) =>
    Math.round((typeof v === 'number' && Number.isFinite(v) ? v : 0) * 1000) / 1000;
  const out: NetworkNode[] = nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    label: n.label,
    attrs: n.attrs,
    community: community.get(n.id) ?? 0,
    centrality: scaled(n.id),
    degree: g.degree(n.id),
    firstSeen: seen.get(n.id)?.first ?? null,
    lastSeen: seen.get(n.id)?.last ?? null,
    x: round(g.getNodeAttribute(n.id, 'x')),
    y: round(g.getNodeAttribute(n.id, 'y')),
  }));
  const kinds = new Map(out.map((n) => [n.id, n]));
  const communities: NetworkCommunity[] = ordered.map((list, i) => {
    const ms = list.map((id) => kinds.get(id)!);
    const centre = [...ms].sort((a, b) => b.centrality - a.centrality || (a.id < b.id ? -1 : 1))[0]!;
    return {
      id: i,
      size: ms.length,
      centre: centre.id,
      alerts: ms.filter((m) => m.kind === 'alert-person' || m.kind === 'alert-object').length,
      hubs: ms.filter((m) => m.kind === 'hub').length,
      vessels: ms.filter((m) => m.kind === 'vessel').length,
    };
  });
  return { nodes: out, edges, communities };
}
