import { Badge, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import { PlaceTime } from '../../format/PlaceTime.tsx';
import { formatDuration } from '../../format/duration.ts';
import { statusColours, statusText } from '../../theme.ts';

/** Within this many hours of its deadline a file is "due soon" on the screen (the server's `due-soon` too). */
export const DUE_SOON_HOURS = 2;

export type DeadlineState = 'overdue' | 'due-soon' | 'on-time';

/** Where a deadline stands now: the screen's clock keeps the server's judgement current while it is open. */
export function deadlineStateAt(at: string, now: number, server?: DeadlineState): DeadlineState {
  const left = Date.parse(at) - now;
  if (server === 'overdue' || left <= 0) {
    return 'overdue';
  }
  return server === 'due-soon' || left <= DUE_SOON_HOURS * 3_600_000 ? 'due-soon' : 'on-time';
}

/**
 * A deadline in words with a badge in the status colours: "Overdue · overdue by 40 min (…)", "Due soon · due in
 * 1 h 10 min (…)" or "due in 9 h (…)". Used for the Central Unit's 12 hours (art. 22(6)) and the 96 hours of the
 * decision (art. 32(1)).
 */
export function EtiasDeadline({
  at,
  now,
  server,
  testId,
}: {
  at: string | null;
  now: number;
  server?: DeadlineState;
  testId?: string;
}) {
  const intl = useIntl();
  if (at === null) {
    return (
      <Text size="sm" span c="dimmed" data-testid={testId}>
        <FormattedMessage id="etias.queue.noDeadline" />
      </Text>
    );
  }
  const state = deadlineStateAt(at, now, server);
  const span = formatDuration(intl, Date.parse(at) - now);
  const when = <PlaceTime at={at} />;
  return (
    <Text size="sm" span data-deadline={state} data-testid={testId}>
      {state === 'overdue' && (
        <>
          <Badge color={statusColours.danger} variant="filled" radius="sm" mr={6}>
            <FormattedMessage id="etias.queue.overdue" />
          </Badge>{' '}
          <FormattedMessage id="etias.queue.overdueBy" values={{ span, at: when }} />
        </>
      )}
      {state === 'due-soon' && (
        <>
          <Badge color={statusText.warning} variant="outline" radius="sm" mr={6}>
            <FormattedMessage id="etias.queue.dueSoon" />
          </Badge>{' '}
          <FormattedMessage id="etias.queue.dueIn" values={{ span, at: when }} />
        </>
      )}
      {state === 'on-time' && <FormattedMessage id="etias.queue.dueIn" values={{ span, at: when }} />}
    </Text>
  );
}
