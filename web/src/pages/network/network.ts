/*
 * The network map's answer and what the screen computes from it: the period it spans, which nodes and edges
 * fall in the time window the slider sets, the drawing's styles by kind and community. The answer is
 * `GET /api/v1/network` (nodes with kind, community, centrality and position; edges with kind and time;
 * communities with their central node).
 */

import type {
  NetworkAnswer,
  NetworkEdge,
  NetworkEdgeKind,
  NetworkNode,
  NetworkNodeKind,
} from '../../api/types.ts';

export type { NetworkAnswer, NetworkCommunity, NetworkEdge, NetworkNode } from '../../api/types.ts';
export { NETWORK_EDGE_KINDS as EDGE_KINDS, NETWORK_NODE_KINDS as NODE_KINDS } from '../../api/types.ts';
type NodeKind = NetworkNodeKind;
type EdgeKind = NetworkEdgeKind;

/**
 * The map shows personal data (SIS alerts, hits, reads of vehicles): it is read for the SIRENE exchange on
 * hits (2018/1862 arts. 7-8) or for the prevention, detection and investigation of serious crime.
 */
export const NETWORK_PURPOSES = ['sirene-exchange', 'law-enforcement'] as const;

/** How far from the focus the graph reaches (the server's `depth`). */
export const DEPTHS = [1, 2, 3, 4] as const;
export const DEFAULT_DEPTH = 2;

const DAY = 86_400_000;

/** Start of the UTC day of an instant, in ms. */
const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

/**
 * The whole days the answer's events span (edge times, first and last seen), from the first day's start to the
 * last day's end; the asked period when the answer holds no time at all.
 */
export function periodOf(answer: NetworkAnswer): { start: number; end: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const see = (at: string | null) => {
    if (at === null) {
      return;
    }
    const ms = Date.parse(at);
    if (Number.isFinite(ms)) {
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
  };
  for (const e of answer.edges) {
    see(e.at);
  }
  for (const n of answer.nodes) {
    see(n.firstSeen);
    see(n.lastSeen);
  }
  if (!Number.isFinite(min)) {
    see(answer.from);
    see(answer.to);
  }
  if (!Number.isFinite(min)) {
    const today = dayStart(Date.now());
    return { start: today, end: today + DAY };
  }
  return { start: dayStart(min), end: dayStart(max) + DAY };
}

/** The number of whole days of a period: the slider's steps. */
export const daysOf = (period: { start: number; end: number }) =>
  Math.max(1, Math.round((period.end - period.start) / DAY));

/** The instant window of slider positions `[from, to]` (days from the period's start, `to` inclusive). */
export function windowOf(period: { start: number }, days: readonly [number, number]): [number, number] {
  return [period.start + days[0] * DAY, period.start + (days[1] + 1) * DAY];
}

/**
 * What falls in the time window `[from, to)`: an edge with a time when that time is inside; a standing
 * relation (art. 63 link, MID link, an alert about its object: no time) when both its ends are in. A node is
 * in when an edge of it with a time is, when its first-to-last-seen span meets the window, or when it has no
 * time at all (a hub, a port, an alert without hits: standing facts, not events).
 */
export function inWindow(
  answer: NetworkAnswer,
  window: readonly [number, number],
): { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } {
  const [from, to] = window;
  const inside = (at: string) => {
    const ms = Date.parse(at);
    return ms >= from && ms < to;
  };
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const n of answer.nodes) {
    if (n.firstSeen === null && n.lastSeen === null) {
      nodes.add(n.id);
      continue;
    }
    const first = Date.parse(n.firstSeen ?? n.lastSeen ?? '');
    const last = Date.parse(n.lastSeen ?? n.firstSeen ?? '');
    if (first < to && last >= from) {
      nodes.add(n.id);
    }
  }
  for (const e of answer.edges) {
    if (e.at !== null && inside(e.at)) {
      edges.add(e.id);
      nodes.add(e.source);
      nodes.add(e.target);
    }
  }
  for (const e of answer.edges) {
    if (e.at === null && nodes.has(e.source) && nodes.has(e.target)) {
      edges.add(e.id);
    }
  }
  return { nodes, edges };
}

/** The alert id of an alert node (`alert:sis_…` → `sis_…`), for the link to its SIS page; null for others. */
export function alertIdOf(node: NetworkNode): string | null {
  if (node.kind !== 'alert-person' && node.kind !== 'alert-object') {
    return null;
  }
  const fromAttrs = node.attrs.alertId;
  if (typeof fromAttrs === 'string' && fromAttrs !== '') {
    return fromAttrs;
  }
  return node.id.startsWith('alert:') ? node.id.slice('alert:'.length) : node.id;
}

/** The edges of a node, the other end named, the newest first (standing relations last). */
export function edgesOf(
  answer: NetworkAnswer,
  nodeId: string,
): Array<{ edge: NetworkEdge; other: NetworkNode | undefined }> {
  const byId = new Map(answer.nodes.map((n) => [n.id, n]));
  return answer.edges
    .filter((e) => e.source === nodeId || e.target === nodeId)
    .map((edge) => ({ edge, other: byId.get(edge.source === nodeId ? edge.target : edge.source) }))
    .sort((a, b) => (b.edge.at ?? '').localeCompare(a.edge.at ?? ''));
}

/** The nodes of a community, the most central first. */
export function membersOf(answer: NetworkAnswer, community: number): NetworkNode[] {
  return answer.nodes
    .filter((n) => n.community === community)
    .sort((a, b) => b.centrality - a.centrality || a.label.localeCompare(b.label));
}

/**
 * Community colours (fill of the nodes): ten hues told apart in both colour schemes and by most colour-vision
 * deficiencies (Okabe-Ito and Tableau 10); a community beyond them takes the palette again, so the legend
 * also names each community by number.
 */
export const COMMUNITY_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#7f7f7f',
  '#bcbd22',
  '#8c564b',
  '#17becf',
] as const;

export const communityColour = (community: number) =>
  COMMUNITY_COLOURS[
    ((community % COMMUNITY_COLOURS.length) + COMMUNITY_COLOURS.length) % COMMUNITY_COLOURS.length
  ]!;

/** Shape of each node kind in the drawing and in its legend (Cytoscape's shape names). */
export const NODE_SHAPES: Readonly<Record<NodeKind, string>> = {
  'alert-person': 'ellipse',
  'alert-object': 'diamond',
  object: 'round-rectangle',
  hub: 'hexagon',
  authority: 'triangle',
  vessel: 'vee',
  port: 'octagon',
  record: 'rectangle',
};

/**
 * Outline of each node kind: alerts in red (the alert is what the officer acts on). Each reaches 3:1 (WCAG 1.4.11,
 * graphics) against both the light (#fff) and the dark (#242424) page.
 */
export const NODE_BORDERS: Readonly<Record<NodeKind, string>> = {
  'alert-person': '#e03131',
  'alert-object': '#e03131',
  object: '#868e96',
  hub: '#1c7ed6',
  authority: '#7950f2',
  vessel: '#1098ad',
  port: '#1098ad',
  record: '#868e96',
};

export type LineStyle = 'solid' | 'dashed' | 'dotted';

/** Line of each edge kind; a MID link takes its link's colour (`attrs.colour`) as the MID screens show it. */
export const EDGE_STYLES: Readonly<Record<EdgeKind, { colour: string; line: LineStyle; arrow: boolean }>> = {
  'alert-link': { colour: '#a61e1e', line: 'solid', arrow: false },
  hit: { colour: '#e8590c', line: 'solid', arrow: true },
  read: { colour: '#1864ab', line: 'dashed', arrow: true },
  about: { colour: '#495057', line: 'dotted', arrow: true },
  discharged: { colour: '#0b7285', line: 'dashed', arrow: true },
  'called-at': { colour: '#0b7285', line: 'dotted', arrow: true },
  'mid-link': { colour: '#868e96', line: 'solid', arrow: false },
};

/** Node diameter in pixels by centrality (0…1): the central nodes stand out. */
export const nodeSize = (centrality: number) =>
  Math.round(18 + 42 * Math.min(1, Math.max(0, Number.isFinite(centrality) ? centrality : 0)));
