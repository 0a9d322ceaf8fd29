import { Type, type Static } from 'typebox';
import { Cursor, ZonedInstant } from '../../http/schemas.ts';
import { SYSTEMS } from '../access/index.ts';
import { AUDIT_SORT_COLUMNS } from './model.ts';

export const EventsQuery = Type.Object(
  {
    user: Type.Optional(Type.String({ maxLength: 200, description: 'User name' })),
    record: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "Records naming this reference: a person's record, a document, a file (e.g. `ees:…`)",
      }),
    ),
    system: Type.Optional(Type.String({ maxLength: 50 })),
    purpose: Type.Optional(Type.String({ maxLength: 100 })),
    operation: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(ZonedInstant()),
    to: Type.Optional(ZonedInstant()),
    before: Type.Optional(Cursor('Paging: events with a lower sequence number')),
    sort: Type.Optional(
      Type.Enum(AUDIT_SORT_COLUMNS, {
        description:
          'Column to sort by (default `time`); ties are broken by the chain position, newest first',
      }),
    ),
    order: Type.Optional(Type.Enum(['asc', 'desc'], { description: 'Sort direction (default `desc`)' })),
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 100_000,
        description: 'Paging: events to skip in the chosen order',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);
export type EventsQuery = Static<typeof EventsQuery>;

/** The filters of the list, without paging: the export holds every matching record. */
export const ExportQuery = Type.Omit(EventsQuery, ['before', 'limit', 'sort', 'order', 'offset']);

export const AuditEventSchema = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  userId: Type.Union([Type.String(), Type.Null()]),
  username: Type.String(),
  authorityName: Type.String(),
  authorityType: Type.String(),
  memberState: Type.String(),
  profile: Type.String(),
  purpose: Type.Union([Type.String(), Type.Null()]),
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  operation: Type.String(),
  operationLabel: Type.String({ description: 'Readable name of the operation' }),
  system: Type.String(),
  component: Type.Union([Type.String(), Type.Null()]),
  queryDataTypes: Type.Array(Type.String()),
  resultSummary: Type.Union([Type.String(), Type.Null()]),
  recordRefs: Type.Array(Type.String()),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('denied'), Type.Literal('error')]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  clientRequestId: Type.Union([Type.String(), Type.Null()]),
  retainUntil: Type.String({ format: 'date' }),
  hash: Type.String(),
});

export const EventsReply = Type.Object({
  events: Type.Array(AuditEventSchema),
  /** For keyset paging newest first: pass as `before` for the next page; null when sorted otherwise or at the end. */
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
  /**
   * How many events match the filters (and `before`) in all, counted up to 10,000; the page holds at most
   * `limit`.
   */
  total: Type.Integer(),
  /** More events match than `total` says: the count stopped at 10,000 (narrow the filters to see them all). */
  totalCapped: Type.Boolean(),
  /**
   * The newest matching event. Every read of the log is logged, so the log grows while it is paged: pass
   * `before = latestSeq + 1` with the next pages to page through the log as it was, without repeats.
   */
  latestSeq: Type.Union([Type.Integer(), Type.Null()]),
});

export const VerifyReply = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBadSeq: Type.Union([Type.Integer(), Type.Null()]),
  problem: Type.Union([Type.String(), Type.Null()]),
  checkpoints: Type.Integer({ description: 'Signed checkpoints the chain was checked against' }),
});

/** A list's CSV export, logged before the browser saves the file (the rows shown, as the user chose them). */
export const ExportLogBody = Type.Object(
  {
    screen: Type.String({
      pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
      maxLength: 50,
      description: 'The screen exported from, e.g. `audit-log`, `sis-alerts`',
    }),
    system: Type.Enum(SYSTEMS, { description: 'The system whose data the list shows' }),
    filters: Type.Record(
      Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,49}$' }),
      Type.String({ maxLength: 200 }),
      {
        maxProperties: 20,
        additionalProperties: false,
        description: 'The filters in effect, by name',
      },
    ),
    sort: Type.Optional(
      Type.String({ maxLength: 100, description: 'Column and direction, e.g. `time desc`' }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    columns: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), {
      minItems: 1,
      maxItems: 50,
      description: 'The columns exported, in order',
    }),
    rows: Type.Integer({ minimum: 0, maximum: 1000, description: 'How many rows the file holds' }),
  },
  { additionalProperties: false },
);
export type ExportLogBody = Static<typeof ExportLogBody>;

export const ExportLogReply = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
});
