import { Type } from 'typebox';
import { OffsetParam, TotalField } from '../../../http/list-query.ts';
import { CalendarDate, PartialDate } from '../../../http/schemas.ts';

const strict = { additionalProperties: false } as const;
const Text = (max = 200) => Type.String({ maxLength: max });
const Country = Type.String({ pattern: '^[A-Z]{3}$' });

/** The art. 34(3) data of an entry; the service checks that at least one of (a)-(j) is given. */
export const WatchlistDataSchema = Type.Object(
  {
    surname: Type.Optional(Text()),
    surnameAtBirth: Type.Optional(Text()),
    birthDate: Type.Optional(PartialDate('YYYY-MM-DD, 00 for an unknown part')),
    otherNames: Type.Optional(Type.Array(Text(), { maxItems: 20 })),
    documents: Type.Optional(
      Type.Array(
        Type.Object(
          { type: Type.Optional(Text(10)), number: Text(40), issuingState: Type.Optional(Country) },
          strict,
        ),
        { maxItems: 10 },
      ),
    ),
    homeAddress: Type.Optional(Text(500)),
    email: Type.Optional(Text(254)),
    phone: Type.Optional(Text(40)),
    organisation: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Text()),
          email: Type.Optional(Text(254)),
          address: Type.Optional(Text(500)),
          phone: Type.Optional(Text(40)),
        },
        strict,
      ),
    ),
    ipAddress: Type.Optional(Text(45)),
    givenNames: Type.Optional(Text()),
    placeOfBirth: Type.Optional(Text()),
    countryOfBirth: Type.Optional(Country),
    sex: Type.Optional(Type.Enum(['M', 'F', 'X'])),
    nationalities: Type.Optional(Type.Array(Country, { maxItems: 10 })),
  },
  strict,
);

export const EntryBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'Why the person is on the list (art. 34(2))',
    }),
    data: WatchlistDataSchema,
  },
  strict,
);

export const PreviewBody = Type.Object({ data: WatchlistDataSchema }, strict);

export const ReviewBody = Type.Object(
  {
    decision: Type.Enum(['keep', 'remove']),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  strict,
);

export const EntryParams = Type.Object({ id: Type.String({ pattern: '^wl_[0-9a-f]{16}$' }) });

export const EntryListQuery = Type.Object({
  dueBy: Type.Optional(CalendarDate('Entries whose review is due by this day, YYYY-MM-DD')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: OffsetParam,
});

const Impact = Type.Object({
  computedAt: Type.String({ format: 'date-time' }),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  total: Type.Integer({ minimum: 0 }),
  matched: Type.Integer({ minimum: 0 }),
  share: Type.Number({ minimum: 0, maximum: 1 }),
});

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const EntryReply = Type.Object({
  id: Type.String(),
  owner: Type.String({ description: 'EUROPOL or the member state that entered it' }),
  reason: Type.String(),
  data: WatchlistDataSchema,
  enteredBy: Type.String(),
  enteredByAuthority: Type.String(),
  enteredAt: Type.String({ format: 'date-time' }),
  reviewDue: Type.String({ format: 'date' }),
  reviewedAt: NullableString,
  reviewedBy: NullableString,
  impact: Type.Union([Impact, Type.Null()]),
  recordRef: Type.String(),
});

export const EntryListReply = Type.Object({ total: TotalField, items: Type.Array(EntryReply) });

const SisAlert = Type.Object({
  recordRef: Type.String(),
  rule: Type.String(),
  explanation: Type.Array(Type.String()),
});

export const PreviewReply = Type.Object({
  sisAlerts: Type.Array(SisAlert, { description: 'SIS alerts the data match: the entry cannot be made' }),
  impact: Impact,
});

export const CreatedReply = Type.Object({
  entry: EntryReply,
  authorisationMatches: Type.Array(
    Type.Object({
      applicationId: Type.String(),
      entryId: Type.String(),
      owner: Type.String(),
      memberState: Type.String({ description: 'Whose National Unit reviews the file for revocation' }),
      explanation: Type.Array(Type.String()),
    }),
    { description: 'Valid authorisations the new entry matches, handed to revocation (art. 41(4))' },
  ),
});

export const ReviewReply = Type.Object({ entry: Type.Union([EntryReply, Type.Null()]) });
