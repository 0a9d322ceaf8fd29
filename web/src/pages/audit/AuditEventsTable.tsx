import { Code, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { AuditEvent, AuditOutcome } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatUtc } from '../../format/datetime.ts';
import { isMessageId, type MessageId } from '../../i18n/messages.ts';
import { statusText } from '../../theme.ts';
import { compareEvents, type SortState, type SortKey } from './sorting.ts';

// The word, not the colour, carries the outcome; the colour only helps scanning.
const OUTCOME_COLOUR: Readonly<Record<AuditOutcome, string>> = {
  success: statusText.success,
  denied: statusText.warning,
  error: statusText.danger,
};

/** Columns; those with a sort key can be sorted by clicking their heading. */
const COLUMNS: ReadonlyArray<{ id: MessageId; sort: SortKey | null }> = [
  { id: 'audit.col.time', sort: 'time' },
  { id: 'audit.col.user', sort: 'user' },
  { id: 'audit.col.purpose', sort: 'purpose' },
  { id: 'audit.col.operation', sort: 'operation' },
  { id: 'audit.col.system', sort: 'system' },
  { id: 'audit.col.result', sort: 'outcome' },
  { id: 'audit.col.records', sort: null },
];

function None() {
  return (
    <Text span size="xs" c="dimmed">
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
      <Table.Td>
        <Text span size="xs" fw={600} data-column="user">
          {event.username}
        </Text>
        <Text size="xs" c="dimmed">
          {event.authorityName} ({event.memberState}),{' '}
          {isMessageId(typeKey) ? intl.formatMessage({ id: typeKey }) : event.authorityType}
        </Text>
      </Table.Td>
      <Table.Td>
        {event.purpose === null || event.purpose === '' ? (
          <None />
        ) : (
          (purposeLabels.get(event.purpose) ?? event.purpose)
        )}
      </Table.Td>
      <Table.Td>
        <Text span size="xs" data-column="operation" data-code={event.operation}>
          {event.operationLabel}
        </Text>
        <Text size="xs" c="dimmed">
          <FormattedMessage id="audit.col.operationCode" values={{ code: event.operation }} />
          {event.queryDataTypes.length > 0 && ` · ${event.queryDataTypes.join(', ')}`}
        </Text>
      </Table.Td>
      <Table.Td data-column="system">{event.system}</Table.Td>
      <Table.Td>
        <Text span size="xs" fw={700} c={OUTCOME_COLOUR[event.outcome]} data-outcome={event.outcome}>
          <FormattedMessage id={`audit.outcome.${event.outcome}`} />
        </Text>
        {event.resultSummary !== null && <Text size="xs">{event.resultSummary}</Text>}
      </Table.Td>
      <Table.Td data-column="records">
        {event.recordRefs.length === 0 ? (
          <None />
        ) : (
          <Group gap={2}>
            {event.recordRefs.map((ref) => (
              <Code key={ref} fz="xs">
                {ref}
              </Code>
            ))}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The access events, one dense row each, newest first unless the auditor sorts by another column (the
 * sort applies to the events loaded so far).
 */
export function AuditEventsTable({ events }: { events: AuditEvent[] }) {
  const intl = useIntl();
  const { purposeLabels } = useSession();
  const [sort, setSort] = useState<SortState>({ key: 'time', direction: 'descending' });
  const sorted = useMemo(
    () => [...events].sort((a, b) => compareEvents(a, b, sort, (p) => purposeLabels.get(p) ?? p)),
    [events, sort, purposeLabels],
  );
  const toggle = (key: SortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'time' ? 'descending' : 'ascending' },
    );

  return (
    // Focusable so that keyboard users can scroll the table sideways with the arrow keys (WCAG 2.1.1).
    <Table.ScrollContainer
      minWidth={860}
      type="native"
      tabIndex={0}
      role="region"
      aria-label={intl.formatMessage({ id: 'audit.events' })}
    >
      <Table
        striped
        highlightOnHover
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="xs"
        captionSide="top"
        data-testid="audit-events"
      >
        <Table.Caption style={{ textAlign: 'left' }}>
          {intl.formatMessage({ id: 'audit.events' })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map(({ id, sort: key }) => {
              const label = intl.formatMessage({ id });
              const active = key !== null && sort.key === key;
              return (
                <Table.Th
                  key={id}
                  scope="col"
                  aria-sort={active ? sort.direction : undefined}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {key === null ? (
                    label
                  ) : (
                    <UnstyledButton onClick={() => toggle(key)} fz="xs" fw={700} data-sort={key}>
                      {label}
                      <span aria-hidden="true">
                        {active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </UnstyledButton>
                  )}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((event) => (
            <EventRow key={event.seq} event={event} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
