import { Type, type TSchema } from 'typebox';
import { FIRST_YEAR, isCalendarDate, isInstant, isPartialDate, LAST_YEAR } from '../platform/dates.ts';

/** The problem+json body of every error response. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable error code' }),
    detail: Type.String(),
    requestId: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'Problem' },
);

/** Error responses every route may give, referenced by schema id. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const s of [400, ...statuses]) {
    out[s] = Type.Ref('Problem');
  }
  return out;
}

export const PurposeHeader = Type.Object({
  'x-interlink-purpose': Type.Optional(
    Type.String({ description: 'Purpose of the access, from the closed list at /api/v1/access/purposes' }),
  ),
});

/**
 * Formats for dates and times in requests, checked by the validator (see app.ts) so that every route
 * refuses year 0, year 9999 and days that do not exist with 400 before any service or database sees them.
 */
export const TEXT_FORMATS = {
  'calendar-date': {
    validate: isCalendarDate,
    human: `a date written YYYY-MM-DD, from ${FIRST_YEAR} to ${LAST_YEAR}`,
  },
  'partial-date': {
    validate: isPartialDate,
    human: `a date written YYYY-MM-DD, from ${FIRST_YEAR} to ${LAST_YEAR}, with 00 for an unknown month or day`,
  },
  instant: {
    validate: isInstant,
    human: `a date and time written like 2026-05-10T08:30:00Z, from ${FIRST_YEAR} to ${LAST_YEAR}`,
  },
} as const;

const described = (description?: string) => (description ? { description } : {});

/** A calendar date, 'YYYY-MM-DD', in the accepted years. */
export const CalendarDate = (description?: string) =>
  Type.String({ format: 'calendar-date', maxLength: 10, ...described(description) });
/** A date of birth, 'YYYY-MM-DD' with 00 for unknown parts. */
export const PartialDate = (description?: string) =>
  Type.String({ format: 'partial-date', maxLength: 10, ...described(description) });
/** An ISO 8601 date and time in the accepted years. */
export const Instant = (description?: string) =>
  Type.String({ format: 'instant', maxLength: 40, ...described(description) });
/** An ISO 8601 date and time with a time zone (RFC 3339), in the accepted years. */
export const ZonedInstant = (description?: string) =>
  Type.String({
    format: 'date-time',
    pattern: '^(19|20|21)\\d\\d-', // the accepted years, FIRST_YEAR to LAST_YEAR
    maxLength: 40,
    ...described(description),
  });
/** A paging cursor or counter: a positive integer JavaScript and a PostgreSQL bigint hold exactly. */
export const Cursor = (description?: string) =>
  Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, ...described(description) });
