import { Anchor, Group, Select, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation, useParams } from 'wouter';

import type { EtiasQueue, EtiasQueueItem } from '../../api/types.ts';
import { formatDate } from '../../format/datetime.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { ShortId } from '../../shell/ShortId.tsx';
import { DataTable, type TableColumn } from '../../shell/table/DataTable.tsx';
import { useTableState } from '../../shell/table/useTableState.ts';
import { pageQuery, PAGE_SIZE, useServerPage } from '../lists/useServerPage.ts';
import { useNow } from '../sis/Deadline.tsx';
import { countryName, countryOptions } from './apply/countries.ts';
import { EtiasApplicationPage } from './EtiasApplicationPage.tsx';
import { deadlineStateAt, EtiasDeadline } from './EtiasDeadline.tsx';
import { EXAMINATION_PURPOSE, HIT_RULE_CODES, ruleLabel } from './hits.ts';

/*
 * The list's state is in the URL fragment, so a counter or a colleague can link to a filtered queue:
 *   #/etias/queue?deadline=overdue      files past the Central Unit's 12 hours (art. 22(6))
 *   #/etias/queue?deadline=soon         files due within 2 hours
 *   &nationality=<ICAO code>, &rule=<hit rule code>, &sort=<column>&order=asc|desc, &page=<n>
 */
const SPEC = {
  filters: ['deadline', 'nationality', 'rule'],
  sortable: ['deadline', 'submittedAt', 'decisionDueAt', 'nationality', 'hits'],
  defaultSort: { column: 'deadline', direction: 'asc' },
} as const;

/** The Central Unit's verification queue (art. 22): files with open hits, the most urgent first. */
function QueueList() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const now = useNow();
  const [, navigate] = useLocation();
  const table = useTableState(SPEC);
  const { filters } = table;
  const { data, loading, error } = useServerPage<EtiasQueue>(
    '/etias/central-unit/queue',
    EXAMINATION_PURPOSE,
    {
      deadline: filters.deadline,
      nationality: filters.nationality,
      rule: filters.rule,
      sort: table.sort.column,
      order: table.sort.direction,
      ...pageQuery(table.page),
    },
  );
  const items = data?.items ?? [];
  const overdue = items.filter(
    (i) => i.deadline !== null && deadlineStateAt(i.deadline.at, now, i.deadline.state) === 'overdue',
  ).length;
  const open = (i: EtiasQueueItem) => `/etias/applications/${encodeURIComponent(i.id)}`;

  const columns: Array<TableColumn<EtiasQueueItem>> = [
    {
      id: 'deadline',
      title: t('etias.queue.col.verifyBy'),
      sortable: true,
      render: (i) => (
        <EtiasDeadline at={i.deadline?.at ?? i.centralDueAt} server={i.deadline?.state} now={now} />
      ),
      csv: (i) => i.deadline?.at ?? i.centralDueAt ?? '',
    },
    {
      id: 'applicant',
      title: t('etias.queue.col.applicant'),
      render: (i) => (
        <>
          <Anchor href={`#${open(i)}`} fw={600}>
            {i.surname}, {i.givenNames}
          </Anchor>
          <ShortId id={i.id} />
        </>
      ),
      csv: (i) => `${i.surname}, ${i.givenNames}`,
    },
    {
      id: 'birthDate',
      title: t('etias.queue.col.birthDate'),
      render: (i) => formatDate(intl, i.birthDate),
      csv: (i) => i.birthDate,
      noWrap: true,
    },
    {
      id: 'nationality',
      title: t('etias.queue.col.nationality'),
      sortable: true,
      render: (i) => <span title={countryName(intl.locale, i.nationality)}>{i.nationality}</span>,
      csv: (i) => i.nationality,
    },
    {
      id: 'hits',
      title: t('etias.queue.col.hits'),
      sortable: true,
      render: (i) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            <FormattedMessage id="etias.queue.openHits" values={{ count: i.openHits }} />
          </Text>
          <Text size="xs" c="dimmed">
            {i.rules.map((r) => ruleLabel(intl, r)).join(' · ')}
          </Text>
        </Stack>
      ),
      csv: (i) => i.rules.join(' '),
    },
    {
      id: 'decisionDueAt',
      title: t('etias.queue.col.decideBy'),
      sortable: true,
      render: (i) => <EtiasDeadline at={i.decisionDueAt} now={now} />,
      csv: (i) => i.decisionDueAt ?? '',
    },
    {
      id: 'submittedAt',
      title: t('etias.queue.col.submittedAt'),
      sortable: true,
      render: (i) => <PlaceTime at={i.submittedAt} relativeTo={now} />,
      csv: (i) => i.submittedAt,
    },
  ];

  return (
    <Stack gap="lg" maw={1300}>
      <Stack gap={4}>
        <PageTitle id="etias.queue.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="etias.queue.intro" />
        </Text>
      </Stack>
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('etias.queue.filter.deadline')}
          placeholder={t('lists.any')}
          data={[
            { value: 'overdue', label: t('etias.queue.filter.overdue') },
            { value: 'soon', label: t('etias.queue.filter.soon') },
          ]}
          value={filters.deadline}
          onChange={(v) => table.setFilters({ deadline: v })}
          clearable
          w={220}
          data-testid="filter-deadline"
        />
        <Select
          label={t('etias.queue.filter.nationality')}
          placeholder={t('lists.any')}
          data={countryOptions(intl.locale)}
          value={filters.nationality}
          onChange={(v) => table.setFilters({ nationality: v })}
          clearable
          searchable
          w={240}
        />
        <Select
          label={t('etias.queue.filter.rule')}
          placeholder={t('lists.any')}
          data={HIT_RULE_CODES.map((r) => ({ value: r, label: ruleLabel(intl, r) }))}
          value={filters.rule}
          onChange={(v) => table.setFilters({ rule: v })}
          clearable
          searchable
          w={300}
        />
      </Group>
      {error !== null && <ErrorAlert error={error} title="etias.queue.failed" />}
      {data !== null && (
        <Text data-testid="queue-summary">
          <FormattedMessage id="etias.queue.summary" values={{ count: data.total, overdue }} />
        </Text>
      )}
      <DataTable<EtiasQueueItem>
        id="etias-queue"
        caption={t('etias.queue.caption')}
        columns={columns}
        records={data === null ? null : items}
        total={data?.total ?? 0}
        rowKey={(i) => i.id}
        loading={loading}
        sort={table.sort}
        onSortChange={table.setSort}
        page={table.page}
        pageSize={PAGE_SIZE}
        onPageChange={table.setPage}
        onOpen={(i) => navigate(open(i))}
        exportLog={{
          screen: 'etias-queue',
          system: 'etias',
          purpose: EXAMINATION_PURPOSE,
          filters,
          fileName: 'etias-central-unit-queue',
        }}
        emptyText={t('etias.queue.none')}
        rowAttributes={(i) => ({
          'data-testid': 'queue-row',
          'data-application-id': i.id,
          'data-state':
            i.deadline === null ? undefined : deadlineStateAt(i.deadline.at, now, i.deadline.state),
        })}
      />
    </Stack>
  );
}

/**
 * The Central Unit's screen (art. 22): the verification queue at `#/etias/queue`, and at
 * `#/etias/applications/:id` one application with each hit beside the record it hit.
 */
export default function CentralUnitQueuePage() {
  const params = useParams<{ id?: string }>();
  if (params.id !== undefined) {
    return <EtiasApplicationPage key={params.id} id={decodeURIComponent(params.id)} />;
  }
  return <QueueList />;
}
