/**
 * The one table every list of the officer interface uses (alerts, hits, overstayers, the audit log, queues),
 * on `mantine-datatable`. It is **controlled**: the page fetches one page from the server (sorted, filtered
 * and paged there) and passes the records, the total and the state; the table reports changes. Keep the state
 * in the URL with {@link useTableState} so a filtered list can be linked (`#/audit?operation=…&sort=time`).
 *
 * What it adds to a plain table, the same on every screen:
 * - sortable headings are buttons named by the column (the order is `aria-sort` on the heading cell, as in the
 *   WAI-ARIA sortable table pattern); paging below the table;
 * - a density switch (compact / comfortable, remembered for all tables in `localStorage`);
 * - column choice (show/hide, remembered per table `id` in `localStorage`; one column always stays);
 * - CSV export of what is shown: the visible columns of the rows on screen, as each column's `csv` gives
 *   them. The export is first logged on the server (`POST /api/v1/audit/exports`, with `exportLog.screen`,
 *   the filters and the row count, under the page's purpose); the file is saved only once the server
 *   accepted the record. Formula-like cells are neutralised ({@link buildCsv});
 * - empty and loading states announced to screen readers (`role="status"`);
 * - keyboard: Tab reaches the rows (one tab stop, the last row used), ↑/↓/Home/End move between rows and
 *   Enter opens the row (`onOpen`) where the list has a detail view; a click on a row does the same unless it
 *   hits a button or link inside it.
 * Identifiers in cells should be shown with `ShortId` (shortened, whole on hover, copy button).
 *
 * Hooks for tests: the wrapper is `data-testid="table-<id>"` with `data-density`; the line above the table
 * (`table-summary`, a live region) says `1–25 of 60` or `emptyText`; cells carry `data-col="<column id>"`, rows
 * `data-row="<rowKey>"` plus `rowAttributes`; the controls are `table-density`, `table-columns`, `table-export`.
 *
 * @example
 * const SPEC = { filters: ['status'], sortable: ['created'], defaultSort: { column: 'created', direction: 'desc' } } as const;
 * const state = useTableState(SPEC);
 * // fetch `/things?status=…&sort=…&order=…&limit=25&offset=(state.page - 1) * 25` into `data`
 * <DataTable
 *   id="things"
 *   caption={t('things.title')}
 *   columns={[{ id: 'created', title: t('things.col.created'), sortable: true,
 *               render: (r) => formatDate(intl, r.created), csv: (r) => r.created }]}
 *   records={data?.items ?? null}
 *   total={data?.total ?? 0}
 *   rowKey={(r) => r.id}
 *   loading={loading}
 *   sort={state.sort} onSortChange={state.setSort}
 *   page={state.page} pageSize={25} onPageChange={state.setPage}
 *   onOpen={(r) => navigate(`/things/${r.id}`)}
 *   exportLog={{ screen: 'things', system: 'sis', purpose, filters: state.filters, fileName: 'things' }}
 *   emptyText={t('things.none')}
 * />
 */
import 'mantine-datatable/styles.layer.css';

import {
  Button,
  Checkbox,
  Group,
  Loader,
  Popover,
  SegmentedControl,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { DataTable as MantineDataTable, type DataTableColumn } from 'mantine-datatable';
import {
  useEffect,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { buildCsv, saveTextFile, type CsvCell } from './csv.ts';
import type { TableSort } from './tableQuery.ts';

export type { TableSort } from './tableQuery.ts';

/** One column of a {@link DataTable}. */
export interface TableColumn<T> {
  /** Stable id: the sort key sent to the server, the key of the column choice, `data-col` of its cells. */
  id: string;
  /** The heading, already translated; also the CSV header. */
  title: string;
  render: (record: T) => ReactNode;
  /** The cell's value in the CSV export: what the column shows, as plain text or a number. */
  csv: (record: T) => CsvCell;
  /** The server can sort by this column (its `id`). */
  sortable?: boolean;
  /** The user may hide the column (default true). */
  hideable?: boolean;
  noWrap?: boolean;
  width?: number | string;
}

/** How the table's CSV export is logged (`POST /api/v1/audit/exports`) and named. */
export interface TableExportLog {
  /** The screen exported from, e.g. `audit-log`, `sis-alerts`. */
  screen: string;
  /** The system whose data the list shows (`audit`, `sis`, `ees`, `hubs`, …). */
  system: string;
  /** The purpose the list is read for (sent as `X-Interlink-Purpose`). */
  purpose: string;
  /** The filters in effect, as the list's URL holds them (empty ones are left out). */
  filters: Readonly<Record<string, string | null>>;
  /** File name without date and extension. */
  fileName: string;
}

export interface DataTableProps<T> {
  /** Stable id of the list (`localStorage` key of its column choice, `data-testid` of the table). */
  id: string;
  /** Accessible name of the table, already translated. */
  caption: string;
  columns: ReadonlyArray<TableColumn<T>>;
  /** The page of records, or null before the first answer. */
  records: readonly T[] | null;
  /** How many records match in all (for paging). */
  total: number;
  /** The server stopped counting at `total`: more match ("1–50 of more than 10,000"). */
  totalIsLowerBound?: boolean;
  rowKey: (record: T) => string;
  /** A request for the current state is under way. */
  loading: boolean;
  sort: TableSort;
  onSortChange: (sort: TableSort) => void;
  /** 1-based page. */
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  /** Opens a record's detail (Enter on a row, or a click on it); rows are not openable without it. */
  onOpen?: (record: T) => void;
  /** Offers the CSV export of what is shown, logged as described. */
  exportLog?: TableExportLog;
  /** Shown when no record matches, already translated. */
  emptyText: string;
  /** Extra attributes of each row, e.g. `data-status` for styling or tests. */
  rowAttributes?: (record: T) => Record<string, string | number | undefined>;
}

export type Density = 'compact' | 'comfortable';

const DENSITY_KEY = 'interlink.table.density';
const hiddenKey = (id: string) => `interlink.table.${id}.hidden`;

/** The remembered density (all tables) and hidden columns (per table). */
function useTablePreferences(id: string) {
  const [density, setDensity] = useLocalStorage<Density>({
    key: DENSITY_KEY,
    defaultValue: 'compact',
    getInitialValueInEffect: false,
  });
  const [hidden, setHidden] = useLocalStorage<string[]>({
    key: hiddenKey(id),
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  return {
    density: density === 'comfortable' ? 'comfortable' : ('compact' as Density),
    setDensity,
    hidden: Array.isArray(hidden) ? hidden : [],
    setHidden,
  };
}

const INTERACTIVE = 'a, button, input, select, textarea, [role="button"]';

function ColumnChoice<T>({
  columns,
  hidden,
  onChange,
}: {
  columns: ReadonlyArray<TableColumn<T>>;
  hidden: readonly string[];
  onChange: (hidden: string[]) => void;
}) {
  const intl = useIntl();
  const shown = columns.filter((c) => !hidden.includes(c.id));
  return (
    <Popover position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs" data-testid="table-columns">
          <FormattedMessage id="table.columns" />
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" role="group" aria-label={intl.formatMessage({ id: 'table.columns.legend' })}>
          {columns.map((c) => {
            const visible = !hidden.includes(c.id);
            return (
              <Checkbox
                key={c.id}
                label={c.title}
                checked={visible}
                data-column-toggle={c.id}
                // The last visible column stays: a table without columns shows nothing.
                disabled={c.hideable === false || (visible && shown.length === 1)}
                onChange={(e) =>
                  onChange(e.currentTarget.checked ? hidden.filter((h) => h !== c.id) : [...hidden, c.id])
                }
              />
            );
          })}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** See the module comment for what the table does and how a list uses it. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { id, caption, columns, records, total, rowKey, loading, sort, onSortChange } = props;
  const summaryId = props.totalIsLowerBound === true ? 'table.summaryAtLeast' : 'table.summary';
  const { page, pageSize, onPageChange, onOpen, exportLog, emptyText, rowAttributes } = props;
  const intl = useIntl();
  const { api } = useSession();
  const { density, setDensity, hidden, setHidden } = useTablePreferences(id);
  const [activeRow, setActiveRow] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [table, setTable] = useState<HTMLTableElement | null>(null);
  const rows = records ?? [];
  const visible = columns.filter((c) => !hidden.includes(c.id));
  // If a stored choice hides every column (columns renamed since), show them all.
  const shownColumns = visible.length === 0 ? columns : visible;

  // mantine-datatable does not set aria-sort; the heading cell is where assistive technology looks for it.
  useEffect(() => {
    if (table === null) {
      return;
    }
    for (const th of table.querySelectorAll<HTMLTableCellElement>('thead th[data-accessor]')) {
      const column = th.dataset.accessor;
      if (column === sort.column) {
        th.setAttribute('aria-sort', sort.direction === 'asc' ? 'ascending' : 'descending');
      } else {
        th.removeAttribute('aria-sort');
      }
    }
  });

  useEffect(() => setActiveRow(0), [records]);

  const heading = (c: TableColumn<T>): ReactNode => {
    if (c.sortable !== true) {
      return c.title;
    }
    const active = sort.column === c.id;
    const next: TableSort = active
      ? { column: c.id, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
      : { column: c.id, direction: 'asc' };
    return (
      <UnstyledButton
        onClick={() => onSortChange(next)}
        fz="inherit"
        fw={700}
        data-sort={c.id}
        data-sort-direction={active ? sort.direction : undefined}
        style={{ whiteSpace: 'nowrap' }}
      >
        {c.title}
        <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </UnstyledButton>
    );
  };

  const mantineColumns: Array<DataTableColumn<T>> = columns.map((c) => ({
    accessor: c.id,
    title: heading(c),
    render: (record: T) => c.render(record),
    hidden: !shownColumns.includes(c),
    noWrap: c.noWrap,
    width: c.width,
    customCellAttributes: () => ({ 'data-col': c.id }),
  }));

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, record: T, index: number) => {
    if (event.target !== event.currentTarget) {
      return;
    }
    const row = event.currentTarget;
    const focus = (target: Element | null | undefined) => {
      if (target instanceof HTMLTableRowElement) {
        event.preventDefault();
        target.focus();
      }
    };
    switch (event.key) {
      case 'ArrowDown':
        focus(row.nextElementSibling);
        break;
      case 'ArrowUp':
        focus(row.previousElementSibling);
        break;
      case 'Home':
        focus(row.parentElement?.firstElementChild);
        break;
      case 'End':
        focus(row.parentElement?.lastElementChild);
        break;
      case 'Enter':
        if (onOpen !== undefined) {
          event.preventDefault();
          onOpen(record);
        }
        break;
      default:
        setActiveRow(index);
    }
  };

  const exportCsv = async () => {
    if (exportLog === undefined) {
      return;
    }
    setExporting(true);
    setExportError(null);
    try {
      const filters = Object.fromEntries(
        Object.entries(exportLog.filters).filter((e): e is [string, string] => e[1] !== null && e[1] !== ''),
      );
      // Logged first: the file exists only if the server recorded the export.
      await api('/audit/exports', {
        method: 'POST',
        purpose: exportLog.purpose,
        body: {
          screen: exportLog.screen,
          system: exportLog.system,
          filters,
          sort: `${sort.column} ${sort.direction}`,
          page,
          columns: shownColumns.map((c) => c.id),
          rows: rows.length,
        },
      });
      const csv = buildCsv(
        shownColumns.map((c) => c.title),
        rows.map((r) => shownColumns.map((c) => c.csv(r))),
      );
      saveTextFile(csv, `${exportLog.fileName}-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (failure) {
      setExportError(failure);
    } finally {
      setExporting(false);
    }
  };

  const compact = density === 'compact';
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = (page - 1) * pageSize + rows.length;

  return (
    <Stack gap="xs" data-testid={`table-${id}`} data-density={density}>
      <Group justify="space-between" gap="sm" className="no-print">
        <Text size="sm" role="status" data-testid="table-summary">
          {records === null ? null : total === 0 ? (
            emptyText
          ) : (
            <FormattedMessage id={summaryId} values={{ from, to, total }} />
          )}
        </Text>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={density}
            onChange={(v) => setDensity(v === 'comfortable' ? 'comfortable' : 'compact')}
            aria-label={intl.formatMessage({ id: 'table.density' })}
            data-testid="table-density"
            data={[
              { value: 'compact', label: intl.formatMessage({ id: 'table.density.compact' }) },
              { value: 'comfortable', label: intl.formatMessage({ id: 'table.density.comfortable' }) },
            ]}
          />
          <ColumnChoice columns={columns} hidden={hidden} onChange={setHidden} />
          {exportLog !== undefined && (
            <Button
              variant="default"
              size="xs"
              onClick={() => void exportCsv()}
              loading={exporting}
              disabled={rows.length === 0}
              data-testid="table-export"
            >
              <FormattedMessage id="table.export" />
            </Button>
          )}
        </Group>
      </Group>
      {exportError !== null && <ErrorAlert error={exportError} title="table.export.failed" />}
      <MantineDataTable<T>
        tableRef={setTable}
        aria-label={caption}
        data-testid={`table-${id}-grid`}
        withTableBorder
        borderRadius="sm"
        striped
        highlightOnHover
        verticalSpacing={compact ? 4 : 'sm'}
        horizontalSpacing="xs"
        fz={compact ? 'xs' : 'sm'}
        minHeight={rows.length === 0 ? 160 : undefined}
        columns={mantineColumns}
        records={rows as T[]}
        idAccessor={(r: T) => rowKey(r)}
        fetching={loading}
        customLoader={
          <Group gap="xs" role="status">
            <Loader size="sm" aria-hidden />
            <Text size="sm">
              <FormattedMessage id="table.loading" />
            </Text>
          </Group>
        }
        // The summary above says that nothing matches (announced as a status); the empty table stays blank.
        emptyState={<span />}
        onRowClick={
          onOpen === undefined
            ? undefined
            : ({ event, record }: { event: MouseEvent; record: T }) => {
                if (!(event.target instanceof Element) || event.target.closest(INTERACTIVE) === null) {
                  onOpen(record);
                }
              }
        }
        customRowAttributes={(record: T, index: number) => ({
          ...rowAttributes?.(record),
          'data-row': rowKey(record),
          tabIndex: index === Math.min(activeRow, rows.length - 1) ? 0 : -1,
          onFocus: (e: FocusEvent<HTMLTableRowElement>) => {
            if (e.target === e.currentTarget) {
              setActiveRow(index);
            }
          },
          onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => onRowKeyDown(e, record, index),
          style: onOpen === undefined ? undefined : { cursor: 'pointer' },
        })}
        page={page}
        onPageChange={onPageChange}
        totalRecords={total}
        recordsPerPage={pageSize}
        paginationText={({ from: a, to: b, totalRecords }) =>
          intl.formatMessage({ id: summaryId }, { from: a, to: b, total: totalRecords })
        }
        getPaginationControlProps={(control) => ({
          'aria-label': intl.formatMessage({ id: `table.page.${control}` }),
        })}
        getPaginationItemProps={(n) => ({
          'aria-label': intl.formatMessage({ id: 'table.page.number' }, { page: n }),
        })}
        paginationSize="sm"
      />
    </Stack>
  );
}
