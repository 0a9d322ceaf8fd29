import { randomUUID } from 'node:crypto';
import { requireAccess, type Actor, type Purpose } from '../access/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import type { SortOrder } from '../../platform/sorting.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import {
  idempotency,
  log,
  readThenLog,
  recordHitChanges,
  type Call,
  type SisContext,
  type WriteCall,
} from './context.ts';
import { SIS_ERRORS } from './errors.ts';
import {
  CATEGORY_INFO,
  type AlertCategory,
  type CheckInformation,
  type HitLocation,
  type ObjectType,
} from './model.ts';
import { contentOf, presentHit, summariseAlert, type AlertSummary, type HitView } from './present.ts';
import type { HitRow, HitSortField } from './repository.ts';
import { canSeeAlert, seesCovertDetail } from './visibility.ts';

/** `29 Nov 2026 04:56 UTC`: unambiguous in every language, unlike 11/29 or 29/11. */
function readableUtc(d: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** The information to collect on a check hit (2018/1862 art. 37(1)), in the order of the article. */
export const ARTICLE_37_INFORMATION: readonly string[] = Object.freeze([
  'that the person or object was located',
  'place, time and reason of the check',
  'route and destination of the journey',
  'persons accompanying the person or occupants of the vehicle, boat or aircraft who can reasonably be expected to be associated with them',
  'any identity used and a description of the person using a blank or issued document',
  'the objects and means of payment concerned',
  'objects carried, including travel documents',
  'the circumstances in which the person or object was located',
  'any other information requested by the issuing member state',
]);

/** The shorter list of information alerts (2018/1862 art. 37b), collected covertly. */
export const ARTICLE_37B_INFORMATION: readonly string[] = Object.freeze([
  'that the person was located',
  'place, time and reason of the check',
  'route and destination of the journey',
  'persons accompanying the person',
  'objects carried, including travel documents',
  'the circumstances in which the person was located',
]);

/** What was checked when the hit occurred (2018/1862 art. 12: the data used to search). */
export interface HitChecked {
  /** Types of data used, e.g. `surname`, `birthDate`, `documentNumber`, `plate`. */
  dataTypes: string[];
  /** The field that matched, from the search result's `why`. */
  matchedOn?: string;
}

/**
 * The answer to the officer who reported the hit: the action to be taken and the warning markers first, then
 * whether the check is discreet, what to collect, and when the issuing state's SIRENE Bureau must reply.
 */
export interface HitAnswer {
  hitId: string;
  action: string;
  warningMarkers: string[];
  discreet: boolean;
  handling: string | null;
  /** For check and information alerts: the information to collect and send (art. 37 or 37b). */
  informationToCollect: string[];
  urgent: boolean;
  replyDueAt: string;
  alert: AlertSummary;
}

function dueAt(ctx: SisContext, urgent: boolean, from: Date): Date {
  const hours = urgent ? ctx.settings.urgentReplyHours : ctx.settings.supplementaryInfoHours;
  return new Date(from.getTime() + hours * 3_600_000);
}

function informationList(category: AlertCategory): string[] {
  if (category === 'information') {
    return [...ARTICLE_37B_INFORMATION];
  }
  return category === 'check' || category === 'object-check' ? [...ARTICLE_37_INFORMATION] : [];
}

/**
 * Records a hit: who, where, what was checked and which alert. Answers with the action and the warning markers
 * first, and opens the supplementary-information exchange with the issuing state's SIRENE Bureau: a request
 * message is stored and the reply is due in 12 hours (2018/1862 art. 8(3)), or "immediately" (setting
 * `urgentReplyHours` [K]) for terrorism and child alerts. The due time is stored, so it survives restarts.
 * An alert the actor may not see answers as if it did not exist.
 */
export async function reportHit(
  ctx: SisContext,
  call: WriteCall & {
    alertId: string;
    location: HitLocation;
    checked: HitChecked;
    information?: CheckInformation;
  },
): Promise<{ hit: HitAnswer; replayed: boolean }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:hits', purpose: call.purpose });
  if (call.location.place.trim() === '' || call.checked.dataTypes.length === 0) {
    throw invalid(
      SIS_ERRORS.hitInvalid,
      'Say where the check took place and which types of data were used to search.',
    );
  }
  const request = {
    alertId: call.alertId,
    location: call.location,
    checked: call.checked,
    information: call.information,
  };
  const { value, replayed } = await ctx.writes.run(idempotency(call, 'sis.hits.create', request), (trx) =>
    recordHit(ctx, trx, call, purpose),
  );
  return { hit: value, replayed };
}

/** A hit reported from within another flow's transaction. */
type HitCall = Call & {
  alertId: string;
  location: HitLocation;
  checked: HitChecked;
  information?: CheckInformation;
  /**
   * A hit the same user reported on the same alert at the same place within this many milliseconds is the
   * same encounter (the check run again at the counter): it is answered again, not reported twice.
   */
  foldWithinMs?: number;
};

/**
 * The hit procedure of {@link reportHit} inside the caller's transaction, for a flow that records its own work
 * in the same transaction (the border check: its audit record and the hits it found, together or not at all).
 */
export async function reportHitIn(ctx: SisContext, trx: Executor, call: HitCall): Promise<HitAnswer> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:hits', purpose: call.purpose });
  if (call.location.place.trim() === '' || call.checked.dataTypes.length === 0) {
    throw invalid(
      SIS_ERRORS.hitInvalid,
      'Say where the check took place and which types of data were used to search.',
    );
  }
  return recordHit(ctx, trx, call, purpose);
}

async function recordHit(
  ctx: SisContext,
  trx: Executor,
  call: HitCall,
  purpose: Purpose | null,
): Promise<HitAnswer> {
  const row = await ctx.repo.findAlert(trx, call.alertId);
  const category = row === undefined ? undefined : contentOf(row).category;
  if (
    row === undefined ||
    category === undefined ||
    !canSeeAlert(call.actor, {
      category,
      objectType: row.object_type as ObjectType | null,
      covert: row.covert,
    })
  ) {
    throw notFound(SIS_ERRORS.alertNotFound, `There is no SIS alert "${call.alertId}".`, {
      alertId: call.alertId,
    });
  }
  if (call.information !== undefined && !row.covert) {
    throw invalid(
      SIS_ERRORS.hitInvalid,
      'Article 37 information is collected on check and information alerts only.',
    );
  }
  const now = ctx.clock.now();
  const place = call.location.context
    ? `${call.location.place} (${call.location.context})`
    : call.location.place;
  if (call.foldWithinMs !== undefined) {
    const earlier = await ctx.repo.latestHitBy(trx, {
      alertId: row.id,
      reportedBy: call.actor.username,
      place,
      since: new Date(now.getTime() - call.foldWithinMs),
    });
    if (earlier !== undefined) {
      const alert = summariseAlert(call.actor, row);
      return {
        hitId: earlier.id,
        action: row.action,
        warningMarkers: alert.warningMarkers,
        discreet: row.covert,
        handling: alert.handling,
        informationToCollect: informationList(category),
        urgent: row.urgent,
        replyDueAt: earlier.reply_due_at.toISOString(),
        alert,
      };
    }
  }
  const id = `hit_${randomUUID()}`;
  const due = dueAt(ctx, row.urgent, now);
  const hit: HitRow = {
    id,
    alert_id: row.id,
    category,
    covert: row.covert,
    issuing_state: row.issuing_state,
    reported_by: call.actor.username,
    reporting_authority: call.actor.authorityName,
    reporting_state: call.actor.memberState,
    place,
    checked: call.checked,
    information: call.information ?? null,
    created_at: now,
    reply_due_at: due,
    urgent: row.urgent,
    replied_at: null,
    alert_deleted_on: null,
    erase_after: null,
  };
  await ctx.repo.insertHit(trx, hit);
  await recordHitChanges(ctx, trx, [id]);
  await ctx.repo.insertMessage(trx, {
    id: `msg_${randomUUID()}`,
    hit_id: id,
    direction: 'request',
    from_state: call.actor.memberState,
    to_state: row.issuing_state,
    author: call.actor.authorityName,
    body: `Hit on alert ${row.id} at ${hit.place}; supplementary information requested (reply due ${readableUtc(due)}).`,
    created_at: now,
  });
  await log(ctx, trx, call, {
    purpose,
    operation: 'sis.hits.create',
    legalBasis: `${CATEGORY_INFO[category].legalBasis}; Reg. (EU) 2018/1862 art. 8`,
    recordRefs: [row.id, id],
    queryDataTypes: call.checked.dataTypes,
    resultSummary: `hit at ${hit.place}; reply due ${due.toISOString()}`,
    alertReviewDue: row.review_due,
  });
  const alert = summariseAlert(call.actor, row);
  const answer: HitAnswer = {
    hitId: id,
    action: row.action,
    warningMarkers: alert.warningMarkers,
    discreet: row.covert,
    handling: alert.handling,
    informationToCollect: informationList(category),
    urgent: row.urgent,
    replyDueAt: due.toISOString(),
    alert,
  };
  return answer;
}

async function hitFor(
  ctx: SisContext,
  trx: Executor,
  actor: Actor,
  id: string,
  lock: boolean,
): Promise<HitRow> {
  const hit = lock ? await ctx.repo.lockHit(trx, id) : await ctx.repo.findHit(trx, id);
  // SIRENE sees the hits of its own state, as issuer or as reporter; others only the hits they reported.
  const involved =
    hit !== undefined &&
    (actor.authorityType === 'system' ||
      hit.issuing_state === actor.memberState ||
      hit.reporting_state === actor.memberState);
  if (hit === undefined || !involved) {
    throw notFound(SIS_ERRORS.hitNotFound, `There is no hit "${id}" for your member state.`, { hitId: id });
  }
  return hit;
}

/** Adds the art. 37 information collected on a check hit (the reporting state only). */
export async function recordCheckInformation(
  ctx: SisContext,
  call: WriteCall & { hitId: string; information: CheckInformation },
): Promise<{ hit: HitView; replayed: boolean }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:hits', purpose: call.purpose });
  const request = { hitId: call.hitId, information: call.information };
  const { value, replayed } = await ctx.writes.run(
    idempotency(call, 'sis.hits.information', request),
    async (trx) => {
      const hit = await hitFor(ctx, trx, call.actor, call.hitId, true);
      if (hit.reporting_state !== call.actor.memberState && call.actor.authorityType !== 'system') {
        throw forbidden(
          SIS_ERRORS.hitNotAllowed,
          'Only the member state that reported the hit adds the information collected.',
        );
      }
      if (!hit.covert) {
        throw invalid(
          SIS_ERRORS.hitInvalid,
          'Article 37 information is collected on check and information alerts only.',
        );
      }
      await ctx.repo.setHitInformation(trx, hit.id, call.information);
      await log(ctx, trx, call, {
        purpose,
        operation: 'sis.hits.information',
        legalBasis: 'Reg. (EU) 2018/1862 art. 37',
        recordRefs: [hit.alert_id, hit.id],
        resultSummary: 'check information recorded',
      });
      const updated = await hitFor(ctx, trx, call.actor, hit.id, false);
      return presentHit(call.actor, updated, await ctx.repo.messagesOf(trx, [hit.id]), ctx.clock.now());
    },
  );
  return { hit: value, replayed };
}

/**
 * Adds a message to the supplementary-information exchange of a hit. A reply from the issuing state closes
 * the deadline; a further request from the reporting state leaves it running.
 */
export async function addExchangeMessage(
  ctx: SisContext,
  call: WriteCall & { hitId: string; body: string },
): Promise<{ hit: HitView; replayed: boolean }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:exchange', purpose: call.purpose });
  if (call.body.trim() === '') {
    throw invalid(SIS_ERRORS.messageInvalid, 'Write the message to send.');
  }
  const request = { hitId: call.hitId, body: call.body };
  const { value, replayed } = await ctx.writes.run(
    idempotency(call, 'sis.exchange.message', request),
    async (trx) => {
      const hit = await hitFor(ctx, trx, call.actor, call.hitId, true);
      const now = ctx.clock.now();
      const fromIssuer = hit.issuing_state === call.actor.memberState;
      await ctx.repo.insertMessage(trx, {
        id: `msg_${randomUUID()}`,
        hit_id: hit.id,
        direction: fromIssuer ? 'reply' : 'request',
        from_state: call.actor.memberState,
        to_state: fromIssuer ? hit.reporting_state : hit.issuing_state,
        author: call.actor.authorityName,
        body: call.body,
        created_at: now,
      });
      if (fromIssuer) {
        await ctx.repo.markReplied(trx, hit.id, now);
        await recordHitChanges(ctx, trx, [hit.id]);
      }
      await log(ctx, trx, call, {
        purpose,
        operation: 'sis.exchange.message',
        legalBasis: 'Reg. (EU) 2018/1862 arts. 7-8',
        recordRefs: [hit.alert_id, hit.id],
        resultSummary: fromIssuer ? 'reply sent' : 'request sent',
      });
      const updated = await hitFor(ctx, trx, call.actor, hit.id, false);
      return presentHit(call.actor, updated, await ctx.repo.messagesOf(trx, [hit.id]), now);
    },
  );
  return { hit: value, replayed };
}

/**
 * Hours before its due time an open exchange counts as due soon (`deadline=soon`) unless the client names
 * another window: a SIRENE Bureau then has a sixth of the 12-hour reply time (2018/1862 art. 8(3)) left.
 * Our reading, not a rule of the regulation.
 */
export const HIT_DUE_SOON_HOURS = 2;

/** Filters, order and page of {@link listHits}; each filter left out means "any". */
export interface HitListOptions {
  /** True: open exchanges only (no reply yet and the alert stands); false or left out: any. */
  open?: boolean;
  /** `open` or `closed` (replied, or closed by the deletion of the alert). */
  status?: 'open' | 'closed';
  /** Open exchanges past their due time (`overdue`) or due within `dueWithinHours` (`soon`). */
  deadline?: 'overdue' | 'soon';
  /** The `soon` window in hours; {@link HIT_DUE_SOON_HOURS} when left out. */
  dueWithinHours?: number;
  alertId?: string;
  category?: AlertCategory;
  /** Issuing member state of the alert. */
  issuingState?: string;
  /** Member state that reported the hit. */
  reportingState?: string;
  /** Default: by deadline (open first, soonest due first). */
  sort?: SortOrder<HitSortField>;
  limit?: number;
  offset?: number;
}

/**
 * The SIRENE exchange queue of the actor's member state (as issuer or as reporter), one page of it with the
 * number of all that match; open exchanges first by due time unless another order is asked for. `overdue` is
 * judged by the clock now.
 */
export async function listHits(
  ctx: SisContext,
  call: Call & HitListOptions,
): Promise<{ hits: HitView[]; total: number }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:exchange', purpose: call.purpose });
  const now = ctx.clock.now();
  const hours = call.dueWithinHours ?? HIT_DUE_SOON_HOURS;
  return readThenLog(ctx, async (trx, logs) => {
    const { rows, total } = await ctx.repo.hitPage(trx, {
      state: call.actor.authorityType === 'system' ? null : call.actor.memberState,
      status: call.status ?? (call.open === true ? 'open' : null),
      deadline: call.deadline ?? null,
      now,
      dueBefore: new Date(now.getTime() + hours * 3_600_000),
      alertId: call.alertId ?? null,
      category: call.category ?? null,
      issuingState: call.issuingState ?? null,
      reportingState: call.reportingState ?? null,
      maskCovert: !seesCovertDetail(call.actor),
      sort: call.sort ?? { field: 'deadline', descending: false },
      limit: Math.min(Math.max(call.limit ?? 50, 1), 200),
      offset: Math.max(call.offset ?? 0, 0),
    });
    const messages = await ctx.repo.messagesOf(
      trx,
      rows.map((r) => r.id),
    );
    const hits = rows.map((r) =>
      presentHit(
        call.actor,
        r,
        messages.filter((m) => m.hit_id === r.id),
        now,
      ),
    );
    const filters = [
      call.status && call.status,
      call.open === true && call.status === undefined && 'open',
      call.deadline && `deadline ${call.deadline}`,
      call.category && `category ${call.category}`,
      call.issuingState && `issued by ${call.issuingState}`,
      call.reportingState && `reported by ${call.reportingState}`,
      call.alertId && 'alert',
    ].filter(Boolean);
    logs.add(call, {
      purpose,
      operation: 'sis.exchange.list',
      legalBasis: 'Reg. (EU) 2018/1862 arts. 7-8',
      recordRefs: rows.map((r) => r.id),
      resultSummary: `${hits.length} of ${total} hit(s), ${hits.filter((h) => h.overdue).length} overdue${filters.length > 0 ? ` (${filters.join(', ')})` : ''}`,
    });
    return { hits, total };
  });
}

/** One hit with its exchange. */
export async function getHit(ctx: SisContext, call: Call & { hitId: string }): Promise<HitView> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:exchange', purpose: call.purpose });
  return readThenLog(ctx, async (trx, logs) => {
    const hit = await hitFor(ctx, trx, call.actor, call.hitId, false);
    logs.add(call, {
      purpose,
      operation: 'sis.exchange.read',
      legalBasis: 'Reg. (EU) 2018/1862 arts. 7-8',
      recordRefs: [hit.alert_id, hit.id],
      resultSummary: 'hit read',
    });
    return presentHit(call.actor, hit, await ctx.repo.messagesOf(trx, [hit.id]), ctx.clock.now());
  });
}
