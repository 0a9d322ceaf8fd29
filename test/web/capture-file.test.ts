import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';

import { SyntheticBiometrics } from '../../src/contexts/sbms/index.ts';
import {
  eurodacBiometrics,
  parseCaptureFile,
  problemsByTemplate,
} from '../../web/src/pages/biometrics/captureFile.ts';
import { catalogues } from '../../web/src/i18n/messages.ts';
import { falseMatchText, templateLabel } from '../../web/src/pages/biometrics/format.ts';

const synthetic = new SyntheticBiometrics();

describe('parseCaptureFile', () => {
  it('reads a plain array of templates, as a capture device writes it', () => {
    const file = [synthetic.face('amira'), ...synthetic.fingers('amira', [1, 2])];
    const parsed = parseCaptureFile(JSON.stringify(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) {
      return;
    }
    expect(parsed.templates.map((t) => [t.modality, t.position, t.quality, t.problem])).toEqual([
      ['face', 0, 80, null],
      ['finger', 1, 80, null],
      ['finger', 2, 80, null],
    ]);
    expect(parsed.templates[1]!.input).toEqual(file[1]);
  });

  it('reads the Eurodac shape { fingerprints, face } and gives it back in that shape', () => {
    const face = synthetic.face('amira', { quality: 70 });
    const fingerprints = synthetic.fingers('amira', [3, 4], { quality: 55 });
    const parsed = parseCaptureFile(JSON.stringify({ fingerprints, face }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) {
      return;
    }
    expect(parsed.templates.map((t) => t.position)).toEqual([0, 3, 4]);
    expect(eurodacBiometrics(parsed.templates)).toEqual({ fingerprints, face });
  });

  it('names what is wrong with a file or a template before anything is sent', () => {
    expect(parseCaptureFile('not json')).toEqual({ ok: false, error: 'notJson' });
    expect(parseCaptureFile('{"photo": 1}')).toEqual({ ok: false, error: 'shape' });
    expect(parseCaptureFile('[]')).toEqual({ ok: false, error: 'empty' });
    const finger = synthetic.finger('amira', 2);
    const parsed = parseCaptureFile(
      JSON.stringify([
        { ...finger, position: 11 },
        { ...finger, quality: 140 },
        { ...finger, template: 'not base64!' },
        finger,
        finger,
        { ...finger, modality: 'iris' },
      ]),
    );
    expect(parsed.ok && parsed.templates.map((t) => t.problem)).toEqual([
      'position',
      'quality',
      'template',
      null,
      'duplicate',
      'modality',
    ]);
  });
});

describe('problemsByTemplate', () => {
  it("places the server's refusal of a low-quality finger on that finger of the file", () => {
    const parsed = parseCaptureFile(
      JSON.stringify({
        face: synthetic.face('amira'),
        fingerprints: [synthetic.finger('amira', 1), synthetic.finger('amira', 2, { quality: 20 })],
      }),
    );
    if (!parsed.ok) {
      throw new Error('unreadable');
    }
    const problems = problemsByTemplate(parsed.templates, 'SBMS_QUALITY_TOO_LOW', {
      problems: [
        {
          field: 'fingerprints[1].quality',
          message: 'Quality 20 is below the minimum of 40 for a finger template: capture it again.',
        },
      ],
    });
    // The face is template 0 of the file, then finger 1, then finger 2 (index 2).
    expect([...problems]).toEqual([
      [
        2,
        {
          kind: 'low-quality',
          message: 'Quality 20 is below the minimum of 40 for a finger template: capture it again.',
        },
      ],
    ]);
  });

  it('reads the face and the border check fields, and tells unreadable from low quality', () => {
    const parsed = parseCaptureFile(JSON.stringify([synthetic.face('amira'), synthetic.finger('amira', 1)]));
    if (!parsed.ok) {
      throw new Error('unreadable');
    }
    const mixed = problemsByTemplate(parsed.templates, 'SBMS_TEMPLATE_INVALID', {
      problems: [
        { field: 'biometrics[1].template', message: 'A finger template holds 192 float32 values.' },
        { field: 'biometrics[0].quality', message: 'Quality 10 is below the minimum of 40.' },
      ],
    });
    expect(mixed.get(1)?.kind).toBe('invalid');
    expect(mixed.get(0)?.kind).toBe('low-quality');
    const face = problemsByTemplate(parsed.templates, 'SBMS_QUALITY_TOO_LOW', {
      problems: [{ field: 'face.quality', message: 'below' }],
    });
    expect(face.get(0)?.kind).toBe('low-quality');
    expect(problemsByTemplate(parsed.templates, 'OTHER', null).size).toBe(0);
  });
});

describe('biometric figures in words', () => {
  const intl = createIntl({ locale: 'en', messages: catalogues.en! });

  it('names faces and fingers by their ISO position', () => {
    expect(templateLabel(intl, 'face', 0)).toBe('Face');
    expect(templateLabel(intl, 'finger', 1)).toBe('Right thumb (1)');
    expect(templateLabel(intl, 'finger', 10)).toBe('Left little finger (10)');
    expect(templateLabel(intl, 'finger', 11)).toBe('Finger (11)');
  });

  it('says a false-match rate as one in so many comparisons, and no further than one in a billion', () => {
    expect(falseMatchText(intl, 1 / 50_000)).toBe('about one false match in 50,000 comparisons');
    expect(falseMatchText(intl, 4.3e-23)).toBe('less than one false match in a billion comparisons');
    expect(falseMatchText(intl, 0)).toBe('less than one false match in a billion comparisons');
  });
});
