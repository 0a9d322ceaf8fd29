import { plusDays, plusMonths, plusYears } from '../../platform/dates.ts';

/**
 * Retention periods of EES art. 34, as pure functions over calendar dates `YYYY-MM-DD`. Periods in months and
 * years end on the same date or, where the last month is shorter, on its last day (Reg. 1182/71 art. 3(2)(c)).
 */

export { plusDays, plusYears };
const latest = (dates: readonly string[]): string => dates.reduce((a, b) => (b > a ? b : a));

/** An entry/exit record as far as its retention is concerned. */
export interface RecordPeriodInput {
  entryDate: string;
  exitDate: string | null;
  /** Last day of the authorised stay (null when the calculator is not applied). */
  authorisedUntil: string | null;
  familyMember: boolean;
}

/**
 * The day from which an entry/exit record is erased:
 * - with an exit: 3 years after the exit (art. 34(1)); 1 year for a family member of a Union citizen
 *   (art. 34(4));
 * - without exit: 5 years after the end of the authorised stay (art. 34(3), overstayers); for a family
 *   member, 5 years after the entry (art. 34(4)).
 * A stay still running already carries the overstay date: it is what applies if no exit is ever recorded,
 * and an exit moves it earlier.
 *
 * @example recordEraseAfter({ entryDate: '2026-04-01', exitDate: '2026-05-10', authorisedUntil: '2026-06-29', familyMember: false }) // '2029-05-10'
 */
export function recordEraseAfter(r: RecordPeriodInput): string {
  if (r.exitDate !== null) {
    return plusYears(r.exitDate, r.familyMember ? 1 : 3);
  }
  if (r.familyMember || r.authorisedUntil === null) {
    return plusYears(r.entryDate, 5);
  }
  return plusYears(r.authorisedUntil, 5);
}

/** A refusal record is erased 3 years after the refusal (art. 34(1)). */
export function refusalEraseAfter(refusalDate: string): string {
  return plusYears(refusalDate, 3);
}

/**
 * The day from which the individual file goes: 3 years and 1 day after the last exit or refusal if no entry
 * came later (art. 34(2)); never before any of its records (a later entry keeps the file). A file without
 * any record yet is kept as if it had been refused on the day it was created (our reading: art. 34 gives no
 * period for a file alone, and a file is created at a first entry or refusal).
 */
export function fileEraseAfter(input: {
  createdOn: string;
  records: ReadonlyArray<{ eraseAfter: string; exitDate: string | null; familyMember: boolean }>;
  refusals: ReadonlyArray<{ eraseAfter: string }>;
}): string {
  const candidates = [
    ...input.records.map((r) =>
      r.exitDate !== null && !r.familyMember ? plusDays(r.eraseAfter, 1) : r.eraseAfter,
    ),
    ...input.refusals.map((r) => plusDays(r.eraseAfter, 1)),
  ];
  return candidates.length === 0 ? plusDays(plusYears(input.createdOn, 3), 1) : latest(candidates);
}

/** The member state responsible for an overstayer's data is told 3 months before erasure (art. 34(3)). */
export function erasureNoticeOn(eraseAfter: string): string {
  return plusMonths(eraseAfter, -3);
}

/** Logs are kept 1 year after the retention of the data they concern ends (art. 46(4)). */
export function logRetainUntil(dataEraseAfter: string | null, today: string): string {
  return plusYears(dataEraseAfter ?? plusDays(plusYears(today, 3), 1), 1);
}
