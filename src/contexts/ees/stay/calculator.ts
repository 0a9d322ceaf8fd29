import { invalid } from '../../../platform/errors.ts';
import { formatDay, parseCalendarDate, type DayNumber } from './calendar.ts';
import { STAY_ERRORS } from './errors.ts';
import {
  daysUsedOn,
  longestCompliantStay,
  MAX_STAY_DAYS,
  scanRecord,
  windowStartOf,
  type DayBreach,
} from './rule.ts';
import { checkStayRecord, stayDaysUntil, type DayStay, type StayDays } from './stay-days.ts';

/** One stay as written in requests: calendar dates `YYYY-MM-DD`. */
export interface StayInput {
  /** Day of entry; it counts as the first day of stay. */
  entry: string;
  /** Day of exit, which counts as the last day of stay; `null` while the traveller is still present. */
  exit: string | null;
}

/** A question to the calculator: the recorded stays and the day asked about. */
export interface StayRequest {
  stays: readonly StayInput[];
  /** The control date (control mode) and the first day of the planned stay (planning mode). */
  date: string;
}

/** The same request in day numbers, as the hot paths take it. */
export interface DayStayRequest {
  stays: readonly DayStay[];
  date: DayNumber;
}

/** The figures the calculator gives for one request, in day numbers. */
export interface StayFigures {
  date: DayNumber;
  /** First day of the 180-day window ending on `date` (`date − 179`). */
  windowStart: DayNumber;
  /** Distinct stay days in `[date − 179, date]`; an open stay counts up to `date`, later days do not count. */
  daysUsed: number;
  /** `max(0, 90 − daysUsed)`: what is left on `date`, without looking ahead. */
  daysRemaining: number;
  /** `max(0, daysUsed − 90)`: days over the limit in the window ending on `date`. */
  overstayDays: number;
  /** Longest continuous stay starting on `date` with every day compliant, counting stay days before `date`. */
  maxStayFrom: number;
  /**
   * For the last stay, if it is open or covers `date`: the last day it can continue to with every day
   * from its entry on compliant. `null` if it neither is open nor covers `date`, or if a day between its
   * entry and `date` already broke the rule.
   */
  latestExit: DayNumber | null;
}

/** Control mode over the whole record up to `date`: {@link StayFigures} plus every day that broke the rule. */
export interface StayControlDays extends StayFigures {
  /** True when no stay day up to `date` had more than 90 days in its window. */
  compliant: boolean;
  /** Runs of stay days up to `date` that broke the rule, oldest first. */
  breaches: DayBreach[];
  /** Number of stay days up to `date` that broke the rule. */
  daysInBreach: number;
  /** The fullest 180-day window ending on a stay day up to `date`; null when there is no stay day. */
  peak: { windowStart: DayNumber; windowEnd: DayNumber; days: number } | null;
}

/** {@link StayFigures} with calendar dates, as the CLI and the API print them. */
export interface StayFiguresReport {
  date: string;
  windowStart: string;
  daysUsed: number;
  daysRemaining: number;
  overstayDays: number;
  maxStayFrom: number;
  latestExit: string | null;
}

/** {@link StayControlDays} with calendar dates. */
export interface StayControlReport extends StayFiguresReport {
  compliant: boolean;
  breaches: { from: string; to: string; days: number }[];
  daysInBreach: number;
  peak: { windowStart: string; windowEnd: string; days: number } | null;
}

function latestExitOf(
  stays: readonly DayStay[],
  last: number,
  days: StayDays,
  date: DayNumber,
): DayNumber | null {
  const stay = stays[last];
  if (stay === undefined || stay.entry > date || (stay.exit !== null && stay.exit < date)) {
    return null;
  }
  // `days` is cut at `date`; only its days before the entry matter here.
  const end = stay.entry + longestCompliantStay(days, stay.entry) - 1;
  return end < date ? null : end;
}

function figures(stays: readonly DayStay[], date: DayNumber): { figures: StayFigures; days: StayDays } {
  const last = checkStayRecord(stays, date);
  const days = stayDaysUntil(stays, date);
  const daysUsed = daysUsedOn(days, date);
  return {
    days,
    figures: {
      date,
      windowStart: windowStartOf(date),
      daysUsed,
      daysRemaining: Math.max(0, MAX_STAY_DAYS - daysUsed),
      overstayDays: Math.max(0, daysUsed - MAX_STAY_DAYS),
      maxStayFrom: longestCompliantStay(days, date),
      latestExit: latestExitOf(stays, last, days, date),
    },
  };
}

/**
 * The calculator's figures for one request in day numbers (no record-wide scan): what the border check,
 * the traveller web service (EES art. 13(1)) and planning ask.
 *
 * @throws AppError `EES_STAY_*` when the record cannot be counted without guessing.
 */
export function stayFiguresDays(request: DayStayRequest): StayFigures {
  return figures(request.stays, request.date).figures;
}

/**
 * Control mode (EES art. 11(1); digest §7.2 "Check"): the figures of {@link stayFiguresDays} plus whether
 * any stay day up to `date` broke the rule, and when.
 *
 * @throws AppError `EES_STAY_*` when the record cannot be counted without guessing.
 */
export function controlStayDays(request: DayStayRequest): StayControlDays {
  const { figures: f, days } = figures(request.stays, request.date);
  const scan = scanRecord(days);
  // Fields written out rather than spread: this is the hot path, and a spread copy costs more than the scan.
  return {
    date: f.date,
    windowStart: f.windowStart,
    daysUsed: f.daysUsed,
    daysRemaining: f.daysRemaining,
    overstayDays: f.overstayDays,
    maxStayFrom: f.maxStayFrom,
    latestExit: f.latestExit,
    compliant: scan.daysInBreach === 0,
    breaches: scan.breaches,
    daysInBreach: scan.daysInBreach,
    peak:
      scan.peakDay === null
        ? null
        : { windowStart: windowStartOf(scan.peakDay), windowEnd: scan.peakDay, days: scan.peakDays },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a request from untrusted JSON (`{"stays":[{"entry","exit"}],"date"}`) into day numbers. Every date
 * must be a real `YYYY-MM-DD` date; nothing is guessed or repaired.
 *
 * @throws AppError `EES_STAY_BAD_REQUEST` or `EES_STAY_BAD_DATE`, naming the field to fix.
 */
export function parseStayRequest(value: unknown): DayStayRequest {
  if (!isRecord(value)) {
    throw invalid(
      STAY_ERRORS.badRequest,
      'the request must be a JSON object {"stays":[...],"date":"YYYY-MM-DD"}',
    );
  }
  if (!Array.isArray(value.stays)) {
    throw invalid(
      STAY_ERRORS.badRequest,
      'the request needs "stays": an array of {"entry","exit"} (it may be empty)',
    );
  }
  if (value.date === undefined) {
    throw invalid(STAY_ERRORS.badRequest, 'the request needs "date": the day asked about, YYYY-MM-DD');
  }
  const date = parseCalendarDate(value.date, 'date');
  const stays = (value.stays as unknown[]).map((s, i): DayStay => {
    if (!isRecord(s) || s.entry === undefined || !('exit' in s)) {
      throw invalid(
        STAY_ERRORS.badRequest,
        `stays[${i}] must be {"entry":"YYYY-MM-DD","exit":"YYYY-MM-DD" or null (still present)}`,
        { field: `stays[${i}]` },
      );
    }
    const entry = parseCalendarDate(s.entry, `stays[${i}].entry`);
    const exit = s.exit === null ? null : parseCalendarDate(s.exit, `stays[${i}].exit`);
    return { entry, exit };
  });
  return { stays, date };
}

/** Writes {@link StayFigures} with calendar dates. */
export function presentStayFigures(f: StayFigures): StayFiguresReport {
  return {
    date: formatDay(f.date),
    windowStart: formatDay(f.windowStart),
    daysUsed: f.daysUsed,
    daysRemaining: f.daysRemaining,
    overstayDays: f.overstayDays,
    maxStayFrom: f.maxStayFrom,
    latestExit: f.latestExit === null ? null : formatDay(f.latestExit),
  };
}

/**
 * The 90/180 figures for a request written with calendar dates.
 *
 * @example
 * stayFigures({ stays: [{ entry: '2025-01-01', exit: null }], date: '2025-02-01' })
 * // { date: '2025-02-01', windowStart: '2024-08-06', daysUsed: 32, daysRemaining: 58, overstayDays: 0,
 * //   maxStayFrom: 59, latestExit: '2025-03-31' }
 * @throws AppError `EES_STAY_*` for a malformed date, an exit before its entry or an impossible open stay.
 */
export function stayFigures(request: StayRequest): StayFiguresReport {
  return presentStayFigures(stayFiguresDays(parseStayRequest(request)));
}

/**
 * Control mode with calendar dates: {@link stayFigures} plus every run of stay days that broke the rule
 * ("Possible overstay in the period from … to … (x days)" in the Commission calculator).
 *
 * @throws AppError `EES_STAY_*` for a malformed date, an exit before its entry or an impossible open stay.
 */
export function controlStay(request: StayRequest): StayControlReport {
  return presentStayControl(controlStayDays(parseStayRequest(request)));
}

/** Writes {@link StayControlDays} with calendar dates. */
export function presentStayControl(c: StayControlDays): StayControlReport {
  return {
    ...presentStayFigures(c),
    compliant: c.compliant,
    breaches: c.breaches.map((b) => ({
      from: formatDay(b.from),
      to: formatDay(b.to),
      days: b.to - b.from + 1,
    })),
    daysInBreach: c.daysInBreach,
    peak:
      c.peak === null
        ? null
        : {
            windowStart: formatDay(c.peak.windowStart),
            windowEnd: formatDay(c.peak.windowEnd),
            days: c.peak.days,
          },
  };
}

/**
 * Planning mode (digest §7.2 "Planning"): the longest continuous stay starting on `entry` with every day
 * compliant, given the recorded stays before it; and its last day (`null` when no day is allowed).
 *
 * @throws AppError `EES_STAY_*` for a malformed date, an exit before its entry or an impossible open stay.
 */
export function planStay(stays: readonly StayInput[], entry: string): { days: number; until: string | null } {
  const request = parseStayRequest({ stays, date: entry });
  const days = stayFiguresDays(request).maxStayFrom;
  return { days, until: days === 0 ? null : formatDay(request.date + days - 1) };
}

/**
 * Latest legal exit for a traveller present on `date` (in-country check, EES art. 11(1)): the last day the
 * current (last) stay can continue to with every day from its entry compliant; `null` when the traveller
 * is not present on `date` or a day of the stay up to `date` already broke the rule.
 *
 * @example latestLegalExit([{ entry: '2025-01-01', exit: null }], '2025-02-01') // '2025-03-31'
 * @throws AppError `EES_STAY_*` for a malformed date, an exit before its entry or an impossible open stay.
 */
export function latestLegalExit(stays: readonly StayInput[], date: string): string | null {
  return stayFigures({ stays, date }).latestExit;
}
