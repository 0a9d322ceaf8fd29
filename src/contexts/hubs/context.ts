import type { AccessService, Actor } from '../access/index.ts';
import type { AuditEntry, AuditLog } from '../audit/index.ts';
import type { SisService } from '../sis/index.ts';
import type { Call as PlatformCall } from '../../platform/calls.ts';
import type { Changes } from '../../platform/changes/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Writes } from '../../platform/writes.ts';
import type { Purpose } from '../access/index.ts';
import { HUBS_ERRORS } from './errors.ts';
import { presentHub } from './hub-input.ts';
import type { LiveHits } from './live.ts';
import type { HubMatcher } from './matcher.ts';
import type { Hub, HubHit, HubHitEvent } from './model.ts';
import type { HitRow, HubsRepository } from './repository.ts';

export interface HubsServiceDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  writes: Writes;
  access: AccessService;
  sis: SisService;
  logger: Logger;
  /** The change feed, where port calls are announced (`hubs.port-calls`). */
  changes?: Changes;
}

export type Call = PlatformCall<Actor>;

/** What every use case of the context works with: the deps, the repository, the live feeds and the index. */
export interface HubsContext extends HubsServiceDeps {
  readonly repo: HubsRepository;
  readonly live: LiveHits;
  /** The live SIS object index; the service must have been started. */
  matcher(): HubMatcher;
}

/** How the actor relates to a hub: its operator's desk, the police of its state, an administrator. */
export type Role = 'desk' | 'police' | 'admin';

export function roleAt(actor: Actor, hub: Hub): Role | null {
  switch (actor.authorityType) {
    case 'hub-operator':
      return actor.authorityId === hub.operatorAuthorityId ? 'desk' : null;
    case 'police':
      return actor.memberState === hub.memberState ? 'police' : null;
    case 'administrator':
    case 'system':
      return 'admin';
    // Other authorities have no part in a hub's checks (and hold no hubs permission).
    case 'border':
    case 'visa':
    case 'immigration':
    case 'sirene':
    case 'etias-central':
    case 'etias-national':
    case 'asylum':
    case 'carrier':
    case 'analyst':
    case 'data-protection':
      return null;
  }
}

/** Hub records are kept by the hub's policy under national law; the period is configuration [K]. */
export const HUB_LEGAL_BASIS =
  'Reg. (EU) 2018/1862 arts. 36 and 38 (SIS object checks); hub policy under national law [K]';

/** The hub, if the actor has one of these roles at it; another authority's hub answers as if it did not exist. */
export async function hubFor(
  ctx: HubsContext,
  actor: Actor,
  hubId: string,
  roles: readonly Role[],
): Promise<Hub> {
  const row = await ctx.repo.findHub(ctx.database.db, hubId);
  const hub = row === undefined ? null : presentHub(row);
  const role = hub === null ? null : roleAt(actor, hub);
  if (hub === null || role === null || !roles.includes(role)) {
    // Another authority's hub answers as if it did not exist.
    throw notFound(
      HUBS_ERRORS.hubNotFound,
      `There is no hub "${hubId}" that your authority operates or oversees.`,
      {
        hubId,
      },
    );
  }
  return hub;
}

/** Logs an access to hub hits (the list, the live feed, a desk action) in the caller's transaction. */
/** Logs in the caller's transaction (a write), or without one (`null`, a read) by group commit. */
export async function logHitAccess(
  ctx: HubsContext,
  trx: Executor | null,
  call: Call,
  purpose: Purpose | null,
  operation: string,
  refs: string[],
  summary: string,
): Promise<void> {
  const entry: AuditEntry = {
    actor: call.actor,
    system: 'hubs',
    operation,
    outcome: 'success',
    purpose,
    legalBasis: HUB_LEGAL_BASIS,
    recordRefs: refs,
    resultSummary: summary,
    requestId: call.requestId ?? null,
  };
  await (trx === null ? ctx.audit.append(entry) : ctx.audit.record(trx, entry));
}

/** A hit as the desk and the police see it: the event as recorded, with the desk's handling of it. */
export function presentHit(row: HitRow): HubHit {
  return {
    ...(row.event as HubHitEvent),
    status: row.status as HubHit['status'],
    readCount: row.read_count,
    lastReadAt: new Date(row.last_read_at).toISOString(),
    assignedTo: row.assigned_to,
    handledBy: row.handled_by,
    handledAt: row.handled_at === null ? null : new Date(row.handled_at).toISOString(),
    dismissReason: row.dismiss_reason,
    dischargedFrom: null,
  };
}
