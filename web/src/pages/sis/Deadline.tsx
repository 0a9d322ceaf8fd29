import { Badge, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { SisHit } from '../../api/types.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import { formatDuration } from '../../format/duration.ts';
import { statusColours, statusText } from '../../theme.ts';
import { deadlineState } from './deadline.ts';

/** The current time, refreshed every 30 seconds, so that "due in" texts stay true while a screen is open. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The deadline in words, e.g. "due in 3 h (14 Mar 2026 21:05 UTC)" or "overdue by 40 min (…)". */
export function Deadline({ hit, now }: { hit: SisHit; now: number }) {
  const intl = useIntl();
  const state = deadlineState(hit, now);
  const at = <PlaceTime at={hit.replyDueAt} />;
  const span = formatDuration(intl, Date.parse(hit.replyDueAt) - now);
  switch (state) {
    case 'replied':
      return (
        <Text size="sm" span data-deadline="replied">
          <FormattedMessage id="sisHits.replied" values={{ at: <PlaceTime at={hit.repliedAt ?? ''} /> }} />
        </Text>
      );
    case 'closed':
      return (
        <Text size="sm" span data-deadline="closed">
          <FormattedMessage id="sisHits.closed" />
        </Text>
      );
    case 'overdue':
      return (
        <Text size="sm" span data-deadline="overdue">
          <Badge color={statusColours.danger} variant="filled" radius="sm" mr={6}>
            <FormattedMessage id="sisHits.overdue" />
          </Badge>{' '}
          <FormattedMessage id="sisHits.overdueBy" values={{ span, at }} />
        </Text>
      );
    case 'open':
      return (
        <Text size="sm" span data-deadline="open" fw={hit.urgent ? 700 : undefined}>
          {hit.urgent && (
            <Badge color={statusText.danger} variant="outline" radius="sm" mr={6}>
              <FormattedMessage id="sisHits.urgent" />
            </Badge>
          )}
          {hit.urgent && ' '}
          <FormattedMessage id="sisHits.dueIn" values={{ span, at }} />
        </Text>
      );
  }
}
