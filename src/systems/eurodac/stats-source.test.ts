import { describe, expect, it } from 'vitest';

import type { EurodacStatsRecord } from '../../contexts/eurodac/index.ts';
import { eurodacStatsFacts } from './stats-source.ts';

const dataset: EurodacStatsRecord = {
  id: 'ds_1',
  category: 'applicant',
  memberState: 'IT',
  registeredDay: '2026-05-04',
  hits: [
    { id: 'edh_1', matchedCategory: 'irregular-crossing', day: '2026-05-04' },
    { id: 'edh_2', matchedCategory: 'applicant', day: '2026-05-04' },
  ],
};

describe('eurodacStatsFacts', () => {
  it('counts the registration on its day by category and member state of origin', () => {
    expect(eurodacStatsFacts(dataset, true)[0]).toEqual({
      key: 'registered',
      figure: 'eurodac.registrations',
      kind: 'event',
      day: '2026-05-04',
      dims: { category: 'applicant', memberState: 'IT' },
    });
  });

  it('counts each hit once, by its category and the category it hit', () => {
    const hits = eurodacStatsFacts(dataset, true).filter((f) => f.figure === 'eurodac.hits');
    expect(hits.map((f) => [f.key, f.kind, f.dims.category, f.dims.matchedCategory])).toEqual([
      ['hit:edh_1', 'event', 'applicant', 'irregular-crossing'],
      ['hit:edh_2', 'event', 'applicant', 'applicant'],
    ]);
  });

  it('reports a dataset without templates as a quality state, and only then', () => {
    expect(
      eurodacStatsFacts(dataset, true).some((f) => f.figure === 'quality.files-without-biometrics'),
    ).toBe(false);
    const missing = eurodacStatsFacts(dataset, false).find(
      (f) => f.figure === 'quality.files-without-biometrics',
    );
    expect(missing).toMatchObject({
      kind: 'state',
      dims: { system: 'eurodac', missing: 'fingerprints', memberState: 'IT' },
    });
  });
});
