import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, PurposeHeader } from '../../http/schemas.ts';
import { PURPOSE_HEADER } from '../../http/types.ts';
import { CandidatesReply, FileDetailsReply } from '../../contexts/ees/index.ts';
import { MidBorderDataSchema } from '../../contexts/mid/index.ts';
import { MODALITIES, TemplatesSchema } from '../../contexts/sbms/index.ts';
import type { BorderCheck } from './service.ts';

const Finding = Type.Object({
  system: Type.String(),
  level: Type.Enum(['stop', 'attention', 'info']),
  code: Type.String(),
  message: Type.String(),
  refusalGround: Type.Optional(Type.String()),
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  alertId: Type.Optional(Type.String()),
  discreet: Type.Optional(Type.Boolean()),
  informationToCollect: Type.Optional(Type.Array(Type.String())),
  hitId: Type.Optional(Type.String()),
});

const Holder = Type.Object({
  surname: Type.String(),
  givenNames: Type.String(),
  nationality: Type.String(),
  birthDate: Type.String(),
  sex: Type.String(),
  documentType: Type.String(),
  documentNumber: Type.String(),
  issuingState: Type.String(),
  expiryDate: Type.String(),
});

export const BorderCheckBody = Type.Object(
  {
    mrz: Type.String({ minLength: 1, maxLength: 400, description: 'MRZ lines separated by line breaks' }),
    bcpId: Type.String({ minLength: 1, maxLength: 64, description: 'Border crossing point id, e.g. FI-HEL' }),
    autocorrect: Type.Optional(
      Type.Boolean({ description: 'Repair OCR look-alikes with the check digits (default true)' }),
    ),
    intendedExit: Type.Optional(
      Type.String({ format: 'date', description: 'Last day of the intended stay' }),
    ),
    vehiclePlate: Type.Optional(
      Type.String({ minLength: 1, maxLength: 20, description: 'Number plate, at land borders' }),
    ),
    vehicleCountry: Type.Optional(
      Type.String({ minLength: 1, maxLength: 3, description: 'Country of the plate' }),
    ),
    biometrics: Type.Optional(
      TemplatesSchema(
        'Live capture at the booth (face, fingers) as templates: verified 1:1 against the EES file (EES art. 23(2)), or identified 1:N when the document finds none (art. 23(4)); never stored',
      ),
    ),
  },
  { additionalProperties: false },
);

const TemplateScoreReply = Type.Object({
  modality: Type.Enum(MODALITIES),
  position: Type.Integer({ description: '0 for the face, 1-10 ISO finger position' }),
  score: Type.Number({ description: 'Cosine similarity, -1..1' }),
  probeQuality: Type.Number(),
  storedQuality: Type.Number(),
});

const ComparisonReply = {
  fileId: Type.String(),
  decision: Type.Enum(['match', 'no-match']),
  score: Type.Number({ description: 'Fused log-likelihood ratio' }),
  falseMatchRate: Type.Number({
    description: 'Estimated false-match rate of a comparison scoring this high',
  }),
  scores: Type.Array(TemplateScoreReply),
};

/** `result.ees.biometrics`: what the EES step did with the live capture (see EesBiometricResult). */
const EesBiometricsReply = Type.Object({
  probe: Type.Array(
    Type.Object({ modality: Type.Enum(MODALITIES), position: Type.Integer(), quality: Type.Number() }),
  ),
  foundBy: Type.Union([Type.Enum(['document', 'biometrics']), Type.Null()]),
  verification: Type.Union([Type.Object({ ...ComparisonReply, compared: Type.Boolean() }), Type.Null()]),
  identification: Type.Union([
    Type.Object({
      candidates: Type.Array(
        Type.Object({
          ...ComparisonReply,
          rank: Type.Integer(),
          surname: Type.String(),
          givenNames: Type.String(),
          birthDate: Type.String(),
          documents: Type.Array(
            Type.Object({ type: Type.String(), number: Type.String(), issuingState: Type.String() }),
          ),
        }),
      ),
    }),
    Type.Null(),
  ]),
});

export const BorderCheckReply = Type.Object({
  checkedAt: Type.String(),
  bcp: Type.Object({ id: Type.String(), localDate: Type.String() }),
  document: Type.Object({
    valid: Type.Boolean(),
    format: Type.Union([Type.String(), Type.Null()]),
    corrections: Type.Array(Type.Object({ field: Type.String(), from: Type.String(), to: Type.String() })),
    problems: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  }),
  holder: Type.Union([Holder, Type.Null()]),
  ees: Type.Object({
    file: Type.Union([FileDetailsReply, Type.Null()]),
    candidates: CandidatesReply.properties.candidates,
    biometrics: Type.Optional(EesBiometricsReply),
  }),
  /** The plugged-in systems' data by system; the MID's links (2019/817 art. 26; SBC art. 8(4a)) under `mid`. */
  extra: Type.Object({ mid: Type.Optional(MidBorderDataSchema) }, { additionalProperties: Type.Unknown() }),
  findings: Type.Array(Finding),
  verdict: Type.Enum(['proceed', 'attention', 'refusal-suggested', 'unreadable']),
});

export function borderCheckRoutes(deps: { borderCheck: BorderCheck }) {
  return function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/api/v1/border-check',
      {
        config: { access: { permission: 'border-check:run', purpose: 'required' } },
        schema: {
          tags: ['border-check'],
          summary:
            'Check a traveller at a border crossing point: document, EES file, 90/180 and every plugged-in system',
          headers: PurposeHeader,
          body: BorderCheckBody,
          response: { 200: BorderCheckReply, ...errorResponses(401, 403, 404, 503) },
        },
      },
      async (request) =>
        deps.borderCheck.run({
          actor: request.actor!,
          purpose: request.headers[PURPOSE_HEADER] ?? null,
          request: request.body,
          requestId: request.id,
        }),
    );
    return Promise.resolve();
  };
}
