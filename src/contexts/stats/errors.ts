/** Stable error codes of the statistics repository, namespaced `STATS_*`. */
export const STATS_ERRORS = {
  /** The figure is not in the catalogue (`GET /api/v1/stats/figures`). */
  figureUnknown: 'STATS_FIGURE_UNKNOWN',
  /** A `by` or filter names a dimension the figure does not have, or names it twice. */
  dimensionUnknown: 'STATS_DIMENSION_UNKNOWN',
  /** A filter value is not a code (letters, digits, `.`, `_`, `:`, `-`; at most 64). */
  filterInvalid: 'STATS_FILTER_INVALID',
  /** A date is not a calendar date `YYYY-MM-DD`, or `from` is after `to`. */
  datesInvalid: 'STATS_DATES_INVALID',
  /** The range is longer than the interval allows (366 days by day, 10 years otherwise). */
  rangeTooLong: 'STATS_RANGE_TOO_LONG',
  /** The answer would have more rows than one answer may carry: ask by fewer dimensions or a coarser interval. */
  answerTooLarge: 'STATS_ANSWER_TOO_LARGE',
} as const;

export type StatsErrorCode = (typeof STATS_ERRORS)[keyof typeof STATS_ERRORS];
