import { invalid } from '../../../platform/errors.ts';
import type { DayNumber } from './calendar.ts';
import { STAY_ERRORS } from './errors.ts';

/** One stay in day numbers: entry and exit days both belong to it; `exit: null` = still present. */
export interface DayStay {
  entry: DayNumber;
  exit: DayNumber | null;
}

/**
 * The days a traveller spent in the territory, as sorted, disjoint and non-adjacent inclusive ranges
 * `[starts[i], ends[i]]`. Overlapping or touching stays are merged, so a calendar day is counted once.
 */
export interface StayDays {
  readonly starts: readonly DayNumber[];
  readonly ends: readonly DayNumber[];
}

/**
 * Checks that a stay record can be counted without guessing: no exit before its entry, at most one stay
 * without exit, and that one is the latest entry and began on or before `date` (a person still present
 * cannot have entered after the day asked about, nor have entered again without leaving).
 *
 * @returns the index of the last stay (latest entry; the open one if any; else the latest exit), or -1.
 * @throws AppError `EES_STAY_EXIT_BEFORE_ENTRY`, `EES_STAY_SEVERAL_OPEN_STAYS`, `EES_STAY_OPEN_STAY_NOT_CURRENT`.
 */
export function checkStayRecord(stays: readonly DayStay[], date: DayNumber): number {
  let open = -1;
  let last = -1;
  for (let i = 0; i < stays.length; i++) {
    const s = stays[i]!;
    if (s.exit === null) {
      if (open !== -1) {
        throw invalid(
          STAY_ERRORS.severalOpenStays,
          `stays[${open}] and stays[${i}] both have no exit; only the current stay may be open — give the exit date of the earlier one`,
          { stays: [open, i] },
        );
      }
      open = i;
    } else if (s.exit < s.entry) {
      throw invalid(
        STAY_ERRORS.exitBeforeEntry,
        `stays[${i}] has its exit before its entry; check the order of the two dates`,
        { stay: i },
      );
    }
    if (last === -1) {
      last = i;
    } else {
      const l = stays[last]!;
      if (
        s.entry > l.entry ||
        (s.entry === l.entry && (s.exit === null || (l.exit !== null && s.exit > l.exit)))
      ) {
        last = i;
      }
    }
  }
  if (open !== -1) {
    if (stays[open]!.entry > date) {
      throw invalid(
        STAY_ERRORS.openStayNotCurrent,
        `stays[${open}] has no exit but begins after the date asked about; a person still present must have entered on or before it`,
        { stay: open },
      );
    }
    if (last !== open) {
      throw invalid(
        STAY_ERRORS.openStayNotCurrent,
        `stays[${open}] has no exit but stays[${last}] entered later; give the exit date of stays[${open}]`,
        { stay: open, later: last },
      );
    }
  }
  return last;
}

/**
 * The stay days up to and including `last`: an open stay runs to `last`, days after it are left out.
 * Stays are assumed checked with {@link checkStayRecord}.
 */
export function stayDaysUntil(stays: readonly DayStay[], last: DayNumber): StayDays {
  const starts: DayNumber[] = [];
  const ends: DayNumber[] = [];
  for (const s of stays) {
    if (s.entry > last) {
      continue;
    }
    const end = s.exit === null || s.exit > last ? last : s.exit;
    // Insertion sort: records hold tens of stays, mostly already in order.
    let j = starts.length;
    starts.push(s.entry);
    ends.push(end);
    while (j > 0 && starts[j - 1]! > s.entry) {
      starts[j] = starts[j - 1]!;
      ends[j] = ends[j - 1]!;
      j--;
    }
    starts[j] = s.entry;
    ends[j] = end;
  }
  let n = 0;
  for (let i = 0; i < starts.length; i++) {
    if (n > 0 && starts[i]! <= ends[n - 1]! + 1) {
      if (ends[i]! > ends[n - 1]!) {
        ends[n - 1] = ends[i]!;
      }
    } else {
      starts[n] = starts[i]!;
      ends[n] = ends[i]!;
      n++;
    }
  }
  starts.length = n;
  ends.length = n;
  return { starts, ends };
}

/** The number of stay days in `[from, to]` (inclusive). */
export function countDays(days: StayDays, from: DayNumber, to: DayNumber): number {
  let total = 0;
  const { starts, ends } = days;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    if (s > to) {
      break;
    }
    const a = s > from ? s : from;
    const e = ends[i]!;
    const b = e < to ? e : to;
    if (b >= a) {
      total += b - a + 1;
    }
  }
  return total;
}

/** Answers "is this a stay day?" for a non-decreasing sequence of days in amortised constant time. */
export class ForwardDayCursor {
  #i = 0;
  private readonly days: StayDays;
  constructor(days: StayDays) {
    this.days = days;
  }

  has(day: DayNumber): boolean {
    const { starts, ends } = this.days;
    while (this.#i < ends.length && ends[this.#i]! < day) {
      this.#i++;
    }
    return this.#i < starts.length && starts[this.#i]! <= day;
  }
}
