import { Alert, Anchor, Badge, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { SisReviewQueue } from '../../api/types.ts';
import { formatDate } from '../../format/datetime.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { ShortId } from '../../shell/ShortId.tsx';
import { DataTable, type TableColumn } from '../../shell/table/DataTable.tsx';
import { useTableState } from '../../shell/table/useTableState.ts';
import { statusColours, statusText } from '../../theme.ts';
import { pageQuery, PAGE_SIZE, useServerPage } from '../lists/useServerPage.ts';
import { categoryLabel } from './ActionFirst.tsx';
import { AlertActions } from './AlertActions.tsx';
import { ALERT_PURPOSE, useSisCatalogue } from './catalogue.ts';
import { alertSubject } from './subject.ts';

type Item = SisReviewQueue['items'][number];

/*
 * The list's state is in the URL fragment, so a counter elsewhere can link to a filtered list:
 *   #/sis/review?due=soon      review date today or later (still to decide)
 *   #/sis/review?due=overdue   review date passed (deleted with the next retention run)
 *   &category=<alert category>, &sort=<column>&order=asc|desc, &page=<n>
 */
const SPEC = {
  filters: ['due', 'category'],
  sortable: ['reviewDue', 'category', 'createdAt'],
  defaultSort: { column: 'reviewDue', direction: 'asc' },
} as const;

/**
 * The review queue of the SIRENE Bureau (Regulation (EU) 2018/1862 art. 53; 2018/1861 art. 39): the alerts of
 * its member state whose review date falls within the advance-warning window, soonest first. Each is kept
 * after a recorded individual assessment, or deleted with a reason; one not kept is deleted automatically.
 */
export default function ReviewQueuePage() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { catalogue } = useSisCatalogue();
  const table = useTableState(SPEC);
  const { filters } = table;
  const [notice, setNotice] = useState<string | null>(null);
  const { data, loading, error, reload } = useServerPage<SisReviewQueue>('/sis/review-queue', ALERT_PURPOSE, {
    due: filters.due,
    category: filters.category,
    sort: table.sort.column,
    order: table.sort.direction,
    ...pageQuery(table.page),
  });

  // A kept or deleted alert leaves the list at once; the page is then asked again (the next one moves up).
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const done = (id: string, text: string) => {
    setGone((g) => new Set([...g, id]));
    setNotice(text);
    reload();
  };

  const columns: Array<TableColumn<Item>> = [
    {
      id: 'alert',
      title: t('lists.review.col.alert'),
      hideable: false,
      render: (item) => (
        <Stack gap={2}>
          <Anchor href={`#/sis/alerts/${encodeURIComponent(item.alert.id)}`} fw={600}>
            {alertSubject(item.alert)}
          </Anchor>
          <ShortId id={item.alert.id} />
        </Stack>
      ),
      csv: (item) => `${alertSubject(item.alert)} (${item.alert.id})`,
    },
    {
      id: 'category',
      title: t('lists.review.col.category'),
      sortable: true,
      render: (item) => categoryLabel(intl, item.alert.category),
      csv: (item) => categoryLabel(intl, item.alert.category),
    },
    {
      id: 'reviewDue',
      title: t('lists.review.col.reviewDue'),
      sortable: true,
      noWrap: true,
      render: (item) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{formatDate(intl, item.alert.reviewDue)}</Text>
          <Badge
            color={item.daysLeft <= 14 ? statusColours.danger : statusColours.warning}
            variant="filled"
            radius="sm"
          >
            <FormattedMessage id="sisReview.daysLeft" values={{ days: item.daysLeft }} />
          </Badge>
        </Group>
      ),
      csv: (item) => item.alert.reviewDue,
    },
    {
      id: 'notice',
      title: t('lists.review.col.notice'),
      render: (item) =>
        item.noticeAt === null ? (
          <FormattedMessage id="sisReview.noNotice" />
        ) : (
          <FormattedMessage
            id="sisReview.notice"
            values={{ at: <PlaceTime at={item.noticeAt} relativeTo={Date.now()} /> }}
          />
        ),
      csv: (item) => item.noticeAt ?? '',
    },
    {
      id: 'createdAt',
      title: t('lists.review.col.createdAt'),
      sortable: true,
      render: (item) => formatDate(intl, item.alert.createdAt.slice(0, 10)),
      csv: (item) => item.alert.createdAt,
    },
    {
      id: 'actions',
      title: t('lists.review.col.actions'),
      hideable: false,
      width: 320,
      render: (item) => (
        <AlertActions
          alert={item.alert}
          onExtended={(updated) =>
            done(
              item.alert.id,
              intl.formatMessage(
                { id: 'sisReview.extended' },
                { id: updated.id, date: formatDate(intl, updated.reviewDue) },
              ),
            )
          }
          onDeleted={(on) =>
            done(
              item.alert.id,
              intl.formatMessage(
                { id: 'sisReview.deleted' },
                { id: item.alert.id, date: formatDate(intl, on) },
              ),
            )
          }
        />
      ),
      csv: () => '',
    },
  ];

  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <PageTitle id="sisReview.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="sisReview.intro" />
        </Text>
      </Stack>
      <div role="status" aria-live="polite">
        {notice !== null && (
          <Alert color={statusText.success} variant="outline" data-testid="review-notice">
            <Text size="sm">{notice}</Text>
          </Alert>
        )}
      </div>
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('lists.review.due')}
          placeholder={t('lists.any')}
          data={[
            { value: 'soon', label: t('lists.review.due.soon') },
            { value: 'overdue', label: t('lists.review.due.overdue') },
          ]}
          value={filters.due}
          onChange={(v) => table.setFilters({ due: v })}
          clearable
          w={240}
        />
        <Select
          label={t('lists.review.category')}
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
      </Group>
      {error !== null && <ErrorAlert error={error} title="sisReview.failed" />}
      {data !== null && (
        <Text data-testid="review-summary">
          <FormattedMessage
            id="sisReview.summary"
            values={{ count: data.total, until: formatDate(intl, data.until) }}
          />
        </Text>
      )}
      <DataTable<Item>
        id="sis-review"
        caption={t('lists.review.caption')}
        columns={columns}
        records={data === null ? null : data.items.filter((item) => !gone.has(item.alert.id))}
        total={data?.total ?? 0}
        rowKey={(item) => item.alert.id}
        loading={loading}
        sort={table.sort}
        onSortChange={table.setSort}
        page={table.page}
        pageSize={PAGE_SIZE}
        onPageChange={table.setPage}
        exportLog={{
          screen: 'sis-review-queue',
          system: 'sis',
          purpose: ALERT_PURPOSE,
          filters,
          fileName: 'sis-review-queue',
        }}
        emptyText={t('lists.review.none')}
        rowAttributes={(item) => ({ 'data-testid': 'review-item', 'data-alert-id': item.alert.id })}
      />
    </Stack>
  );
}
