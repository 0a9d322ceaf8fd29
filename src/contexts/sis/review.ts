import { randomUUID } from 'node:crypto';
import { requireAccess } from '../access/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import type { SortOrder } from '../../platform/sorting.ts';
import { daysBetween } from '../../platform/dates.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import { lockedAlert, eraseAlerts } from './alerts.ts';
import {
  ALERT_MANAGEMENT,
  idempotency,
  log,
  plusMonths,
  plusYears,
  readThenLog,
  recordAlertChanges,
  today,
  type Call,
  type SisContext,
  type WriteCall,
} from './context.ts';
import { SIS_ERRORS } from './errors.ts';
import { contentOf, presentAlert, type AlertView } from './present.ts';
import type { AlertCategory } from './model.ts';
import type { ReviewSortField } from './repository.ts';
import { reviewPeriod } from './settings.ts';

/** One alert in the review queue, with the advance warning sent for its current review date, if any. */
export interface ReviewItem {
  alert: AlertView;
  /** When the advance warning for this review date was stored, or null if none yet. */
  noticeAt: string | null;
  /** Days left until automatic deletion (negative once passed; deletion runs with the next retention run). */
  daysLeft: number;
}

/** Filters, order and page of {@link reviewQueue}; each filter left out means "any". */
export interface ReviewQueueOptions {
  category?: AlertCategory;
  /**
   * `soon`: the review date is today or later (a decision is still possible before automatic deletion);
   * `overdue`: it has passed, and the alert goes with the next retention run (2018/1862 art. 53(6)).
   */
  due?: 'soon' | 'overdue';
  /** Review date before this day (YYYY-MM-DD). */
  dueBefore?: string;
  /** Default: by review date, soonest first. */
  sort?: SortOrder<ReviewSortField>;
  limit?: number;
  offset?: number;
}

/**
 * The review queue of the actor's member state: alerts whose review date falls within the advance-warning
 * window (setting `advanceWarningMonths`, 4 months [K]), soonest first unless another order is asked for; one
 * page of it with the number of all that match.
 */
export async function reviewQueue(
  ctx: SisContext,
  call: Call & ReviewQueueOptions,
): Promise<{ items: ReviewItem[]; until: string; total: number }> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'sis:review',
    purpose: call.purpose,
    forPurposes: ALERT_MANAGEMENT,
  });
  const day = today(ctx);
  const until = plusMonths(day, ctx.settings.advanceWarningMonths);
  return readThenLog(ctx, async (trx, logs) => {
    const { rows, total } = await ctx.repo.reviewPage(trx, {
      until,
      issuingState: call.actor.authorityType === 'system' ? null : call.actor.memberState,
      category: call.category ?? null,
      dueFrom: call.due === 'soon' ? day : null,
      dueBefore: [call.due === 'overdue' ? day : null, call.dueBefore ?? null].reduce<string | null>(
        (a, b) => (a === null || (b !== null && b < a) ? b : a),
        null,
      ),
      sort: call.sort ?? { field: 'reviewDue', descending: false },
      limit: Math.min(Math.max(call.limit ?? 100, 1), 500),
      offset: Math.max(call.offset ?? 0, 0),
    });
    const ids = rows.map((r) => r.id);
    const links = await ctx.repo.linksOf(trx, ids);
    const notices = await ctx.repo.noticesOf(trx, ids);
    const items = rows.map((r) => {
      const notice = notices.find((n) => n.alert_id === r.id && n.review_due === r.review_due);
      return {
        alert: presentAlert(r, links.get(r.id) ?? []),
        noticeAt: notice === undefined ? null : notice.created_at.toISOString(),
        daysLeft: daysBetween(day, r.review_due),
      };
    });
    const filters = [
      call.category && `category ${call.category}`,
      call.due && `due ${call.due}`,
      call.dueBefore && `due before ${call.dueBefore}`,
    ].filter(Boolean);
    logs.add(call, {
      purpose,
      operation: 'sis.review.queue',
      legalBasis: 'Reg. (EU) 2018/1862 art. 53(7)',
      recordRefs: ids,
      resultSummary: `${items.length} of ${total} alert(s) due for review by ${until}${filters.length > 0 ? ` (${filters.join(', ')})` : ''}`,
    });
    return { items, until, total };
  });
}

/**
 * Keeps an alert longer after a recorded individual assessment (2018/1862 art. 53(5)-(6)): the new review
 * date is the category's period again, counted from the day of the decision (the shorter reading: an
 * extension decided early does not add the remaining time of the old period).
 */
export async function extendAlert(
  ctx: SisContext,
  call: WriteCall & { alertId: string; assessment: string },
): Promise<{ alert: AlertView; replayed: boolean }> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'sis:review',
    purpose: call.purpose,
    forPurposes: ALERT_MANAGEMENT,
  });
  if (call.assessment.trim().length < 20) {
    throw invalid(
      SIS_ERRORS.extensionInvalid,
      'Record the individual assessment that justifies keeping the alert (at least 20 characters; 2018/1862 art. 53(5)).',
    );
  }
  const request = { alertId: call.alertId, assessment: call.assessment };
  const { value, replayed } = await ctx.writes.run(
    idempotency(call, 'sis.review.extend', request),
    async (trx) => {
      const row = await lockedAlert(ctx, trx, call.alertId);
      if (call.actor.authorityType !== 'system' && row.issuing_state !== call.actor.memberState) {
        // Only the issuing state keeps or deletes its alert (2018/1862 arts. 53(5)-(6) and 59): a refusal
        // of access, not a bad request.
        throw forbidden(
          SIS_ERRORS.notIssuingState,
          `Alert ${row.id} was issued by ${row.issuing_state}; only that state's authorities may extend it. Ask its SIRENE Bureau through a supplementary-information exchange.`,
          { issuingState: row.issuing_state },
        );
      }
      const day = today(ctx);
      if (row.review_due < day) {
        throw invalid(
          SIS_ERRORS.extensionInvalid,
          `The review date ${row.review_due} has passed: the alert is due for deletion.`,
        );
      }
      const period = reviewPeriod(contentOf(row), day, ctx.settings);
      const newDue = plusYears(day, period.years);
      await ctx.repo.insertExtension(trx, {
        id: `ext_${randomUUID()}`,
        alert_id: row.id,
        previous_due: row.review_due,
        new_due: newDue,
        assessment: call.assessment,
        decided_by: call.actor.username,
        decided_at: ctx.clock.now(),
      });
      await ctx.repo.updateAlert(trx, row.id, {
        review_due: newDue,
        review_basis: period.basis,
        updated_at: ctx.clock.now(),
        version: row.version + 1,
      });
      await recordAlertChanges(ctx, trx, [row.id]);
      await log(ctx, trx, call, {
        purpose,
        operation: 'sis.review.extend',
        legalBasis: 'Reg. (EU) 2018/1862 art. 53(5)-(6)',
        recordRefs: [row.id],
        resultSummary: `review date moved from ${row.review_due} to ${newDue}`,
        alertReviewDue: newDue,
      });
      const updated = await lockedAlert(ctx, trx, row.id);
      return presentAlert(updated, (await ctx.repo.linksOf(trx, [row.id])).get(row.id) ?? []);
    },
  );
  return { alert: value, replayed };
}

/**
 * Stores an advance warning for every alert whose review date falls within the warning window and that has
 * none for that date yet (CS-SIS warns the issuing state, 2018/1862 art. 53(7)). Returns how many were stored.
 */
export async function issueReviewNotices(ctx: SisContext, trx: Executor, day: string): Promise<number> {
  const until = plusMonths(day, ctx.settings.advanceWarningMonths);
  const due = await ctx.repo.alertsNeedingNotice(trx, until, 10_000);
  for (const a of due) {
    await ctx.repo.insertNotice(trx, {
      id: `ntc_${randomUUID()}`,
      alert_id: a.id,
      review_due: a.review_due,
      issuing_state: a.issuing_state,
      issuing_authority: a.issuing_authority,
      created_at: ctx.clock.now(),
    });
  }
  return due.length;
}

/**
 * The retention step for alerts: advance warnings first, then automatic deletion of every alert whose review
 * date has passed without an extension (2018/1862 art. 53(6), art. 55; 1861 art. 39). Returns the ids erased.
 */
export async function eraseExpiredAlerts(
  ctx: SisContext,
  trx: Executor,
  day: string,
): Promise<{ erased: number; refs: string[] }> {
  await issueReviewNotices(ctx, trx, day);
  const expired = await ctx.repo.expiredAlerts(trx, day, 10_000);
  const ids = expired.map((e) => e.id);
  const erased = await eraseAlerts(ctx, trx, ids, day);
  return { erased, refs: ids };
}

/** The retention step for SIRENE files of deleted alerts (2018/1862 art. 64 [K]). */
export async function eraseExpiredSireneFiles(
  ctx: SisContext,
  trx: Executor,
  day: string,
): Promise<{ erased: number; refs: string[] }> {
  const ids = await ctx.repo.eraseExpiredHits(trx, day);
  return { erased: ids.length, refs: ids };
}
