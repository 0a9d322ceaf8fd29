import { stringify } from 'csv-stringify/sync';
import { requireAccess, type Actor } from '../access/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { Call } from '../../platform/calls.ts';
import type { Clock } from '../../platform/clock.ts';
import { sql, type Database, type Executor } from '../../platform/database/index.ts';
import { daysBetween, isCalendarDate, isoDate, plusDays } from '../../platform/dates.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { STATS_ERRORS } from './errors.ts';
import { FIGURES, isFigure } from './figures.ts';
import type {
  BarometerAnswer,
  BarometerHeadline,
  FigureCode,
  FigureDefinition,
  StatsAnswer,
  StatsRow,
} from './model.ts';
import { StatsRepository } from './repository.ts';
import { suppressSmallCells, suppressValue } from './suppression.ts';

export const INTERVALS = ['day', 'week', 'month', 'total'] as const;
export type Interval = (typeof INTERVALS)[number];

/** Longest range by day, and by week, month or in total (the repository keeps 10 years at most [K]). */
const MAX_DAYS = { day: 366, other: 3660 } as const;
/** Most rows one answer carries. */
export const MAX_ROWS = 20_000;
/** Days a query covers when it names no `from` (up to `to`, default today). */
const DEFAULT_DAYS = 30;
const CODE = /^[A-Za-z0-9._:-]{1,64}$/;
const LEGAL_BASIS = 'Reg. (EU) 2019/817 and 2019/818 art. 39';

/** `GET /api/v1/stats/figures/{figure}`: what is asked, as the route passes it. */
export interface FigureQuery {
  figure: string;
  from?: string | undefined;
  to?: string | undefined;
  /** Dimensions to break the count down by, and `period`. */
  by?: readonly string[] | undefined;
  interval?: Interval | undefined;
  /** Dimension values the count is restricted to. */
  filters?: Readonly<Record<string, string>> | undefined;
}

export interface StatsQueriesDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  /** The smallest count shown (`INTERLINK_STATS_MIN_CELL`). */
  minCell: number;
}

/**
 * The headlines of the Barometer+: what a minister reads first, each with the period before. A headline of a
 * figure no source feeds yet counts 0.
 */
export const BAROMETER: ReadonlyArray<{ figure: FigureCode; filters: Record<string, string> }> = [
  { figure: 'ees.crossings', filters: { direction: 'entry' } },
  { figure: 'ees.crossings', filters: { direction: 'exit' } },
  { figure: 'ees.refusals', filters: {} },
  { figure: 'ees.overstays', filters: {} },
  { figure: 'sis.hits', filters: {} },
  { figure: 'hubs.reads', filters: {} },
  { figure: 'hubs.hits', filters: {} },
  { figure: 'etias.applications', filters: {} },
  { figure: 'etias.decisions', filters: { decision: 'refused' } },
  { figure: 'etias.manual-routing', filters: {} },
  { figure: 'eurodac.registrations', filters: {} },
  { figure: 'eurodac.hits', filters: {} },
  { figure: 'mid.links', filters: {} },
  { figure: 'mid.backlog', filters: {} },
  { figure: 'quality.hits-without-reply', filters: {} },
];

const column = (figure: FigureDefinition, dimension: string) =>
  sql.raw(`d${figure.dimensions.indexOf(dimension) + 1}`);

function checkDates(today: string, from?: string, to?: string): { from: string; to: string } {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !isCalendarDate(value)) {
      throw invalid(STATS_ERRORS.datesInvalid, `"${name}" must be a calendar date written YYYY-MM-DD.`, {
        [name]: value.slice(0, 40),
      });
    }
  }
  const end = to ?? today;
  const start = from ?? plusDays(end, -(DEFAULT_DAYS - 1));
  if (start > end) {
    throw invalid(STATS_ERRORS.datesInvalid, '"from" must not be after "to".', { from: start, to: end });
  }
  return { from: start, to: end };
}

/** The statistics as the analyst reads them: anonymous aggregates only, every query logged. */
export class StatsQueries {
  readonly #deps: StatsQueriesDeps;
  readonly #repo = new StatsRepository();

  constructor(deps: StatsQueriesDeps) {
    this.#deps = deps;
  }

  get minCell(): number {
    return this.#deps.minCell;
  }

  /** The catalogue of figures with their dimensions and legal basis. */
  async catalogue(call: Call<Actor>): Promise<{ figures: FigureDefinition[]; minCell: number }> {
    const purpose = requireAccess({ actor: call.actor, permission: 'stats:read', purpose: call.purpose });
    await this.#log(call, purpose, 'stats.figures', 'catalogue');
    return { figures: Object.values(FIGURES), minCell: this.#deps.minCell };
  }

  /** One figure over a range, by the dimensions asked, small cells suppressed. */
  async figure(call: Call<Actor>, query: FigureQuery): Promise<StatsAnswer> {
    const purpose = requireAccess({ actor: call.actor, permission: 'stats:read', purpose: call.purpose });
    const answer = await this.answer(this.#deps.database.read, query);
    await this.#log(
      call,
      purpose,
      'stats.figure.query',
      `${answer.figure} ${answer.from}..${answer.to} by [${answer.by.join(',')}] ${answer.interval}` +
        `${Object.entries(answer.filters)
          .map(([k, v]) => ` ${k}=${v}`)
          .join('')}: ${answer.rows.length} row(s), ${answer.suppressed} suppressed`,
    );
    return answer;
  }

  /** The same answer as CSV: one column per dimension asked, then `count` (empty when suppressed). */
  static csv(answer: StatsAnswer): string {
    return stringify(
      [
        [...answer.by, 'count'],
        ...answer.rows.map((r) => [...answer.by.map((d) => r.key[d] ?? ''), r.count ?? '']),
        ...(answer.by.length > 0
          ? [[...answer.by.map((_, i) => (i === 0 ? 'total' : '')), answer.total ?? '']]
          : []),
      ],
      { record_delimiter: 'unix' },
    );
  }

  /** Validates the query and reads the cells (no access check, no log: for the routes' callers above). */
  async answer(db: Executor, query: FigureQuery): Promise<StatsAnswer> {
    if (!isFigure(query.figure)) {
      throw notFound(
        STATS_ERRORS.figureUnknown,
        'No such figure: see GET /api/v1/stats/figures for the catalogue.',
        { figure: query.figure.slice(0, 64) },
      );
    }
    const figure = FIGURES[query.figure];
    const { from, to } = checkDates(isoDate(this.#deps.clock.now()), query.from, query.to);
    const by = [...(query.by ?? [])];
    for (const [i, d] of by.entries()) {
      if ((d !== 'period' && !figure.dimensions.includes(d)) || by.indexOf(d) !== i) {
        throw invalid(
          STATS_ERRORS.dimensionUnknown,
          `"by" may name each of ${['period', ...figure.dimensions].join(', ')} once.`,
          { by: d.slice(0, 64), dimensions: figure.dimensions },
        );
      }
    }
    const interval: Interval = query.interval ?? (by.includes('period') ? 'day' : 'total');
    if (interval !== 'total' && !by.includes('period')) {
      by.unshift('period');
    }
    const filters = query.filters ?? {};
    for (const [d, v] of Object.entries(filters)) {
      if (!figure.dimensions.includes(d)) {
        throw invalid(STATS_ERRORS.dimensionUnknown, `${figure.code} has no dimension "${d.slice(0, 64)}".`, {
          dimension: d.slice(0, 64),
          dimensions: figure.dimensions,
        });
      }
      if (!CODE.test(v)) {
        throw invalid(
          STATS_ERRORS.filterInvalid,
          `The value of "${d}" must be a code: letters, digits, ".", "_", ":", "-", at most 64.`,
          { dimension: d },
        );
      }
    }
    const max = interval === 'day' ? MAX_DAYS.day : MAX_DAYS.other;
    if (daysBetween(from, to) + 1 > max) {
      throw invalid(
        STATS_ERRORS.rangeTooLong,
        `From ${from} to ${to} is longer than ${max} days, the most ${interval === 'day' ? 'by day' : 'one query covers'}.`,
        { from, to, maxDays: max },
      );
    }
    // States are counted as of `to`: every state whose day is by then; earlier days fall in the first period.
    const dayOf = figure.kind === 'state' ? sql`greatest(day, ${from}::date)` : sql`day`;
    const period =
      interval === 'total'
        ? sql`${from}::text`
        : interval === 'day'
          ? sql`to_char(${dayOf}, 'YYYY-MM-DD')`
          : sql`to_char(date_trunc(${interval}, ${dayOf})::date, 'YYYY-MM-DD')`;
    const dims = by.filter((d) => d !== 'period');
    const select = [
      ...(by.includes('period') ? [sql`${period} as period`] : []),
      ...dims.map((d, i) => sql`${column(figure, d)} as ${sql.raw(`k${i}`)}`),
    ];
    const groups = select.map((_, i) => sql.raw(String(i + 1)));
    const where = [
      sql`figure = ${figure.code}`,
      sql`day <= ${to}::date`,
      ...(figure.kind === 'event' ? [sql`day >= ${from}::date`] : []),
      ...Object.entries(filters).map(([d, v]) => sql`${column(figure, d)} = ${v}`),
    ];
    const { rows } = await sql<Record<string, string>>`select ${sql.join(
      [...select, sql`sum(count)::bigint as n`],
      sql`, `,
    )} from stats.cell where ${sql.join(where, sql` and `)}
      ${groups.length > 0 ? sql`group by ${sql.join(groups, sql`, `)} order by ${sql.join(groups, sql`, `)}` : sql``}
      limit ${MAX_ROWS + 1}`.execute(db);
    if (rows.length > MAX_ROWS) {
      throw invalid(
        STATS_ERRORS.answerTooLarge,
        `The answer would have more than ${MAX_ROWS} rows: ask by fewer dimensions, a coarser interval or a shorter range.`,
        { maxRows: MAX_ROWS },
      );
    }
    const counts = rows.map((r) => Number(r.n ?? 0));
    const hidden = suppressSmallCells(counts, this.#deps.minCell);
    const out: StatsRow[] = rows.map((r, i) => ({
      key: Object.fromEntries(by.map((d) => [d, d === 'period' ? r.period! : r[`k${dims.indexOf(d)}`]!])),
      count: hidden.counts[i]!,
    }));
    return {
      figure: figure.code,
      from,
      to,
      by,
      interval,
      filters,
      minCell: this.#deps.minCell,
      rows: by.length === 0 ? [] : out,
      total: by.length === 0 ? suppressValue(counts[0] ?? 0, this.#deps.minCell) : hidden.total,
      suppressed: by.length === 0 ? 0 : hidden.suppressed,
      asOf: await this.#asOf(db),
    };
  }

  /** The Barometer+ headlines over `from`..`to` and the period of the same length just before. */
  async barometer(
    call: Call<Actor>,
    query: { from?: string | undefined; to?: string | undefined; memberState?: string | undefined },
  ): Promise<BarometerAnswer> {
    const purpose = requireAccess({ actor: call.actor, permission: 'stats:read', purpose: call.purpose });
    const { from, to } = checkDates(isoDate(this.#deps.clock.now()), query.from, query.to);
    const days = daysBetween(from, to) + 1;
    if (days > MAX_DAYS.other) {
      throw invalid(STATS_ERRORS.rangeTooLong, `The Barometer+ covers ${MAX_DAYS.other} days at most.`, {
        from,
        to,
        maxDays: MAX_DAYS.other,
      });
    }
    const memberState = query.memberState ?? null;
    if (memberState !== null && !CODE.test(memberState)) {
      throw invalid(STATS_ERRORS.filterInvalid, '"memberState" must be a country code such as DE.', {});
    }
    const previousTo = plusDays(from, -1);
    const previousFrom = plusDays(from, -days);
    const db = this.#deps.database.read;
    const headlines: BarometerHeadline[] = [];
    for (const h of BAROMETER) {
      const figure = FIGURES[h.figure];
      const filters = {
        ...h.filters,
        ...(memberState !== null && figure.dimensions.includes('memberState') ? { memberState } : {}),
      };
      const where = [
        sql`figure = ${figure.code}`,
        ...Object.entries(filters).map(([d, v]) => sql`${column(figure, d)} = ${v}`),
      ];
      const inRange = (a: string, b: string) =>
        figure.kind === 'state' ? sql`day <= ${b}::date` : sql`day between ${a}::date and ${b}::date`;
      const { rows } = await sql<{ value: string | null; previous: string | null }>`select
          coalesce(sum(count) filter (where ${inRange(from, to)}), 0) as value,
          coalesce(sum(count) filter (where ${inRange(previousFrom, previousTo)}), 0) as previous
        from stats.cell where ${sql.join(where, sql` and `)}
          and day <= ${to}::date ${figure.kind === 'event' ? sql`and day >= ${previousFrom}::date` : sql``}`.execute(
        db,
      );
      const value = suppressValue(Number(rows[0]?.value ?? 0), this.#deps.minCell);
      const previous = suppressValue(Number(rows[0]?.previous ?? 0), this.#deps.minCell);
      headlines.push({
        figure: h.figure,
        filters,
        value,
        previous,
        change: value === null || previous === null || previous === 0 ? null : (value - previous) / previous,
      });
    }
    await this.#log(
      call,
      purpose,
      'stats.barometer',
      `barometer ${from}..${to}${memberState === null ? '' : ` memberState=${memberState}`}`,
    );
    return {
      from,
      to,
      previousFrom,
      previousTo,
      memberState,
      minCell: this.#deps.minCell,
      headlines,
      asOf: await this.#asOf(db),
    };
  }

  async #asOf(db: Executor): Promise<{ position: number; at: string }> {
    const s = await this.#repo.state(db);
    return { position: s.position ?? 0, at: s.syncedAt ?? new Date(0).toISOString() };
  }

  async #log(call: Call<Actor>, purpose: string | null, operation: string, summary: string): Promise<void> {
    await this.#deps.audit.append({
      actor: call.actor,
      system: 'stats',
      operation,
      outcome: 'success',
      purpose,
      legalBasis: LEGAL_BASIS,
      resultSummary: summary,
      requestId: call.requestId ?? null,
    });
  }
}
