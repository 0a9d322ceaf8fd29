import { Badge, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { EesOverstayer, EesOverstayersResponse } from '../../api/types.ts';
import { formatDate } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { PurposeGate } from '../../shell/PurposeGate.tsx';
import { DataTable, type TableColumn } from '../../shell/table/DataTable.tsx';
import { useTableState } from '../../shell/table/useTableState.ts';
import { statusColours } from '../../theme.ts';
import { pageQuery, PAGE_SIZE, SCHENGEN_STATES, useServerPage } from '../lists/useServerPage.ts';

/** The purpose immigration authorities state (EES arts. 26-27; the list itself: art. 12(3)). */
const OVERSTAYER_PURPOSES = ['immigration-check'];

/*
 * The list's state is in the URL fragment, so a counter elsewhere can link to a filtered list:
 *   #/ees/overstayers?memberState=XX     those who entered through member state XX
 *   &nationality=<ISO alpha-3>, &sort=<column>&order=asc|desc, &page=<n>
 */
const SPEC = {
  filters: ['memberState', 'nationality'],
  sortable: ['surname', 'entryDate', 'authorisedUntil', 'overstayDays'],
  defaultSort: { column: 'overstayDays', direction: 'desc' },
} as const;

const ALPHA3 = /^[A-Z]{3}$/u;

function OverstayerList({ purpose }: { purpose: string }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const regions = useMemo(() => new Intl.DisplayNames([intl.locale], { type: 'region' }), [intl.locale]);
  const table = useTableState(SPEC);
  const { filters } = table;
  const memberState =
    filters.memberState !== null && /^[A-Z]{2}$/u.test(filters.memberState) ? filters.memberState : null;
  const nationality =
    filters.nationality !== null && ALPHA3.test(filters.nationality) ? filters.nationality : null;
  const { data, loading, error } = useServerPage<EesOverstayersResponse>('/ees/overstayers', purpose, {
    memberState,
    nationality,
    sort: table.sort.column,
    order: table.sort.direction,
    ...pageQuery(table.page),
  });

  const columns: Array<TableColumn<EesOverstayer>> = [
    {
      id: 'surname',
      title: t('overstayers.col.name'),
      sortable: true,
      render: (o) => (
        <Text size="inherit" fw={600}>
          {o.surname}, {o.givenNames}
        </Text>
      ),
      csv: (o) => `${o.surname}, ${o.givenNames}`,
    },
    {
      id: 'birthDate',
      title: t('overstayers.col.birthDate'),
      render: (o) => formatDate(intl, o.birthDate),
      csv: (o) => o.birthDate,
    },
    {
      id: 'nationality',
      title: t('overstayers.col.nationality'),
      render: (o) => o.nationalities.join(', '),
      csv: (o) => o.nationalities.join(', '),
    },
    {
      id: 'entryDate',
      title: t('overstayers.col.entry'),
      sortable: true,
      render: (o) => `${formatDate(intl, o.entryDate)} · ${o.entryBcp} (${o.entryState})`,
      csv: (o) => `${o.entryDate} ${o.entryBcp} (${o.entryState})`,
    },
    {
      id: 'authorisedUntil',
      title: t('overstayers.col.authorisedUntil'),
      sortable: true,
      render: (o) => formatDate(intl, o.authorisedUntil),
      csv: (o) => o.authorisedUntil,
    },
    {
      id: 'overstayDays',
      title: t('overstayers.col.overstay'),
      sortable: true,
      render: (o) => (
        <Group gap={6} wrap="nowrap">
          <Badge color={statusColours.danger} variant="filled" radius="sm" size="sm">
            <FormattedMessage id="overstayers.days" values={{ days: o.overstayDays }} />
          </Badge>
          {o.flaggedOn !== null && (
            <Text size="xs" c="dimmed">
              <FormattedMessage id="overstayers.flagged" values={{ date: formatDate(intl, o.flaggedOn) }} />
            </Text>
          )}
        </Group>
      ),
      csv: (o) => o.overstayDays,
    },
  ];

  return (
    <Stack gap="sm">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('overstayers.memberState')}
          placeholder={t('overstayers.memberState.all')}
          data={SCHENGEN_STATES.map((s) => ({ value: s, label: `${s} · ${regions.of(s) ?? s}` }))}
          value={memberState}
          onChange={(v) => table.setFilters({ memberState: v })}
          clearable
          searchable
          w={280}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          key={nationality ?? ''}
          label={t('lists.overstayers.nationality')}
          description={t('lists.overstayers.nationality.hint')}
          defaultValue={nationality ?? ''}
          maxLength={3}
          w={200}
          data-testid="filter-nationality"
          onChange={(e) => {
            const value = e.currentTarget.value.trim().toUpperCase();
            if (value === '' || ALPHA3.test(value)) {
              table.setFilters({ nationality: value === '' ? null : value });
            }
          }}
        />
      </Group>
      {error !== null && <ErrorAlert error={error} title="overstayers.failed" />}
      {data !== null && (
        <Text size="sm" data-testid="overstayers-summary">
          <FormattedMessage id="overstayers.summary" values={{ count: data.total }} />
        </Text>
      )}
      <DataTable<EesOverstayer>
        id="ees-overstayers"
        caption={t('lists.overstayers.caption')}
        columns={columns}
        records={data?.overstayers ?? null}
        total={data?.total ?? 0}
        rowKey={(o) => o.recordId}
        loading={loading}
        sort={table.sort}
        onSortChange={table.setSort}
        page={table.page}
        pageSize={PAGE_SIZE}
        onPageChange={table.setPage}
        exportLog={{
          screen: 'ees-overstayers',
          system: 'ees',
          purpose,
          filters,
          fileName: 'ees-overstayers',
        }}
        emptyText={t('lists.overstayers.none')}
        rowAttributes={(o) => ({ 'data-testid': 'overstayer-row', 'data-file-id': o.fileId })}
      />
    </Stack>
  );
}

/**
 * The list of overstayers for immigration authorities (Regulation (EU) 2017/2226 art. 12(3)): third-country
 * nationals whose authorised stay ended with no exit recorded, longest overstay first, optionally only those
 * who entered through one member state.
 */
export default function OverstayersPage() {
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <PageTitle id="overstayers.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="overstayers.intro" />
        </Text>
      </Stack>
      <PurposeGate purposes={OVERSTAYER_PURPOSES}>
        {(purpose) => <OverstayerList purpose={purpose} />}
      </PurposeGate>
    </Stack>
  );
}
