import { invalid } from '../../../platform/errors.ts';
import { STAY_ERRORS } from './errors.ts';

/**
 * A calendar day as a whole number of days since 1970-01-01 (day 0). The stay rule works on calendar
 * dates only: a border crossing is first converted to the local date at the crossing point, so there is
 * no time of day, no time zone and no daylight-saving shift to get wrong (regulations digest §7.3).
 */
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

const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

function daysInMonth(year: number, month: number): number {
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

/**
 * Like {@link tryParseCalendarDate}, but throws an `EES_STAY_BAD_DATE` error naming the field.
 *
 * @param field where the date came from, e.g. `stays[2].exit`, so the message says what to fix.
 */
export function parseCalendarDate(text: unknown, field: string): DayNumber {
  const day = typeof text === 'string' ? tryParseCalendarDate(text) : null;
  if (day === null) {
    throw invalid(
      STAY_ERRORS.badDate,
      `${field} must be a calendar date written YYYY-MM-DD (got ${JSON.stringify(text) ?? 'nothing'})`,
      { field },
    );
  }
  return day;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Writes a day number as `YYYY-MM-DD`. */
export function formatDay(dayNumber: DayNumber): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}
