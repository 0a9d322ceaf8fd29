import type { EtiasSettings } from '../model.ts';

/**
 * The National Units' clocks (Reg. (EU) 2018/1240 arts. 27-32), as pure functions of what happened on the
 * file and the time now. Nothing here reads a clock: the caller passes `now`.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const addHours = (at: Date, hours: number): Date => new Date(at.getTime() + hours * HOUR);

/** Art. 27(2): the applicant answers a request for information within 10 days of receiving it. */
export const replyDueAt = (sentAt: Date, settings: EtiasSettings): Date =>
  new Date(sentAt.getTime() + settings.informationReplyDays * DAY);

/** Arts. 28(2), 29(2): a consulted state or Europol gives its opinion within 60 hours. */
export const opinionDueAt = (askedAt: Date, settings: EtiasSettings): Date =>
  addHours(askedAt, settings.consultationHours);

/** A request for information as the deadline sees it. */
export interface RequestClock {
  sentAt: Date;
  replyDueAt: Date;
  receivedAt: Date | null;
}

/** An interview as the deadline sees it: when it is (or was) and whether it took place. */
export interface InterviewClock {
  scheduledAt: Date;
  outcome: 'held' | 'no-show' | null;
  recordedAt: Date | null;
}

/** What the decision deadline depends on. */
export interface DeadlineInput {
  /** When the application was found admissible (art. 19): the 96 hours of art. 32(1) run from here. */
  admittedAt: Date;
  requests: readonly RequestClock[];
  interviews: readonly InterviewClock[];
}

export type DeadlineBasis = 'admissible' | 'information-received' | 'information-awaited' | 'interview';

export interface DecisionDeadline {
  dueAt: Date;
  /** Which event the deadline runs from. */
  basis: DeadlineBasis;
}

/**
 * The decision deadline (art. 32):
 * - 96 hours from the admissible application (art. 32(1));
 * - after a request for information, 96 hours from receiving the information (art. 32(2) [K]); while the
 *   reply is awaited (or never came), the latest the information may arrive is the reply deadline, so the
 *   deadline is the reply deadline plus 96 hours;
 * - after an interview, 48 hours from the interview (art. 32(2) [K]); an interview not yet held counts from
 *   the time it is scheduled for.
 * The latest of these applies: each extension runs from a later event than the one before.
 */
export function decisionDeadline(input: DeadlineInput, settings: EtiasSettings): DecisionDeadline {
  let best: DecisionDeadline = {
    dueAt: addHours(input.admittedAt, settings.decisionHours),
    basis: 'admissible',
  };
  const consider = (dueAt: Date, basis: DeadlineBasis) => {
    if (dueAt.getTime() > best.dueAt.getTime()) {
      best = { dueAt, basis };
    }
  };
  for (const r of input.requests) {
    if (r.receivedAt !== null) {
      consider(addHours(r.receivedAt, settings.afterInformationHours), 'information-received');
    } else {
      consider(addHours(r.replyDueAt, settings.afterInformationHours), 'information-awaited');
    }
  }
  for (const i of input.interviews) {
    const at =
      i.outcome === 'held' && i.recordedAt !== null && i.recordedAt < i.scheduledAt
        ? i.recordedAt
        : i.scheduledAt;
    consider(addHours(at, settings.afterInterviewHours), 'interview');
  }
  return best;
}

/** How close a deadline is, for the queue: a quarter of the 96 hours left is "due soon". */
export type Urgency = 'overdue' | 'due-soon' | 'on-time';

export const DUE_SOON_HOURS = 24;

export function urgencyOf(dueAt: Date, now: Date): Urgency {
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) {
    return 'overdue';
  }
  return left <= DUE_SOON_HOURS * HOUR ? 'due-soon' : 'on-time';
}

/** Where a request for information stands now. */
export type RequestState = 'awaiting-reply' | 'answered' | 'unanswered';

export function requestStateOf(r: RequestClock, now: Date): RequestState {
  if (r.receivedAt !== null) {
    return 'answered';
  }
  return now.getTime() > r.replyDueAt.getTime() ? 'unanswered' : 'awaiting-reply';
}

/**
 * A consulted party's opinion as it counts now (arts. 28(2), 29(2)): the one given, or — once the 60 hours
 * have passed without one — a positive opinion by silence. Computed when read; no timer writes it.
 */
export type EffectiveOpinion = 'positive' | 'negative' | 'positive-by-silence' | 'pending';

export function effectiveOpinion(
  c: { opinion: 'positive' | 'negative' | null; dueAt: Date },
  now: Date,
): EffectiveOpinion {
  if (c.opinion !== null) {
    return c.opinion;
  }
  return now.getTime() >= c.dueAt.getTime() ? 'positive-by-silence' : 'pending';
}
