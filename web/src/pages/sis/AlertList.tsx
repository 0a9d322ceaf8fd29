import { Anchor, Badge, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation } from 'wouter';

import type { SisAlertList } from '../../api/types.ts';
import { formatDate } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { ShortId } from '../../shell/ShortId.tsx';
import { DataTable, type TableColumn } from '../../shell/table/DataTable.tsx';
import type { TableQuerySpec } from '../../shell/table/tableQuery.ts';
import { useTableState } from '../../shell/table/useTableState.ts';
import { statusColours } from '../../theme.ts';
import { PAGE_SIZE, pageQuery, useServerPage } from '../lists/useServerPage.ts';
import { categoryLabel } from './ActionFirst.tsx';
import { useSisCatalogue } from './catalogue.ts';
import { alertSubject } from './subject.ts';

/** Member states that issue SIS alerts (the EU states and the four associated Schengen states). */
const SIS_STATES = [
  'AT', 'BE', 'BG', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT',
  'LI', 'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const; // prettier-ignore

const STATUSES = ['active', 'review-due', 'review-overdue'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_COLOUR: Record<Status, string> = {
  active: 'gray',
  'review-due': statusColours.warning,
  'review-overdue': statusColours.danger,
};

type FilterName = 'q' | 'category' | 'issuingState' | 'status';
type AlertItem = SisAlertList['alerts'][number];

/** The list's state in the URL: `#/sis/alerts?status=review-due&sort=reviewDue&order=asc&page=2`. */
const ALERT_TABLE: TableQuerySpec<FilterName> = {
  filters: ['q', 'category', 'issuingState', 'status'],
  sortable: ['entered', 'reviewDue', 'category', 'issuingState'],
  defaultSort: { column: 'entered', direction: 'desc' },
};

/**
 * The list of SIS alerts for SIRENE and the police (Regulation (EU) 2018/1862 art. 44), newest first unless
 * sorted otherwise, with search and filters: free text (names, identifiers, references, the id), category,
 * issuing state and where the alert stands against its review date (art. 53). Each row opens the alert.
 */
export function AlertList({ purpose }: { purpose: string }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [, navigate] = useLocation();
  const { catalogue } = useSisCatalogue();
  const table = useTableState(ALERT_TABLE);
  const applied = table.filters;
  const [text, setText] = useState(applied.q ?? '');
  const {
    data: list,
    loading,
    error,
  } = useServerPage<SisAlertList>('/sis/alerts', purpose, {
    ...applied,
    sort: table.sort.column,
    order: table.sort.direction,
    ...pageQuery(table.page),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    table.setFilters({ q: text.trim() === '' ? null : text.trim() });
  };
  const regions = useMemo(() => new Intl.DisplayNames([intl.locale], { type: 'region' }), [intl.locale]);
  const categories = (catalogue?.categories ?? []).map((c) => ({
    value: c.code,
    label: categoryLabel(intl, c.code),
  }));
  const statusLabel = (status: Status) => t(`sisList.status.${status}`);

  const columns: Array<TableColumn<AlertItem>> = [
    {
      id: 'subject',
      title: t('sisList.col.subject'),
      render: ({ alert }) => (
        <Anchor href={`#/sis/alerts/${encodeURIComponent(alert.id)}`} fz="inherit">
          {alertSubject(alert)}
        </Anchor>
      ),
      csv: ({ alert }) => alertSubject(alert),
      hideable: false,
    },
    {
      id: 'id',
      title: t('table.sis.id'),
      render: ({ alert }) => <ShortId id={alert.id} />,
      csv: ({ alert }) => alert.id,
    },
    {
      id: 'category',
      title: t('sisList.col.category'),
      sortable: true,
      render: ({ alert }) => categoryLabel(intl, alert.category),
      csv: ({ alert }) => categoryLabel(intl, alert.category),
    },
    {
      id: 'issuingState',
      title: t('sisList.col.issuedBy'),
      sortable: true,
      render: ({ alert }) => alert.issuingState,
      csv: ({ alert }) => alert.issuingState,
    },
    {
      id: 'reviewDue',
      title: t('sisList.col.reviewDue'),
      sortable: true,
      render: ({ alert, status }) => (
        <Group gap={6} wrap="nowrap">
          <span>{formatDate(intl, alert.reviewDue)}</span>
          {status !== 'active' && (
            <Badge color={STATUS_COLOUR[status]} variant="filled" radius="sm" size="sm">
              {statusLabel(status)}
            </Badge>
          )}
        </Group>
      ),
      csv: ({ alert, status }) =>
        status === 'active' ? alert.reviewDue : `${alert.reviewDue} (${statusLabel(status)})`,
    },
    {
      id: 'entered',
      title: t('sisList.col.entered'),
      sortable: true,
      noWrap: true,
      render: ({ alert }) => formatDate(intl, alert.createdAt.slice(0, 10)),
      csv: ({ alert }) => alert.createdAt,
    },
  ];

  return (
    <Stack gap="sm" data-testid="alert-list">
      <form onSubmit={submit} aria-label={t('sisList.form')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('sisList.q')}
            description={t('sisList.q.description')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            w={280}
          />
          <Button type="submit" variant="default">
            <FormattedMessage id="sisList.search" />
          </Button>
          <Select
            label={t('sisList.category')}
            placeholder={t('sisList.any')}
            data={categories}
            value={applied.category}
            onChange={(v) => table.setFilters({ category: v })}
            clearable
            searchable
            w={280}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('sisList.issuingState')}
            placeholder={t('sisList.any')}
            data={SIS_STATES.map((s) => ({ value: s, label: `${s} · ${regions.of(s) ?? s}` }))}
            value={applied.issuingState}
            onChange={(v) => table.setFilters({ issuingState: v })}
            clearable
            searchable
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('sisList.status')}
            placeholder={t('sisList.any')}
            data={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            value={applied.status}
            onChange={(v) => table.setFilters({ status: v })}
            clearable
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
      </form>
      {error !== null && <ErrorAlert error={error} title="sisList.failed" />}
      <DataTable
        id="sis-alerts"
        caption={t('sisList.title')}
        columns={columns}
        records={list?.alerts ?? null}
        total={list?.total ?? 0}
        rowKey={({ alert }) => alert.id}
        rowAttributes={({ alert, status }) => ({
          'data-testid': 'alert-row',
          'data-alert-id': alert.id,
          'data-status': status,
        })}
        loading={loading}
        sort={table.sort}
        onSortChange={table.setSort}
        page={table.page}
        pageSize={PAGE_SIZE}
        onPageChange={table.setPage}
        onOpen={({ alert }) => navigate(`/sis/alerts/${encodeURIComponent(alert.id)}`)}
        emptyText={t('sisList.none')}
        exportLog={{ screen: 'sis-alerts', system: 'sis', purpose, filters: applied, fileName: 'sis-alerts' }}
      />
    </Stack>
  );
}
