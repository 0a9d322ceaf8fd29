import { Group, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { AuditEvent, AuditOutcome } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatUtc } from '../../format/datetime.ts';
import { isMessageId, type MessageId } from '../../i18n/messages.ts';
import { ShortId } from '../../shell/ShortId.tsx';
import { DataTable, type TableColumn, type TableSort } from '../../shell/table/DataTable.tsx';
import { statusText } from '../../theme.ts';
import { AUDIT_PAGE_SIZE, AUDIT_PURPOSE } from './useAuditEvents.ts';

// The word, not the colour, carries the outcome; the colour only helps scanning (text colours per scheme).
const OUTCOME_COLOUR: Readonly<Record<AuditOutcome, string>> = {
  success: statusText.success,
  denied: statusText.warning,
  error: statusText.danger,
};

function None() {
  return (
    <Text span size="xs" c="dimmed">
      <FormattedMessage id="audit.none" />
    </Text>
  );
}

/**
 * The access events, one row each, sorted, filtered and paged by the server; the export of the rows shown
 * is logged as the audit log's own export.
 */
export function AuditEventsTable({
  events,
  total,
  totalIsLowerBound,
  loading,
  sort,
  onSortChange,
  page,
  onPageChange,
  filters,
}: {
  events: AuditEvent[] | null;
  total: number;
  /** The server's count stopped at `total`. */
  totalIsLowerBound: boolean;
  loading: boolean;
  sort: TableSort;
  onSortChange: (sort: TableSort) => void;
  page: number;
  onPageChange: (page: number) => void;
  filters: Readonly<Record<string, string | null>>;
}) {
  const intl = useIntl();
  const { purposeLabels } = useSession();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const outcome = (o: AuditOutcome) => intl.formatMessage({ id: `audit.outcome.${o}` });
  const purpose = (e: AuditEvent) =>
    e.purpose === null || e.purpose === '' ? '' : (purposeLabels.get(e.purpose) ?? e.purpose);

  const columns: Array<TableColumn<AuditEvent>> = [
    {
      id: 'time',
      title: t('audit.col.time'),
      sortable: true,
      noWrap: true,
      render: (e) => (
        <time dateTime={e.at} title={e.at}>
          {formatUtc(intl, e.at)}
        </time>
      ),
      csv: (e) => e.at,
    },
    {
      id: 'user',
      title: t('audit.col.user'),
      sortable: true,
      render: (e) => {
        const typeKey = `authorityType.${e.authorityType}`;
        return (
          <>
            <Text span size="inherit" fw={600} data-column="user">
              {e.username}
            </Text>
            <Text size="xs" c="dimmed">
              {e.authorityName} ({e.memberState}),{' '}
              {isMessageId(typeKey) ? intl.formatMessage({ id: typeKey }) : e.authorityType}
            </Text>
          </>
        );
      },
      csv: (e) => e.username,
    },
    {
      id: 'purpose',
      title: t('audit.col.purpose'),
      sortable: true,
      render: (e) => (purpose(e) === '' ? <None /> : purpose(e)),
      csv: purpose,
    },
    {
      id: 'operation',
      title: t('audit.col.operation'),
      sortable: true,
      render: (e) => (
        <>
          <Text span size="inherit" data-column="operation" data-code={e.operation}>
            {e.operationLabel}
          </Text>
          <Text size="xs" c="dimmed">
            <FormattedMessage id="audit.col.operationCode" values={{ code: e.operation }} />
            {e.queryDataTypes.length > 0 && ` · ${e.queryDataTypes.join(', ')}`}
          </Text>
        </>
      ),
      csv: (e) => e.operationLabel,
    },
    {
      id: 'system',
      title: t('audit.col.system'),
      sortable: true,
      render: (e) => <span data-column="system">{e.system}</span>,
      csv: (e) => e.system,
    },
    {
      id: 'outcome',
      title: t('audit.col.result'),
      sortable: true,
      render: (e) => (
        <>
          <Text span size="inherit" fw={700} c={OUTCOME_COLOUR[e.outcome]} data-outcome={e.outcome}>
            {outcome(e.outcome)}
          </Text>
          {e.resultSummary !== null && <Text size="xs">{e.resultSummary}</Text>}
        </>
      ),
      csv: (e) =>
        e.resultSummary === null ? outcome(e.outcome) : `${outcome(e.outcome)}: ${e.resultSummary}`,
    },
    {
      id: 'records',
      title: t('audit.col.records'),
      render: (e) =>
        e.recordRefs.length === 0 ? (
          <None />
        ) : (
          <Group gap={4} data-column="records">
            {e.recordRefs.map((ref) => (
              <ShortId key={ref} id={ref} />
            ))}
          </Group>
        ),
      csv: (e) => e.recordRefs.join(' '),
    },
  ];

  return (
    <DataTable
      id="audit-events"
      caption={t('table.audit.caption')}
      columns={columns}
      records={events}
      total={total}
      totalIsLowerBound={totalIsLowerBound}
      rowKey={(e) => String(e.seq)}
      rowAttributes={(e) => ({ 'data-testid': 'audit-event', 'data-seq': e.seq })}
      loading={loading}
      sort={sort}
      onSortChange={onSortChange}
      page={page}
      pageSize={AUDIT_PAGE_SIZE}
      onPageChange={onPageChange}
      emptyText={t('audit.empty')}
      exportLog={{
        screen: 'audit-log',
        system: 'audit',
        purpose: AUDIT_PURPOSE,
        filters,
        fileName: 'audit-log-shown',
      }}
    />
  );
}
