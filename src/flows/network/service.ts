import { requireAccess, type Actor, type Purpose } from '../../contexts/access/index.ts';
import type { AuditLog } from '../../contexts/audit/index.ts';
import type { CirRef } from '../../contexts/cir/index.ts';
import type { HubsService } from '../../contexts/hubs/index.ts';
import type { MidService } from '../../contexts/mid/index.ts';
import { canSeeAlert, type SisNetworkFacts, type SisService } from '../../contexts/sis/index.ts';
import type { Call } from '../../platform/calls.ts';
import type { Clock } from '../../platform/clock.ts';
import { addDays, isoDate } from '../../platform/dates.ts';
import { invalid } from '../../platform/errors.ts';
import { NETWORK_ERRORS } from './errors.ts';
import { parseFocus, type Focus } from './focus.ts';
import {
  alertNode,
  buildGraph,
  neighbourhood,
  objectNode,
  vesselNode,
  type PortCallFact,
  type RawGraph,
} from './graph.ts';
import { toGraphml } from './graphml.ts';
import { withMetrics } from './metrics.ts';
import type { NetworkAnswer } from './model.ts';

/** Purposes the map serves (2018/1862 arts. 7-8 for SIRENE; art. 44 and national law for the police). */
export const NETWORK_PURPOSES: readonly Purpose[] = Object.freeze(['sirene-exchange', 'law-enforcement']);

/** The longest period one map covers, in days [K]: no act sets it; a year keeps a graph readable. */
export const MAX_PERIOD_DAYS = 366;
/** Without `from`: the last 30 days. */
export const DEFAULT_PERIOD_DAYS = 30;
export const DEFAULT_DEPTH = 2;
export const MAX_DEPTH = 4;
/** Nodes drawn at most, by default and at the most one may ask; the answer says `truncated` beyond. */
export const DEFAULT_NODE_LIMIT = 500;
export const MAX_NODE_LIMIT = 2000;
/** Hub passages read for one map at most. */
const PASSAGE_LIMIT = 200_000;

const LEGAL_BASIS =
  'Reg. (EU) 2018/1862 arts. 8, 12, 63 (linked alerts, hits, SIRENE); Reg. (EU) 2019/817 art. 26 (MID links)';

export interface NetworkQuery {
  /** First day (`YYYY-MM-DD`, UTC); default 30 days before `to`. */
  from?: string;
  /** Last day, included; default today. */
  to?: string;
  /** An alert id, a plate, a container number (ISO 6346) or an IMO number. */
  focus?: string;
  /** Steps from the focus (1 to 4, default 2). */
  depth?: number;
  /** Nodes at most (10 to 2000, default 500). */
  limit?: number;
}

export interface NetworkMapDeps {
  sis: SisService;
  hubs: HubsService;
  mid: Pick<MidService, 'noticesFor'>;
  audit: AuditLog;
  clock: Clock;
  /**
   * The port calls of the period (vessel, flag, previous ports, containers discharged), from the hubs
   * context's maritime picture; without it the map has no vessels.
   */
  portCalls?: (query: { from: Date; to: Date }) => Promise<PortCallFact[]>;
}

const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/u;

function dayOf(value: string, name: string): Date {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DAY.test(value) || Number.isNaN(d.getTime()) || isoDate(d) !== value) {
    throw invalid(NETWORK_ERRORS.periodInvalid, `${name} must be a calendar date YYYY-MM-DD.`, {
      [name]: value,
    });
  }
  return d;
}

/**
 * The network map (issue 17) for SIRENE and police investigations: one graph of the SIS alerts linked under
 * 2018/1862 art. 63, the hits on them, the hub reads of the same vehicles, trailers and containers, vessels
 * and their port calls, and MID links; with communities, central nodes and positions. Personal data, so
 * purpose-bound (`sirene-exchange`, `law-enforcement`), within the SIS visibility rules, and logged.
 */
export class NetworkMap {
  readonly #deps: NetworkMapDeps;

  constructor(deps: NetworkMapDeps) {
    this.#deps = deps;
  }

  /** `GET /api/v1/network`: the graph of the period, or of the focus's neighbourhood. */
  async graph(call: Call<Actor> & { query: NetworkQuery }): Promise<NetworkAnswer> {
    return this.#answer(call, 'network.read');
  }

  /** `GET /api/v1/network/graphml`: the same graph as GraphML, logged as an export. */
  async graphml(
    call: Call<Actor> & { query: NetworkQuery },
  ): Promise<{ answer: NetworkAnswer; xml: string }> {
    const answer = await this.#answer(call, 'network.graphml');
    return { answer, xml: toGraphml(answer) };
  }

  async #answer(call: Call<Actor> & { query: NetworkQuery }, operation: string): Promise<NetworkAnswer> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'network:read',
      purpose: call.purpose,
      forPurposes: NETWORK_PURPOSES,
    });
    const { query } = call;
    const today = isoDate(this.#deps.clock.now());
    const toDay = dayOf(query.to ?? today, 'to');
    const fromDay =
      query.from === undefined ? addDays(toDay, -(DEFAULT_PERIOD_DAYS - 1)) : dayOf(query.from, 'from');
    const to = addDays(toDay, 1);
    const span = (to.getTime() - fromDay.getTime()) / 86_400_000;
    if (span < 1 || span > MAX_PERIOD_DAYS) {
      throw invalid(
        NETWORK_ERRORS.periodInvalid,
        `The period must run forward and cover at most ${MAX_PERIOD_DAYS} days; narrow it or give a focus.`,
        { from: isoDate(fromDay), to: isoDate(toDay), maxDays: MAX_PERIOD_DAYS },
      );
    }
    const depth = query.depth ?? DEFAULT_DEPTH;
    const limit = query.limit ?? DEFAULT_NODE_LIMIT;
    const focus = query.focus === undefined || query.focus.trim() === '' ? null : parseFocus(query.focus);
    const { graph, focusIds, truncated: factsTruncated } = await this.#raw(call.actor, fromDay, to, focus);
    let ids: string[];
    if (focusIds !== null) {
      ids = neighbourhood(graph, focusIds, depth);
    } else {
      ids = [...graph.nodes.keys()];
    }
    const truncated = factsTruncated || ids.length > limit;
    if (ids.length > limit) {
      ids = focusIds !== null ? ids.slice(0, limit) : keepBusiest(graph, ids, limit);
    }
    const kept = new Set(ids);
    const { nodes, edges, communities } = withMetrics(
      ids.map((id) => graph.nodes.get(id)!),
      graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target)),
    );
    const answer: NetworkAnswer = {
      from: isoDate(fromDay),
      to: isoDate(toDay),
      focus: focus === null ? null : focusText(focus),
      nodes,
      edges,
      communities,
      truncated,
    };
    const alertIds = nodes.flatMap((n) =>
      n.kind === 'alert-person' || n.kind === 'alert-object' ? [String(n.attrs['alertId'])] : [],
    );
    await this.#deps.audit.append({
      actor: call.actor,
      system: 'sis',
      component: 'network',
      operation,
      outcome: 'success',
      purpose,
      legalBasis: LEGAL_BASIS,
      queryDataTypes: ['period', ...(focus === null ? [] : [`focus:${focus.kind}`])],
      recordRefs: alertIds,
      resultSummary: `${nodes.length} nodes (${alertIds.length} alerts), ${edges.length} edges, ${communities.length} communities; ${answer.from} to ${answer.to}${answer.focus === null ? '' : `; focus ${answer.focus}, depth ${depth}`}${truncated ? '; truncated' : ''}`,
      requestId: call.requestId ?? null,
    });
    return answer;
  }

  async #raw(
    actor: Actor,
    from: Date,
    to: Date,
    focus: Focus | null,
  ): Promise<{ graph: RawGraph; focusIds: string[] | null; truncated: boolean }> {
    const { sis, hubs, mid } = this.#deps;
    const focusAlerts =
      focus === null
        ? []
        : focus.kind === 'alert'
          ? [focus.alertId]
          : focus.kind === 'imo'
            ? []
            : await sis.alertsWithIdentifier(focus.value);
    // Hub hits name alerts too: read them first, with no kept reads yet (they need the objects).
    const hubHits = await hubs.networkFacts({ from, to, objects: new Set(), limit: PASSAGE_LIMIT });
    const hitAlerts = hubHits.passages.flatMap((p) => (p.hit === null ? [] : [p.hit.alertId]));
    const facts = visibleTo(
      actor,
      await sis.networkFacts({ from, to, alertIds: [...focusAlerts, ...hitAlerts] }),
    );
    const portCalls = (await this.#deps.portCalls?.({ from, to })) ?? [];
    const objects = new Set<string>(facts.alerts.flatMap((a) => a.identifiers.map((i) => i.value)));
    for (const c of portCalls) {
      c.discharged.forEach((box) => objects.add(box));
    }
    const focusObjects =
      focus?.kind === 'container'
        ? [{ kind: 'container', value: focus.value }]
        : focus?.kind === 'plate'
          ? [{ kind: 'plate', value: focus.value }]
          : [];
    focusObjects.forEach((o) => objects.add(o.value));
    const passages = await hubs.networkFacts({ from, to, objects, limit: PASSAGE_LIMIT });
    const persons = facts.alerts.filter((a) => a.kind === 'person').map((a): CirRef => `sis:${a.id}`);
    const midNotices =
      persons.length === 0 ? new Map() : await mid.noticesFor(actor, persons, { matched: persons });
    const graph = buildGraph({ sis: facts, hubs: passages, midNotices, portCalls, focusObjects });
    let focusIds: string[] | null = null;
    if (focus !== null) {
      focusIds =
        focus.kind === 'alert'
          ? [alertNode(focus.alertId)]
          : focus.kind === 'imo'
            ? [vesselNode(focus.value)]
            : ['plate', 'trailer', 'container', 'vin']
                .map((kind) => objectNode(kind, focus.value))
                .filter((id) => graph.nodes.has(id));
    }
    return { graph, focusIds, truncated: facts.truncated || passages.truncated };
  }
}

const focusText = (f: Focus): string =>
  f.kind === 'alert' ? f.alertId : f.kind === 'imo' ? `IMO ${f.value}` : f.value;

/** The facts without the alerts the actor may not see (SIS visibility rules), nor their links and hits. */
function visibleTo(actor: Actor, facts: SisNetworkFacts): SisNetworkFacts {
  const alerts = facts.alerts.filter((a) =>
    canSeeAlert(actor, { category: a.category, objectType: a.objectType, covert: a.covert }),
  );
  const ids = new Set(alerts.map((a) => a.id));
  return {
    alerts,
    links: facts.links.filter((l) => ids.has(l.a) && ids.has(l.b)),
    hits: facts.hits.filter((h) => ids.has(h.alertId)),
    truncated: facts.truncated,
  };
}

/** Without a focus, a capped map keeps the nodes with the most edges (ties by id). */
function keepBusiest(graph: RawGraph, ids: readonly string[], limit: number): string[] {
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  return [...ids]
    .sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || (a < b ? -1 : 1))
    .slice(0, limit);
}
