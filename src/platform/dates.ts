/**
 * The one dates module: calendar dates are 'YYYY-MM-DD' strings, counted as day numbers (days since
 * 1970-01-01) for arithmetic; instants are `Date`s in UTC. A border crossing is first turned into the local
 * date at the crossing point (reference context), so calendar arithmetic never meets a time zone.
 */

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addYears(d: Date, years: number): Date {
  const r = new Date(d.getTime());
  r.setUTCFullYear(r.getUTCFullYear() + years);
  return r;
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

/** A calendar day as a whole number of days since 1970-01-01 (day 0). */
export type DayNumber = number;

/**
 * Day number of a proleptic Gregorian date, by H. Hinnant's `days_from_civil`: pure integer arithmetic,
 * exact for every year, and much cheaper than building a `Date`.
 */
export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The year, month (1–12) and day of a day number: the inverse of {@link dayFromCivil}. */
export function civilFromDay(dayNumber: DayNumber): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export const isLeapYear = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const digit = (text: string, i: number) => text.charCodeAt(i) - 48;

/**
 * Reads a calendar date written exactly `YYYY-MM-DD` (ISO 8601 calendar date, extended format) and
 * returns its day number, or `null` when the text is not such a date or names a day that does not exist
 * (`2025-02-29`, `2024-13-01`).
 *
 * @example tryParseCalendarDate('2024-02-29') // 19782
 */
export function tryParseCalendarDate(text: string): DayNumber | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) {
    return null;
  }
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const d = digit(text, i);
    if (d < 0 || d > 9) {
      return null;
    }
  }
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  return dayFromCivil(year, month, day);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Writes a day number as `YYYY-MM-DD`. */
export function formatDay(dayNumber: DayNumber): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The day number of a calendar date the code itself holds (a stored or validated date); throws otherwise. */
function dayOf(date: string): DayNumber {
  const day = tryParseCalendarDate(date);
  if (day === null) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  }
  return day;
}

/** The calendar date `days` after `date` (negative: before). */
export function plusDays(date: string, days: number): string {
  return formatDay(dayOf(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return dayOf(to) - dayOf(from);
}

/**
 * The calendar date `months` after `date` (negative: before), on the same day of the month or, where that
 * month is shorter, on its last day: how EU law counts a period in months or years (Reg. (EEC, Euratom)
 * No 1182/71 art. 3(2)(c)).
 */
export function plusMonths(date: string, months: number): string {
  const { year, month, day } = civilFromDay(dayOf(date));
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDay(dayFromCivil(y, m, Math.min(day, daysInMonth(y, m))));
}

/** The calendar date `years` after `date` (negative: before); 29 February falls on the 28th in a common year. */
export function plusYears(date: string, years: number): string {
  return plusMonths(date, years * 12);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Years Interlink accepts in any date it is given. Nothing it records lies outside them (the oldest
 * living people were born after 1900; no document or decision runs past 2199), and the database's date
 * types and calendar arithmetic stay well inside their range. Year 0 and 9999 are typing errors, not data.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

const inYears = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** True for a real calendar date written 'YYYY-MM-DD' in the accepted years. */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m || !inYears(Number(m[1]))) {
    return false;
  }
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && isoDate(d) === s;
}

/**
 * A date of birth as travel documents give it: 'YYYY-MM-DD' where 00 marks an unknown month or day, and
 * 0000-00-00 a date wholly unknown; known parts must exist (no 30 February) and the year lie in the
 * accepted years.
 */
export function isPartialDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) {
    return false;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // An unknown year leaves the whole date unknown (0000-00-00), and a day without its month says nothing.
  if (year === 0 ? month !== 0 || day !== 0 : !inYears(year) || month > 12 || (month === 0 && day !== 0)) {
    return false;
  }
  // An unknown year (0) keeps 29 February possible.
  const maxDay = month === 0 ? 31 : daysInMonth(year === 0 ? 2000 : year, month);
  return day <= maxDay;
}

/**
 * An instant written as ISO 8601 date and time ('2026-05-10T08:30:00Z'): a real calendar date in the
 * accepted years, a time, and a value JavaScript can read.
 */
export function isInstant(s: string): boolean {
  const date = s.slice(0, 10);
  return s[10] === 'T' && isCalendarDate(date) && !Number.isNaN(new Date(s).getTime());
}
