/** Calendar helpers over UTC; calendar dates are 'YYYY-MM-DD' strings. */

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
  const leap = year === 0 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  const maxDay = month === 0 ? 31 : [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
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
