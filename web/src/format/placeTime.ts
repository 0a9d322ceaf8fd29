import type { IntlShape } from 'react-intl';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** An instant on the clock of one time zone, split into the parts shown to users. */
export interface ZonedParts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
  second: string;
  /** The zone's short name at that instant, as the locale writes it (`CET`, `GMT+2`, `UTC`). */
  zone: string;
}

/**
 * Splits an instant into day, month name, year, 24-hour time and zone name on the clock of `timeZone` (an
 * IANA zone). The offset is the one in force at that instant, so the days around a change of summer time show
 * the right hour and the right zone name.
 */
export function zonedParts(instant: Date, timeZone: string, locale: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(locale, timeZone).formatToParts(instant)) {
    parts[part.type] = part.value;
  }
  return {
    day: parts.day ?? '',
    month: parts.month ?? '',
    year: parts.year ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
    zone: parts.timeZoneName ?? '',
  };
}

/** The time zone the browser runs in (the user's own), UTC when the browser does not say. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/**
 * An instant on the clock of the place that matters, e.g. `2 Dec 2026, 23:05 GMT+1` (the crossing point for a
 * border crossing, the hub for a hub read, the user's own zone elsewhere), the month a name and the zone named so
 * that the time cannot be taken for another zone's. An unparsable value is returned unchanged.
 */
export function formatInZone(
  intl: IntlShape,
  iso: string,
  timeZone: string,
  options: { seconds?: boolean } = {},
): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) {
    return iso;
  }
  const p = zonedParts(instant, timeZone, intl.locale);
  const time = options.seconds === true ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return intl.formatMessage(
    { id: 'time.zoned' },
    { day: p.day, month: p.month, year: p.year, time, zone: p.zone },
  );
}

/** The calendar day of an instant at the place that matters, e.g. `14 Mar 2026`. */
export function formatDayInZone(intl: IntlShape, iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) {
    return iso;
  }
  const p = zonedParts(instant, timeZone, intl.locale);
  return intl.formatMessage({ id: 'date.day' }, { day: p.day, month: p.month, year: p.year });
}

/** A distance in time as one whole unit, for `Intl.RelativeTimeFormat` (`-3 hour` = "3 hours ago"). */
export interface RelativeParts {
  value: number;
  unit: 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The distance from `now` to `at` in the largest unit that fits at least once: under a minute in seconds, under
 * an hour in minutes, under a day in hours, under 30 days in days, under a year in months (of 30 days), else in
 * years; rounded to the nearest whole unit. Negative values lie in the past.
 */
export function relativeParts(at: number, now: number): RelativeParts {
  const seconds = (at - now) / 1000;
  const size = Math.abs(seconds);
  const whole = (n: number) => Math.round(n) || 0;
  if (size < MINUTE) {
    return { value: whole(seconds), unit: 'second' };
  }
  if (size < HOUR) {
    return { value: whole(seconds / MINUTE), unit: 'minute' };
  }
  if (size < DAY) {
    return { value: whole(seconds / HOUR), unit: 'hour' };
  }
  if (size < 30 * DAY) {
    return { value: whole(seconds / DAY), unit: 'day' };
  }
  if (size < 365 * DAY) {
    return { value: whole(seconds / (30 * DAY)), unit: 'month' };
  }
  return { value: whole(seconds / (365 * DAY)), unit: 'year' };
}

/** "3 hours ago", "in 2 days", "yesterday" in the interface language. */
export function formatRelative(intl: IntlShape, iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) {
    return '';
  }
  const { value, unit } = relativeParts(at, now);
  return intl.formatRelativeTime(value, unit, { numeric: 'auto' });
}
