import { Badge, Group } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

import { PlaceTime } from '../../../format/PlaceTime.tsx';
import type { MessageId } from '../../../i18n/messages.ts';
import { statusColours } from '../../../theme.ts';

const URGENCY_COLOUR = {
  overdue: statusColours.danger,
  'due-soon': statusColours.warning,
  'on-time': 'gray',
} as const;

/** The deadline of a file: when, and whether it is overdue or due within 24 hours (art. 32). */
export function DueBadge({ dueAt, urgency }: { dueAt: string; urgency: keyof typeof URGENCY_COLOUR }) {
  return (
    <Group gap={6} wrap="nowrap" data-urgency={urgency}>
      <Badge
        color={URGENCY_COLOUR[urgency]}
        variant={urgency === 'on-time' ? 'light' : 'filled'}
        radius="sm"
        size="sm"
      >
        <FormattedMessage id={`etias.manual.urgency.${urgency}` as MessageId} />
      </Badge>
      <PlaceTime at={dueAt} />
    </Group>
  );
}
