import { Type } from 'typebox';
import { OffsetParam, SortParams, TotalField } from '../../http/list-query.ts';
import { PartialDate } from '../../http/schemas.ts';
import { TemplatesSchema } from '../sbms/index.ts';
import { FLAG_SORT_COLUMNS } from './flag-repository.ts';
import { OFFENCES } from './flags.ts';
import { IDENTIFICATION_SITUATIONS } from './identification.ts';
import { CIR_QUERY_SYSTEMS } from './model.ts';

const strict = { additionalProperties: false } as const;
const Name = Type.String({ minLength: 1, maxLength: 200 });
const SystemEnum = Type.Enum([...CIR_QUERY_SYSTEMS]);

const IdentityBody = Type.Object(
  {
    surname: Name,
    givenNames: Name,
    birthDate: PartialDate('YYYY-MM-DD with 00 for an unknown month or day'),
    sex: Type.Optional(Type.Enum(['M', 'F', 'X', 'U'])),
    nationality: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ICAO alpha-3 code' })),
  },
  strict,
);

const DocumentBody = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 40 }),
    issuingState: Type.Optional(
      Type.String({ pattern: '^[A-Z]{1,3}$', description: 'ICAO issuing state code' }),
    ),
  },
  strict,
);

export const IdentificationBody = Type.Object(
  {
    situation: Type.Enum(IDENTIFICATION_SITUATIONS, {
      description:
        'Why the person is identified (art. 20(1)(a)-(e)): no document, doubts about the identity data, the document or the holder, or the person unable or unwilling to cooperate',
    }),
    personPresent: Type.Literal(true, {
      description: 'The biometric data are taken live during the identity check, in the person’s presence',
    }),
    biometrics: Type.Optional(TemplatesSchema('The live capture: face and fingers (sBMS template contract)')),
    identity: Type.Optional(IdentityBody),
    document: Type.Optional(DocumentBody),
    biometricsUnavailableReason: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2000,
        description: 'Why live biometrics cannot be used; then the identity and document data are queried',
      }),
    ),
    childBestInterests: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2000,
        description: 'Why identifying a child under 12 is in the child’s best interests (art. 20(2))',
      }),
    ),
  },
  strict,
);

const FoundBy = Type.Union([
  Type.Object({
    kind: Type.Literal('biometric'),
    score: Type.Number(),
    falseMatchRate: Type.Number(),
    modalities: Type.Array(Type.Enum(['face', 'finger'])),
  }),
  Type.Object({
    kind: Type.Literal('identity'),
    verdict: Type.Enum(['same', 'similar']),
    rules: Type.Array(Type.String()),
  }),
  Type.Object({ kind: Type.Literal('document'), number: Type.String() }),
]);

const LinkNoticeSchema = Type.Object({
  linkId: Type.String(),
  icf: Type.String({ description: 'The single identification number of the identity confirmation file' }),
  color: Type.Enum(['yellow', 'white', 'green', 'red']),
  record: Type.String(),
  other: Type.Union([Type.String(), Type.Object({ system: Type.String() })]),
  verifier: Type.Object({
    authorityType: Type.String(),
    memberState: Type.String(),
    system: Type.String(),
    basis: Type.String(),
  }),
  meaning: Type.String(),
});

export const IdentificationReply = Type.Object({
  id: Type.String(),
  situation: Type.Enum(IDENTIFICATION_SITUATIONS),
  biometricQuery: Type.Enum(['matched', 'no-match', 'not-used']),
  identityQuery: Type.Enum(['matched', 'no-match', 'not-used']),
  matches: Type.Array(
    Type.Object({
      ref: Type.String({
        description: '`<system>:<record>`: the reference to the originating system (art. 18(2))',
      }),
      system: SystemEnum,
      recordRef: Type.String(),
      identity: Type.Object({
        surname: Type.Optional(Type.String()),
        givenNames: Type.Optional(Type.String()),
        surnameAtBirth: Type.Optional(Type.String()),
        aliases: Type.Optional(Type.Array(Type.String())),
        birthDate: Type.Optional(Type.String()),
        sex: Type.Optional(Type.String()),
        nationalities: Type.Optional(Type.Array(Type.String())),
        placeOfBirth: Type.Optional(Type.String()),
      }),
      documents: Type.Array(
        Type.Object({
          number: Type.String(),
          issuingState: Type.Optional(Type.String()),
          type: Type.Optional(Type.String()),
          expiry: Type.Optional(Type.String()),
        }),
      ),
      memberState: Type.String(),
      foundBy: Type.Array(FoundBy),
      links: Type.Array(LinkNoticeSchema, {
        description: 'The MID links of the file the caller may see (art. 26): red links in every CIR query',
      }),
    }),
  ),
});

export const FlagBody = Type.Object(
  {
    caseReference: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The specific case: national file or Europol reference',
    }),
    grounds: Type.String({
      minLength: 10,
      maxLength: 2000,
      description:
        'The reasonable grounds that consulting the systems will help prevent, detect or investigate the offence (art. 22(1))',
    }),
    offence: Type.Enum(OFFENCES, { description: 'A terrorist offence or other serious criminal offence' }),
    identity: Type.Optional(IdentityBody),
    document: Type.Optional(DocumentBody),
    biometrics: Type.Optional(TemplatesSchema('Face and fingers of the person (sBMS template contract)')),
  },
  strict,
);

/** The whole answer of art. 22(1): which systems hold data, nothing else. */
export const FlagReply = Type.Object(
  {
    id: Type.String({ description: 'The flag query, for its follow-up' }),
    systems: Type.Array(SystemEnum, {
      description: 'The systems holding matching data (art. 18(2) references)',
    }),
    followUpRequired: Type.Boolean({
      description: 'At least one system answered: request full access from at least one (art. 22(2))',
    }),
  },
  strict,
);

export const FlagIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const FollowUpBody = Type.Union([
  Type.Object(
    {
      requested: Type.Array(SystemEnum, {
        minItems: 1,
        maxItems: 3,
        description: 'The systems whose full access is requested under their own conditions (art. 22(2))',
      }),
    },
    strict,
  ),
  Type.Object(
    {
      notRequestedReason: Type.String({
        minLength: 10,
        maxLength: 2000,
        description: 'Exceptionally: why no full access is requested, recorded traceably (art. 22(2))',
      }),
    },
    strict,
  ),
]);

const FollowUp = Type.Union([
  Type.Object({ requested: Type.Array(SystemEnum), at: Type.String(), by: Type.String() }),
  Type.Object({ notRequestedReason: Type.String(), at: Type.String(), by: Type.String() }),
]);

export const FlagQueryReply = Type.Object({
  id: Type.String(),
  caseReference: Type.String(),
  offence: Type.Enum(OFFENCES),
  grounds: Type.String(),
  systems: Type.Array(SystemEnum),
  followUpRequired: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  username: Type.String(),
  followUp: Type.Union([FollowUp, Type.Null()]),
});

export const FlagQueriesQuery = Type.Object({
  pending: Type.Optional(
    Type.Boolean({
      description: 'Only the flag queries that answered with systems and have no follow-up yet',
    }),
  ),
  ...SortParams(FLAG_SORT_COLUMNS, '`createdAt` descending: the newest first'),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: OffsetParam,
});

export const FlagQueriesReply = Type.Object({
  flagQueries: Type.Array(FlagQueryReply),
  total: TotalField,
});
