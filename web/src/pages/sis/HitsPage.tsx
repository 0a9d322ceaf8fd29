import { Anchor, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation, useParams } from 'wouter';

import type { SisHit, SisHitsResponse } from '../../api/types.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { ShortId } from '../../shell/ShortId.tsx';
import { DataTable, type TableColumn } from '../../shell/table/DataTable.tsx';
import { useTableState } from '../../shell/table/useTableState.ts';
import { pageQuery, PAGE_SIZE, SCHENGEN_STATES, useServerPage } from '../lists/useServerPage.ts';
import { categoryLabel } from './ActionFirst.tsx';
import { EXCHANGE_PURPOSE, useSisCatalogue } from './catalogue.ts';
import { Deadline, useNow } from './Deadline.tsx';
import { deadlineState } from './deadline.ts';
import { HitDetail } from './HitDetail.tsx';

/*
 * The list's state is in the URL fragment, so a counter elsewhere can link to a filtered list:
 *   #/sis/hits?open=true            open exchanges (the default; `open=false` shows every hit)
 *   #/sis/hits?deadline=overdue     open exchanges past their reply deadline
 *   #/sis/hits?deadline=soon        open exchanges due within 2 hours
 *   &category=<alert category>, &reportingState=<XX>, &sort=<column>&order=asc|desc, &page=<n>
 */
const SPEC = {
  filters: ['open', 'deadline', 'category', 'reportingState'],
  sortable: ['deadline', 'category', 'reportingState', 'createdAt'],
  defaultSort: { column: 'deadline', direction: 'asc' },
} as const;

/** The SIRENE exchange queue: hits of the bureau's member state, overdue first, each with its deadline. */
function HitList() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const now = useNow();
  const [, navigate] = useLocation();
  const { catalogue } = useSisCatalogue();
  const table = useTableState(SPEC);
  const { filters } = table;
  const scope = filters.open === 'false' ? 'all' : 'open';
  const { data, loading, error } = useServerPage<SisHitsResponse>('/sis/hits', EXCHANGE_PURPOSE, {
    open: scope === 'open' ? 'true' : 'false',
    deadline: filters.deadline,
    category: filters.category,
    reportingState: filters.reportingState,
    sort: table.sort.column,
    order: table.sort.direction,
    ...pageQuery(table.page),
  });
  const hits = data?.hits ?? [];
  const overdue = hits.filter((h) => deadlineState(h, now) === 'overdue').length;

  const columns: Array<TableColumn<SisHit>> = [
    {
      id: 'deadline',
      title: t('sisHits.col.deadline'),
      sortable: true,
      render: (h) => <Deadline hit={h} now={now} />,
      csv: (h) => h.replyDueAt,
    },
    {
      id: 'category',
      title: t('sisHits.col.hit'),
      sortable: true,
      render: (h) => (
        <>
          <Anchor href={`#/sis/hits/${encodeURIComponent(h.id)}`} fw={600}>
            {h.category === null ? t('sisHits.discreetHit') : categoryLabel(intl, h.category)}
          </Anchor>
          <ShortId id={h.alertId} />
        </>
      ),
      csv: (h) => (h.category === null ? t('sisHits.discreetHit') : categoryLabel(intl, h.category)),
    },
    {
      id: 'reportingState',
      title: t('sisHits.col.reportedBy'),
      sortable: true,
      render: (h) => `${h.reportingAuthority} (${h.reportingState})`,
      csv: (h) => `${h.reportingAuthority} (${h.reportingState})`,
    },
    { id: 'place', title: t('sisHits.col.place'), render: (h) => h.place, csv: (h) => h.place },
    {
      id: 'createdAt',
      title: t('sisHits.col.reportedAt'),
      sortable: true,
      render: (h) => <PlaceTime at={h.createdAt} relativeTo={now} />,
      csv: (h) => h.createdAt,
    },
  ];

  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <PageTitle id="sisHits.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="sisHits.intro" />
        </Text>
      </Stack>
      <Group gap="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('sisHits.scope')}
          value={scope}
          onChange={(v) => table.setFilters({ open: v === 'all' ? 'false' : null })}
          data={[
            { value: 'open', label: t('sisHits.scope.open') },
            { value: 'all', label: t('sisHits.scope.all') },
          ]}
          w="fit-content"
        />
        <Select
          label={t('lists.hits.deadline')}
          placeholder={t('lists.any')}
          data={[
            { value: 'overdue', label: t('lists.hits.deadline.overdue') },
            { value: 'soon', label: t('lists.hits.deadline.soon') },
          ]}
          value={filters.deadline}
          onChange={(v) => table.setFilters({ deadline: v })}
          clearable
          w={220}
          data-testid="filter-deadline"
        />
        <Select
          label={t('lists.hits.category')}
          placeholder={t('lists.any')}
          data={(catalogue?.categories ?? []).map((c) => ({
            value: c.code,
            label: categoryLabel(intl, c.code),
          }))}
          value={filters.category}
          onChange={(v) => table.setFilters({ category: v })}
          clearable
          searchable
          w={260}
        />
        <Select
          label={t('lists.hits.reportingState')}
          placeholder={t('lists.any')}
          data={[...SCHENGEN_STATES]}
          value={filters.reportingState}
          onChange={(v) => table.setFilters({ reportingState: v })}
          clearable
          searchable
          w={160}
        />
      </Group>
      {error !== null && <ErrorAlert error={error} title="sisHits.failed" />}
      {data !== null && (
        <Text data-testid="hits-summary">
          <FormattedMessage id="sisHits.summary" values={{ count: data.total, overdue }} />
        </Text>
      )}
      <DataTable<SisHit>
        id="sis-hits"
        caption={t('sisHits.caption')}
        columns={columns}
        records={data === null ? null : hits}
        total={data?.total ?? 0}
        rowKey={(h) => h.id}
        loading={loading}
        sort={table.sort}
        onSortChange={table.setSort}
        page={table.page}
        pageSize={PAGE_SIZE}
        onPageChange={table.setPage}
        onOpen={(h) => navigate(`/sis/hits/${encodeURIComponent(h.id)}`)}
        exportLog={{
          screen: 'sis-hits',
          system: 'sis',
          purpose: EXCHANGE_PURPOSE,
          filters,
          fileName: 'sis-hits',
        }}
        emptyText={t('lists.hits.none')}
        rowAttributes={(h) => ({
          'data-testid': 'hit-row',
          'data-hit-id': h.id,
          'data-state': deadlineState(h, now),
        })}
      />
    </Stack>
  );
}

/**
 * SIRENE hit handling (Regulation (EU) 2018/1862 arts. 7-8): the exchange queue, and at `#/sis/hits/:id` one
 * hit with the action to be taken first and its supplementary-information exchange.
 */
export default function HitsPage() {
  const params = useParams<{ id?: string }>();
  if (params.id !== undefined) {
    return <HitDetail key={params.id} id={decodeURIComponent(params.id)} />;
  }
  return <HitList />;
}
