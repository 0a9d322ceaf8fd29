import { Anchor, Group, Select, Stack, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation, useParams } from 'wouter';

import type { MidLinkList, MidLinkSummary } from '../../api/types.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { ShortId } from '../../shell/ShortId.tsx';
import { DataTable, type TableColumn } from '../../shell/table/DataTable.tsx';
import { useTableState } from '../../shell/table/useTableState.ts';
import { formatScore } from '../biometrics/format.ts';
import { pageQuery, PAGE_SIZE, useServerPage } from '../lists/useServerPage.ts';
import { useNow } from '../sis/Deadline.tsx';
import { LinkColorBadge, VerifyBy } from './LinkColor.tsx';
import { LinkDetailPage } from './LinkDetailPage.tsx';
import {
  colorLabel,
  LINK_COLORS,
  LINK_SYSTEMS,
  MID_PURPOSE,
  ruleLabel,
  splitRef,
  systemShort,
} from './mid.ts';

/*
 * The list's state is in the URL fragment:
 *   #/mid/links                     yellow links waiting for this authority's verification (color=yellow)
 *   #/mid/links?color=all           every link this authority verifies; color=white|green|red: one colour
 *   &system=ees|etias|eurodac|sis   links with a record of that system
 *   &sort=verifyBy|createdAt|color&order=asc|desc, &page=<n>
 */
const SPEC = {
  filters: ['color', 'system'],
  sortable: ['verifyBy', 'createdAt', 'color'],
  defaultSort: { column: 'verifyBy', direction: 'asc' },
} as const;

/** A linked record in the list: its system and the record id shortened. */
function RecordRef({ value }: { value: string }) {
  const intl = useIntl();
  const { system, id } = splitRef(value);
  return (
    <Group gap={4} wrap="nowrap" data-testid="link-record" data-ref={value}>
      <Text size="sm" fw={600} span>
        {systemShort(intl, system)}
      </Text>
      <ShortId id={id} />
    </Group>
  );
}

/**
 * The verifying authority's queue (Regs. (EU) 2019/817 and 2019/818 art. 29): the links of records its authority
 * type and member state are responsible for, the nearest "verify by" first.
 */
function LinkQueue() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const now = useNow();
  const [, navigate] = useLocation();
  const table = useTableState(SPEC);
  const color = table.filters.color ?? 'yellow';
  const system = table.filters.system ?? null;
  const { data, loading, error } = useServerPage<MidLinkList>('/mid/links', MID_PURPOSE, {
    color: color === 'all' ? undefined : color,
    system: system ?? undefined,
    sort: table.sort.column,
    order: table.sort.direction,
    ...pageQuery(table.page),
  });
  const open = (l: MidLinkSummary) => `/mid/links/${encodeURIComponent(l.id)}`;

  const columns: Array<TableColumn<MidLinkSummary>> = [
    {
      id: 'color',
      title: t('mid.links.col.color'),
      sortable: true,
      render: (l) => <LinkColorBadge color={l.color} />,
      csv: (l) => colorLabel(intl, l.color),
    },
    {
      id: 'records',
      title: t('mid.links.col.records'),
      hideable: false,
      render: (l) => (
        <Stack gap={2}>
          <Anchor href={`#${open(l)}`} fw={600} size="sm">
            <FormattedMessage id="mid.links.open" values={{ icf: l.icf }} />
          </Anchor>
          {l.records.map((r) => (
            <RecordRef key={r} value={r} />
          ))}
        </Stack>
      ),
      csv: (l) => `${l.icf} ${l.records.join(' ')}`,
    },
    {
      id: 'rules',
      title: t('mid.links.col.rules'),
      render: (l) => (
        <Text size="sm">
          {intl.formatList(
            l.rules.map((r) => ruleLabel(intl, r)),
            { type: 'unit' },
          )}
        </Text>
      ),
      csv: (l) => l.rules.join(' '),
    },
    {
      id: 'biometricScore',
      title: t('mid.links.col.score'),
      render: (l) =>
        l.biometricScore === undefined ? (
          <Text size="sm" c="dimmed" span>
            <FormattedMessage id="mid.links.notCompared" />
          </Text>
        ) : (
          formatScore(intl, l.biometricScore)
        ),
      csv: (l) => l.biometricScore ?? '',
    },
    {
      id: 'createdAt',
      title: t('mid.links.col.created'),
      sortable: true,
      render: (l) => <PlaceTime at={l.createdAt} relativeTo={now} />,
      csv: (l) => l.createdAt,
    },
    {
      id: 'verifyBy',
      title: t('mid.links.col.verifyBy'),
      sortable: true,
      render: (l) => <VerifyBy at={l.color === 'yellow' ? l.verifyBy : undefined} now={now} />,
      csv: (l) => l.verifyBy ?? '',
    },
  ];

  return (
    <Stack gap="lg" maw={1300}>
      <Stack gap={4}>
        <PageTitle id="mid.links.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="mid.links.intro" />
        </Text>
      </Stack>
      <Group gap="md" align="flex-end">
        <Select
          label={t('mid.links.filter.color')}
          data={[
            ...LINK_COLORS.map((c) => ({ value: c, label: colorLabel(intl, c) })),
            { value: 'all', label: t('mid.links.filter.allColors') },
          ]}
          value={color}
          onChange={(v) => table.setFilters({ color: v === null || v === 'yellow' ? null : v })}
          allowDeselect={false}
          maw={260}
          data-testid="link-color-filter"
        />
        <Select
          label={t('mid.links.filter.system')}
          data={[
            { value: 'any', label: t('mid.links.filter.anySystem') },
            ...LINK_SYSTEMS.map((s) => ({ value: s, label: systemShort(intl, s) })),
          ]}
          value={system ?? 'any'}
          onChange={(v) => table.setFilters({ system: v === null || v === 'any' ? null : v })}
          allowDeselect={false}
          maw={260}
          data-testid="link-system-filter"
        />
      </Group>
      {error !== null && <ErrorAlert error={error} title="mid.links.failed" />}
      <DataTable<MidLinkSummary>
        id="mid-links"
        caption={t('mid.links.caption')}
        columns={columns}
        records={data === null ? null : data.links}
        total={data?.total ?? 0}
        rowKey={(l) => l.id}
        loading={loading}
        sort={table.sort}
        onSortChange={table.setSort}
        page={table.page}
        pageSize={PAGE_SIZE}
        onPageChange={table.setPage}
        onOpen={(l) => navigate(open(l))}
        exportLog={{
          screen: 'mid-links',
          system: 'mid',
          purpose: MID_PURPOSE,
          filters: { color, system },
          fileName: 'mid-links',
        }}
        emptyText={t(color === 'yellow' ? 'mid.links.none' : 'mid.links.noneFiltered')}
        rowAttributes={(l) => ({
          'data-testid': 'mid-link-row',
          'data-link-id': l.id,
          'data-color': l.color,
        })}
      />
    </Stack>
  );
}

/**
 * The verification of multiple-identity links: the queue at `#/mid/links`, and at `#/mid/links/:id` one link
 * with both records side by side and the decision.
 */
export default function LinksPage() {
  const params = useParams<{ id?: string }>();
  if (params.id !== undefined) {
    return <LinkDetailPage key={params.id} id={decodeURIComponent(params.id)} />;
  }
  return <LinkQueue />;
}
