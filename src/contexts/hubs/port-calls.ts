import { randomUUID } from 'node:crypto';
import { requireAccess } from '../access/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { addDays, isoDate } from '../../platform/dates.ts';
import { invalid, notFound, unprocessable } from '../../platform/errors.ts';
import { hubFor, logHitAccess, type Call, type HubsContext } from './context.ts';
import { HUBS_ERRORS } from './errors.ts';
import type { DischargedFrom, HubHit, PortCall, PortCallSummary, PortOfCall, VesselType } from './model.ts';
import { HubsRepository, type PortCallRow } from './repository.ts';
import { checkPortCall } from './vessels.ts';

/** The change-feed topic on which every recorded port call is announced (its id). */
export const PORT_CALLS_TOPIC = 'hubs.port-calls';

const repo = new HubsRepository();

function presentPortCall(row: PortCallRow): PortCallSummary {
  return {
    id: row.id,
    hubId: row.hub_id,
    vessel: {
      imo: row.imo,
      name: row.vessel_name,
      flag: row.flag,
      type: row.vessel_type as VesselType,
    },
    arrivedAt: new Date(row.arrived_at).toISOString(),
    departedAt: row.departed_at === null ? null : new Date(row.departed_at).toISOString(),
    previousPorts: row.previous_ports as PortOfCall[],
    containerCount: row.container_count,
    receivedAt: new Date(row.received_at).toISOString(),
  };
}

/**
 * Records a port call at a seaport hub as the port's own system (or the simulator) sends it: the vessel, its
 * arrival and departure, its previous ports of call and the containers it discharged. Only the hub's desk
 * authority sends them. The call is kept as long as the hub keeps its hits, counted from the departure (or
 * the arrival while the vessel is in port): it is what tells a container hit which vessel brought the
 * container [K] (no act sets a period for a port's own vessel records; the hub's policy under national law).
 * Announced on the change feed as `hubs.port-calls`.
 */
export async function recordPortCall(
  ctx: HubsContext,
  call: Call & { hubId: string; portCall: unknown; idempotencyKey?: string | null },
): Promise<{ portCall: PortCall; replayed: boolean }> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'hubs:reads:write',
    purpose: call.purpose,
  });
  const hub = await hubFor(ctx, call.actor, call.hubId, ['desk']);
  if (hub.kind !== 'seaport') {
    throw unprocessable(
      HUBS_ERRORS.notAPort,
      `${hub.name} is a ${hub.kind}, not a seaport; port calls are recorded at seaports only.`,
      { hubId: hub.id, kind: hub.kind },
    );
  }
  const now = ctx.clock.now();
  const checked = checkPortCall(call.portCall, now);
  if (checked.call === null) {
    throw invalid(
      HUBS_ERRORS.portCallInvalid,
      `The port call has ${checked.issues.length} invalid field(s); nothing was recorded. First: ${checked.issues[0]!.path} ${checked.issues[0]!.message}.`,
      { issues: checked.issues.slice(0, 100) },
    );
  }
  const c = checked.call;
  const idem =
    call.idempotencyKey === undefined || call.idempotencyKey === null
      ? null
      : {
          scope: `${call.actor.userId ?? call.actor.username}:hubs.port-calls.${hub.id}`,
          key: call.idempotencyKey,
          request: c,
        };
  const { value, replayed } = await ctx.writes.run(idem, async (trx) => {
    const row: PortCallRow = {
      id: `portcall_${randomUUID()}`,
      hub_id: hub.id,
      imo: c.vessel.imo,
      vessel_name: c.vessel.name,
      flag: c.vessel.flag,
      vessel_type: c.vessel.type,
      arrived_at: new Date(c.arrivedAt),
      departed_at: c.departedAt === null ? null : new Date(c.departedAt),
      previous_ports: c.previousPorts,
      container_count: c.containersDischarged.length,
      received_at: now,
      erase_after: isoDate(addDays(new Date(c.departedAt ?? c.arrivedAt), hub.policy.hitRetentionDays)),
    };
    await repo.insertPortCall(trx, row, c.containersDischarged);
    await ctx.changes?.record(trx, PORT_CALLS_TOPIC, [row.id]);
    await logHitAccess(
      ctx,
      trx,
      call,
      purpose,
      'hubs.port-calls.record',
      [row.id],
      `IMO ${c.vessel.imo} (${c.vessel.flag}) at ${hub.id}; ${c.containersDischarged.length} container(s) discharged`,
    );
    const portCall: PortCall = {
      ...presentPortCall(row),
      containersDischarged: [...c.containersDischarged].sort(),
    };
    return portCall;
  });
  return { portCall: value, replayed };
}

/** A page of a hub's port calls, the latest arrival first: its desk, the police of its state, administrators. */
export async function listPortCalls(
  ctx: HubsContext,
  call: Call & { hubId: string; limit?: number; offset?: number },
): Promise<{ portCalls: PortCallSummary[]; total: number }> {
  // Vessels, ports and container numbers: no personal data, so no purpose is asked; the access is logged.
  requireAccess({ actor: call.actor, permission: 'hubs:read' });
  const hub = await hubFor(ctx, call.actor, call.hubId, ['desk', 'police', 'admin']);
  const { rows, total } = await repo.portCallPage(
    ctx.database.db,
    hub.id,
    Math.min(Math.max(call.limit ?? 50, 1), 500),
    Math.max(call.offset ?? 0, 0),
  );
  await logHitAccess(
    ctx,
    null,
    call,
    null,
    'hubs.port-calls.list',
    rows.map((r) => r.id),
    `${rows.length} of ${total} port call(s) at ${hub.id}`,
  );
  return { portCalls: rows.map(presentPortCall), total };
}

/** One port call of a hub with the containers it discharged. */
export async function getPortCall(
  ctx: HubsContext,
  call: Call & { hubId: string; portCallId: string },
): Promise<PortCall> {
  // Vessels, ports and container numbers: no personal data, so no purpose is asked; the access is logged.
  requireAccess({ actor: call.actor, permission: 'hubs:read' });
  const hub = await hubFor(ctx, call.actor, call.hubId, ['desk', 'police', 'admin']);
  const row = await repo.findPortCall(ctx.database.db, hub.id, call.portCallId);
  if (row === undefined) {
    throw notFound(
      HUBS_ERRORS.portCallNotFound,
      `There is no port call "${call.portCallId}" at ${hub.name}.`,
      {
        portCallId: call.portCallId,
      },
    );
  }
  const containers = await repo.containersOf(ctx.database.db, [row.id]);
  await logHitAccess(
    ctx,
    null,
    call,
    null,
    'hubs.port-calls.read',
    [row.id],
    `port call of IMO ${row.imo} at ${hub.id}`,
  );
  return { ...presentPortCall(row), containersDischarged: containers.get(row.id) ?? [] };
}

/**
 * Adds to each container hit the port call that discharged the container: the latest call, at any seaport
 * hub, that arrived before the container was read. Vehicle hits, and containers no call names, keep null.
 */
export async function withDischargedFrom(db: Executor, hits: readonly HubHit[]): Promise<HubHit[]> {
  const numbers = [...new Set(hits.filter((h) => h.field === 'container').map((h) => h.matchedText))];
  if (numbers.length === 0) {
    return [...hits];
  }
  const rows = await repo.callsOfContainers(db, numbers, null);
  return hits.map((h) => {
    if (h.field !== 'container') {
      return h;
    }
    const readAt = Date.parse(h.readAt);
    // Rows come latest arrival first: the first one before the read is the call that brought it.
    const row = rows.find(
      (r) => r.container_number === h.matchedText && new Date(r.arrived_at).getTime() <= readAt,
    );
    if (row === undefined) {
      return h;
    }
    const p = presentPortCall(row);
    const from: DischargedFrom = {
      portCallId: p.id,
      hubId: p.hubId,
      vessel: p.vessel,
      arrivedAt: p.arrivedAt,
      previousPorts: p.previousPorts,
    };
    return { ...h, dischargedFrom: from };
  });
}

/**
 * The port calls that discharged any of these containers (ISO 6346 numbers, normalised: upper case, no spaces),
 * the latest arrival first, each with the asked-for containers it discharged (`containerCount` is the call's
 * total). For the network map: the route of a container through the ports. No access check and no log: the
 * caller (a flow) checks access and logs its own query.
 */
export async function portCallsOfContainers(
  db: Executor,
  containerNumbers: readonly string[],
): Promise<PortCall[]> {
  const rows = await repo.callsOfContainers(db, containerNumbers, null);
  const calls = new Map<string, PortCall>();
  for (const r of rows) {
    const known = calls.get(r.id) ?? { ...presentPortCall(r), containersDischarged: [] };
    known.containersDischarged.push(r.container_number);
    calls.set(r.id, known);
  }
  for (const c of calls.values()) {
    c.containersDischarged.sort();
  }
  return [...calls.values()];
}

/**
 * The port calls that arrived in [from, to), the earliest first, each with every container it discharged.
 * For the network map; the caller checks access and logs.
 */
export async function portCallsInPeriod(db: Executor, from: Date, to: Date): Promise<PortCall[]> {
  const rows = await repo.callsInPeriod(db, from, to);
  const containers = await repo.containersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...presentPortCall(r), containersDischarged: containers.get(r.id) ?? [] }));
}
