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
