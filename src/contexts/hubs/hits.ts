import { requireAccess, SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { hubFor, logHitAccess, presentHit, roleAt, type Call, type HubsContext } from './context.ts';
import { HUBS_ERRORS } from './errors.ts';
import type { LiveSubscriber } from './live.ts';
import type { HitAction, HitStatus, Hub, HubHit } from './model.ts';
import { withDischargedFrom } from './port-calls.ts';
import type { HubHitSortField } from './repository.ts';
import type { SortOrder } from '../../platform/sorting.ts';

/** A checked right to follow one hub's hits, ready to subscribe once the response is open. */
export interface LiveGrant {
  hub: Hub;
  police: boolean;
}

/** Filters, order and page of {@link recentHits}; each filter left out means "any". */
export interface HubHitListOptions {
  /** False: hits the desk has not handled yet; true: acknowledged, assigned or dismissed. */
  acknowledged?: boolean;
  status?: HitStatus;
  /** The SIS object type of the alert hit (e.g. `motor-vehicle`, `container`). */
  objectType?: string;
  /** Default: newest first. */
  sort?: SortOrder<HubHitSortField>;
  limit?: number;
  offset?: number;
}

/**
 * The hits of a hub, newest first unless another order is asked for, one page with the number of all that
 * match: the desk sees its own without police-only ones; the police see all.
 */
export async function recentHits(
  ctx: HubsContext,
  call: Call & { hubId: string } & HubHitListOptions,
): Promise<{ hits: HubHit[]; total: number }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'hubs:hits:read', purpose: call.purpose });
  const hub = await hubFor(ctx, call.actor, call.hubId, ['desk', 'police']);
  const police = roleAt(call.actor, hub) === 'police';
  const { rows, total } = await ctx.repo.hitPage(ctx.database.db, {
    hubId: hub.id,
    withPoliceOnly: police,
    acknowledged: call.acknowledged ?? null,
    status: call.status ?? null,
    objectType: call.objectType ?? null,
    sort: call.sort ?? { field: 'receivedAt', descending: true },
    limit: Math.min(Math.max(call.limit ?? 50, 1), 500),
    offset: Math.max(call.offset ?? 0, 0),
  });
  const filters = [
    call.acknowledged === false && 'unacknowledged',
    call.acknowledged === true && 'acknowledged',
    call.status && `status ${call.status}`,
    call.objectType && `object ${call.objectType}`,
  ].filter(Boolean);
  await logHitAccess(
    ctx,
    null,
    call,
    purpose,
    'hubs.hits.list',
    rows.map((r) => r.id),
    `${rows.length} of ${total} hit(s)${filters.length > 0 ? ` (${filters.join(', ')})` : ''}`,
  );
  return { hits: await withDischargedFrom(ctx.database.db, rows.map(presentHit)), total };
}

/** Checks access to a hub's live feed and logs its opening; subscribe with {@link subscribe} afterwards. */
export async function openLive(ctx: HubsContext, call: Call & { hubId: string }): Promise<LiveGrant> {
  const purpose = requireAccess({ actor: call.actor, permission: 'hubs:hits:read', purpose: call.purpose });
  const hub = await hubFor(ctx, call.actor, call.hubId, ['desk', 'police']);
  const police = roleAt(call.actor, hub) === 'police';
  await logHitAccess(
    ctx,
    null,
    call,
    purpose,
    'hubs.hits.live',
    [hub.id],
    police ? 'police live feed opened' : 'desk live feed opened',
  );
  return { hub, police };
}

/** Follows a hub's live feed with a grant from {@link openLive}; returns the unsubscribe function. */
export function subscribe(
  ctx: HubsContext,
  grant: LiveGrant,
  deliver: LiveSubscriber['deliver'],
): () => void {
  return ctx.live.subscribe(grant.hub.id, { police: grant.police, deliver });
}

/**
 * The desk's handling of a hit: acknowledge it (an officer has seen it and is on it), assign it to a desk
 * officer of the hub's authority, or dismiss it with the reason (e.g. the plate read was wrong, or the
 * vehicle was stopped and handed to the police). A dismissed hit is closed. Each action is logged with who
 * took it, and the changed hit is pushed to the hub's live feeds.
 */
export async function handleHit(
  ctx: HubsContext,
  call: Call & { hubId: string; hitId: string; action: HitAction; assignee?: string; reason?: string },
): Promise<HubHit> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'hubs:hits:handle',
    purpose: call.purpose,
  });
  const hub = await hubFor(ctx, call.actor, call.hubId, ['desk']);
  let assignee: string | null = null;
  if (call.action === 'assign') {
    const users = await deskOfficers(ctx, hub);
    assignee = users.find((u) => u.username === call.assignee)?.username ?? null;
    if (assignee === null) {
      throw invalid(
        HUBS_ERRORS.hitActionInvalid,
        `Assign the hit to a desk officer of ${hub.operatorAuthorityName}${call.assignee === undefined ? '' : `; "${call.assignee}" is not one`}.`,
        { issues: [{ path: 'assignee', message: 'must be the username of a desk officer of the hub' }] },
      );
    }
  }
  const reason = call.reason?.trim() ?? '';
  if (call.action === 'dismiss' && reason.length < 3) {
    throw invalid(HUBS_ERRORS.hitActionInvalid, 'Give the reason for dismissing the hit.', {
      issues: [{ path: 'reason', message: 'is required (at least 3 characters)' }],
    });
  }
  const { value } = await ctx.writes.run(null, async (trx) => {
    const row = await ctx.repo.lockHit(trx, hub.id, call.hitId);
    if (row === undefined || row.police_only) {
      throw notFound(HUBS_ERRORS.hitNotFound, `There is no hit "${call.hitId}" at ${hub.name}.`, {
        hitId: call.hitId,
      });
    }
    if (row.status === 'dismissed') {
      throw conflict(
        HUBS_ERRORS.hitClosed,
        `The hit was dismissed by ${row.handled_by ?? 'the desk'}: ${row.dismiss_reason ?? ''}`,
        { hitId: row.id },
      );
    }
    const status = { acknowledge: 'acknowledged', assign: 'assigned', dismiss: 'dismissed' } as const;
    const updated = await ctx.repo.setHandling(trx, row.id, {
      status: status[call.action],
      assigned_to: call.action === 'assign' ? assignee : row.assigned_to,
      handled_by: call.actor.username,
      handled_at: ctx.clock.now(),
      dismiss_reason: call.action === 'dismiss' ? reason : null,
    });
    const summary = {
      acknowledge: 'hit acknowledged',
      assign: `hit assigned to ${assignee ?? ''}`,
      dismiss: `hit dismissed: ${reason.slice(0, 200)}`,
    } as const;
    await logHitAccess(ctx, trx, call, purpose, `hubs.hits.${call.action}`, [row.id], summary[call.action]);
    const [hit] = await withDischargedFrom(trx, [presentHit(updated)]);
    return hit!;
  });
  ctx.live.publish(value);
  return value;
}

/** The desk officers a hit can be assigned to: the active hub-operator users of the hub's authority. */
export async function deskUsers(
  ctx: HubsContext,
  call: Call & { hubId: string },
): Promise<{ users: Array<{ username: string; displayName: string }> }> {
  requireAccess({ actor: call.actor, permission: 'hubs:hits:handle' });
  const hub = await hubFor(ctx, call.actor, call.hubId, ['desk']);
  return { users: await deskOfficers(ctx, hub) };
}

async function deskOfficers(
  ctx: HubsContext,
  hub: Hub,
): Promise<Array<{ username: string; displayName: string }>> {
  const users = await ctx.access.listUsers({
    actor: SYSTEM_ACTOR,
    purpose: 'system-administration',
  });
  return users
    .filter(
      (u) => u.active && u.authority.id === hub.operatorAuthorityId && u.authority.type === 'hub-operator',
    )
    .map((u) => ({ username: u.username, displayName: u.displayName }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * The hits the desk has not acknowledged yet at every hub the actor's authority operates (the home counter).
 * A count names no vehicle and no hit: no purpose, no log record (docs/decisions.md).
 */
export async function countUnacknowledged(ctx: HubsContext, actor: Actor): Promise<number> {
  requireAccess({ actor, permission: 'hubs:hits:handle' });
  if (actor.authorityType !== 'hub-operator' || actor.authorityId === null) {
    return 0;
  }
  return ctx.repo.countOpenDeskHits(ctx.database.db, actor.authorityId);
}
