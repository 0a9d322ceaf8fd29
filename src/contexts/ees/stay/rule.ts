import type { DayNumber } from './calendar.ts';
import { countDays, ForwardDayCursor, type StayDays } from './stay-days.ts';

/**
 * Short stay = at most 90 days in any 180-day period; for each day of stay the 180-day period ending on
 * that day is looked at (Schengen Borders Code, Reg. (EU) 2016/399 art. 6(1), wording of Reg. (EU)
 * 610/2013). The day itself is the 180th day of its window, so the window of day D is [D−179, D].
 */
export const MAX_STAY_DAYS = 90;
export const WINDOW_DAYS = 180;

/** First day of the 180-day window that ends on `day`. */
export const windowStartOf = (day: DayNumber): DayNumber => day - (WINDOW_DAYS - 1);

/** Stay days in the 180-day window ending on `day` (that day included). */
export function daysUsedOn(days: StayDays, day: DayNumber): number {
  return countDays(days, windowStartOf(day), day);
}

/**
 * The longest continuous stay starting on `start` in which every day complies, counting the stay days
 * before `start` (days of `days` on or after `start` are ignored: the planned stay covers them). Older days
 * leave the window as the stay goes on, so this is not "90 minus days used" (digest §7.3, `plan(E)`).
 * Never more than 90: the 91st day of a stay would have 91 days in its own window.
 */
export function longestCompliantStay(days: StayDays, start: DayNumber): number {
  let past = countDays(days, windowStartOf(start), start - 1);
  if (past === 0) {
    return MAX_STAY_DAYS;
  }
  const leaving = new ForwardDayCursor(days);
  let length = 0;
  for (let k = 0; k < MAX_STAY_DAYS; k++) {
    // Day start+k has the k+1 new days and the past days still inside its window.
    if (past + k + 1 > MAX_STAY_DAYS) {
      break;
    }
    length = k + 1;
    // Moving to the next day drops the first day of this day's window; it always lies before `start`.
    if (leaving.has(windowStartOf(start + k))) {
      past--;
    }
  }
  return length;
}

/** A run of consecutive stay days on each of which the window held more than 90 days. */
export interface DayBreach {
  from: DayNumber;
  to: DayNumber;
}

/** What a scan of a whole stay record finds. */
export interface RecordScan {
  /** Runs of stay days that broke the rule, oldest first. */
  breaches: DayBreach[];
  /** Total number of stay days that broke the rule. */
  daysInBreach: number;
  /** The most days any 180-day window held, and the first day whose window held that many; null when no stays. */
  peakDays: number;
  peakDay: DayNumber | null;
}

/**
 * Evaluates the rule on every stay day of the record (digest §7.3: `overstay days = {d in stayDays :
 * used(d) > 90}`). A running total of stay days and a pointer that trails the window start give each
 * day's count in constant time: O(stay days + stays).
 */
export function scanRecord(days: StayDays): RecordScan {
  const breaches: DayBreach[] = [];
  let daysInBreach = 0;
  let peakDays = 0;
  let peakDay: DayNumber | null = null;
  const { starts, ends } = days;
  // Trailing pointer: `t` is the first range ending on or after the window start; `before` the stay days
  // in the ranges ahead of it.
  let t = 0;
  let before = 0;
  let through = 0;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const e = ends[i]!;
    for (let d = s; d <= e; d++) {
      const from = windowStartOf(d);
      while (ends[t]! < from) {
        before += ends[t]! - starts[t]! + 1;
        t++;
      }
      const outside = before + (starts[t]! < from ? from - starts[t]! : 0);
      const used = through + (d - s + 1) - outside;
      if (used > peakDays) {
        peakDays = used;
        peakDay = d;
      }
      if (used > MAX_STAY_DAYS) {
        daysInBreach++;
        const lastBreach = breaches[breaches.length - 1];
        if (lastBreach !== undefined && lastBreach.to === d - 1) {
          lastBreach.to = d;
        } else {
          breaches.push({ from: d, to: d });
        }
      }
    }
    through += e - s + 1;
  }
  return { breaches, daysInBreach, peakDays, peakDay };
}
