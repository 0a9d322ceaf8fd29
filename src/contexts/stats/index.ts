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
