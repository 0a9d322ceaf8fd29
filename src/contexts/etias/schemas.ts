import { Type, type TSchema } from 'typebox';
import { OffsetParam, SortParams, TotalField } from '../../http/list-query.ts';
import { CalendarDate, PartialDate } from '../../http/schemas.ts';
import {
  APPLICATION_STATUSES,
  AUTHORISATION_FLAGS,
  EDUCATION_LEVELS,
  FEE_EXEMPTIONS,
  HIT_RULES,
  HIT_STATES,
  OCCUPATION_GROUPS,
  QUEUES,
  type ApplicationInput,
} from './model.ts';
import { QUEUE_SORT_FIELDS } from './repository.ts';

const Text = (max = 200) => Type.String({ maxLength: max });
const Code = (description: string) => Type.String({ maxLength: 10, description });
const strict = { additionalProperties: false } as const;

/**
 * The application (art. 17) as the public route takes it: the contract of issue 14, strictly (unknown
 * fields refused). Values are judged by the service, which names every bad field (`details.problems`).
 */
export const ApplicationBody = Type.Object(
  {
    surname: Text(),
    givenNames: Text(),
    surnameAtBirth: Type.Optional(Text()),
    otherNames: Type.Optional(Type.Array(Text(), { maxItems: 10 })),
    birthDate: PartialDate('Date of birth, YYYY-MM-DD (00 for an unknown month or day)'),
    placeOfBirth: Text(),
    countryOfBirth: Code('ICAO country code'),
    sex: Type.Enum(['M', 'F', 'X']),
    nationalities: Type.Array(Code('ICAO country code'), {
      minItems: 1,
      maxItems: 5,
      description: 'Current nationality first (art. 17(2)(a)), then any others',
    }),
    parentsFirstNames: Type.Optional(Type.Array(Text(), { maxItems: 4 })),
    document: Type.Object(
      {
        type: Type.String({ maxLength: 3, description: 'ICAO document code, e.g. P' }),
        number: Type.String({ maxLength: 40 }),
        issuingState: Code('ICAO country code'),
        expiry: CalendarDate(),
        issuedOn: Type.Optional(CalendarDate()),
      },
      strict,
    ),
    residence: Type.Object(
      { country: Code('ICAO country code'), city: Text(100), address: Type.Optional(Text(300)) },
      strict,
    ),
    email: Type.String({ maxLength: 254 }),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    education: Type.Optional(Type.Enum(EDUCATION_LEVELS)),
    occupation: Type.Optional(Type.Enum(OCCUPATION_GROUPS)),
    intendedFirstStay: Type.Optional(
      Type.Object(
        {
          memberState: Type.String({ maxLength: 3, description: 'Schengen state, alpha-2 or alpha-3' }),
          address: Type.Optional(Text(300)),
        },
        strict,
      ),
    ),
    background: Type.Object(
      { criminalConviction: Type.Boolean(), conflictZoneStay: Type.Boolean(), removalOrder: Type.Boolean() },
      strict,
    ),
    familyMemberOfEuCitizen: Type.Optional(Type.Boolean()),
    payment: Type.Optional(
      Type.Object(
        {
          reference: Type.String({
            maxLength: 100,
            description: "The payment provider's reference; the fee is recorded, not charged",
          }),
        },
        strict,
      ),
    ),
  },
  strict,
);

const FeeSchema = Type.Object({
  amountCents: Type.Integer({ minimum: 0 }),
  currency: Type.Literal('EUR'),
  exemption: Type.Union([Type.Enum(FEE_EXEMPTIONS), Type.Null()]),
});

export const SubmitReply = Type.Object({
  id: Type.String(),
  status: Type.Enum(APPLICATION_STATUSES),
  fee: FeeSchema,
  submittedAt: Type.String(),
  validFrom: Type.Optional(Type.String()),
  validUntil: Type.Optional(Type.String()),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export const HitParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  hitId: Type.String({ minLength: 1, maxLength: 100 }),
});

export const StatusQuery = Type.Object({
  documentNumber: Type.String({ minLength: 1, maxLength: 40, description: 'The travel document number' }),
});

export const StatusReply = Type.Object({
  id: Type.String(),
  status: Type.Enum(APPLICATION_STATUSES),
  submittedAt: Type.String(),
  validFrom: Type.Optional(Type.String()),
  validUntil: Type.Optional(Type.String()),
  territorialValidity: Type.Optional(Type.Array(Type.String())),
});

export const QueueQuery = Type.Object({
  deadline: Type.Optional(
    Type.Enum(['overdue', 'soon'], { description: 'Past the deadline, or due within `dueWithinHours`' }),
  ),
  dueWithinHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 96 })),
  nationality: Type.Optional(Type.String({ maxLength: 3 })),
  rule: Type.Optional(Type.Enum(HIT_RULES)),
  ...SortParams(QUEUE_SORT_FIELDS, '`deadline` ascending: the most urgent first'),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: OffsetParam,
});

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const SummarySchema = {
  id: Type.String(),
  status: Type.Enum(APPLICATION_STATUSES),
  queue: Nullable(Type.Enum(QUEUES)),
  responsibleState: Nullable(Type.String()),
  surname: Type.String(),
  givenNames: Type.String(),
  birthDate: Type.String(),
  nationality: Type.String(),
  document: Type.Object({ number: Type.String(), issuingState: Type.String() }),
  submittedAt: Type.String(),
  centralDueAt: Nullable(Type.String()),
  decisionDueAt: Nullable(Type.String()),
  deadline: Nullable(
    Type.Object({ at: Type.String(), state: Type.Enum(['overdue', 'due-soon', 'on-time']) }),
  ),
  version: Type.Integer(),
};

export const QueueReply = Type.Object({
  items: Type.Array(
    Type.Object({ ...SummarySchema, openHits: Type.Integer(), rules: Type.Array(Type.String()) }),
  ),
  total: TotalField,
});

const HitSchema = Type.Object({
  id: Type.String(),
  source: Type.String(),
  recordRef: Type.String(),
  rule: Type.String(),
  explanation: Type.Array(Type.String()),
  record: Nullable(Type.Record(Type.String(), Type.Unknown())),
  memberState: Nullable(Type.String()),
  notifyOnly: Type.Boolean(),
  refusalGround: Nullable(Type.String()),
  probability: Nullable(Type.Number()),
  state: Type.Enum(HIT_STATES),
  verifiedBy: Nullable(Type.String()),
  verifiedAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const FileReply = Type.Object({
  ...SummarySchema,
  // The application as stored (validated on the way in), passed through as it is.
  content: Type.Unsafe<ApplicationInput>(Type.Record(Type.String(), Type.Unknown())),
  fee: Type.Object({
    amountCents: Type.Integer(),
    currency: Type.Literal('EUR'),
    exemption: Nullable(Type.String()),
    paymentReference: Nullable(Type.String()),
  }),
  decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  flags: Type.Array(Type.Enum(AUTHORISATION_FLAGS)),
  territorialValidity: Nullable(Type.Array(Type.String())),
  eraseAfter: Nullable(Type.String()),
  hits: Type.Array(HitSchema),
  events: Type.Array(
    Type.Object({
      at: Type.String(),
      kind: Type.String(),
      authority: Type.String(),
      user: Type.String(),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

export const VerificationBody = Type.Object(
  {
    verdict: Type.Enum(['false', 'confirmed'], {
      description: '`false`: the data do not correspond; `confirmed`: they do, or doubt remains (art. 22)',
    }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The file version read; a changed file answers 409' }),
    ),
  },
  strict,
);
