import { useIntl } from 'react-intl';

import { formatDate, formatUtc } from './datetime.ts';
import { browserTimeZone, formatDayInZone, formatInZone, formatRelative } from './placeTime.ts';

export interface PlaceTimeProps {
  /** The instant, ISO 8601. */
  at: string;
  /**
   * IANA time zone of the place that matters: the crossing point for a border crossing, the hub for a hub read.
   * Left out, the user's own zone (the browser's).
   */
  zone?: string | null | undefined;
  /** `day` shows the calendar day at that place only (the time is on hover); default the day and time. */
  show?: 'day' | 'time';
  /**
   * With `show="day"`: the calendar day at the place as the server gives it (`YYYY-MM-DD`), shown even while
   * the place's zone is not known yet.
   */
  day?: string;
  seconds?: boolean;
  /** Adds how long ago or how far ahead, e.g. "(3 hours ago)", "(in 2 days)", counted from `now`. */
  relativeTo?: number;
  'data-testid'?: string;
}

/**
 * One instant as people read it: on the clock of the place that matters, with the zone named; the same instant
 * in UTC on hover (`title`) and, for screen readers, as the element's `aria-description` (kept out of the
 * text, so that copying or reading the line gives the local time once); optionally how long ago.
 * Every screen that shows a time uses this.
 */
export function PlaceTime({ at, zone, show = 'time', day, seconds, relativeTo, ...rest }: PlaceTimeProps) {
  const intl = useIntl();
  const timeZone = zone ?? browserTimeZone();
  const utc = formatUtc(intl, at);
  let local: string;
  let hover = utc;
  if (show === 'time') {
    local = formatInZone(intl, at, timeZone, { seconds });
  } else if (day !== undefined) {
    local = formatDate(intl, day);
    hover =
      zone === null || zone === undefined ? utc : `${formatInZone(intl, at, zone, { seconds })} · ${utc}`;
  } else {
    local = formatDayInZone(intl, at, timeZone);
    hover = `${formatInZone(intl, at, timeZone, { seconds })} · ${utc}`;
  }
  const relative = relativeTo === undefined ? '' : formatRelative(intl, at, relativeTo);
  return (
    <>
      <time
        dateTime={at}
        title={hover}
        aria-description={intl.formatMessage({ id: 'time.utcHint' }, { time: hover })}
        data-time-zone={show === 'day' && day !== undefined ? (zone ?? undefined) : timeZone}
        data-testid={rest['data-testid']}
      >
        {local}
      </time>
      {relative !== '' && (
        <>
          {' '}
          <span data-relative>{intl.formatMessage({ id: 'time.relative' }, { relative })}</span>
        </>
      )}
    </>
  );
}
