import { Type } from 'typebox';
import { DIMENSIONS } from './figures.ts';
import { FIGURE_CODES } from './model.ts';
import { INTERVALS } from './queries.ts';

const strict = { additionalProperties: false } as const;
const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);
const Day = (description: string) => Type.String({ maxLength: 40, description });
const Codes = Type.Record(Type.String(), Type.String());
const AsOf = Type.Object(
  {
    position: Type.Integer({ description: 'Position of the change feed the aggregates reflect' }),
    at: Type.String({ description: 'When the aggregates were last brought up to date' }),
  },
  strict,
);

export const FigureDefinitionSchema = Type.Object(
  {
    code: Type.Enum([...FIGURE_CODES]),
    kind: Type.Enum(['event', 'state']),
    dimensions: Type.Array(Type.String()),
    label: Type.String(),
    legalBasis: Type.String(),
  },
  strict,
);

export const CatalogueReply = Type.Object(
  { figures: Type.Array(FigureDefinitionSchema), minCell: Type.Integer() },
  strict,
);

export const FigureParams = Type.Object({ figure: Type.String({ maxLength: 200 }) }, strict);

export const FigureQuerySchema = Type.Object(
  {
    from: Type.Optional(Day('First day (YYYY-MM-DD); default 29 days before `to`')),
    to: Type.Optional(Day('Last day (YYYY-MM-DD); default today. States are counted as of this day')),
    by: Type.Optional(
      Type.String({
        maxLength: 300,
        description: 'Comma-separated dimensions of the figure to break the count down by, and `period`',
      }),
    ),
    interval: Type.Optional(Type.Enum([...INTERVALS], { description: 'Length of a period; default total' })),
    format: Type.Optional(Type.Enum(['json', 'csv'])),
    ...Object.fromEntries(
      DIMENSIONS.map((d) => [
        d,
        Type.Optional(Type.String({ maxLength: 200, description: `Only cells with this ${d}` })),
      ]),
    ),
  },
  strict,
);

export const StatsAnswerSchema = Type.Object(
  {
    figure: Type.Enum([...FIGURE_CODES]),
    from: Type.String(),
    to: Type.String(),
    by: Type.Array(Type.String()),
    interval: Type.Enum([...INTERVALS]),
    filters: Codes,
    minCell: Type.Integer(),
    rows: Type.Array(Type.Object({ key: Codes, count: Count }, strict)),
    total: Count,
    suppressed: Type.Integer(),
    asOf: AsOf,
  },
  strict,
);

export const BarometerQuery = Type.Object(
  {
    from: Type.Optional(Day('First day (YYYY-MM-DD); default 29 days before `to`')),
    to: Type.Optional(Day('Last day (YYYY-MM-DD); default today')),
    memberState: Type.Optional(Type.String({ maxLength: 200, description: 'Only this member state' })),
  },
  strict,
);

export const BarometerReply = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    previousFrom: Type.String(),
    previousTo: Type.String(),
    memberState: Type.Union([Type.String(), Type.Null()]),
    minCell: Type.Integer(),
    headlines: Type.Array(
      Type.Object(
        {
          figure: Type.Enum([...FIGURE_CODES]),
          filters: Codes,
          value: Count,
          previous: Count,
          change: Type.Union([Type.Number(), Type.Null()]),
        },
        strict,
      ),
    ),
    asOf: AsOf,
  },
  strict,
);
