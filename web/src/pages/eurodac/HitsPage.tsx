import { Anchor, Select, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation, useParams } from 'wouter';

import type { MessageId } from '../../i18n/messages.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { ShortId } from '../../shell/ShortId.tsx';
import { DataTable, type TableColumn } from '../../shell/table/DataTable.tsx';
import { useTableState } from '../../shell/table/useTableState.ts';
import { formatScore } from '../biometrics/format.ts';
import { memberStateName } from '../etias/apply/memberStates.ts';
import { pageQuery, PAGE_SIZE, useServerPage } from '../lists/useServerPage.ts';
import { useNow } from '../sis/Deadline.tsx';
import { ComparisonPage } from './ComparisonPage.tsx';
import { categoryLabel, EURODAC_PURPOSE, HIT_STATES as STATES, hitStateLabel } from './eurodac.ts';
import type { EurodacHitList, EurodacHitSummary } from '../../api/types.ts';

/*
 * The list's state is in the URL fragment:
 *   #/eurodac/hits                 hits waiting for the fingerprint expert (state=pending)
 *   #/eurodac/hits?state=confirmed  / rejected: hits already verified
 */
const SPEC = {
  filters: ['state'],
  sortable: ['createdAt'],
  defaultSort: { column: 'createdAt', direction: 'asc' },
} as const;

/**
 * The hits of this state's registrations waiting for verification by a fingerprint expert (Reg. (EU)
 * 2024/1358 art. 38(1)-(3): a hit is checked by an expert of the state of origin before the result is used),
 * the oldest first.
 */
function HitQueue() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const now = useNow();
  const [, navigate] = useLocation();
  const table = useTableState(SPEC);
  const state = table.filters.state ?? 'pending';
  // The server lists the hits oldest first (the order in which they are to be verified).
  const { data, loading, error } = useServerPage<EurodacHitList>('/eurodac/hits', EURODAC_PURPOSE, {
    state,
    ...pageQuery(table.page),
  });
  const items = data?.hits ?? [];
  const open = (h: EurodacHitSummary) => `/eurodac/hits/${encodeURIComponent(h.id)}`;

  const columns: Array<TableColumn<EurodacHitSummary>> = [
    {
      id: 'createdAt',
      title: t('eurodac.hits.col.received'),
      render: (h) => <PlaceTime at={h.createdAt} relativeTo={now} />,
      csv: (h) => h.createdAt,
    },
    {
      id: 'dataset',
      title: t('eurodac.hits.col.dataset'),
      render: (h) => (
        <>
          <Anchor href={`#${open(h)}`} fw={600}>
            <FormattedMessage id="eurodac.hits.compare" />
          </Anchor>
          <ShortId id={h.datasetId} />
        </>
      ),
      csv: (h) => h.datasetId,
    },
    {
      id: 'matched',
      title: t('eurodac.hits.col.hitDataset'),
      render: (h) => (
        <>
          <Text size="sm">
            {memberStateName(intl.locale, h.matchedMemberState)} ({h.matchedMemberState})
          </Text>
          <Text size="xs">{categoryLabel(intl, h.matchedCategory)}</Text>
          <ShortId id={h.matchedDatasetId} />
        </>
      ),
      csv: (h) => `${h.matchedMemberState} ${h.matchedCategory} ${h.matchedDatasetId}`,
    },
    {
      id: 'score',
      title: t('eurodac.hits.col.score'),
      render: (h) => formatScore(intl, h.score),
      csv: (h) => h.score,
    },
    {
      id: 'state',
      title: t('eurodac.hits.col.state'),
      render: (h) => hitStateLabel(intl, h.state),
      csv: (h) => h.state,
    },
  ];

  return (
    <Stack gap="lg" maw={1300}>
      <Stack gap={4}>
        <PageTitle id="eurodac.hits.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="eurodac.hits.intro" />
        </Text>
      </Stack>
      <Select
        label={t('eurodac.hits.filter.state')}
        data={STATES.map((s) => ({ value: s, label: hitStateLabel(intl, s) }))}
        value={state}
        onChange={(v) => table.setFilters({ state: v === null || v === 'pending' ? null : v })}
        allowDeselect={false}
        maw={300}
        data-testid="hit-state-filter"
      />
      {error !== null && <ErrorAlert error={error} title="eurodac.hits.failed" />}
      <DataTable<EurodacHitSummary>
        id="eurodac-hits"
        caption={t('eurodac.hits.caption')}
        columns={columns}
        records={data === null ? null : items}
        total={data?.total ?? 0}
        rowKey={(h) => h.id}
        loading={loading}
        sort={table.sort}
        onSortChange={table.setSort}
        page={table.page}
        pageSize={PAGE_SIZE}
        onPageChange={table.setPage}
        onOpen={(h) => navigate(open(h))}
        exportLog={{
          screen: 'eurodac-hits',
          system: 'eurodac',
          purpose: EURODAC_PURPOSE,
          filters: { state },
          fileName: 'eurodac-hits',
        }}
        emptyText={t(state === 'pending' ? 'eurodac.hits.none' : 'eurodac.hits.noneVerified')}
        rowAttributes={(h) => ({ 'data-testid': 'eurodac-hit-row', 'data-hit-id': h.id })}
      />
    </Stack>
  );
}

/**
 * The fingerprint expert's screen: the queue at `#/eurodac/hits`, and at `#/eurodac/hits/:id` one hit with
 * both datasets side by side, the scores per finger and face and the decision.
 */
export default function HitsPage() {
  const params = useParams<{ id?: string }>();
  if (params.id !== undefined) {
    return <ComparisonPage key={params.id} id={decodeURIComponent(params.id)} />;
  }
  return <HitQueue />;
}
