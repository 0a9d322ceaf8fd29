import { Type, type Static } from 'typebox';
import { Cursor, ZonedInstant } from '../../http/schemas.ts';

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
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);
export type EventsQuery = Static<typeof EventsQuery>;

/** The filters of the list, without paging: the export holds every matching record. */
export const ExportQuery = Type.Omit(EventsQuery, ['before', 'limit']);

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
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});

export const VerifyReply = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBadSeq: Type.Union([Type.Integer(), Type.Null()]),
  problem: Type.Union([Type.String(), Type.Null()]),
  checkpoints: Type.Integer({ description: 'Signed checkpoints the chain was checked against' }),
});
