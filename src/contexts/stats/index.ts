export { STATS_ERRORS, type StatsErrorCode } from './errors.ts';
export { DIMENSIONS, FIGURES, isFigure } from './figures.ts';
export { STATS_SCHEMA, statsMigrations } from './migrations.ts';
export {
  FIGURE_CODES,
  type BarometerAnswer,
  type BarometerHeadline,
  type FactKind,
  type FigureCode,
  type FigureDefinition,
  type StatsAnswer,
  type StatsFact,
  type StatsRow,
  type StatsSource,
} from './model.ts';
export { BAROMETER, INTERVALS, type FigureQuery, type Interval } from './queries.ts';
export { statsRoutes } from './routes.ts';
export { DEFAULT_STATS_RETENTION_YEARS, StatsService, type StatsServiceDeps } from './service.ts';
export { suppressSmallCells } from './suppression.ts';
export { type StatsSyncReport } from './sync.ts';
