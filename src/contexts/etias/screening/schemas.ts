import { Type } from 'typebox';
import { EDUCATION_LEVELS, OCCUPATION_GROUPS } from '../model.ts';
import { LEGAL_BASES, MAX_AGE, RISK_TYPES, RULE_SEXES, RULE_STATUSES } from './rule.ts';

const strict = { additionalProperties: false } as const;
const Country = Type.String({ pattern: '^[A-Z]{3}$', description: 'ICAO three-letter code' });

/**
 * The predicates of a rule: the art. 33(4) fields and nothing else (no other property is accepted, so no other
 * field of the application can even be expressed). The service refuses a rule on sex or age alone (art. 33(5)).
 */
export const PredicatesSchema = Type.Object(
  {
    ageRange: Type.Optional(
      Type.Object(
        {
          min: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_AGE })),
          max: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_AGE })),
        },
        strict,
      ),
    ),
    sex: Type.Optional(Type.Enum(RULE_SEXES)),
    nationalities: Type.Optional(Type.Array(Country, { minItems: 1, maxItems: 60 })),
    residenceCountries: Type.Optional(Type.Array(Country, { minItems: 1, maxItems: 60 })),
    residenceCities: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 60 }),
    ),
    educationLevels: Type.Optional(Type.Array(Type.Enum(EDUCATION_LEVELS), { minItems: 1, maxItems: 4 })),
    occupationGroups: Type.Optional(Type.Array(Type.Enum(OCCUPATION_GROUPS), { minItems: 1, maxItems: 15 })),
  },
  { ...strict, description: 'A conjunction of predicates over the art. 33(4) fields only' },
);

const ruleFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  riskType: Type.Enum(RISK_TYPES),
  legalBasis: Type.Enum(LEGAL_BASES, { description: 'The art. 33(2) source, (a) to (f)' }),
  boardReference: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'The ETIAS Screening Board consultation reference (art. 9, art. 33(6))',
  }),
  predicates: PredicatesSchema,
};

export const RuleBody = Type.Object(ruleFields, strict);

export const NewVersionBody = Type.Object(
  {
    ...ruleFields,
    expectedVersion: Type.Integer({ minimum: 1, description: 'The latest version the writer saw' }),
  },
  strict,
);

export const ActivateBody = Type.Object(
  { expectedVersion: Type.Integer({ minimum: 1, description: 'The version to activate (the latest)' }) },
  strict,
);

export const RuleParams = Type.Object({ id: Type.String({ pattern: '^sr_[0-9a-f]{16}$' }) });
export const RuleListQuery = Type.Object({ status: Type.Optional(Type.Enum(RULE_STATUSES)) });

const Impact = Type.Object({
  version: Type.Integer(),
  computedAt: Type.String({ format: 'date-time' }),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  total: Type.Integer({ minimum: 0 }),
  matched: Type.Integer({ minimum: 0 }),
  matchedIssued: Type.Integer({
    minimum: 0,
    description: 'Matched applications that were issued automatically',
  }),
  share: Type.Number({ minimum: 0, maximum: 1 }),
});

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const RuleReply = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  riskType: Type.Enum(RISK_TYPES),
  legalBasis: Type.Enum(LEGAL_BASES),
  boardReference: Type.String(),
  predicates: PredicatesSchema,
  author: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  reviewDue: Type.String({ format: 'date' }),
  status: Type.Enum(RULE_STATUSES),
  impact: Type.Union([Impact, Type.Null()]),
  activatedAt: NullableString,
  activatedBy: NullableString,
  retiredAt: NullableString,
  retiredBy: NullableString,
  recordRef: Type.String({ description: 'What its hits name: rule:<id>@<version>' }),
});

export const RuleListReply = Type.Object({ items: Type.Array(RuleReply) });
