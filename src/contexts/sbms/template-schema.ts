import { Type, type Static } from 'typebox';
import { MODALITIES } from './model.ts';

/**
 * The request schema of one template (the contract of `TemplateInput`), for every route that takes biometrics.
 * It checks the shape only; what a template holds (base64, length, finite values, quality gate) is checked by
 * `BiometricMatching.decode`, which answers `SBMS_TEMPLATE_INVALID` / `SBMS_QUALITY_TOO_LOW` naming the template.
 */
export const TemplateInputSchema = Type.Object(
  {
    modality: Type.Enum(MODALITIES, { description: 'face or finger' }),
    position: Type.Optional(
      Type.Integer({
        description: 'Fingers only: ISO finger position, 1 right thumb to 10 left little finger',
      }),
    ),
    template: Type.String({
      maxLength: 65_536,
      description: 'Base64 of little-endian float32 values (512 for a face, 192 for a finger by default)',
    }),
    quality: Type.Number({ description: "The extractor's quality score, 0-100" }),
  },
  { additionalProperties: false },
);

/** A face and ten fingers at most: one template per modality and finger position. */
export const TemplatesSchema = (description: string) =>
  Type.Array(TemplateInputSchema, { maxItems: 11, description });

export type TemplateInputBody = Static<typeof TemplateInputSchema>;
