import { randomUUID } from 'node:crypto';
import type { ErasureCascade, RetentionRule } from '../../flows/retention.ts';
import {
  SYSTEM_ACTOR,
  requireAccess,
  type AccessService,
  type Actor,
  type Purpose,
} from '../access/index.ts';
import type { AuditEntry, AuditLog } from '../audit/index.ts';
import type { SisService } from '../sis/index.ts';
import type { ObjectMatch } from '../sis/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { addDays, isoDate } from '../../platform/dates.ts';
import { conflict, invalid, isAppError, notFound } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Writes } from '../../platform/writes.ts';
import { HUBS_ERRORS } from './errors.ts';
import { defaultTimeZone, hubIssues, policyOf, presentHub } from './hub-input.ts';
import { LiveHits, type LiveSubscriber } from './live.ts';
import { cardOfSummary, HubMatcher } from './matcher.ts';
import type { HitAction, Hub, HubHit, HubHitEvent, HubInput, PlateRead } from './model.ts';
import { HubsRepository, type HitRow, type PlateReadRow } from './repository.ts';
import { checkRead, MAX_BATCH, type ReadIssue } from './validate.ts';

export interface HubsServiceDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  writes: Writes;
  access: AccessService;
  sis: SisService;
  logger: Logger;
}

export interface Call {
  actor: Actor;
  purpose: string | null;
  requestId?: string;
}

/** What the hub desk gets back for a batch: counts and the hits it may see (never the police-only ones). */
export interface IngestResult {
  hubId: string;
  accepted: number;
  hits: HubHit[];
}

/** A checked right to follow one hub's hits, ready to subscribe once the response is open. */
export interface LiveGrant {
  hub: Hub;
  police: boolean;
}

/** How the actor relates to a hub: its operator's desk, the police of its state, an administrator. */
type Role = 'desk' | 'police' | 'admin';

function roleAt(actor: Actor, hub: Hub): Role | null {
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
const HUB_LEGAL_BASIS =
  'Reg. (EU) 2018/1862 arts. 36 and 38 (SIS object checks); hub policy under national law [K]';

/**
 * The logistics-hub vehicle checks: hubs with gates and cameras, the ingestion of plate reads (batches and a
 * continuous stream), matching against SIS vehicle, plate, trailer and container alerts with ONE live object
 * index per process, the hit record (reported through the SIS hit procedure, so the SIRENE exchange opens),
 * and the live feeds of the hub desk and the police.
 */
export class HubsService {
  readonly #deps: HubsServiceDeps;
  readonly #repo = new HubsRepository();
  readonly #live = new LiveHits();
  #matcher: HubMatcher | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(deps: HubsServiceDeps) {
    this.#deps = deps;
  }

  /**
   * Builds the live object index from SIS and follows every later alert change. Changes announced while the
   * index is being built are applied after it, in order, so none is lost.
   */
  async start(): Promise<void> {
    const early: Parameters<HubMatcher['apply']>[0][] = [];
    this.#unsubscribe = this.#deps.sis.onAlertChange((change) => {
      if (this.#matcher === null) {
        early.push(change);
      } else {
        this.#matcher.apply(change);
      }
    });
    const matcher = new HubMatcher(await this.#deps.sis.buildObjectIndex());
    for (const change of early) {
      matcher.apply(change);
    }
    this.#matcher = matcher;
    // Hits recorded before a crash but not yet reported to SIS are reported now.
    await this.reportPendingHits();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** The matcher (for the benchmark and diagnostics); the service must have been started. */
  get matcher(): HubMatcher {
    if (this.#matcher === null) {
      throw new Error('HubsService.start() was not awaited');
    }
    return this.#matcher;
  }

  /** The live feeds (for tests and diagnostics). */
  get live(): LiveHits {
    return this.#live;
  }

  /** Erased SIS alerts leave the live index when their erasure commits (product principle 5). */
  erasureCascade(): ErasureCascade {
    return {
      id: 'hubs.object-index',
      onErased: () => Promise.resolve(0),
      afterCommit: (system, refs) => {
        if (system === 'sis') {
          this.#matcher?.remove(refs);
        }
      },
    };
  }

  retentionRules(): RetentionRule[] {
    return [
      {
        id: 'hubs.hits',
        system: 'hubs',
        description:
          "Hub records of hits past their hub's retention period (the SIS hit follows the SIS rules)",
        legalBasis: HUB_LEGAL_BASIS,
        erase: async (trx, day) => {
          const refs = await this.#repo.eraseHits(trx, day);
          return { erased: refs.length, refs };
        },
      },
      {
        id: 'hubs.plate-reads',
        system: 'hubs',
        description: "Plain no-hit plate reads kept under a hub's policy, past their retention period",
        legalBasis: HUB_LEGAL_BASIS,
        erase: async (trx, day) => {
          const refs = await this.#repo.eraseReads(trx, day);
          return { erased: refs.length, refs };
        },
      },
    ];
  }

  // Hubs.

  /** Enters a hub with its gates, cameras and policy (administrators). */
  async createHub(call: Call & { hub: HubInput }): Promise<Hub> {
    requireAccess({ actor: call.actor, permission: 'hubs:manage' });
    const issues = hubIssues(call.hub);
    const authority = (await this.#deps.access.listAuthorities(SYSTEM_ACTOR)).find(
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
    return this.#deps.writes
      .run(null, async (trx) => {
        const created = await this.#repo.insertHub(trx, {
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
          created_at: this.#deps.clock.now(),
        });
        if (!created) {
          throw conflict(HUBS_ERRORS.hubExists, `A hub "${h.id}" exists already; choose another id.`, {
            hubId: h.id,
          });
        }
        await this.#deps.audit.record(trx, {
          actor: call.actor,
          system: 'hubs',
          operation: 'hubs.hub.create',
          outcome: 'success',
          purpose: call.purpose,
          recordRefs: [h.id],
          resultSummary: `hub created with ${h.gates.length} gate(s)`,
          requestId: call.requestId ?? null,
        });
        const row = await this.#repo.findHub(trx, h.id);
        return presentHub(row!);
      })
      .then((r) => r.value);
  }

  /** The hub if it exists, else null; for idempotent set-up (the demo world). */
  async findHub(id: string): Promise<Hub | null> {
    const row = await this.#repo.findHub(this.#deps.database.db, id);
    return row === undefined ? null : presentHub(row);
  }

  /** The hubs the actor works at or oversees: a hub operator its own, the police those of its state. */
  async listHubs(call: Call): Promise<{ hubs: Hub[] }> {
    requireAccess({ actor: call.actor, permission: 'hubs:read' });
    const rows = await this.#repo.listHubs(this.#deps.database.db);
    return { hubs: rows.map(presentHub).filter((h) => roleAt(call.actor, h) !== null) };
  }

  async getHub(call: Call & { hubId: string }): Promise<Hub> {
    requireAccess({ actor: call.actor, permission: 'hubs:read' });
    return this.#hubFor(call.actor, call.hubId, ['desk', 'police', 'admin']);
  }

  async #hubFor(actor: Actor, hubId: string, roles: readonly Role[]): Promise<Hub> {
    const row = await this.#repo.findHub(this.#deps.database.db, hubId);
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

  // Reads.

  /**
   * Checks a batch of reads from a hub's cameras (at most {@link MAX_BATCH}) and matches every candidate of
   * every read against the SIS object alerts. The whole batch is refused when a read is not valid, with every
   * issue listed; with an `Idempotency-Key` a retry gets the first answer and nothing is matched twice.
   */
  async ingestBatch(call: Call & { hubId: string; reads: unknown; idempotencyKey?: string | null }): Promise<{
    result: IngestResult;
    replayed: boolean;
  }> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'hubs:reads:write',
      purpose: call.purpose,
    });
    const hub = await this.#hubFor(call.actor, call.hubId, ['desk']);
    if (!Array.isArray(call.reads) || call.reads.length === 0 || call.reads.length > MAX_BATCH) {
      throw invalid(HUBS_ERRORS.batchSize, `Send 1 to ${MAX_BATCH} reads in one batch; split larger ones.`, {
        max: MAX_BATCH,
      });
    }
    const now = this.#deps.clock.now();
    const reads: PlateRead[] = [];
    const issues: ReadIssue[] = [];
    (call.reads as unknown[]).forEach((value, i) => {
      const checked = checkRead(hub, value, i, now);
      if (checked.read === null) {
        issues.push(...checked.issues);
      } else {
        reads.push(checked.read);
      }
    });
    if (issues.length > 0) {
      throw invalid(
        HUBS_ERRORS.readInvalid,
        `${new Set(issues.map((i) => i.index)).size} read(s) of the batch are not valid; nothing was recorded. First: reads[${issues[0]!.index}].${issues[0]!.path} ${issues[0]!.message}.`,
        { issues: issues.slice(0, 100) },
      );
    }
    return this.#ingest(call, purpose, hub, reads, call.idempotencyKey ?? null);
  }

  /** Checks access to a hub's continuous read stream before the stream is opened. */
  async openStream(call: Call & { hubId: string }): Promise<{ hub: Hub; purpose: Purpose | null }> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'hubs:reads:write',
      purpose: call.purpose,
    });
    return { hub: await this.#hubFor(call.actor, call.hubId, ['desk']), purpose };
  }

  /**
   * One chunk of a continuous stream: each line is checked on its own (a bad line is answered and skipped,
   * the stream goes on) and the valid reads are matched and recorded together.
   */
  async ingestLines(
    call: Call,
    stream: { hub: Hub; purpose: Purpose | null },
    lines: ReadonlyArray<{ line: number; value: unknown }>,
  ): Promise<{ result: IngestResult; issues: ReadIssue[] }> {
    const now = this.#deps.clock.now();
    const reads: PlateRead[] = [];
    const issues: ReadIssue[] = [];
    for (const { line, value } of lines) {
      const checked = checkRead(stream.hub, value, line, now);
      if (checked.read === null) {
        issues.push(...checked.issues);
      } else {
        reads.push(checked.read);
      }
    }
    if (reads.length === 0) {
      return { result: { hubId: stream.hub.id, accepted: 0, hits: [] }, issues };
    }
    const { result } = await this.#ingest(call, stream.purpose, stream.hub, reads, null);
    return { result, issues };
  }

  async #ingest(
    call: Call,
    purpose: Purpose | null,
    hub: Hub,
    reads: readonly PlateRead[],
    idempotencyKey: string | null,
  ): Promise<{ result: IngestResult; replayed: boolean }> {
    const matcher = this.matcher;
    const receivedAt = this.#deps.clock.now();
    const matched = reads.map((read) => ({ read, matches: matcher.match(read) }));
    await this.#ensureCards(matched.flatMap((m) => m.matches));
    const toReport: HitRow[] = [];
    const events: HubHit[] = [];
    const idem =
      idempotencyKey === null
        ? null
        : {
            scope: `${call.actor.userId ?? call.actor.username}:hubs.reads.${hub.id}`,
            key: idempotencyKey,
            request: reads,
          };
    const { value, replayed } = await this.#deps.writes.run(idem, async (trx) => {
      events.length = 0;
      const hits: HitRow[] = [];
      const kept: PlateReadRow[] = [];
      // Hits of this batch and repeats found in the database, by alert and matched text.
      const open = new Map<string, HitRow>();
      const folded = new Map<string, HitRow>();
      const day = isoDate(receivedAt);
      const windowMs = hub.policy.repeatWindowSeconds * 1000;
      for (const { read, matches } of matched) {
        let deskHit = false;
        for (const m of matches) {
          const event = matcher.event(
            { hitId: `hubhit_${randomUUID()}`, hubId: hub.id, receivedAt },
            read,
            m,
          );
          if (event === null) {
            continue;
          }
          deskHit ||= !event.policeOnly;
          const readAt = new Date(read.at);
          const key = `${m.alertId}\u0000${event.matchedText}`;
          const earlier =
            windowMs === 0
              ? undefined
              : (open.get(key) ??
                (await this.#repo.lockRepeat(trx, {
                  hubId: hub.id,
                  alertId: m.alertId,
                  matchedText: event.matchedText,
                  since: new Date(readAt.getTime() - windowMs),
                })));
          if (
            earlier !== undefined &&
            Math.abs(readAt.getTime() - earlier.last_read_at.getTime()) <= windowMs
          ) {
            // The same vehicle seen again seconds later: one hit, counted, not a new SIS hit.
            earlier.read_count += 1;
            if (readAt > earlier.last_read_at) {
              earlier.last_read_at = readAt;
            }
            open.set(key, earlier);
            if (!hits.includes(earlier)) {
              folded.set(earlier.id, earlier);
            }
            continue;
          }
          const row: HitRow = {
            id: event.hitId,
            hub_id: hub.id,
            alert_id: m.alertId,
            police_only: event.policeOnly,
            confidence: m.confidence,
            read_at: readAt,
            received_at: receivedAt,
            event,
            read,
            sis_hit_id: null,
            sis_status: 'pending',
            erase_after: isoDate(addDays(receivedAt, hub.policy.hitRetentionDays)),
            status: 'open',
            read_count: 1,
            last_read_at: readAt,
            matched_text: event.matchedText,
            assigned_to: null,
            handled_by: null,
            handled_at: null,
            dismiss_reason: null,
          };
          open.set(key, row);
          hits.push(row);
        }
        // A read whose only hits are police-only is kept like a no-hit read, so its absence tells nothing.
        if (!deskHit && hub.policy.storeNoHitReads) {
          kept.push({
            id: `read_${randomUUID()}`,
            hub_id: hub.id,
            read_at: new Date(read.at),
            received_at: receivedAt,
            read,
            erase_after: isoDate(addDays(receivedAt, hub.policy.noHitReadRetentionDays)),
          });
        }
      }
      await this.#repo.insertHits(trx, hits);
      for (const f of folded.values()) {
        await this.#repo.foldReads(trx, f.id, f.read_count, f.last_read_at);
      }
      events.push(...hits.map(presentHit), ...[...folded.values()].map(presentHit));
      await this.#repo.insertReads(trx, kept);
      await this.#deps.audit.record(trx, {
        actor: call.actor,
        system: 'hubs',
        operation: 'hubs.reads.ingest',
        outcome: 'success',
        purpose,
        legalBasis: HUB_LEGAL_BASIS,
        queryDataTypes: [
          'plate',
          ...(reads.some((r) => r.trailer) ? ['trailerPlate'] : []),
          ...(reads.some((r) => r.container) ? ['containerNumber'] : []),
        ],
        recordRefs: [...hits.map((h) => h.id), ...folded.keys()],
        resultSummary: `${reads.length} read(s) at ${hub.id} (${day}); ${hits.length} hit(s)${folded.size > 0 ? `; ${folded.size} hit(s) read again` : ''}; ${kept.length} read(s) kept by policy`,
        requestId: call.requestId ?? null,
      });
      toReport.push(...hits);
      const result: IngestResult = {
        hubId: hub.id,
        accepted: reads.length,
        hits: events.filter((e) => !e.policeOnly),
      };
      return result;
    });
    if (!replayed) {
      // Pushed once the hits are stored; the police feed gets the police-only ones too.
      for (const e of events) {
        this.#live.publish(e);
      }
      await this.#report(hub, toReport);
    }
    return { result: value, replayed };
  }

  async #ensureCards(matches: readonly ObjectMatch[]): Promise<void> {
    const matcher = this.matcher;
    const missing = matcher.missingCards(matches);
    if (missing.length === 0) {
      return;
    }
    const summaries = await this.#deps.sis.alertSummaries(missing);
    for (const [id, s] of summaries) {
      matcher.setCard(id, cardOfSummary(s));
    }
  }

  /** The automatic check of a hub, as the reporter of its SIS hits: the hub's authority and member state. */
  #checkActor(hub: Hub): Actor {
    return {
      kind: 'system',
      userId: null,
      username: `hub-check:${hub.id}`,
      authorityId: hub.operatorAuthorityId,
      authorityName: `${hub.operatorAuthorityName} (automatic plate check)`,
      authorityType: 'system',
      memberState: hub.memberState,
      profile: {
        name: 'hub-automatic-check',
        permissions: ['sis:hits'],
        purposes: ['hub-vehicle-check'],
        systems: {},
      },
    };
  }

  /**
   * Reports each hit through the SIS hit procedure (who, where, what was checked, which alert), which opens
   * the supplementary-information exchange with the issuing state's SIRENE Bureau (2018/1862 art. 8). The
   * hub hit id is the idempotency key, so a retry after a crash never reports twice.
   */
  async #report(hub: Hub, hits: readonly HitRow[]): Promise<void> {
    const { db } = this.#deps.database;
    for (const h of hits) {
      const event = h.event as HubHitEvent;
      const gate = hub.gates.find((g) => g.id === event.gateId);
      try {
        const r = await this.#deps.sis.reportHit({
          actor: this.#checkActor(hub),
          purpose: 'hub-vehicle-check',
          idempotencyKey: h.id,
          alertId: h.alert_id,
          location: {
            place: `${hub.name}${hub.locode ? ` (${hub.locode})` : ''}, ${gate?.name ?? event.gateId}`,
            context: `automatic plate check, ${event.direction === 'in' ? 'entering' : 'leaving'}`,
          },
          checked: {
            dataTypes: [
              event.field === 'container' ? 'containerNumber' : event.field === 'vin' ? 'vin' : 'plate',
            ],
            matchedOn: `${event.field}: ${event.why}; confidence ${event.confidence} (${event.strength})`,
          },
        });
        await this.#repo.setSisHit(db, h.id, r.hit.hitId, 'reported');
      } catch (err) {
        if (isAppError(err) && err.kind === 'NotFound') {
          await this.#repo.setSisHit(db, h.id, null, 'alert-gone');
        } else {
          this.#deps.logger.warn(
            { err, hitId: h.id },
            'hub hit not yet reported to SIS; retried at next start',
          );
        }
      }
    }
  }

  /** Reports hits left pending (e.g. by a crash between recording and reporting). */
  async reportPendingHits(): Promise<number> {
    const { db } = this.#deps.database;
    const rows = await this.#repo.pendingHits(db, 1000);
    const hubs = new Map<string, Hub>();
    for (const r of rows) {
      if (!hubs.has(r.hub_id)) {
        const row = await this.#repo.findHub(db, r.hub_id);
        if (row !== undefined) {
          hubs.set(r.hub_id, presentHub(row));
        }
      }
      const hub = hubs.get(r.hub_id);
      if (hub !== undefined) {
        await this.#report(hub, [r]);
      }
    }
    return rows.length;
  }

  // Hits.

  /** The latest hits of a hub: the desk sees its own without police-only ones; the police see all. */
  async recentHits(call: Call & { hubId: string; limit?: number }): Promise<{ hits: HubHit[] }> {
    const purpose = requireAccess({ actor: call.actor, permission: 'hubs:hits:read', purpose: call.purpose });
    const hub = await this.#hubFor(call.actor, call.hubId, ['desk', 'police']);
    const police = roleAt(call.actor, hub) === 'police';
    const limit = Math.min(Math.max(call.limit ?? 50, 1), 500);
    const rows = await this.#repo.recentHits(this.#deps.database.db, hub.id, police, limit);
    await this.#logHitAccess(
      null,
      call,
      purpose,
      'hubs.hits.list',
      rows.map((r) => r.id),
      `${rows.length} hit(s)`,
    );
    return { hits: rows.map(presentHit) };
  }

  /** Checks access to a hub's live feed and logs its opening; subscribe with {@link subscribe} afterwards. */
  async openLive(call: Call & { hubId: string }): Promise<LiveGrant> {
    const purpose = requireAccess({ actor: call.actor, permission: 'hubs:hits:read', purpose: call.purpose });
    const hub = await this.#hubFor(call.actor, call.hubId, ['desk', 'police']);
    const police = roleAt(call.actor, hub) === 'police';
    await this.#logHitAccess(
      null,
      call,
      purpose,
      'hubs.hits.live',
      [hub.id],
      police ? 'police live feed opened' : 'desk live feed opened',
    );
    return { hub, police };
  }

  subscribe(grant: LiveGrant, deliver: LiveSubscriber['deliver']): () => void {
    return this.#live.subscribe(grant.hub.id, { police: grant.police, deliver });
  }

  /** Logs in the caller's transaction (a write), or without one (`null`, a read) by group commit. */
  async #logHitAccess(
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
    await (trx === null ? this.#deps.audit.append(entry) : this.#deps.audit.record(trx, entry));
  }

  /**
   * The desk's handling of a hit: acknowledge it (an officer has seen it and is on it), assign it to a desk
   * officer of the hub's authority, or dismiss it with the reason (e.g. the plate read was wrong, or the
   * vehicle was stopped and handed to the police). A dismissed hit is closed. Each action is logged with who
   * took it, and the changed hit is pushed to the hub's live feeds.
   */
  async handleHit(
    call: Call & { hubId: string; hitId: string; action: HitAction; assignee?: string; reason?: string },
  ): Promise<HubHit> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'hubs:hits:handle',
      purpose: call.purpose,
    });
    const hub = await this.#hubFor(call.actor, call.hubId, ['desk']);
    let assignee: string | null = null;
    if (call.action === 'assign') {
      const users = await this.#deskOfficers(hub);
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
    const { value } = await this.#deps.writes.run(null, async (trx) => {
      const row = await this.#repo.lockHit(trx, hub.id, call.hitId);
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
      const updated = await this.#repo.setHandling(trx, row.id, {
        status: status[call.action],
        assigned_to: call.action === 'assign' ? assignee : row.assigned_to,
        handled_by: call.actor.username,
        handled_at: this.#deps.clock.now(),
        dismiss_reason: call.action === 'dismiss' ? reason : null,
      });
      const summary = {
        acknowledge: 'hit acknowledged',
        assign: `hit assigned to ${assignee ?? ''}`,
        dismiss: `hit dismissed: ${reason.slice(0, 200)}`,
      } as const;
      await this.#logHitAccess(
        trx,
        call,
        purpose,
        `hubs.hits.${call.action}`,
        [row.id],
        summary[call.action],
      );
      return presentHit(updated);
    });
    this.#live.publish(value);
    return value;
  }

  /** The desk officers a hit can be assigned to: the active hub-operator users of the hub's authority. */
  async deskUsers(
    call: Call & { hubId: string },
  ): Promise<{ users: Array<{ username: string; displayName: string }> }> {
    requireAccess({ actor: call.actor, permission: 'hubs:hits:handle' });
    const hub = await this.#hubFor(call.actor, call.hubId, ['desk']);
    return { users: await this.#deskOfficers(hub) };
  }

  async #deskOfficers(hub: Hub): Promise<Array<{ username: string; displayName: string }>> {
    const users = await this.#deps.access.listUsers({
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

  /** Number of no-hit reads a hub keeps under its policy (diagnostics and tests). */
  async storedReadCount(hubId: string): Promise<number> {
    return this.#repo.countReads(this.#deps.database.db, hubId);
  }
}

/** A hit as the desk and the police see it: the event as recorded, with the desk's handling of it. */
function presentHit(row: HitRow): HubHit {
  return {
    ...(row.event as HubHitEvent),
    status: row.status as HubHit['status'],
    readCount: row.read_count,
    lastReadAt: new Date(row.last_read_at).toISOString(),
    assignedTo: row.assigned_to,
    handledBy: row.handled_by,
    handledAt: row.handled_at === null ? null : new Date(row.handled_at).toISOString(),
    dismissReason: row.dismiss_reason,
  };
}
