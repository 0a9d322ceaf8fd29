import { Group, Select, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { Hub, HubHit, HubHitsResponse } from '../../api/types.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { ShortId } from '../../shell/ShortId.tsx';
import { DataTable, type TableColumn } from '../../shell/table/DataTable.tsx';
import { useTableState } from '../../shell/table/useTableState.ts';
import { pageQuery, PAGE_SIZE, useServerPage } from '../lists/useServerPage.ts';
import { formatHubTime } from './hubTime.ts';
import { HUB_PURPOSE } from './useHubFeed.ts';

/*
 * The list's state is in the URL fragment, so a counter elsewhere can link to a filtered list:
 *   #/hub-desk?acknowledged=false    hits the desk has not acknowledged yet (`true`: acknowledged or handled)
 *   &objectType=<SIS object type>, &sort=receivedAt|lastReadAt|confidence&order=asc|desc, &page=<n>
 */
const SPEC = {
  filters: ['acknowledged', 'objectType'],
  sortable: ['receivedAt', 'lastReadAt', 'confidence'],
  defaultSort: { column: 'receivedAt', direction: 'desc' },
} as const;

/** The object types a hub's readers can match (SIS vehicle, plate, trailer and container alerts). */
const HUB_OBJECT_TYPES = ['motor-vehicle', 'trailer', 'caravan', 'number-plate', 'container'] as const;

/**
 * Every hit of the hub, sorted, filtered and paged by the server, under the live feed: the page is asked again
 * whenever the feed brings a new or changed hit (`feedHits`), so the table never lags behind the cards.
 */
export function HubHitTable({ hub, feedHits }: { hub: Hub; feedHits: readonly HubHit[] }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const table = useTableState(SPEC);
  const { filters } = table;
  const acknowledged =
    filters.acknowledged === 'true' || filters.acknowledged === 'false' ? filters.acknowledged : null;
  const objectType = HUB_OBJECT_TYPES.find((o) => o === filters.objectType) ?? null;
  // A new hit, or one handled at this desk or another, changes the feed's list: the page is asked again.
  const { data, loading, error } = useServerPage<HubHitsResponse>(
    `/hubs/${encodeURIComponent(hub.id)}/hits`,
    HUB_PURPOSE,
    {
      acknowledged,
      objectType,
      sort: table.sort.column,
      order: table.sort.direction,
      ...pageQuery(table.page),
    },
    feedHits,
  );

  const time = (iso: string) => formatHubTime(iso, hub.timeZone, intl.locale);
  const columns: Array<TableColumn<HubHit>> = [
    {
      id: 'receivedAt',
      title: t('lists.hub.col.receivedAt'),
      sortable: true,
      noWrap: true,
      render: (h) => time(h.receivedAt),
      csv: (h) => h.receivedAt,
    },
    {
      id: 'hit',
      title: t('lists.hub.col.hit'),
      hideable: false,
      render: (h) => (
        <Stack gap={0}>
          <Text size="inherit" fw={600}>
            {h.matchedText}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`hubDesk.field.${h.field}`)}
          </Text>
          {h.dischargedFrom !== undefined && h.dischargedFrom !== null && (
            <Text size="xs" data-testid="hit-row-vessel">
              <FormattedMessage
                id="hubDesk.vessel.short"
                values={{
                  name: h.dischargedFrom.vessel.name,
                  imo: h.dischargedFrom.vessel.imo,
                  flag: h.dischargedFrom.vessel.flag,
                }}
              />
              {h.dischargedFrom.previousPorts.length > 0 &&
                ` · ${h.dischargedFrom.previousPorts.map((p) => p.locode).join(' ← ')}`}
            </Text>
          )}
        </Stack>
      ),
      csv: (h) => h.matchedText,
    },
    {
      id: 'objectType',
      title: t('lists.hub.objectType'),
      render: (h) => objectLabel(h.objectType),
      csv: (h) => h.objectType,
    },
    {
      id: 'confidence',
      title: t('lists.hub.col.confidence'),
      sortable: true,
      render: (h) =>
        intl.formatMessage(
          { id: 'hubDesk.strengthWithConfidence' },
          {
            strength: t(`hubDesk.strength.${h.strength}`),
            percent: intl.formatNumber(h.confidence, { style: 'percent' }),
          },
        ),
      csv: (h) => h.confidence,
    },
    {
      id: 'status',
      title: t('lists.hub.col.status'),
      render: (h) => t(`hubDesk.hitStatus.${h.status}`),
      csv: (h) => h.status,
    },
    {
      id: 'lastReadAt',
      title: t('lists.hub.col.lastReadAt'),
      sortable: true,
      noWrap: true,
      render: (h) => time(h.lastReadAt),
      csv: (h) => h.lastReadAt,
    },
    {
      id: 'alert',
      title: t('hubDesk.alert'),
      render: (h) => <ShortId id={h.alertId} />,
      csv: (h) => h.alertId,
    },
  ];

  function objectLabel(code: string): string {
    const id = `sis.objectType.${code}`;
    return id in intl.messages ? intl.formatMessage({ id: id as MessageId }) : code;
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="hub-hit-table-title">
      <Title order={2} size="h4" id="hub-hit-table-title">
        <FormattedMessage id="lists.hub.caption" />
      </Title>
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('lists.hub.acknowledged')}
          placeholder={t('lists.any')}
          data={[
            { value: 'false', label: t('lists.hub.acknowledged.false') },
            { value: 'true', label: t('lists.hub.acknowledged.true') },
          ]}
          value={acknowledged}
          onChange={(v) => table.setFilters({ acknowledged: v })}
          clearable
          w={260}
          data-testid="filter-acknowledged"
        />
        <Select
          label={t('lists.hub.objectType')}
          placeholder={t('lists.any')}
          data={HUB_OBJECT_TYPES.map((o) => ({ value: o, label: objectLabel(o) }))}
          value={objectType}
          onChange={(v) => table.setFilters({ objectType: v })}
          clearable
          w={220}
        />
      </Group>
      {error !== null && <ErrorAlert error={error} title="hubDesk.feedFailed" />}
      <DataTable<HubHit>
        id="hub-hits"
        caption={t('lists.hub.caption')}
        columns={columns}
        records={data?.hits ?? null}
        total={data?.total ?? 0}
        rowKey={(h) => h.hitId}
        loading={loading}
        sort={table.sort}
        onSortChange={table.setSort}
        page={table.page}
        pageSize={PAGE_SIZE}
        onPageChange={table.setPage}
        exportLog={{
          screen: 'hub-hits',
          system: 'hubs',
          purpose: HUB_PURPOSE,
          filters,
          fileName: 'hub-hits',
        }}
        emptyText={t('lists.hub.none')}
        rowAttributes={(h) => ({
          'data-testid': 'hub-hit-row',
          'data-hit-id': h.hitId,
          'data-status': h.status,
        })}
      />
    </Stack>
  );
}
