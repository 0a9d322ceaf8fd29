import { Type } from 'typebox';
import { OffsetParam, SortParams, TotalField } from '../../http/list-query.ts';
import { AUTHORITY_TYPES } from '../access/index.ts';
import { CIR_SYSTEMS } from '../cir/index.ts';
import { LINK_COLORS, VERIFIED_COLORS } from './model.ts';

const strict = { additionalProperties: false } as const;

/** Columns the verification queue sorts by (DataTable conventions; ties broken by the link id). */
export const LINK_SORT_COLUMNS = ['createdAt', 'verifyBy', 'color'] as const;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const LinksQuery = Type.Object({
  color: Type.Optional(Type.Enum(LINK_COLORS, { description: 'Only links of this colour' })),
  system: Type.Optional(Type.Enum(CIR_SYSTEMS, { description: 'Only links with a record of this system' })),
  ...SortParams(LINK_SORT_COLUMNS, 'verifyBy, then createdAt, ascending'),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: OffsetParam,
});

const VerifierReply = Type.Object({
  authorityType: Type.Enum(AUTHORITY_TYPES),
  memberState: Type.String(),
  system: Type.Enum(CIR_SYSTEMS),
  basis: Type.String(),
});

const VerificationReply = Type.Object({
  color: Type.Enum(VERIFIED_COLORS),
  reason: Type.String(),
  by: Type.String(),
  authority: Type.String(),
  at: Type.String(),
  noticeWithheld: Type.Optional(
    Type.Object({ reason: Type.String() }, { description: 'Why the person was not informed (art. 32)' }),
  ),
});

const LinkFields = {
  id: Type.String(),
  icf: Type.String({
    description: 'The single identification number of the identity confirmation file (art. 34(c))',
  }),
  color: Type.Enum(LINK_COLORS),
  meaning: Type.String({ description: 'What the colour says (arts. 30-33)' }),
  records: Type.Array(Type.String(), {
    description: '`<system>:<recordRef>`, the record that made the link first',
  }),
  rules: Type.Array(Type.String()),
  biometricScore: Type.Optional(Type.Number()),
  falseMatchRate: Type.Optional(Type.Number()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  verifyBy: Type.Optional(
    Type.String({ description: 'Yellow only: by when the verifying authority decides [K]' }),
  ),
  overdue: Type.Boolean({ description: 'Yellow and past `verifyBy`' }),
  verifier: VerifierReply,
  verification: Type.Optional(VerificationReply),
  reflectedInRecords: Type.Boolean({
    description: 'Red: the linked records show the red link in every check and query (art. 32) [K]',
  }),
};

export const LinkReply = Type.Object(LinkFields);

export const LinksReply = Type.Object({ links: Type.Array(LinkReply), total: TotalField });

const NameField = Type.Union([Type.String(), Type.Array(Type.String())]);
const IdentityReply = Type.Object({
  surname: Type.Optional(NameField),
  givenNames: Type.Optional(NameField),
  surnameAtBirth: Type.Optional(NameField),
  previousSurnames: Type.Optional(Type.Array(Type.String())),
  previousGivenNames: Type.Optional(Type.Array(Type.String())),
  aliases: Type.Optional(Type.Array(Type.String())),
  birthDate: Type.Optional(Type.String()),
  sex: Type.Optional(Type.String()),
  nationalities: Type.Optional(Type.Array(Type.String())),
  placeOfBirth: Type.Optional(Type.String()),
  countryOfBirth: Type.Optional(Type.String()),
  aliasIdentities: Type.Optional(
    Type.Array(
      Type.Object({
        qualification: Type.String(),
        surname: Type.Optional(NameField),
        givenNames: Type.Optional(NameField),
        birthDate: Type.Optional(Type.String()),
        sex: Type.Optional(Type.String()),
        nationalities: Type.Optional(Type.Array(Type.String())),
        placeOfBirth: Type.Optional(Type.String()),
        countryOfBirth: Type.Optional(Type.String()),
      }),
    ),
  ),
});

const RecordReply = Type.Object({
  ref: Type.String(),
  system: Type.Enum(CIR_SYSTEMS),
  recordRef: Type.String(),
  /** Null when the source no longer holds the record (erased since the link was made). */
  identity: Type.Union([IdentityReply, Type.Null()]),
  documents: Type.Array(
    Type.Object({
      number: Type.String(),
      issuingState: Type.Optional(Type.String()),
      type: Type.Optional(Type.String()),
      expiry: Type.Optional(Type.String()),
    }),
  ),
  biometrics: Type.Union([
    Type.Object({
      modalities: Type.Array(Type.Enum(['face', 'finger'])),
      templates: Type.Array(
        Type.Object({
          modality: Type.Enum(['face', 'finger']),
          position: Type.Integer(),
          quality: Type.Number(),
        }),
      ),
    }),
    Type.Null(),
  ]),
  memberState: Type.Union([Type.String(), Type.Null()]),
  sisCategory: Type.Optional(Type.String()),
});

const CategoryReply = Type.Object({
  outcome: Type.Enum(['same', 'similar', 'different']),
  rules: Type.Array(Type.String()),
  explanation: Type.String(),
});

export const LinkDetailReply = Type.Object({
  ...LinkFields,
  records: Type.Array(RecordReply),
  comparison: Type.Union([
    Type.Object({
      verdict: Type.Enum(['same', 'similar', 'different']),
      rules: Type.Array(Type.String()),
      categories: Type.Object({
        names: CategoryReply,
        birthDate: CategoryReply,
        sex: CategoryReply,
        nationalityAndPlaceOfBirth: CategoryReply,
      }),
    }),
    Type.Null(),
  ]),
  evidence: Type.Object({
    biometric: Type.Enum(['match', 'no-match', 'not-compared']),
    biometricScore: Type.Optional(Type.Number()),
    falseMatchRate: Type.Optional(Type.Number()),
    identity: Type.Enum(['same', 'similar', 'different']),
    identityRules: Type.Array(Type.String()),
    document: Type.Boolean(),
  }),
  options: Type.Array(
    Type.Object({ color: Type.Enum(VERIFIED_COLORS), allowed: Type.Boolean(), basis: Type.String() }),
    { description: 'The colours the evidence allows (arts. 31-33), with the article point or why not' },
  ),
  history: Type.Array(
    Type.Object({
      at: Type.String(),
      event: Type.String(),
      color: Type.Enum(LINK_COLORS),
      by: Type.Union([Type.String(), Type.Null()]),
      authority: Type.Union([Type.String(), Type.Null()]),
      reason: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  notices: Type.Array(
    Type.Object({
      id: Type.String(),
      recordRef: Type.String(),
      lang: Type.String(),
      subject: Type.String(),
      text: Type.String(),
      createdAt: Type.String(),
    }),
  ),
});

export const VerificationBody = Type.Object(
  {
    color: Type.Enum(VERIFIED_COLORS, {
      description: 'white (same person), green (different people) or red',
    }),
    reason: Type.String({ minLength: 1, maxLength: 2000, description: "The verifying authority's reasons" }),
    withholdNotice: Type.Optional(
      Type.Object(
        { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
        {
          ...strict,
          description:
            'Red only: informing the person would prejudice security or an investigation (art. 32), with why',
        },
      ),
    ),
  },
  strict,
);
