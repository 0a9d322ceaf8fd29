import { Type } from 'typebox';
import { PartialDate } from '../../http/schemas.ts';
import { LinkNoticesSchema } from '../mid/index.ts';
import { TemplatesSchema } from '../sbms/index.ts';
import { QUERY_FIELDS } from './model.ts';

const field = (description: string) => Type.Optional(Type.String({ maxLength: 200, description }));

export const SearchBody = Type.Object(
  {
    surname: field('Surname(s), any script'),
    givenNames: field('Given name(s), any script'),
    birthDate: Type.Optional(PartialDate('YYYY-MM-DD, 00 for an unknown day or month')),
    sex: field('M, F or X'),
    nationality: field('ICAO three-letter code'),
    documentNumber: field('Travel document number'),
    documentIssuingState: field('ICAO three-letter code of the issuing state'),
    plate: field('Number plate as read'),
    plateCountry: field('Country of the plate (ISO alpha-2 or ICAO alpha-3)'),
    vin: field('Vehicle identification number (17 characters)'),
    containerNumber: field('ISO 6346 container number'),
    biometrics: Type.Optional(
      TemplatesSchema(
        'Face and fingerprint templates (query type `biometric`), for the profiles that may query with them: compared 1:N with the templates each system holds; only their type is logged',
      ),
    ),
  },
  { additionalProperties: false },
);

const Result = Type.Object({
  system: Type.String(),
  recordRef: Type.String(),
  probability: Type.Number(),
  explanation: Type.Array(Type.String()),
  warningMarkers: Type.Array(Type.String()),
  fields: Type.Record(Type.String(), Type.Unknown()),
  /** Set on a record found by the query's biometric templates: the fused decision's score. */
  biometric: Type.Optional(
    Type.Object({
      score: Type.Number({ description: 'Fused log-likelihood ratio over every comparison' }),
      falseMatchRate: Type.Number({
        description: 'Estimated false-match rate of a comparison scoring this high',
      }),
      modalities: Type.Array(Type.Enum(['face', 'finger'])),
      faceScore: Type.Optional(Type.Number({ description: "The face's similarity (cosine)" })),
      fingers: Type.Integer({ description: 'Fingers compared' }),
    }),
  ),
  /** The MID links of the record the officer may see (2019/817 arts. 9(4), 26); absent when there are none. */
  links: Type.Optional(LinkNoticesSchema),
});

export const SourceAnswerSchema = Type.Object({
  system: Type.String(),
  status: Type.Enum(['ok', 'timeout', 'error', 'not-permitted', 'too-broad']),
  tookMs: Type.Integer(),
  message: Type.Optional(Type.String()),
  results: Type.Array(Result),
});

export const MergedReply = Type.Object({
  profile: Type.String(),
  answers: Type.Array(SourceAnswerSchema),
});

export const StreamLine = Type.Union([
  Type.Object({ type: Type.Literal('answer'), answer: SourceAnswerSchema }),
  Type.Object({ type: Type.Literal('done'), profile: Type.String(), systems: Type.Array(Type.String()) }),
  Type.Object({ type: Type.Literal('failed'), code: Type.String(), message: Type.String() }),
]);

/** The caller's search profiles (2019/817 art. 9): the fields the form offers and the systems it consults. */
export const ProfilesReply = Type.Object({
  profiles: Type.Array(
    Type.Object({
      id: Type.String(),
      /** The purpose to declare for a search under this profile. */
      purpose: Type.String(),
      queryFields: Type.Array(Type.Enum(QUERY_FIELDS)),
      /** Systems the portal shall consult, then those it may consult. */
      shall: Type.Array(Type.String()),
      may: Type.Array(Type.String()),
      basis: Type.String(),
      /** Whether a query under this profile may carry biometric templates. */
      biometric: Type.Boolean(),
    }),
  ),
});
