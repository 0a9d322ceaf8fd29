import type { StatsAnswer, StatsCatalogue } from './types.ts';

/** The purpose every statistics request is made for (the analyst's only one: 2019/817 art. 39). */
export const STATS_PURPOSE = 'statistics';

/** The periods offered at a click; `custom` takes two days. */
export const PERIODS = ['7', '30', '90', 'custom'] as const;
export type PeriodChoice = (typeof PERIODS)[number];

/** What the page shows, kept in the URL fragment so that a view can be shared and the back button works. */
export interface BarometerView {
  period: PeriodChoice;
  /** `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
  /** ISO alpha-2 code of the member state the page is narrowed to, or null for the whole area. */
  memberState: string | null;
  /** The crossing point or hub whose figures are open, e.g. `bcp:FR-CDG`, `hub:be-antwerp-bruges`. */
  place: string | null;
  /** The figure the map shades. */
  mapFigure: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` of a date `days` days before `day` (UTC calendar arithmetic). */
export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today's calendar date in UTC. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Reads the view from the fragment's query; anything missing or malformed takes its default (last 30 days). */
export function readView(search: string, now: Date = new Date()): BarometerView {
  const q = new URLSearchParams(search);
  const periodParam = q.get('period');
  const period: PeriodChoice = (PERIODS as readonly string[]).includes(periodParam ?? '')
    ? (periodParam as PeriodChoice)
    : '30';
  const end = today(now);
  let from: string;
  let to: string;
  const qFrom = q.get('from') ?? '';
  const qTo = q.get('to') ?? '';
  if (period === 'custom' && DAY.test(qFrom) && DAY.test(qTo) && qFrom <= qTo) {
    from = qFrom;
    to = qTo;
  } else {
    const days = period === 'custom' ? 30 : Number(period);
    to = end;
    from = shiftDay(end, -(days - 1));
  }
  const ms = q.get('memberState') ?? '';
  const place = q.get('place') ?? '';
  return {
    period,
    from,
    to,
    memberState: /^[A-Z]{2}$/.test(ms) ? ms : null,
    place: /^(bcp|hub):[A-Za-z0-9-]{1,60}$/.test(place) ? place : null,
    mapFigure: q.get('map') ?? 'ees.crossings',
  };
}

/** The fragment's query for a view (the defaults left out). */
export function writeView(view: BarometerView): string {
  const q = new URLSearchParams();
  if (view.period !== '30') {
    q.set('period', view.period);
  }
  if (view.period === 'custom') {
    q.set('from', view.from);
    q.set('to', view.to);
  }
  if (view.memberState !== null) {
    q.set('memberState', view.memberState);
  }
  if (view.place !== null) {
    q.set('place', view.place);
  }
  if (view.mapFigure !== 'ees.crossings') {
    q.set('map', view.mapFigure);
  }
  return q.toString();
}

/** One request for a figure: the dimensions to break it down by, the interval and the filters. */
export interface FigureQuery {
  figure: string;
  by: readonly string[];
  interval: 'day' | 'week' | 'month' | 'total';
  filters?: Readonly<Record<string, string>>;
}

/** The query string of a figure request over the view's period (and member state, where the figure has one). */
export function figureParams(
  query: FigureQuery,
  view: Pick<BarometerView, 'from' | 'to' | 'memberState'>,
  catalogue: StatsCatalogue | null,
): Record<string, string> {
  const params: Record<string, string> = {
    from: view.from,
    to: view.to,
    interval: query.interval,
  };
  if (query.by.length > 0) {
    params.by = query.by.join(',');
  }
  if (view.memberState !== null && hasDimension(catalogue, query.figure, 'memberState')) {
    params.memberState = view.memberState;
  }
  Object.assign(params, query.filters);
  return params;
}

/** Whether the catalogue lists this dimension for the figure (unknown catalogue: assume it does). */
export function hasDimension(catalogue: StatsCatalogue | null, figure: string, dimension: string): boolean {
  if (catalogue === null) {
    return true;
  }
  const def = catalogue.figures.find((f) => f.code === figure);
  return def?.dimensions.includes(dimension) ?? false;
}

/** The first of the candidate dimension names the figure has, e.g. `ground` for refusals. */
export function dimensionOf(
  catalogue: StatsCatalogue | null,
  figure: string,
  candidates: readonly string[],
): string | null {
  if (catalogue === null) {
    return candidates[0] ?? null;
  }
  const def = catalogue.figures.find((f) => f.code === figure);
  return candidates.find((c) => def?.dimensions.includes(c) === true) ?? null;
}

/** A time series table: one row per period, one column per series; null cells are suppressed. */
export interface SeriesTable {
  periods: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
  minCell: number;
}

/**
 * Turns an answer broken down by `period` (and at most one other dimension) into series. A period the answer
 * does not list counted nothing (zero); a row with a null count was suppressed and stays null, never zero.
 */
export function toSeries(answer: StatsAnswer, seriesDim: string | null, periods?: string[]): SeriesTable {
  const allPeriods =
    periods ?? [...new Set(answer.rows.map((r) => r.key.period ?? ''))].filter((p) => p !== '').sort();
  const names =
    seriesDim === null
      ? ['total']
      : [...new Set(answer.rows.map((r) => r.key[seriesDim] ?? 'unknown'))].sort();
  const index = new Map(allPeriods.map((p, i) => [p, i]));
  const series = names.map((name) => ({
    name,
    values: allPeriods.map((): number | null => 0),
  }));
  const byName = new Map(series.map((s) => [s.name, s]));
  for (const row of answer.rows) {
    const i = index.get(row.key.period ?? '');
    const s = byName.get(seriesDim === null ? 'total' : (row.key[seriesDim] ?? 'unknown'));
    if (i !== undefined && s !== undefined) {
      const current = s.values[i];
      s.values[i] = row.count === null || current === null ? null : (current ?? 0) + row.count;
    }
  }
  return { periods: allPeriods, series, minCell: answer.minCell };
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length < 4000; d = shiftDay(d, 1)) {
    days.push(d);
  }
  return days;
}

/** Counts by one dimension (an answer with `interval=total`), suppressed cells null. */
export function toCounts(answer: StatsAnswer, dim: string): Map<string, number | null> {
  const counts = new Map<string, number | null>();
  for (const row of answer.rows) {
    const key = row.key[dim] ?? 'unknown';
    const current = counts.get(key);
    counts.set(key, row.count === null || current === null ? null : (current ?? 0) + row.count);
  }
  return counts;
}

/** The name a downloaded file gets, e.g. `barometer-ees.crossings-2026-03-01-2026-03-30-FR.csv`. */
export function exportName(
  figure: string,
  view: Pick<BarometerView, 'from' | 'to' | 'memberState'>,
  ext: string,
) {
  return `barometer-${figure}-${view.from}-${view.to}${view.memberState === null ? '' : `-${view.memberState}`}.${ext}`;
}
