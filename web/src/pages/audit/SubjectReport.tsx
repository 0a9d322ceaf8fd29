import './print.css';

import { Button, Center, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { AuditEvent, AuditEventsResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatUtc } from '../../format/datetime.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { AUDIT_PURPOSE } from './useAuditEvents.ts';

/**
 * The data-subject access report: everything the access log holds about one person's record, oldest first,
 * as a document to print or save as PDF (GDPR Art. 15 right of access; EES Reg. (EU) 2017/2226 Art. 52 and
 * SIS Reg. (EU) 2018/1861 Art. 53 give the person the right to know who accessed their data). The read is
 * logged like any other read of the log.
 */
export function SubjectReport({ recordRef, onClose }: { recordRef: string; onClose: () => void }) {
  const intl = useIntl();
  const { api, user, purposeLabels } = useSession();
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [preparedAt] = useState(() => new Date().toISOString());

  useEffect(() => {
    const controller = new AbortController();
    const load = async () => {
      const all: AuditEvent[] = [];
      let before: number | null = null;
      do {
        const page: AuditEventsResponse = await api<AuditEventsResponse>('/audit/events', {
          purpose: AUDIT_PURPOSE,
          signal: controller.signal,
          query: { record: recordRef, limit: 500, before },
        });
        all.push(...page.events);
        before = page.nextBefore;
      } while (before !== null);
      return all.sort((a, b) => a.seq - b.seq);
    };
    load().then(
      (all) => !controller.signal.aborted && setEvents(all),
      (failure: unknown) => !controller.signal.aborted && setError(failure),
    );
    return () => controller.abort();
  }, [api, recordRef]);

  return (
    <Stack gap="md" data-testid="subject-report" className="print-document">
      <Group justify="space-between" className="no-print">
        <Button variant="default" onClick={onClose}>
          <FormattedMessage id="audit.subject.back" />
        </Button>
        <Button onClick={() => window.print()} disabled={events === null}>
          <FormattedMessage id="audit.subject.print" />
        </Button>
      </Group>
      <Title order={1}>
        <FormattedMessage id="audit.subject.title" />
      </Title>
      <Text>
        <FormattedMessage id="audit.subject.intro" values={{ ref: <Code>{recordRef}</Code> }} />
      </Text>
      <Text size="sm" c="dimmed">
        <FormattedMessage
          id="audit.subject.generated"
          values={{ at: formatUtc(intl, preparedAt), user: `${user.displayName} (${user.username})` }}
        />
      </Text>
      {error !== null && <ErrorAlert error={error} />}
      {events === null ? (
        error === null && (
          <Center py="xl">
            <InlineLoader label="audit.loading" />
          </Center>
        )
      ) : (
        <>
          <Text fw={700} role="status" data-testid="subject-count">
            <FormattedMessage id="audit.subject.count" values={{ count: events.length }} />
          </Text>
          {events.length > 0 && (
            <Table fz="xs" verticalSpacing={4} horizontalSpacing="xs" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  {(
                    [
                      'audit.col.time',
                      'audit.col.operation',
                      'audit.col.system',
                      'audit.col.authority',
                      'audit.col.user',
                      'audit.col.purpose',
                      'audit.col.legalBasis',
                      'audit.col.result',
                    ] as const
                  ).map((id) => (
                    <Table.Th key={id} scope="col">
                      <FormattedMessage id={id} />
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.map((e) => (
                  <Table.Tr key={e.seq} data-testid="subject-event">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <time dateTime={e.at}>{formatUtc(intl, e.at)}</time>
                    </Table.Td>
                    <Table.Td>{e.operationLabel}</Table.Td>
                    <Table.Td>{e.system}</Table.Td>
                    <Table.Td>
                      {e.authorityName} ({e.memberState})
                    </Table.Td>
                    <Table.Td>{e.username}</Table.Td>
                    <Table.Td>
                      {e.purpose === null ? '' : (purposeLabels.get(e.purpose) ?? e.purpose)}
                    </Table.Td>
                    <Table.Td>{e.legalBasis ?? ''}</Table.Td>
                    <Table.Td>
                      <FormattedMessage id={`audit.outcome.${e.outcome}`} />
                      {e.resultSummary !== null && `: ${e.resultSummary}`}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  );
}
