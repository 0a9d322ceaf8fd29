import type { Executor } from '../../platform/database/index.ts';

/**
 * The central repository for reporting and statistics (CRRS, 2019/817 art. 39; regulations digest §6.5 [K]):
 * anonymised, aggregated figures fed from every system's change feed. Nothing here may identify a person: a
 * fact carries codes (crossing point, country, ground, category, colour), a day and a count, never a name, a
 * document or record number, a date of birth or a record id. The analyst reads only these aggregates.
 */

/** The figures the repository keeps. Each has a fixed set of dimensions (see {@link FIGURES}). */
export const FIGURE_CODES = [
  'ees.crossings',
  'ees.refusals',
  'ees.overstays',
  'sis.hits',
  'hubs.reads',
  'hubs.hits',
  'etias.applications',
  'etias.decisions',
  'etias.manual-routing',
  'eurodac.registrations',
  'eurodac.hits',
  'mid.links',
  'mid.backlog',
  'quality.files-without-biometrics',
  'quality.alerts-past-review',
  'quality.hits-without-reply',
] as const;
export type FigureCode = (typeof FIGURE_CODES)[number];

/**
 * An event is counted once, on its day, and stays counted after the record that gave it is erased (the
 * statistics outlive the personal data, art. 39(2) [K]). A state is counted while the record is in it (an
 * overstayer, a yellow link waiting, an alert past its review date): it moves or leaves when the record
 * changes or is erased. For a state `day` is the day that matters to it (the due date of a deadline, the day an
 * overstay began), so that "past due on day D" is a sum over `day < D`.
 */
export type FactKind = 'event' | 'state';

/** One anonymous contribution of a source record to one figure. */
export interface StatsFact {
  /**
   * Tells this fact apart from the record's other facts, stable across re-reads (e.g. `entry:<n>` for the
   * record's n-th entry, `state`); stored only hashed together with the record ref.
   */
  readonly key: string;
  readonly figure: FigureCode;
  readonly kind: FactKind;
  /** ISO date (`YYYY-MM-DD`): the crossing point's local date for a crossing, the decision date, … */
  readonly day: string;
  /** Values of the figure's dimensions, codes only (a dimension a fact does not know is `'unknown'`). */
  readonly dims: Readonly<Record<string, string>>;
  /** How many it counts (1 for a record; a counter source such as the hubs' read counts gives more). */
  readonly n?: number;
}

/**
 * How a system feeds the repository (one per system, `SystemAdapter.stats`): the repository follows the named
 * change-feed topics and reads, for each changed record ref, the facts the record gives now; it keeps a hashed
 * note of what each record contributed so that a re-read counts the difference only and an erasure removes the
 * record's states (its events stay).
 */
export interface StatsSource {
  /** For logs and the catalogue, e.g. `ees`. */
  readonly system: string;
  /** Change-feed topics whose refs this source reads (e.g. `ees.files`). */
  readonly topics: readonly string[];
  /** The facts each of the given refs gives now; a ref the system no longer holds is absent from the map. */
  facts(db: Executor, refs: readonly string[]): Promise<ReadonlyMap<string, readonly StatsFact[]>>;
  /** Refs in order after `after` (null: from the start), `limit` at most: for the first build and a rebuild. */
  scan(db: Executor, after: string | null, limit: number): Promise<string[]>;
}

/** What the catalogue says of one figure (`GET /api/v1/stats/figures`). */
export interface FigureDefinition {
  readonly code: FigureCode;
  readonly kind: FactKind;
  /** Its dimensions, in the order a table shows them; `memberState` wherever a state can be named. */
  readonly dimensions: readonly string[];
  /** English label; the web translates by code. */
  readonly label: string;
  /** Where the figure comes from in the regulations, e.g. `2017/2226 art. 63`. */
  readonly legalBasis: string;
}

/** One row of an answer: the values of the dimensions asked for, and the count (null when suppressed). */
export interface StatsRow {
  readonly key: Readonly<Record<string, string>>;
  /** Null when the cell is below the minimum (or suppressed so that it cannot be worked out from the total). */
  readonly count: number | null;
}

/**
 * `GET /api/v1/stats/figures/{figure}?from&to&by=<dims>&interval=day|week|month|total&<dim>=<value>…`
 * (CSV with `format=csv`). `by` may include `period` (the interval's first day). States are counted as of `to`.
 */
export interface StatsAnswer {
  readonly figure: FigureCode;
  readonly from: string;
  readonly to: string;
  readonly by: readonly string[];
  readonly interval: 'day' | 'week' | 'month' | 'total';
  readonly filters: Readonly<Record<string, string>>;
  /** The smallest count shown (`INTERLINK_STATS_MIN_CELL`, default 5). */
  readonly minCell: number;
  readonly rows: readonly StatsRow[];
  /** Null when it is itself below the minimum. */
  readonly total: number | null;
  /** How many rows were suppressed. */
  readonly suppressed: number;
  /** Position of the change feed the aggregates reflect, and when they were last brought up to date. */
  readonly asOf: { readonly position: number; readonly at: string };
}

/** One headline of the Barometer+ (`GET /api/v1/stats/barometer?from&to&memberState`). */
export interface BarometerHeadline {
  readonly figure: FigureCode;
  /** Restriction of the figure this headline counts, e.g. `{ direction: 'entry' }`. */
  readonly filters: Readonly<Record<string, string>>;
  readonly value: number | null;
  /** Same length of period just before `from`. */
  readonly previous: number | null;
  /** (value − previous) / previous; null when either is null or previous is 0. */
  readonly change: number | null;
}

export interface BarometerAnswer {
  readonly from: string;
  readonly to: string;
  readonly previousFrom: string;
  readonly previousTo: string;
  readonly memberState: string | null;
  readonly minCell: number;
  readonly headlines: readonly BarometerHeadline[];
  readonly asOf: { readonly position: number; readonly at: string };
}
