import type { HubsNetworkFacts, NetworkPassage } from '../../contexts/hubs/index.ts';
import type { LinkNotice } from '../../contexts/mid/index.ts';
import type { NetworkAlertFact, SisNetworkFacts } from '../../contexts/sis/index.ts';
import type { EdgeKind, NodeKind } from './model.ts';

type Attrs = Record<string, string | number | boolean | null>;

/** A node before the metrics: what it is and when it was seen. */
export interface RawNode {
  id: string;
  kind: NodeKind;
  label: string;
  attrs: Attrs;
}

export interface RawEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  at: string | null;
  attrs: Attrs;
}

/**
 * Port calls (another source of the hubs context): a vessel by IMO number, its flag, the ports it called at
 * before, and the containers it discharged. Drawn as `vessel` and `port` nodes with `called-at` and
 * `discharged` edges; none until the hubs context records port calls.
 */
export interface PortCallFact {
  id: string;
  imo: string;
  vesselName: string;
  flag: string | null;
  port: { locode: string; name: string; hubId: string | null };
  arrivedAt: string;
  previousPorts: Array<{ locode: string; name: string; departedAt: string | null }>;
  /** Compacted container numbers. */
  discharged: string[];
}

/** The raw graph: nodes and edges of every source, before focus, cap and metrics. */
export interface RawGraph {
  nodes: Map<string, RawNode>;
  edges: RawEdge[];
}

export const alertNode = (id: string) => `alert:${id}`;
export const objectNode = (kind: string, value: string) => `object:${kind}:${value}`;
export const hubNode = (id: string) => `hub:${id}`;
export const vesselNode = (imo: string) => `vessel:${imo}`;
export const portNode = (locode: string) => `port:${locode}`;

/** Which node an alert's identifier is: a trailer's plate is a trailer, as the gate cameras read it. */
function objectKindOf(alert: NetworkAlertFact, identifierKind: string): string {
  if (identifierKind === 'plate' && alert.objectType === 'trailer') {
    return 'trailer';
  }
  return identifierKind;
}

class Builder {
  readonly nodes = new Map<string, RawNode>();
  readonly edges: RawEdge[] = [];
  readonly #edgeIds = new Set<string>();

  node(id: string, kind: NodeKind, label: string, attrs: Attrs = {}): void {
    if (!this.nodes.has(id)) {
      this.nodes.set(id, { id, kind, label, attrs });
    }
  }

  edge(e: RawEdge): void {
    if (!this.#edgeIds.has(e.id) && e.source !== e.target) {
      this.#edgeIds.add(e.id);
      this.edges.push(e);
    }
  }
}

/**
 * Builds the raw graph (issue 17, the network map) from what the contexts gave and the caller may see:
 * - alerts (persons and objects) with their objects (`about`), their art. 63 links (`alert-link`,
 *   2018/1862 art. 63) and their hits (`hit`, to the hub that read the object, or to the reporting authority);
 * - hub passages of the objects known to the graph (`read`, object to hub): the same truck, trailer or
 *   container seen at several hubs on several days;
 * - MID links of person alerts (`mid-link`, 2019/817 art. 26: only the notices the caller may see);
 * - port calls (`called-at`, `discharged`), from the hubs context's port calls.
 */
export function buildGraph(input: {
  sis: SisNetworkFacts;
  hubs: HubsNetworkFacts;
  midNotices: ReadonlyMap<string, readonly LinkNotice[]>;
  portCalls: readonly PortCallFact[];
  /** An object the focus names (`object:plate:…`), drawn even when no alert is about it. */
  focusObjects?: ReadonlyArray<{ kind: string; value: string }>;
}): RawGraph {
  const b = new Builder();
  const objectIds = new Map<string, string[]>(); // compacted value → object node ids
  const addObject = (kind: string, value: string, attrs: Attrs = {}) => {
    const id = objectNode(kind, value);
    b.node(id, 'object', value, { objectKind: kind, ...attrs });
    const list = objectIds.get(value) ?? [];
    if (!list.includes(id)) {
      list.push(id);
    }
    objectIds.set(value, list);
    return id;
  };
  for (const a of input.sis.alerts) {
    const id = alertNode(a.id);
    b.node(id, a.kind === 'person' ? 'alert-person' : 'alert-object', a.label, {
      alertId: a.id,
      category: a.category,
      categoryLabel: a.categoryLabel,
      discreet: a.covert,
      action: a.action,
      issuingState: a.issuingState,
      issuingAuthority: a.issuingAuthority,
      objectType: a.objectType,
      birthDate: a.person?.birthDate ?? null,
      nationalities: a.person === null ? null : a.person.nationalities.join(' '),
      make: a.object?.make ?? null,
      model: a.object?.model ?? null,
      description: a.object?.description ?? null,
      createdAt: a.createdAt,
      reviewDue: a.reviewDue,
    });
    for (const i of a.identifiers) {
      const o = addObject(objectKindOf(a, i.kind), i.value, { country: i.country });
      b.edge({ id: `about:${a.id}:${o}`, source: id, target: o, kind: 'about', at: null, attrs: {} });
    }
  }
  for (const f of input.focusObjects ?? []) {
    addObject(f.kind, f.value);
  }
  for (const l of input.sis.links) {
    b.edge({
      id: `link:${l.a}:${l.b}`,
      source: alertNode(l.a),
      target: alertNode(l.b),
      kind: 'alert-link',
      at: null,
      attrs: { linkedOn: l.createdAt, basis: 'Reg. (EU) 2018/1862 art. 63' },
    });
  }
  const hubs = new Map(input.hubs.hubs.map((h) => [h.id, h]));
  const addHub = (hubId: string) => {
    const h = hubs.get(hubId);
    b.node(hubNode(hubId), 'hub', h?.name ?? hubId, {
      hubId,
      hubKind: h?.kind ?? null,
      memberState: h?.memberState ?? null,
      locode: h?.locode ?? null,
    });
    return hubNode(hubId);
  };
  // A SIS hit reported by a hub's automatic check is drawn to the hub, at the time of the read.
  const bySisHit = new Map<string, NetworkPassage>();
  for (const p of input.hubs.passages) {
    if (p.hit?.sisHitId) {
      bySisHit.set(p.hit.sisHitId, p);
    }
  }
  for (const h of input.sis.hits) {
    const source = alertNode(h.alertId);
    if (!b.nodes.has(source)) {
      continue;
    }
    const passage = bySisHit.get(h.id);
    let target: string;
    if (passage !== undefined) {
      target = addHub(passage.hubId);
    } else {
      target = `authority:${h.reportingState}:${h.reportingAuthority}`;
      b.node(target, 'authority', h.reportingAuthority, { memberState: h.reportingState });
    }
    b.edge({
      id: `hit:${h.id}`,
      source,
      target,
      kind: 'hit',
      at: passage?.at ?? h.at,
      attrs: {
        hitId: h.id,
        place: h.place,
        reportingAuthority: h.reportingAuthority,
        reportingState: h.reportingState,
      },
    });
  }
  for (const p of input.hubs.passages) {
    const parts: Array<[string, string | null]> = [
      ['plate', p.objects.plate],
      ['trailer', p.objects.trailer],
      ['container', p.objects.container],
    ];
    for (const [kind, value] of parts) {
      const id = value === null ? undefined : objectNode(kind, value);
      if (id === undefined || !b.nodes.has(id)) {
        continue;
      }
      const hub = addHub(p.hubId);
      b.edge({
        id: `read:${p.id}:${kind}`,
        source: id,
        target: hub,
        kind: 'read',
        at: p.at,
        attrs: {
          gateId: p.gateId,
          direction: p.direction,
          hit: p.hit !== null,
          readCount: p.hit?.readCount ?? 1,
        },
      });
    }
  }
  for (const [record, notices] of input.midNotices) {
    const alertId = record.startsWith('sis:') ? record.slice(4) : null;
    if (alertId === null || !b.nodes.has(alertNode(alertId))) {
      continue;
    }
    for (const n of notices) {
      const other =
        typeof n.other === 'string' ? n.other : `${n.other.system}:(no access to the system's records)`;
      const otherId = other.startsWith('sis:') ? alertNode(other.slice(4)) : `record:${other}`;
      if (!b.nodes.has(otherId)) {
        b.node(otherId, 'record', other, {
          system: typeof n.other === 'string' ? other.slice(0, other.indexOf(':')) : n.other.system,
        });
      }
      b.edge({
        id: `mid:${n.linkId}`,
        source: alertNode(alertId),
        target: otherId,
        kind: 'mid-link',
        at: null,
        attrs: { colour: n.color, meaning: n.meaning, icf: n.icf },
      });
    }
  }
  for (const c of input.portCalls) {
    const vessel = vesselNode(c.imo);
    b.node(vessel, 'vessel', c.vesselName, { imo: c.imo, flag: c.flag });
    const port = portNode(c.port.locode);
    b.node(port, 'port', c.port.name, { locode: c.port.locode, hubId: c.port.hubId });
    b.edge({
      id: `call:${c.id}`,
      source: vessel,
      target: port,
      kind: 'called-at',
      at: c.arrivedAt,
      attrs: {},
    });
    c.previousPorts.forEach((pp, i) => {
      const prev = portNode(pp.locode);
      b.node(prev, 'port', pp.name, { locode: pp.locode, hubId: null });
      b.edge({
        id: `call:${c.id}:prev:${i}`,
        source: vessel,
        target: prev,
        kind: 'called-at',
        at: pp.departedAt,
        attrs: { previous: true },
      });
    });
    for (const box of c.discharged) {
      const o = addObject('container', box);
      b.edge({
        id: `discharged:${c.id}:${box}`,
        source: vessel,
        target: o,
        kind: 'discharged',
        at: c.arrivedAt,
        attrs: { port: c.port.locode },
      });
    }
  }
  return { nodes: b.nodes, edges: b.edges };
}

/**
 * The part of the graph within `depth` steps of the focus nodes, in breadth-first order (the focus first),
 * so that a cap keeps what is nearest.
 */
export function neighbourhood(graph: RawGraph, focus: readonly string[], depth: number): string[] {
  const adjacent = new Map<string, string[]>();
  for (const e of graph.edges) {
    for (const [from, to] of [
      [e.source, e.target],
      [e.target, e.source],
    ] as const) {
      const list = adjacent.get(from);
      if (list === undefined) {
        adjacent.set(from, [to]);
      } else {
        list.push(to);
      }
    }
  }
  const seen = new Set(focus.filter((f) => graph.nodes.has(f)));
  const order = [...seen].sort();
  let frontier = order;
  for (let d = 0; d < depth && frontier.length > 0; d += 1) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const m of [...(adjacent.get(n) ?? [])].sort()) {
        if (!seen.has(m)) {
          seen.add(m);
          next.push(m);
        }
      }
    }
    order.push(...next);
    frontier = next;
  }
  return order;
}
