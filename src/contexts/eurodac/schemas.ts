import { Type, type TSchema } from 'typebox';
import { OffsetParam, TotalField } from '../../http/list-query.ts';
import { CalendarDate, PartialDate } from '../../http/schemas.ts';
import { TemplateInputSchema } from '../sbms/index.ts';
import {
  ADMISSION_STAGES,
  CATEGORIES,
  ERASURE_REASONS,
  HIT_STATES,
  OFFENCE_KINDS,
  RESPONSIBILITY_GROUNDS,
  SEXES,
} from './model.ts';

const strict = { additionalProperties: false } as const;
const Text = (max = 200) => Type.String({ maxLength: max });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const IdentityBody = Type.Object(
  {
    surname: Text(),
    givenNames: Text(),
    birthDate: PartialDate('YYYY-MM-DD with 00 for an unknown month or day'),
    sex: Type.Enum(SEXES),
    nationalities: Type.Array(Type.String({ maxLength: 3 }), { maxItems: 5 }),
  },
  strict,
);

const DocumentBody = Type.Object(
  {
    type: Type.Optional(Type.String({ maxLength: 3 })),
    number: Type.String({ maxLength: 40 }),
    issuingState: Type.String({ maxLength: 3, description: 'ICAO country code' }),
    expiry: Type.Optional(CalendarDate()),
  },
  strict,
);

export const DatasetBody = Type.Object(
  {
    category: Type.Enum(CATEGORIES),
    admission: Type.Optional(
      Type.Enum(ADMISSION_STAGES, {
        description: 'Resettlement only (art. 18): registered (compared, not recorded), granted or refused',
      }),
    ),
    fingerprints: Type.Array(TemplateInputSchema, {
      maxItems: 10,
      description: 'Finger templates, one per position',
    }),
    face: Type.Optional(TemplateInputSchema),
    identity: Type.Optional(IdentityBody),
    document: Type.Optional(DocumentBody),
  },
  strict,
);

const HitSummary = Type.Object({
  hitId: Type.Optional(Type.String()),
  datasetId: Type.String(),
  memberState: Type.String(),
  category: Type.Enum(CATEGORIES),
  score: Type.Number(),
  falseMatchRate: Type.Number(),
});

export const RegistrationReply = Type.Object({
  id: Type.String(),
  recorded: Type.Boolean(),
  hits: Type.Array(HitSummary),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

const IdentityReply = Type.Object({
  surname: Type.String(),
  givenNames: Type.String(),
  birthDate: Type.String(),
  sex: Type.String(),
  nationalities: Type.Array(Type.String()),
});
const DocumentReply = Type.Object({
  type: Type.Optional(Type.String()),
  number: Type.String(),
  issuingState: Type.String(),
  expiry: Type.Optional(Type.String()),
});

export const DatasetReply = Type.Object({
  id: Type.String(),
  category: Type.Enum(CATEGORIES),
  admission: Nullable(Type.Enum(ADMISSION_STAGES)),
  memberState: Type.String(),
  authorityName: Type.String(),
  registeredAt: Type.String(),
  identity: Nullable(IdentityReply),
  document: Nullable(DocumentReply),
  holdings: Type.Object({
    face: Nullable(Type.Object({ quality: Type.Number() })),
    fingers: Type.Array(Type.Object({ position: Type.Integer(), quality: Type.Number() })),
  }),
  marking: Nullable(
    Type.Object({
      markedAt: Type.String(),
      basis: Type.Enum(['protection-granted', 'notice']),
      markedBy: Type.String(),
    }),
  ),
  responsibility: Nullable(
    Type.Object({
      state: Type.String(),
      ground: Type.Enum(RESPONSIBILITY_GROUNDS),
      updatedAt: Type.String(),
    }),
  ),
  eraseAfter: Type.String(),
  hits: Type.Array(
    Type.Object({
      id: Type.String(),
      state: Type.Enum(HIT_STATES),
      otherDatasetId: Type.String(),
      otherMemberState: Type.String(),
    }),
  ),
});

export const HitsQuery = Type.Object({
  state: Type.Optional(Type.Enum(HIT_STATES)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: OffsetParam,
});

const HitCommon = {
  id: Type.String(),
  state: Type.Enum(HIT_STATES),
  createdAt: Type.String(),
  score: Type.Number(),
  falseMatchRate: Type.Number(),
  decision: Type.Enum(['match', 'no-match']),
};

export const HitsReply = Type.Object({
  hits: Type.Array(
    Type.Object({
      ...HitCommon,
      datasetId: Type.String(),
      matchedDatasetId: Type.String(),
      matchedMemberState: Type.String(),
      matchedCategory: Type.Enum(CATEGORIES),
    }),
  ),
  total: TotalField,
});

const HitDataset = Type.Object({
  id: Type.String(),
  memberState: Type.String(),
  category: Type.Enum(CATEGORIES),
  registeredAt: Type.String(),
  identity: Nullable(IdentityReply),
  document: Nullable(DocumentReply),
  marked: Type.Boolean(),
});

export const HitReply = Type.Object({
  ...HitCommon,
  comparison: Type.Array(
    Type.Object({
      modality: Type.Enum(['face', 'finger']),
      position: Type.Integer(),
      score: Type.Number(),
      probeQuality: Type.Number(),
      storedQuality: Type.Number(),
    }),
  ),
  dataset: HitDataset,
  matched: HitDataset,
  verification: Nullable(
    Type.Object({
      outcome: Type.Enum(['confirmed', 'rejected']),
      reason: Type.String(),
      by: Type.String(),
      at: Type.String(),
    }),
  ),
});

export const VerificationBody = Type.Object(
  { outcome: Type.Enum(['confirmed', 'rejected']), reason: Text(2000) },
  strict,
);

export const MarkingBody = Type.Object(
  {
    noticeId: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          'The notice of another state this marking answers; absent when this state granted protection',
      }),
    ),
  },
  strict,
);

export const MarkingReply = Type.Object({
  dataset: DatasetReply,
  noticesSent: Type.Array(Type.Object({ memberState: Type.String(), dueBy: Type.String() })),
});

export const NoticesQuery = Type.Object({ open: Type.Optional(Type.Boolean()) });

export const NoticesReply = Type.Object({
  notices: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Enum(['marking']),
      datasetId: Type.String(),
      markedDatasetId: Type.String(),
      markedBy: Type.String(),
      sentAt: Type.String(),
      dueBy: Type.String(),
      actedAt: Nullable(Type.String()),
    }),
  ),
});

export const ResponsibilityBody = Type.Object(
  {
    responsibleState: Type.String({ maxLength: 3, description: 'The member state responsible (e.g. DE)' }),
    ground: Type.Enum(RESPONSIBILITY_GROUNDS),
  },
  strict,
);

export const ErasureBody = Type.Object({ reason: Type.Enum(ERASURE_REASONS) }, strict);

export const ErasureReply = Type.Object({
  id: Type.String(),
  erased: Type.Boolean(),
  templatesRemoved: Type.Integer(),
});

/**
 * The reasoned request of art. 33: every condition is a field, so that a request that leaves one out is
 * refused by the service with `EURODAC_LE_CONDITIONS_NOT_MET` naming it (and logged as refused).
 */
export const LawEnforcementBody = Type.Object(
  {
    caseReference: Type.Optional(Text(100)),
    offence: Type.Optional(
      Type.Object(
        { kind: Type.Optional(Type.Enum(OFFENCE_KINDS)), description: Type.Optional(Text(1000)) },
        strict,
      ),
    ),
    reasons: Type.Optional(Text(4000)),
    priorChecks: Type.Optional(
      Type.Object(
        {
          nationalDatabases: Type.Optional(Type.Boolean()),
          prumFingerprints: Type.Optional(Type.Boolean()),
          vis: Type.Optional(Type.Boolean()),
        },
        strict,
      ),
    ),
    verifyingAuthority: Type.Optional(Text(200)),
    fingerprints: Type.Array(TemplateInputSchema, { maxItems: 10 }),
    face: Type.Optional(TemplateInputSchema),
  },
  strict,
);

export const LawEnforcementReply = Type.Object({
  id: Type.String(),
  result: Type.Enum(['hit', 'no-hit']),
  hits: Type.Array(Type.Object({ datasetId: Type.String(), memberState: Type.String() })),
});
