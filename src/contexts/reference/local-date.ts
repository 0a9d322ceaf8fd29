import { invalid } from '../../platform/errors.ts';
import { ReferenceErrorCode } from './errors.ts';

// Building a DateTimeFormat is far costlier than using one; there are only a few dozen zones in use.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // The Gregorian calendar and Latin digits are pinned so that the output does not depend on the locale
    // data of the runtime.
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar date ('YYYY-MM-DD') of an instant on the wall clock of an IANA time zone. Stays are counted
 * in whole calendar dates (Schengen Borders Code, Reg. (EU) 2016/399, art. 6(1)), taken at the border
 * crossing point's local time, so an entry at 23:30 UTC in Helsinki already falls on the next day there.
 *
 * @throws AppError `REFERENCE_INVALID_INSTANT` (Invalid) for an invalid Date or a year outside 1–9999.
 * @throws RangeError for a time zone the runtime does not know; callers pass zones from the reference data.
 * @example localDateInZone('Europe/Helsinki', new Date('2026-03-28T23:30:00Z')) // '2026-03-29'
 */
export function localDateInZone(timeZone: string, instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw invalid(
      ReferenceErrorCode.invalidInstant,
      'The instant is not a valid date and time; give an ISO 8601 timestamp such as 2026-03-28T23:30:00Z.',
    );
  }
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const year = Number(part('year'));
  // Before year 1 the formatter counts years backwards with era "BC"; a calendar date string cannot hold that.
  if (part('era') !== 'AD' || !Number.isInteger(year) || year < 1 || year > 9999) {
    throw invalid(
      ReferenceErrorCode.invalidInstant,
      `The instant ${instant.toISOString()} lies outside the years 0001–9999 that calendar dates can express.`,
    );
  }
  return `${String(year).padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * True if the runtime knows this IANA time zone name under exactly this spelling (so that a zone stored
 * with a BCP is never silently resolved to another one).
 */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone === timeZone;
  } catch {
    return false;
  }
}
