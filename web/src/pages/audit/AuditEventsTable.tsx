import { Code, Group, Stack, Table, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { AuditEvent, AuditOutcome } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatUtc } from '../../format/datetime.ts';
import { isMessageId, type MessageId } from '../../i18n/messages.ts';
import { statusColours } from '../../theme.ts';

// The word, not the colour, carries the outcome; the colour only helps scanning.
const OUTCOME_COLOUR: Readonly<Record<AuditOutcome, string>> = {
  success: statusColours.success,
  denied: statusColours.warning,
  error: statusColours.danger,
};

const COLUMNS: readonly MessageId[] = [
  'audit.col.time',
  'audit.col.user',
  'audit.col.authority',
  'audit.col.purpose',
  'audit.col.operation',
  'audit.col.system',
  'audit.col.dataTypes',
  'audit.col.result',
  'audit.col.records',
];

function None() {
  return (
    <Text span size="sm" c="dimmed">
      <FormattedMessage id="audit.none" />
    </Text>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  const intl = useIntl();
  const { purposeLabels } = useSession();
  const typeKey = `authorityType.${event.authorityType}`;
  return (
    <Table.Tr data-testid="audit-event" data-seq={event.seq}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={event.at} title={event.at}>
          {formatUtc(intl, event.at)}
        </time>
      </Table.Td>
      <Table.Td data-column="user">{event.username}</Table.Td>
      <Table.Td miw={180}>
        <Text size="sm">
          {event.authorityName} ({event.memberState})
        </Text>
        <Text size="xs" c="dimmed">
          {isMessageId(typeKey) ? intl.formatMessage({ id: typeKey }) : event.authorityType}
        </Text>
      </Table.Td>
      <Table.Td>
        {event.purpose === null || event.purpose === '' ? (
          <None />
        ) : (
          <Text size="sm">{purposeLabels.get(event.purpose) ?? event.purpose}</Text>
        )}
      </Table.Td>
      <Table.Td data-column="operation">
        <Code>{event.operation}</Code>
      </Table.Td>
      <Table.Td data-column="system">{event.system}</Table.Td>
      <Table.Td>{event.queryDataTypes.length === 0 ? <None /> : event.queryDataTypes.join(', ')}</Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <Text size="sm" fw={700} c={OUTCOME_COLOUR[event.outcome]} data-outcome={event.outcome}>
            <FormattedMessage id={`audit.outcome.${event.outcome}`} />
          </Text>
          {event.resultSummary !== null && <Text size="sm">{event.resultSummary}</Text>}
        </Stack>
      </Table.Td>
      <Table.Td>
        {event.recordRefs.length === 0 ? (
          <None />
        ) : (
          <Group gap={4}>
            {event.recordRefs.map((ref) => (
              <Code key={ref}>{ref}</Code>
            ))}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The access events, newest first, one row each; scrolls sideways on narrow screens. */
export function AuditEventsTable({ events }: { events: AuditEvent[] }) {
  const intl = useIntl();
  return (
    // Focusable so that keyboard users can scroll the table sideways with the arrow keys (WCAG 2.1.1).
    <Table.ScrollContainer
      minWidth={1200}
      type="native"
      tabIndex={0}
      role="region"
      aria-label={intl.formatMessage({ id: 'audit.events' })}
    >
      <Table striped highlightOnHover verticalSpacing="xs" captionSide="top" data-testid="audit-events">
        <Table.Caption style={{ textAlign: 'left' }}>
          {intl.formatMessage({ id: 'audit.events' })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((id) => (
              <Table.Th key={id} scope="col">
                <FormattedMessage id={id} />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <EventRow key={event.seq} event={event} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
