import { daysInMonth } from '../../../platform/dates.ts';
import type { Comparison } from './levels.ts';

/** A date of birth with unknown parts: 0 stands for an unknown year, month or day. */
export interface PartialDate {
  year: number;
  month: number;
  day: number;
  /** Canonical fixed-width form `YYYYMMDD`, `00` (or `0000`) for unknown parts. */
  canonical: string;
  /** The same as `YYYY-MM-DD`. */
  iso: string;
}

/** The outcome of {@link parsePartialDate}: a date, or the reason it is not one. */
export type PartialDateResult = { ok: true; date: PartialDate } | { ok: false; reason: string };

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Year 0 (unknown) is treated as a leap year so that 29 February stays possible.
const daysIn = (year: number, month: number) => daysInMonth(year === 0 ? 2000 : year, month);

/**
 * Parses a date of birth written `YYYY-MM-DD` or `YYYYMMDD`, or only `YYYY-MM` or `YYYY`. Unknown parts are
 * `00` (`0000` for the year); the ICAO Doc 9303 placeholder `XX` (Part 3 §4.6: unknown date parts) is read
 * as `00` as well.
 *
 * @example parsePartialDate('1980-00-00') // { ok: true, date: { year: 1980, month: 0, day: 0, ... } }
 */
export function parsePartialDate(value: string): PartialDateResult {
  const text = value.trim().toUpperCase().replace(/X/gu, '0');
  const match = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?$/u.exec(text);
  if (match === null) {
    return { ok: false, reason: `"${value}" is not a date written YYYY-MM-DD (00 for unknown parts)` };
  }
  const year = Number(match[1]);
  const month = Number(match[2] ?? '0');
  const day = Number(match[3] ?? '0');
  if (month > 12) {
    return { ok: false, reason: `"${value}" has month ${month}; months run from 01 to 12 (00 if unknown)` };
  }
  const maxDay = month === 0 ? 31 : daysIn(year, month);
  if (day > maxDay) {
    return {
      ok: false,
      reason: `"${value}" has day ${day}; that month has at most ${maxDay} days (00 if unknown)`,
    };
  }
  const canonical = `${pad(year, 4)}${pad(month, 2)}${pad(day, 2)}`;
  return {
    ok: true,
    date: { year, month, day, canonical, iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` },
  };
}

/** True when the two dates have the same year and their day and month are swapped (and they differ). */
export function isDayMonthSwap(a: PartialDate, b: PartialDate): boolean {
  return a.year === b.year && a.month === b.day && a.day === b.month && a.canonical !== b.canonical;
}

/** The number of positions at which two canonical `YYYYMMDD` strings differ. */
export function digitDifferences(a: PartialDate, b: PartialDate): number {
  let n = 0;
  for (let i = 0; i < 8; i += 1) {
    if (a.canonical[i] !== b.canonical[i]) {
      n += 1;
    }
  }
  return n;
}

/** True when every part is equal or unknown on at least one side. */
function compatible(a: PartialDate, b: PartialDate): boolean {
  const part = (x: number, y: number) => x === 0 || y === 0 || x === y;
  return part(a.year, b.year) && part(a.month, b.month) && part(a.day, b.day);
}

/**
 * Compares two dates of birth (`YYYY-MM-DD`, `00` for unknown parts):
 * `exact` when identical; `equivalent` when they differ only where one side is unknown (`1980-00-00` vs
 * `1980-05-12`); `close` for a day/month swap or one differing digit; `partial` when the years differ by
 * one and the rest agrees; otherwise `different`. Missing or unreadable dates give `missing`.
 *
 * @example compareDates('1990-03-07', '1990-07-03').level // 'close'
 */
export function compareDates(a: string | undefined, b: string | undefined): Comparison {
  if (a === undefined || b === undefined || a.trim() === '' || b.trim() === '') {
    return { level: 'missing', explanation: 'a date of birth is missing on one side or both' };
  }
  const pa = parsePartialDate(a);
  const pb = parsePartialDate(b);
  if (!pa.ok || !pb.ok) {
    return { level: 'missing', explanation: [pa, pb].flatMap((p) => (p.ok ? [] : [p.reason])).join('; ') };
  }
  const [x, y] = [pa.date, pb.date];
  if (x.canonical === y.canonical) {
    return { level: 'exact', explanation: `both ${x.iso}` };
  }
  if (compatible(x, y)) {
    return { level: 'equivalent', explanation: `${x.iso} and ${y.iso} agree wherever both parts are known` };
  }
  if (isDayMonthSwap(x, y)) {
    return { level: 'close', explanation: `${x.iso} and ${y.iso} have day and month swapped` };
  }
  if (digitDifferences(x, y) === 1) {
    return { level: 'close', explanation: `${x.iso} and ${y.iso} differ in one digit` };
  }
  if (
    x.year !== 0 &&
    y.year !== 0 &&
    Math.abs(x.year - y.year) === 1 &&
    compatible({ ...x, year: 0 }, { ...y, year: 0 })
  ) {
    return { level: 'partial', explanation: `${x.iso} and ${y.iso} are one year apart` };
  }
  return { level: 'different', explanation: `${x.iso} and ${y.iso} differ` };
}
