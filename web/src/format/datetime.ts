import type { IntlShape } from 'react-intl';

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(locale);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(locale, formatter);
  }
  return formatter;
}

/** Day, month name, year, hour and minute of an instant in UTC, with the month named in the given locale. */
export interface UtcDateParts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

/**
 * Splits an instant into the parts shown to users. The month is always a name, never a number, so that
 * `03/04` can never be read as either 3 April or 4 March; the time is always UTC on a 24-hour clock because
 * users in several time zones read the same records.
 */
export function utcDateParts(instant: Date, locale: string): UtcDateParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(locale).formatToParts(instant)) {
    parts[part.type] = part.value;
  }
  return {
    day: parts.day ?? '',
    month: parts.month ?? '',
    year: parts.year ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
  };
}

/**
 * Formats an ISO 8601 instant as e.g. `14 Mar 2026 09:05 UTC`, with the order and words taken from the
 * message catalogue (`datetime.utc`). An unparsable value is returned unchanged rather than hidden.
 */
export function formatUtc(intl: IntlShape, iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) {
    return iso;
  }
  return intl.formatMessage({ id: 'datetime.utc' }, { ...utcDateParts(instant, intl.locale) });
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formats a calendar date `YYYY-MM-DD` as e.g. `14 Mar 2026`, the month always a name. Dates of birth may
 * hold `00` for an unknown day or month (ICAO Doc 9303 Part 3 §4.8; EES stores them so): those show as
 * `Mar 1990` or `1990`. Anything else is returned unchanged rather than hidden.
 */
export function formatDate(intl: IntlShape, date: string): string {
  const match = CALENDAR_DATE.exec(date);
  if (match === null) {
    return date;
  }
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month === 0) {
    return intl.formatMessage({ id: 'date.year' }, { year: y });
  }
  const instant = new Date(Date.UTC(year, month - 1, day === 0 ? 1 : day));
  if (month > 12 || instant.getUTCMonth() !== month - 1) {
    return date;
  }
  const parts = utcDateParts(instant, intl.locale);
  if (day === 0) {
    return intl.formatMessage({ id: 'date.monthYear' }, { month: parts.month, year: parts.year });
  }
  return intl.formatMessage({ id: 'date.day' }, { day: parts.day, month: parts.month, year: parts.year });
}
