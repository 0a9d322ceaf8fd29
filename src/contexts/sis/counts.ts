import { requireAccess, type Actor } from '../access/index.ts';
import { plusMonths, today, type SisContext } from './context.ts';
import { HIT_DUE_SOON_HOURS } from './hits.ts';

/**
 * How far ahead an open exchange counts as "due soon": 2 hours, a sixth of the 12-hour reply time
 * (2018/1862 art. 8(3)) left. Our reading, not a rule of the regulation; it is the window of the hit list's
 * `deadline=soon` filter, so that the counter and the list it links to agree.
 */
export const DUE_SOON_HOURS = HIT_DUE_SOON_HOURS;

/** The state whose figures an actor sees: its own member state, every state for the system itself. */
const stateOf = (actor: Actor): string | null =>
  actor.authorityType === 'system' ? null : actor.memberState;

/**
 * The SIRENE exchange queue of the actor's member state in figures: open exchanges, those overdue and those
 * due within {@link DUE_SOON_HOURS}. A count names no person and no hit, so it needs no purpose and writes
 * no log record (docs/decisions.md, "Counters on the home screen"); the permission is the queue's own.
 */
export async function countOpenExchanges(
  ctx: SisContext,
  actor: Actor,
): Promise<{ open: number; overdue: number; soon: number }> {
  requireAccess({ actor, permission: 'sis:exchange' });
  const now = ctx.clock.now();
  return ctx.repo.countOpenHits(ctx.database.db, {
    state: stateOf(actor),
    now,
    soonUntil: new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000),
  });
}

/**
 * The review queue of the actor's member state in figures: alerts whose review date falls from today to the end
 * of the advance-warning window (2018/1862 art. 53(7); `advanceWarningMonths`, 4 months [K]), as the queue's
 * `due=soon` lists them (one whose date has passed goes with the next retention run).
 */
export async function countReviewDue(ctx: SisContext, actor: Actor): Promise<{ due: number }> {
  requireAccess({ actor, permission: 'sis:review' });
  const day = today(ctx);
  const state = stateOf(actor);
  const { reviewDue } = await ctx.repo.countAlerts(ctx.database.db, {
    ...(state === null ? {} : { issuingState: state }),
    reviewDueFrom: day,
    reviewDueUntil: plusMonths(day, ctx.settings.advanceWarningMonths),
  });
  return { due: reviewDue };
}

/**
 * The alerts the actor's own authority issued (all alerts stored are in force: deleted ones are erased), and
 * those of them whose review date falls within the advance-warning window (2018/1862 art. 53(7)).
 */
export async function countOwnAlerts(
  ctx: SisContext,
  actor: Actor,
): Promise<{ own: number; reviewDue: number }> {
  requireAccess({ actor, permission: 'sis:alerts:write' });
  if (actor.authorityId === null) {
    return { own: 0, reviewDue: 0 };
  }
  const day = today(ctx);
  const { all, reviewDue } = await ctx.repo.countAlerts(ctx.database.db, {
    issuingAuthorityId: actor.authorityId,
    reviewDueFrom: day,
    reviewDueUntil: plusMonths(day, ctx.settings.advanceWarningMonths),
  });
  return { own: all, reviewDue };
}
