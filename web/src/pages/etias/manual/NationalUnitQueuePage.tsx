import { Anchor, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation, useParams } from 'wouter';

import type { EtiasNuQueueItem, EtiasNuQueueResponse } from '../../../api/types.ts';
import { PlaceTime } from '../../../format/PlaceTime.tsx';
import type { MessageId } from '../../../i18n/messages.ts';
import { ErrorAlert } from '../../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../../shell/PageTitle.tsx';
import { PurposeGate } from '../../../shell/PurposeGate.tsx';
import { DataTable, type TableColumn } from '../../../shell/table/DataTable.tsx';
import { useTableState } from '../../../shell/table/useTableState.ts';
import { pageQuery, PAGE_SIZE, useServerPage } from '../../lists/useServerPage.ts';
import { DueBadge } from './DueBadge.tsx';
import { EtiasDecisionPanel, ETIAS_PURPOSE } from './EtiasDecisionPanel.tsx';

/*
 * The list's state is in the URL fragment:
 *   #/etias/national-unit?deadline=overdue|soon   files past their deadline, or due within 24 hours
 *   &reason=assessment|revocation-review, &sort=dueAt|submittedAt|nationality|reason&order=asc|desc, &page=<n>
 */
const SPEC = {
  filters: ['deadline', 'reason'],
  sortable: ['dueAt', 'submittedAt', 'nationality', 'reason'],
  defaultSort: { column: 'dueAt', direction: 'asc' },
} as const;

function QueueList({ purpose }: { purpose: string }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [, navigate] = useLocation();
  const table = useTableState(SPEC);
  const { filters } = table;
  const deadline = filters.deadline === 'overdue' || filters.deadline === 'soon' ? filters.deadline : null;
  const reason =
    filters.reason === 'assessment' || filters.reason === 'revocation-review' ? filters.reason : null;
  const { data, loading, error } = useServerPage<EtiasNuQueueResponse>(
    '/etias/national-unit/queue',
    purpose,
    {
      deadline,
      reason,
      sort: table.sort.column,
      order: table.sort.direction,
      ...pageQuery(table.page),
    },
  );

  const columns: Array<TableColumn<EtiasNuQueueItem>> = [
    {
      id: 'dueAt',
      title: t('etias.manual.col.due'),
      sortable: true,
      render: (f) => <DueBadge dueAt={f.dueAt} urgency={f.urgency} />,
      csv: (f) => f.dueAt,
    },
    {
      id: 'name',
      title: t('etias.manual.col.applicant'),
      render: (f) => (
        <Anchor href={`#/etias/national-unit/${encodeURIComponent(f.applicationId)}`} fw={600}>
          {f.surname}, {f.givenNames}
        </Anchor>
      ),
      csv: (f) => `${f.surname}, ${f.givenNames}`,
    },
    {
      id: 'birthDate',
      title: t('etias.manual.col.birthDate'),
      render: (f) => f.birthDate,
      csv: (f) => f.birthDate,
    },
    {
      id: 'nationality',
      title: t('etias.manual.col.nationality'),
      sortable: true,
      render: (f) => f.nationality,
      csv: (f) => f.nationality,
    },
    {
      id: 'reason',
      title: t('etias.manual.col.reason'),
      sortable: true,
      render: (f) => (
        <Stack gap={0}>
          <Text size="sm">
            <FormattedMessage id={`etias.manual.reason.${f.reason}` as MessageId} />
          </Text>
          {f.reviewRecordRef !== null && (
            <Text size="xs" c="dimmed">
              {f.reviewRecordRef}
            </Text>
          )}
        </Stack>
      ),
      csv: (f) => f.reason,
    },
    {
      id: 'work',
      title: t('etias.manual.col.open'),
      render: (f) => (
        <Text size="sm">
          <FormattedMessage
            id="etias.manual.openWork"
            values={{ requests: f.openRequests, consultations: f.pendingConsultations }}
          />
        </Text>
      ),
      csv: (f) => `${f.openRequests}/${f.pendingConsultations}`,
    },
    {
      id: 'submittedAt',
      title: t('etias.manual.col.submitted'),
      sortable: true,
      render: (f) => <PlaceTime at={f.submittedAt} />,
      csv: (f) => f.submittedAt,
    },
  ];

  return (
    <Stack gap="sm">
      <Group gap="md" wrap="wrap">
        <SegmentedControl
          aria-label={t('etias.manual.filter.deadline')}
          value={deadline ?? 'all'}
          onChange={(v) => table.setFilters({ deadline: v === 'all' ? null : v })}
          data={[
            { value: 'all', label: t('etias.manual.filter.all') },
            { value: 'overdue', label: t('etias.manual.urgency.overdue') },
            { value: 'soon', label: t('etias.manual.urgency.due-soon') },
          ]}
        />
        <SegmentedControl
          aria-label={t('etias.manual.col.reason')}
          value={reason ?? 'all'}
          onChange={(v) => table.setFilters({ reason: v === 'all' ? null : v })}
          data={[
            { value: 'all', label: t('etias.manual.filter.all') },
            { value: 'assessment', label: t('etias.manual.reason.assessment') },
            { value: 'revocation-review', label: t('etias.manual.reason.revocation-review') },
          ]}
        />
      </Group>
      {error !== null && <ErrorAlert error={error} />}
      {data !== null && (
        <Text size="sm" data-testid="nu-queue-summary">
          <FormattedMessage id="etias.manual.summary" values={{ count: data.total }} />
        </Text>
      )}
      <DataTable<EtiasNuQueueItem>
        id="etias-nu-queue"
        caption={t('etias.manual.queue.caption')}
        columns={columns}
        records={data?.items ?? null}
        total={data?.total ?? 0}
        rowKey={(f) => `${f.applicationId}:${f.reason}`}
        loading={loading}
        sort={table.sort}
        onSortChange={table.setSort}
        page={table.page}
        pageSize={PAGE_SIZE}
        onPageChange={table.setPage}
        onOpen={(f) => navigate(`/etias/national-unit/${encodeURIComponent(f.applicationId)}`)}
        exportLog={{
          screen: 'etias-nu-queue',
          system: 'etias',
          purpose,
          filters,
          fileName: 'etias-national-unit',
        }}
        emptyText={t('etias.manual.queue.none')}
        rowAttributes={(f) => ({ 'data-testid': 'nu-queue-row', 'data-application-id': f.applicationId })}
      />
    </Stack>
  );
}

/**
 * The National Unit's queue (Reg. (EU) 2018/1240 arts. 26, 32): its own state's files in manual processing
 * and the valid authorisations sent to it for a revocation review (art. 41(3)-(4)), the most urgent first;
 * a file opens with its decision panel.
 */
export default function NationalUnitQueuePage() {
  const params = useParams<{ id?: string }>();
  const id = params.id === undefined ? null : decodeURIComponent(params.id);
  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <PageTitle id="etias.manual.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="etias.manual.intro" />
        </Text>
      </Stack>
      <PurposeGate purposes={[ETIAS_PURPOSE]}>
        {(purpose) =>
          id === null ? (
            <QueueList purpose={purpose} />
          ) : (
            <Stack gap="sm">
              <Anchor href="#/etias/national-unit" size="sm">
                <FormattedMessage id="etias.manual.back" />
              </Anchor>
              <EtiasDecisionPanel applicationId={id} purpose={purpose} />
            </Stack>
          )
        }
      </PurposeGate>
    </Stack>
  );
}
