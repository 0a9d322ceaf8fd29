import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors.ts';
import { DEFAULT_SBMS_SETTINGS } from './fusion.ts';
import type { TemplateInput } from './model.ts';
import { SyntheticBiometrics } from './synthetic.ts';
import { decodeTemplates, encodeVector } from './template.ts';

const settings = DEFAULT_SBMS_SETTINGS;
const gen = new SyntheticBiometrics();

function errorOf(inputs: unknown[], options?: { qualityGate?: boolean }) {
  try {
    decodeTemplates(inputs as TemplateInput[], settings, 'biometrics', options);
    return null;
  } catch (err) {
    if (!isAppError(err)) {
      throw err;
    }
    return { code: err.code, kind: err.kind, problems: err.details?.problems as Array<{ field: string }> };
  }
}

describe('decodeTemplates', () => {
  it('reads the generator templates as unit vectors of the configured length', () => {
    const [face, finger] = decodeTemplates([gen.face('a'), gen.finger('a', 3)], settings);
    expect(face).toMatchObject({ modality: 'face', position: 0, quality: 80 });
    expect(face!.vector).toHaveLength(512);
    expect(finger).toMatchObject({ modality: 'finger', position: 3 });
    expect(finger!.vector).toHaveLength(192);
    const norm = Math.hypot(...finger!.vector);
    expect(norm).toBeCloseTo(1, 5);
  });

  it('names every template at fault, and the quality gate only where it applies', () => {
    const short = { ...gen.finger('a', 5), template: encodeVector(new Float32Array(10)) };
    expect(errorOf([gen.face('a'), short, { ...gen.finger('a', 1), position: 11 }])).toMatchObject({
      code: 'SBMS_TEMPLATE_INVALID',
      kind: 'Invalid',
      problems: [{ field: 'biometrics[1].template' }, { field: 'biometrics[2].position' }],
    });
    const low = gen.face('a', { quality: 39 });
    expect(errorOf([low])).toMatchObject({
      code: 'SBMS_QUALITY_TOO_LOW',
      problems: [{ field: 'biometrics[0].quality' }],
    });
    expect(errorOf([low], { qualityGate: false })).toBeNull();
    const zeros = { ...gen.finger('a', 2), template: encodeVector(new Float32Array(192)) };
    expect(errorOf([zeros])?.code).toBe('SBMS_TEMPLATE_INVALID');
    const nan = new Float32Array(192).fill(1);
    nan[5] = Number.NaN;
    expect(errorOf([{ ...gen.finger('a', 2), template: encodeVector(nan) }])?.code).toBe(
      'SBMS_TEMPLATE_INVALID',
    );
    expect(errorOf([gen.finger('a', 2), gen.finger('b', 2)])?.code).toBe('SBMS_TEMPLATE_INVALID');
  });

  it('refuses any input whatever with one of the two codes, never another error', () => {
    const valid = [gen.face('f'), gen.finger('f', 4)];
    const anyValue = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.base64String(),
      fc.double(),
      fc.integer({ min: -5, max: 15 }),
    );
    const mutated = fc.record(
      {
        modality: fc.oneof(fc.constantFrom('face', 'finger', 'iris', ''), anyValue),
        position: fc.oneof(fc.integer({ min: -2, max: 12 }), anyValue),
        template: fc.oneof(
          fc.constantFrom(valid[0]!.template, valid[1]!.template, '', '===='),
          fc.base64String(),
          fc.float32Array({ minLength: 0, maxLength: 600 }).map((a) => encodeVector(a)),
          anyValue,
        ),
        quality: fc.oneof(fc.double(), fc.integer({ min: -10, max: 110 }), anyValue),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(mutated, fc.constantFrom(...valid), anyValue), { maxLength: 6 }),
        (inputs) => {
          const err = errorOf(inputs);
          if (err !== null) {
            expect(['SBMS_TEMPLATE_INVALID', 'SBMS_QUALITY_TOO_LOW']).toContain(err.code);
            expect(err.kind).toBe('Invalid');
            expect(err.problems.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
