import { requireAccess, SYSTEM_ACTOR } from '../access/index.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { hubFor, roleAt, type Call, type HubsContext } from './context.ts';
import { HUBS_ERRORS } from './errors.ts';
import { defaultTimeZone, hubIssues, policyOf, presentHub } from './hub-input.ts';
import type { Hub, HubInput } from './model.ts';

/** Enters a hub with its gates, cameras and policy (administrators). */
export async function createHub(ctx: HubsContext, call: Call & { hub: HubInput }): Promise<Hub> {
  requireAccess({ actor: call.actor, permission: 'hubs:manage' });
  const issues = hubIssues(call.hub);
  const authority = (await ctx.access.listAuthorities(SYSTEM_ACTOR)).find(
    (a) => a.id === call.hub.operatorAuthorityId,
  );
  if (authority === undefined || authority.type !== 'hub-operator') {
    issues.push({ path: 'operatorAuthorityId', message: 'must be the id of a hub-operator authority' });
  } else if (authority.memberState !== call.hub.memberState) {
    issues.push({
      path: 'operatorAuthorityId',
      message: `is an authority of ${authority.memberState}, not of the hub's state`,
    });
  }
  if (issues.length > 0 || authority === undefined) {
    throw invalid(
      HUBS_ERRORS.hubInvalid,
      `The hub has ${issues.length} invalid field(s): ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`,
      { issues },
    );
  }
  const h = call.hub;
  return ctx.writes
    .run(null, async (trx) => {
      const created = await ctx.repo.insertHub(trx, {
        id: h.id,
        name: h.name.trim(),
        kind: h.kind,
        member_state: h.memberState,
        locode: h.locode ?? null,
        operator_authority_id: authority.id,
        operator_authority_name: authority.name,
        gates: h.gates,
        policy: policyOf(h.policy),
        time_zone: h.timeZone ?? defaultTimeZone(h.memberState),
        created_at: ctx.clock.now(),
      });
      if (!created) {
        throw conflict(HUBS_ERRORS.hubExists, `A hub "${h.id}" exists already; choose another id.`, {
          hubId: h.id,
        });
      }
      await ctx.audit.record(trx, {
        actor: call.actor,
        system: 'hubs',
        operation: 'hubs.hub.create',
        outcome: 'success',
        purpose: call.purpose,
        recordRefs: [h.id],
        resultSummary: `hub created with ${h.gates.length} gate(s)`,
        requestId: call.requestId ?? null,
      });
      const row = await ctx.repo.findHub(trx, h.id);
      return presentHub(row!);
    })
    .then((r) => r.value);
}

/** The hub if it exists, else null; for idempotent set-up (the demo world). */
export async function findHub(ctx: HubsContext, id: string): Promise<Hub | null> {
  const row = await ctx.repo.findHub(ctx.database.db, id);
  return row === undefined ? null : presentHub(row);
}

/** The hubs the actor works at or oversees: a hub operator its own, the police those of its state. */
export async function listHubs(ctx: HubsContext, call: Call): Promise<{ hubs: Hub[] }> {
  requireAccess({ actor: call.actor, permission: 'hubs:read' });
  const rows = await ctx.repo.listHubs(ctx.database.db);
  return { hubs: rows.map(presentHub).filter((h) => roleAt(call.actor, h) !== null) };
}

/** A hub the actor works at or oversees. */
export async function getHub(ctx: HubsContext, call: Call & { hubId: string }): Promise<Hub> {
  requireAccess({ actor: call.actor, permission: 'hubs:read' });
  return hubFor(ctx, call.actor, call.hubId, ['desk', 'police', 'admin']);
}
