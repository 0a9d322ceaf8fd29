import {
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { MessageId } from '../../i18n/messages.ts';
import { DayInput } from '../../shell/DayInput.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { setHashQuery, useHashQuery } from '../../shell/table/hashQuery.ts';
import { ChartCard, Count } from './ChartCard.tsx';
import { figureLabel, Headlines, valueLabel } from './Headlines.tsx';
import { BCPS, findPlace, HUBS, SCHENGEN } from './places.ts';
import {
  daysBetween,
  dimensionOf,
  exportName,
  figureParams,
  PERIODS,
  readView,
  toCounts,
  toSeries,
  writeView,
  type BarometerView,
  type FigureQuery,
} from './stats.ts';
import type { BarometerAnswer, StatsAnswer, StatsCatalogue } from './types.ts';
import { useStats } from './useStats.ts';

const BarometerMap = lazy(() => import('./BarometerMap.tsx'));

/** MID links are drawn in the colour they are named by (white with an edge, so that it shows on white). */
const LINK_COLORS: Readonly<Record<string, string>> = {
  red: '#e03131',
  yellow: '#f59f00',
  green: '#2f9e44',
  white: '#f1f3f5',
};

/** The interval of a time series over the period: days up to a quarter, then weeks, then months. */
function intervalFor(view: BarometerView): 'day' | 'week' | 'month' {
  const days = daysBetween(view.from, view.to).length;
  return days <= 92 ? 'day' : days <= 400 ? 'week' : 'month';
}

/** The figure's answer under the page's period and member state (and the place, when one is open). */
function useFigure(
  query: FigureQuery | null,
  view: BarometerView,
  catalogue: StatsCatalogue | null,
  ignoreState = false,
) {
  const params =
    query === null
      ? null
      : figureParams(query, ignoreState ? { ...view, memberState: null } : view, catalogue);
  const loaded = useStats<StatsAnswer>(
    query === null ? null : `/stats/figures/${encodeURIComponent(query.figure)}`,
    params,
  );
  return { ...loaded, params };
}

/** A chart of one figure over time, split by a dimension: what {@link SeriesChart} draws. */
interface SeriesSpec {
  id: string;
  title: MessageId;
  figure: string;
  splitBy: readonly string[];
  kind: 'line' | 'stacked-bar';
}

/**
 * The time-series section, in its order: the figures drawn the same way, and the charts that need more than
 * one figure (ETIAS manual routing, backlog, data quality) by name.
 */
const SERIES_CHARTS: ReadonlyArray<SeriesSpec | 'manual-routing' | 'backlog' | 'quality'> = [
  {
    id: 'crossings',
    title: 'barometer.chart.crossings',
    figure: 'ees.crossings',
    splitBy: ['direction'],
    kind: 'line',
  },
  {
    id: 'refusals',
    title: 'barometer.chart.refusals',
    figure: 'ees.refusals',
    splitBy: ['ground', 'reason'],
    kind: 'stacked-bar',
  },
  {
    id: 'sis-hits',
    title: 'barometer.chart.sisHits',
    figure: 'sis.hits',
    splitBy: ['category'],
    kind: 'stacked-bar',
  },
  {
    id: 'hub-hits',
    title: 'barometer.chart.hubHits',
    figure: 'hubs.hits',
    splitBy: ['hub', 'hubId'],
    kind: 'stacked-bar',
  },
  {
    id: 'etias-applications',
    title: 'barometer.chart.etiasApplications',
    figure: 'etias.applications',
    splitBy: [],
    kind: 'line',
  },
  'manual-routing',
  {
    id: 'eurodac',
    title: 'barometer.chart.eurodac',
    figure: 'eurodac.registrations',
    splitBy: ['category'],
    kind: 'stacked-bar',
  },
  {
    id: 'mid-links',
    title: 'barometer.chart.midLinks',
    figure: 'mid.links',
    splitBy: ['color', 'colour'],
    kind: 'stacked-bar',
  },
  'backlog',
  'quality',
];

/** One time-series chart: a figure by period, split by one of its dimensions. */
function SeriesChart({
  id,
  title,
  figure,
  splitBy,
  kind,
  view,
  catalogue,
  filters,
  titleValues,
}: {
  id: string;
  title: MessageId;
  figure: string;
  /** Candidate names of the dimension the series are split by (the first the figure has); empty: total. */
  splitBy: readonly string[];
  kind: 'line' | 'stacked-bar';
  view: BarometerView;
  catalogue: StatsCatalogue | null;
  filters?: Record<string, string>;
  titleValues?: Record<string, string>;
}) {
  const intl = useIntl();
  const dim = splitBy.length === 0 ? null : dimensionOf(catalogue, figure, splitBy);
  const interval = intervalFor(view);
  const query: FigureQuery = {
    figure,
    by: dim === null ? ['period'] : ['period', dim],
    interval,
    filters,
  };
  const { data, error, loading, params } = useFigure(query, view, catalogue);
  const table = useMemo(
    () =>
      data === null
        ? null
        : toSeries(data, dim, interval === 'day' ? daysBetween(view.from, view.to) : undefined),
    [data, dim, interval, view.from, view.to],
  );
  const series =
    table?.series.map((s) => ({
      name: dim === null ? figureLabel(intl, figure) : valueLabel(intl, dim, s.name),
      values: s.values,
      color: dim === 'colour' || dim === 'color' ? LINK_COLORS[s.name] : undefined,
    })) ?? [];
  return (
    <ChartCard
      id={id}
      title={title}
      titleValues={titleValues}
      kind={kind}
      categories={table?.periods ?? []}
      categoryHeader="barometer.table.period"
      series={series}
      minCell={data?.minCell ?? 5}
      csv={params === null ? null : { figure, params, fileName: exportName(figure, view, 'csv') }}
      loading={loading}
      error={error}
    />
  );
}

/** Each screening rule's share of the period's applications sent to manual processing (2018/1240 art. 20). */
function ManualRoutingChart({ view, catalogue }: { view: BarometerView; catalogue: StatsCatalogue | null }) {
  const intl = useIntl();
  const ruleDim =
    dimensionOf(catalogue, 'etias.manual-routing', ['rule', 'ruleId', 'screeningRule']) ?? 'rule';
  const routed = useFigure(
    { figure: 'etias.manual-routing', by: [ruleDim], interval: 'total' },
    view,
    catalogue,
  );
  const applications = useFigure(
    { figure: 'etias.applications', by: [], interval: 'total' },
    view,
    catalogue,
  );
  const counts = routed.data === null ? null : toCounts(routed.data, ruleDim);
  const total = applications.data?.total ?? null;
  const rules = counts === null ? [] : [...counts.keys()].sort();
  const shares = rules.map((r) => {
    const n = counts?.get(r) ?? null;
    return n === null || total === null || total === 0 ? null : Math.round((1000 * n) / total) / 10;
  });
  return (
    <ChartCard
      id="etias-manual"
      title="barometer.chart.etiasManual"
      kind="bar"
      horizontal
      percent
      categories={rules.map((r) => valueLabel(intl, ruleDim, r))}
      categoryHeader="barometer.table.rule"
      series={[{ name: intl.formatMessage({ id: 'barometer.series.share' }), values: shares }]}
      minCell={routed.data?.minCell ?? 5}
      csv={
        routed.params === null
          ? null
          : {
              figure: 'etias.manual-routing',
              params: routed.params,
              fileName: exportName('etias.manual-routing', view, 'csv'),
            }
      }
      loading={routed.loading || applications.loading}
      error={routed.error ?? applications.error}
      note={
        <FormattedMessage
          id="barometer.chart.etiasManual.note"
          values={{
            total:
              total === null
                ? intl.formatMessage({ id: 'barometer.suppressed' }, { min: 5 })
                : intl.formatNumber(total),
          }}
        />
      }
    />
  );
}

/** The verification backlog of yellow MID links by due day, and how many are past their deadline. */
function BacklogChart({ view, catalogue }: { view: BarometerView; catalogue: StatsCatalogue | null }) {
  const intl = useIntl();
  const backlog = useFigure({ figure: 'mid.backlog', by: ['period'], interval: 'day' }, view, catalogue);
  const table = backlog.data === null ? null : toSeries(backlog.data, null);
  const periods = table?.periods ?? [];
  const values = table?.series[0]?.values ?? [];
  const missed = periods.reduce((sum, p, i) => (p < view.to ? sum + (values[i] ?? 0) : sum), 0);
  const missedSuppressed = periods.some((p, i) => p < view.to && values[i] === null);
  return (
    <ChartCard
      id="mid-backlog"
      title="barometer.chart.midBacklog"
      kind="bar"
      categories={periods}
      categoryHeader="barometer.table.dueDay"
      series={[{ name: intl.formatMessage({ id: 'barometer.series.waiting' }), values }]}
      minCell={backlog.data?.minCell ?? 5}
      csv={
        backlog.params === null
          ? null
          : {
              figure: 'mid.backlog',
              params: backlog.params,
              fileName: exportName('mid.backlog', view, 'csv'),
            }
      }
      loading={backlog.loading}
      error={backlog.error}
      note={
        <span data-testid="backlog-missed" data-missed={missed}>
          <FormattedMessage
            id={
              missedSuppressed
                ? 'barometer.chart.midBacklog.missedAtLeast'
                : 'barometer.chart.midBacklog.missed'
            }
            values={{ count: missed }}
          />
        </span>
      }
    />
  );
}

const QUALITY_FIGURES = [
  'quality.files-without-biometrics',
  'quality.alerts-past-review',
  'quality.hits-without-reply',
] as const;

/** Data quality: files without biometrics, alerts past their review date, hits without a SIRENE reply in time. */
function QualityChart({ view, catalogue }: { view: BarometerView; catalogue: StatsCatalogue | null }) {
  const intl = useIntl();
  const a = useFigure({ figure: QUALITY_FIGURES[0], by: [], interval: 'total' }, view, catalogue);
  const b = useFigure({ figure: QUALITY_FIGURES[1], by: [], interval: 'total' }, view, catalogue);
  const c = useFigure({ figure: QUALITY_FIGURES[2], by: [], interval: 'total' }, view, catalogue);
  const all = [a, b, c];
  return (
    <ChartCard
      id="quality"
      title="barometer.chart.quality"
      kind="bar"
      horizontal
      categories={QUALITY_FIGURES.map((f) => figureLabel(intl, f))}
      categoryHeader="barometer.table.figure"
      series={[
        {
          name: intl.formatMessage({ id: 'barometer.series.count' }),
          values: all.map((x) => (x.data === null ? 0 : x.data.total)),
        },
      ]}
      minCell={a.data?.minCell ?? 5}
      csv={
        a.params === null
          ? null
          : {
              figure: QUALITY_FIGURES[0],
              params: a.params,
              fileName: exportName(QUALITY_FIGURES[0], view, 'csv'),
            }
      }
      loading={all.some((x) => x.loading)}
      error={all.find((x) => x.error !== null)?.error ?? null}
    />
  );
}

/** The figures of one crossing point or hub, opened from the map or the list of places. */
function PlacePanel({
  placeRef,
  view,
  catalogue,
  onClose,
}: {
  placeRef: string;
  view: BarometerView;
  catalogue: StatsCatalogue | null;
  onClose: () => void;
}) {
  const place = findPlace(placeRef);
  if (place === undefined) {
    return null;
  }
  const placeView = { ...view, memberState: null };
  const bcpDim = dimensionOf(catalogue, 'ees.crossings', ['bcp', 'bcpId', 'crossingPoint']) ?? 'bcp';
  const hubDim = dimensionOf(catalogue, 'hubs.hits', ['hub', 'hubId']) ?? 'hub';
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="barometer-place-title"
      data-testid="place-panel"
    >
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="barometer-place-title">
            {place.name} ({place.id})
          </Title>
          <Button variant="default" size="xs" onClick={onClose}>
            <FormattedMessage id="barometer.place.close" />
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {place.type === 'bcp' ? (
            <>
              <SeriesChart
                id="place-crossings"
                title="barometer.chart.placeCrossings"
                titleValues={{ place: place.name }}
                figure="ees.crossings"
                splitBy={['direction']}
                kind="line"
                view={placeView}
                catalogue={catalogue}
                filters={{ [bcpDim]: place.id }}
              />
              <SeriesChart
                id="place-refusals"
                title="barometer.chart.placeRefusals"
                titleValues={{ place: place.name }}
                figure="ees.refusals"
                splitBy={['ground', 'reason']}
                kind="stacked-bar"
                view={placeView}
                catalogue={catalogue}
                filters={{ [dimensionOf(catalogue, 'ees.refusals', ['bcp', 'bcpId']) ?? 'bcp']: place.id }}
              />
            </>
          ) : (
            <>
              <SeriesChart
                id="place-reads"
                title="barometer.chart.placeReads"
                titleValues={{ place: place.name }}
                figure="hubs.reads"
                splitBy={['objectType', 'kind']}
                kind="stacked-bar"
                view={placeView}
                catalogue={catalogue}
                filters={{ [dimensionOf(catalogue, 'hubs.reads', ['hub', 'hubId']) ?? 'hub']: place.id }}
              />
              <SeriesChart
                id="place-hits"
                title="barometer.chart.placeHits"
                titleValues={{ place: place.name }}
                figure="hubs.hits"
                splitBy={['objectType', 'kind']}
                kind="stacked-bar"
                view={placeView}
                catalogue={catalogue}
                filters={{ [hubDim]: place.id }}
              />
            </>
          )}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** The map with its figure picker, and the same figures as a table whose rows narrow the page to a state. */
function MapSection({
  view,
  catalogue,
  update,
}: {
  view: BarometerView;
  catalogue: StatsCatalogue | null;
  update: (change: Partial<BarometerView>) => void;
}) {
  const intl = useIntl();
  const regions = useMemo(() => new Intl.DisplayNames([intl.locale], { type: 'region' }), [intl.locale]);
  const mappable: string[] = (catalogue?.figures ?? [])
    .filter((f) => f.dimensions.includes('memberState'))
    .map((f) => f.code);
  const figure =
    mappable.length === 0 || mappable.includes(view.mapFigure) ? view.mapFigure : 'ees.crossings';
  const byState = useFigure({ figure, by: ['memberState'], interval: 'total' }, view, catalogue, true);
  const bcpDim = dimensionOf(catalogue, 'ees.crossings', ['bcp', 'bcpId', 'crossingPoint']);
  const hubDim = dimensionOf(catalogue, 'hubs.hits', ['hub', 'hubId']);
  const byBcp = useFigure(
    bcpDim === null ? null : { figure: 'ees.crossings', by: [bcpDim], interval: 'total' },
    view,
    catalogue,
  );
  const byHub = useFigure(
    hubDim === null ? null : { figure: 'hubs.hits', by: [hubDim], interval: 'total' },
    view,
    catalogue,
  );
  const values = useMemo(
    () => (byState.data === null ? new Map<string, number | null>() : toCounts(byState.data, 'memberState')),
    [byState.data],
  );
  const bcpCounts = byBcp.data === null || bcpDim === null ? null : toCounts(byBcp.data, bcpDim);
  const hubCounts = byHub.data === null || hubDim === null ? null : toCounts(byHub.data, hubDim);
  const places = [
    ...BCPS.filter((b) => view.memberState === null || b.memberState === view.memberState).map((b) => ({
      ref: `bcp:${b.id}`,
      name: b.name,
      lat: b.lat,
      lon: b.lon,
      kind: 'bcp' as const,
      value: bcpCounts?.get(b.id) ?? null,
    })),
    ...HUBS.filter((h) => view.memberState === null || h.memberState === view.memberState).map((h) => ({
      ref: `hub:${h.id}`,
      name: h.name,
      lat: h.lat,
      lon: h.lon,
      kind: 'hub' as const,
      value: hubCounts?.get(h.id) ?? null,
    })),
  ];
  const label = figureLabel(intl, figure);
  const minCell = byState.data?.minCell ?? 5;
  const stateRows = SCHENGEN.filter((s) => values.has(s)).sort(
    (x, y) => (values.get(y) ?? 0) - (values.get(x) ?? 0),
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="barometer-map-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h4" id="barometer-map-title">
            <FormattedMessage id="barometer.map.title" />
          </Title>
          <Select
            label={intl.formatMessage({ id: 'barometer.map.figure' })}
            data={(mappable.length === 0 ? ['ees.crossings'] : mappable).map((code) => ({
              value: code,
              label: figureLabel(intl, code),
            }))}
            value={figure}
            onChange={(v) => v !== null && update({ mapFigure: v })}
            allowDeselect={false}
            w={280}
            data-testid="map-figure"
          />
        </Group>
        <Text size="sm">
          <FormattedMessage id="barometer.map.intro" />
        </Text>
        {byState.error !== null && <ErrorAlert error={byState.error} title="barometer.chart.failed" />}
        <Suspense fallback={<InlineLoader label="barometer.loading" />}>
          <BarometerMap
            values={values}
            minCell={minCell}
            selectedState={view.memberState}
            onSelectState={(code) => update({ memberState: code, place: null })}
            places={places}
            selectedPlace={view.place}
            onSelectPlace={(ref) => update({ place: ref })}
            legendTitle={label}
          />
        </Suspense>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Table.ScrollContainer minWidth={280} mah={320}>
            <Table striped withTableBorder data-testid="map-table">
              <caption>{intl.formatMessage({ id: 'barometer.map.table' }, { figure: label })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">
                    <FormattedMessage id="barometer.table.memberState" />
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {label}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stateRows.map((s) => (
                  <Table.Tr key={s} data-member-state={s}>
                    <Table.Th scope="row" fw={400}>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        onClick={() => update({ memberState: s, place: null })}
                      >
                        {s} · {regions.of(s) ?? s}
                      </Button>
                    </Table.Th>
                    <Table.Td ta="right">
                      <Count value={values.get(s) ?? null} minCell={minCell} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Select
            label={intl.formatMessage({ id: 'barometer.place.pick' })}
            placeholder={intl.formatMessage({ id: 'barometer.place.placeholder' })}
            searchable
            clearable
            data={[
              {
                group: intl.formatMessage({ id: 'barometer.map.bcp' }),
                items: places.filter((p) => p.kind === 'bcp').map((p) => ({ value: p.ref, label: p.name })),
              },
              {
                group: intl.formatMessage({ id: 'barometer.map.hub' }),
                items: places.filter((p) => p.kind === 'hub').map((p) => ({ value: p.ref, label: p.name })),
              },
            ]}
            value={view.place}
            onChange={(v) => update({ place: v })}
            data-testid="place-select"
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/**
 * The Schengen Barometer+ (issue 17): the state of the Schengen area at a glance, from the anonymised statistics
 * of the central repository for reporting and statistics (Reg. (EU) 2019/817 art. 39) alone: headline numbers
 * against the previous period, a map, time series, and drill-down by member state and crossing point. Cells
 * below the minimum are shown as "< 5", never as 0.
 */
export default function BarometerPage() {
  const intl = useIntl();
  const query = useHashQuery();
  const view = readView(query.toString());
  const update = (change: Partial<BarometerView>) =>
    setHashQuery(new URLSearchParams(writeView({ ...view, ...change })));
  const catalogueAnswer = useStats<StatsCatalogue>('/stats/figures', {});
  const catalogue = catalogueAnswer.data;
  const barometer = useStats<BarometerAnswer>('/stats/barometer', {
    from: view.from,
    to: view.to,
    ...(view.memberState === null ? {} : { memberState: view.memberState }),
  });
  const regions = useMemo(() => new Intl.DisplayNames([intl.locale], { type: 'region' }), [intl.locale]);

  return (
    <Stack gap="md" data-testid="barometer">
      <PageTitle id="barometer.title" />
      <Text>
        <FormattedMessage id="barometer.intro" />
      </Text>
      <Paper
        withBorder
        p="sm"
        component="section"
        aria-label={intl.formatMessage({ id: 'barometer.filters' })}
      >
        <Group align="flex-end" gap="md" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="barometer-period-label">
              <FormattedMessage id="barometer.period" />
            </Text>
            <SegmentedControl
              aria-labelledby="barometer-period-label"
              data={PERIODS.map((p) => ({
                value: p,
                label: intl.formatMessage({ id: `barometer.period.${p}` as MessageId }),
              }))}
              value={view.period}
              onChange={(p) => update({ period: p })}
              data-testid="period"
            />
          </Stack>
          {view.period === 'custom' && (
            <>
              <DayInput
                label="barometer.from"
                value={view.from}
                onChange={(d) => d !== null && update({ from: d, ...(d > view.to ? { to: d } : {}) })}
                required
                testId="period-from"
              />
              <DayInput
                label="barometer.to"
                value={view.to}
                onChange={(d) => d !== null && update({ to: d, ...(d < view.from ? { from: d } : {}) })}
                required
                minDate={view.from}
                testId="period-to"
              />
            </>
          )}
          <Select
            label={intl.formatMessage({ id: 'barometer.memberState' })}
            placeholder={intl.formatMessage({ id: 'barometer.memberState.all' })}
            data={SCHENGEN.map((s) => ({ value: s, label: `${s} · ${regions.of(s) ?? s}` }))}
            value={view.memberState}
            onChange={(v) => update({ memberState: v, place: null })}
            clearable
            searchable
            w={260}
            data-testid="member-state"
          />
          {view.memberState !== null && (
            <Button variant="default" onClick={() => update({ memberState: null, place: null })}>
              <FormattedMessage id="barometer.memberState.clear" />
            </Button>
          )}
        </Group>
      </Paper>

      <section aria-labelledby="barometer-headlines-title">
        <Title order={2} size="h4" id="barometer-headlines-title" mb="xs">
          {view.memberState === null ? (
            <FormattedMessage id="barometer.headlines" values={{ from: view.from, to: view.to }} />
          ) : (
            <FormattedMessage
              id="barometer.headlines.state"
              values={{
                from: view.from,
                to: view.to,
                state: regions.of(view.memberState) ?? view.memberState,
              }}
            />
          )}
        </Title>
        {barometer.error !== null && <ErrorAlert error={barometer.error} title="barometer.failed" />}
        {barometer.loading && <InlineLoader label="barometer.loading" />}
        {barometer.data !== null && (
          <>
            <Headlines answer={barometer.data} />
            <Text size="xs" c="dimmed" mt="xs" data-testid="as-of">
              <FormattedMessage
                id="barometer.asOf"
                values={{
                  previousFrom: barometer.data.previousFrom,
                  previousTo: barometer.data.previousTo,
                  at: intl.formatDate(barometer.data.asOf.at, { dateStyle: 'medium', timeStyle: 'short' }),
                  min: barometer.data.minCell,
                }}
              />
            </Text>
          </>
        )}
      </section>

      {catalogueAnswer.error !== null && (
        <ErrorAlert error={catalogueAnswer.error} title="barometer.failed" />
      )}
      {/* The charts do not wait for the catalogue: each names the dimensions the catalogue lists first. */}
      <>
        {view.place !== null && (
          <PlacePanel
            placeRef={view.place}
            view={view}
            catalogue={catalogue}
            onClose={() => update({ place: null })}
          />
        )}
        <MapSection view={view} catalogue={catalogue} update={update} />
        <section aria-labelledby="barometer-series-title">
          <Title order={2} size="h4" id="barometer-series-title" mb="xs">
            <FormattedMessage id="barometer.series" />
          </Title>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            {SERIES_CHARTS.map((chart) =>
              chart === 'manual-routing' ? (
                <ManualRoutingChart key={chart} view={view} catalogue={catalogue} />
              ) : chart === 'backlog' ? (
                <BacklogChart key={chart} view={view} catalogue={catalogue} />
              ) : chart === 'quality' ? (
                <QualityChart key={chart} view={view} catalogue={catalogue} />
              ) : (
                <SeriesChart key={chart.id} {...chart} view={view} catalogue={catalogue} />
              ),
            )}
          </SimpleGrid>
        </section>
        {view.memberState !== null && (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="barometer.memberState.note" />
          </Text>
        )}
      </>
    </Stack>
  );
}
