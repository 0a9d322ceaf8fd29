import type { IntlShape } from 'react-intl';

/** A span of time in whole days, hours and minutes (rounded down to the minute). */
export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

/** Splits a non-negative number of milliseconds; a negative one is taken as its absolute value. */
export function splitDuration(ms: number): DurationParts {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

/**
 * A span of time as staff read a deadline: `2 d 4 h`, `3 h`, `3 h 20 min` or `45 min`; minutes are left out
 * once a span is a day or more, since they no longer matter.
 */
export function formatDuration(intl: IntlShape, ms: number): string {
  const { days, hours, minutes } = splitDuration(ms);
  if (days > 0) {
    return intl.formatMessage({ id: 'duration.dh' }, { days, hours });
  }
  if (hours > 0) {
    return minutes === 0
      ? intl.formatMessage({ id: 'duration.h' }, { hours })
      : intl.formatMessage({ id: 'duration.hm' }, { hours, minutes });
  }
  return intl.formatMessage({ id: 'duration.m' }, { minutes });
}
