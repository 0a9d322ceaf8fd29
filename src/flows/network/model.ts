/**
 * The network map for SIRENE and police analysts: SIS alerts linked under art. 63 (2018/1862), the hits on
 * them (where, when, by which authority), the hub reads of the same vehicles, trailers and containers across
 * hubs (a container's route through ports and terminals), the vessels that discharged them, and MID links.
 * Personal data: purpose-bound (`law-enforcement` or `sirene-exchange`), logged, never for the analyst role.
 * Communities and central nodes come from graphology (Louvain, betweenness); positions from ForceAtlas2,
 * seeded, so the same data draws the same picture.
 */

export const NODE_KINDS = [
  'alert-person',
  'alert-object',
  'object',
  'hub',
  'authority',
  'vessel',
  'port',
  'record',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const EDGE_KINDS = [
  /** Two alerts linked under 2018/1862 art. 63. */
  'alert-link',
  /** A hit on an alert: from the alert to the place (hub, crossing point) or authority that reported it. */
  'hit',
  /** An object (plate, trailer, container) read at a hub gate. */
  'read',
  /** An alert on an object: from the alert to the object it is about. */
  'about',
  /** A vessel discharged a container at the port. */
  'discharged',
  /** A vessel's port call (the demo port or a previous port of call). */
  'called-at',
  /** A MID link (colour in `attrs.colour`). */
  'mid-link',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface NetworkNode {
  /** Stable within an answer, e.g. `alert:sis_…`, `object:container:MSKU1234565`, `hub:hub_…`, `vessel:9321483`. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** Shown in the side panel; only what the caller may see (SIS visibility rules apply). */
  readonly attrs: Readonly<Record<string, string | number | boolean | null>>;
  /** Louvain community (0…k-1), the same for the same data. */
  readonly community: number;
  /** Betweenness centrality, normalised to 0…1. */
  readonly centrality: number;
  readonly degree: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  /** ForceAtlas2 position, for a preset layout. */
  readonly x: number;
  readonly y: number;
}

export interface NetworkEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
  /** When it happened (hit, read, port call); null for a standing relation (art. 63 link, MID link). */
  readonly at: string | null;
  readonly attrs: Readonly<Record<string, string | number | boolean | null>>;
}

export interface NetworkCommunity {
  readonly id: number;
  readonly size: number;
  /** The node with the highest centrality. */
  readonly centre: string;
  /** Alerts, hubs and vessels it holds. */
  readonly alerts: number;
  readonly hubs: number;
  readonly vessels: number;
}

/**
 * `GET /api/v1/network?from&to&focus&depth` (`focus`: an alert id, a plate, a container number or an IMO
 * number; without it, every alert with a link, a hit or a hub read in the period). `GET /api/v1/network/graphml`
 * with the same query gives the same graph as GraphML.
 */
export interface NetworkAnswer {
  readonly from: string;
  readonly to: string;
  readonly focus: string | null;
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
  readonly communities: readonly NetworkCommunity[];
  /** The cap on nodes was reached: narrow the period or give a focus. */
  readonly truncated: boolean;
}
