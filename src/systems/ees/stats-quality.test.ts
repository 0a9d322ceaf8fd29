import { describe, expect, it } from 'vitest';

import { eesQualityFacts } from './stats-quality.ts';

const file = {
  id: 'file_1',
  memberState: 'PT',
  createdDay: '2026-04-10',
  withoutFace: false,
  withoutFingerprints: false,
};

describe('eesQualityFacts', () => {
  it('gives nothing for a file with its biometric data', () => {
    expect(eesQualityFacts(file)).toEqual([]);
  });

  it('names what a file lacks, as a state on the day it was made', () => {
    expect(eesQualityFacts({ ...file, withoutFingerprints: true })).toEqual([
      {
        key: 'without-biometrics',
        figure: 'quality.files-without-biometrics',
        kind: 'state',
        day: '2026-04-10',
        dims: { system: 'ees', missing: 'fingerprints', memberState: 'PT' },
      },
    ]);
    expect(eesQualityFacts({ ...file, withoutFace: true })[0]?.dims.missing).toBe('face');
    expect(eesQualityFacts({ ...file, withoutFace: true, withoutFingerprints: true })[0]?.dims.missing).toBe(
      'both',
    );
  });
});
