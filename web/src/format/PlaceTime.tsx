import { useId } from 'react';
import { useIntl } from 'react-intl';

import { formatUtc } from './datetime.ts';
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
  seconds?: boolean;
  /** Adds how long ago or how far ahead, e.g. "(3 hours ago)", "(in 2 days)", counted from `now`. */
  relativeTo?: number;
  'data-testid'?: string;
}

/**
 * One instant as people read it: on the clock of the place that matters, with the zone named; the same instant
 * in UTC on hover (`title`) and, for screen readers, as the element's description; optionally how long ago.
 * Every screen that shows a time uses this.
 */
export function PlaceTime({ at, zone, show = 'time', seconds, relativeTo, ...rest }: PlaceTimeProps) {
  const intl = useIntl();
  const id = useId();
  const timeZone = zone ?? browserTimeZone();
  const local =
    show === 'day' ? formatDayInZone(intl, at, timeZone) : formatInZone(intl, at, timeZone, { seconds });
  const utc = formatUtc(intl, at);
  const hover =
    show === 'day' ? `${formatInZone(intl, at, timeZone, { seconds })} · ${utc}` : utc;
  const relative = relativeTo === undefined ? '' : formatRelative(intl, at, relativeTo);
  return (
    <>
      <time
        dateTime={at}
        title={hover}
        aria-describedby={id}
        data-time-zone={timeZone}
        data-testid={rest['data-testid']}
      >
        {local}
      </time>
      <span id={id} hidden>
        {intl.formatMessage({ id: 'time.utcHint' }, { time: hover })}
      </span>
      {relative !== '' && (
        <>
          {' '}
          <span data-relative>{intl.formatMessage({ id: 'time.relative' }, { relative })}</span>
        </>
      )}
    </>
  );
}
