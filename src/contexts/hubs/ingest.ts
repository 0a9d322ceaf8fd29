import { randomUUID } from 'node:crypto';
import { requireAccess, type Actor, type Purpose } from '../access/index.ts';
import type { ObjectMatch } from '../sis/index.ts';
import { addDays, isoDate } from '../../platform/dates.ts';
import { invalid, isAppError } from '../../platform/errors.ts';
import { HUB_LEGAL_BASIS, hubFor, presentHit, type Call, type HubsContext } from './context.ts';
import { HUBS_ERRORS } from './errors.ts';
import { presentHub } from './hub-input.ts';
import { cardOfSummary } from './matcher.ts';
import { withDischargedFrom } from './port-calls.ts';
import type { Hub, HubHit, HubHitEvent, PlateRead } from './model.ts';
import type { HitRow, PlateReadRow } from './repository.ts';
import { checkRead, MAX_BATCH, type ReadIssue } from './validate.ts';

/** What the hub desk gets back for a batch: counts and the hits it may see (never the police-only ones). */
export interface IngestResult {
  hubId: string;
  accepted: number;
  hits: HubHit[];
}

/**
 * Checks a batch of reads from a hub's cameras (at most {@link MAX_BATCH}) and matches every candidate of
 * every read against the SIS object alerts. The whole batch is refused when a read is not valid, with every
 * issue listed; with an `Idempotency-Key` a retry gets the first answer and nothing is matched twice.
 */
export async function ingestBatch(
  ctx: HubsContext,
  call: Call & { hubId: string; reads: unknown; idempotencyKey?: string | null },
): Promise<{
  result: IngestResult;
  replayed: boolean;
}> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'hubs:reads:write',
    purpose: call.purpose,
  });
  const hub = await hubFor(ctx, call.actor, call.hubId, ['desk']);
  if (!Array.isArray(call.reads) || call.reads.length === 0 || call.reads.length > MAX_BATCH) {
    throw invalid(HUBS_ERRORS.batchSize, `Send 1 to ${MAX_BATCH} reads in one batch; split larger ones.`, {
      max: MAX_BATCH,
    });
  }
  const now = ctx.clock.now();
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
  return ingest(ctx, call, purpose, hub, reads, call.idempotencyKey ?? null);
}

/** Checks access to a hub's continuous read stream before the stream is opened. */
export async function openStream(
  ctx: HubsContext,
  call: Call & { hubId: string },
): Promise<{ hub: Hub; purpose: Purpose | null }> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'hubs:reads:write',
    purpose: call.purpose,
  });
  return { hub: await hubFor(ctx, call.actor, call.hubId, ['desk']), purpose };
}

/**
 * One chunk of a continuous stream: each line is checked on its own (a bad line is answered and skipped,
 * the stream goes on) and the valid reads are matched and recorded together.
 */
export async function ingestLines(
  ctx: HubsContext,
  call: Call,
  stream: { hub: Hub; purpose: Purpose | null },
  lines: ReadonlyArray<{ line: number; value: unknown }>,
): Promise<{ result: IngestResult; issues: ReadIssue[] }> {
  const now = ctx.clock.now();
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
  const { result } = await ingest(ctx, call, stream.purpose, stream.hub, reads, null);
  return { result, issues };
}

/** Matches valid reads, records hits (repeats folded) and kept reads with one log record, then pushes and reports. */
async function ingest(
  ctx: HubsContext,
  call: Call,
  purpose: Purpose | null,
  hub: Hub,
  reads: readonly PlateRead[],
  idempotencyKey: string | null,
): Promise<{ result: IngestResult; replayed: boolean }> {
  const matcher = ctx.matcher();
  const receivedAt = ctx.clock.now();
  const matched = reads.map((read) => ({ read, matches: matcher.match(read) }));
  await ensureCards(
    ctx,
    matched.flatMap((m) => m.matches),
  );
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
  const { value, replayed } = await ctx.writes.run(idem, async (trx) => {
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
        const event = matcher.event({ hitId: `hubhit_${randomUUID()}`, hubId: hub.id, receivedAt }, read, m);
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
              (await ctx.repo.lockRepeat(trx, {
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
    await ctx.repo.insertHits(trx, hits);
    for (const f of folded.values()) {
      await ctx.repo.foldReads(trx, f.id, f.read_count, f.last_read_at);
    }
    events.push(
      ...(await withDischargedFrom(trx, [...hits.map(presentHit), ...[...folded.values()].map(presentHit)])),
    );
    await ctx.repo.insertReads(trx, kept);
    await ctx.audit.record(trx, {
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
      ctx.live.publish(e);
    }
    await report(ctx, hub, toReport);
  }
  return { result: value, replayed };
}

/** Fetches the alert cards the matcher lacks for these matches. */
async function ensureCards(ctx: HubsContext, matches: readonly ObjectMatch[]): Promise<void> {
  const matcher = ctx.matcher();
  const missing = matcher.missingCards(matches);
  if (missing.length === 0) {
    return;
  }
  const summaries = await ctx.sis.alertSummaries(missing);
  for (const [id, s] of summaries) {
    matcher.setCard(id, cardOfSummary(s));
  }
}

/** The automatic check of a hub, as the reporter of its SIS hits: the hub's authority and member state. */
function checkActor(hub: Hub): Actor {
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
async function report(ctx: HubsContext, hub: Hub, hits: readonly HitRow[]): Promise<void> {
  const { db } = ctx.database;
  for (const h of hits) {
    const event = h.event as HubHitEvent;
    const gate = hub.gates.find((g) => g.id === event.gateId);
    try {
      const r = await ctx.sis.reportHit({
        actor: checkActor(hub),
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
      await ctx.repo.setSisHit(db, h.id, r.hit.hitId, 'reported');
    } catch (err) {
      if (isAppError(err) && err.kind === 'NotFound') {
        await ctx.repo.setSisHit(db, h.id, null, 'alert-gone');
      } else {
        ctx.logger.warn({ err, hitId: h.id }, 'hub hit not yet reported to SIS; retried at next start');
      }
    }
  }
}

/** Reports hits left pending (e.g. by a crash between recording and reporting). */
export async function reportPendingHits(ctx: HubsContext): Promise<number> {
  const { db } = ctx.database;
  const rows = await ctx.repo.pendingHits(db, 1000);
  const hubs = new Map<string, Hub>();
  for (const r of rows) {
    if (!hubs.has(r.hub_id)) {
      const row = await ctx.repo.findHub(db, r.hub_id);
      if (row !== undefined) {
        hubs.set(r.hub_id, presentHub(row));
      }
    }
    const hub = hubs.get(r.hub_id);
    if (hub !== undefined) {
      await report(ctx, hub, [r]);
    }
  }
  return rows.length;
}
