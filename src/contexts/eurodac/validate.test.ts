import { describe, expect, it } from 'vitest';
import { certainlyYoungerThan, earliestBirthDate, missingLawEnforcementConditions } from './validate.ts';

describe('Eurodac validation', () => {
  describe('certainlyYoungerThan (art. 15(1): biometric data from the age of six)', () => {
    it('refuses the day before the sixth birthday and accepts the birthday itself', () => {
      expect(certainlyYoungerThan('2020-07-02', 6, '2026-07-01')).toBe(true);
      expect(certainlyYoungerThan('2020-07-01', 6, '2026-07-01')).toBe(false);
    });

    it('counts an unknown month or day at its earliest, so that no child is refused on a guess', () => {
      expect(earliestBirthDate('2020-00-00')).toBe('2020-01-01');
      expect(earliestBirthDate('2020-08-00')).toBe('2020-08-01');
      expect(certainlyYoungerThan('2020-00-00', 6, '2026-07-01')).toBe(false);
      expect(certainlyYoungerThan('2021-00-00', 6, '2026-07-01')).toBe(true);
    });

    it('takes 29 February to 28 February in a year without it', () => {
      expect(certainlyYoungerThan('2020-02-29', 6, '2026-02-28')).toBe(false);
      expect(certainlyYoungerThan('2020-02-29', 6, '2026-02-27')).toBe(true);
    });
  });

  describe('missingLawEnforcementConditions (art. 33(1))', () => {
    const complete = {
      caseReference: 'C-1',
      offence: { kind: 'serious-crime' as const, description: 'Robbery' },
      reasons: 'Prints at the scene',
      priorChecks: { nationalDatabases: true, prumFingerprints: true, vis: true },
      verifyingAuthority: 'Prosecutor',
      fingerprints: [],
    };

    it('finds nothing missing in a complete request', () => {
      expect(missingLawEnforcementConditions(complete)).toEqual([]);
    });

    it('names every missing or unconfirmed condition', () => {
      expect(
        missingLawEnforcementConditions({
          ...complete,
          caseReference: '  ',
          priorChecks: { nationalDatabases: true, prumFingerprints: false },
        }),
      ).toEqual(['caseReference', 'priorChecks.prumFingerprints', 'priorChecks.vis']);
      expect(missingLawEnforcementConditions({ fingerprints: [] })).toEqual([
        'caseReference',
        'offence.kind',
        'offence.description',
        'reasons',
        'verifyingAuthority',
        'priorChecks.nationalDatabases',
        'priorChecks.prumFingerprints',
        'priorChecks.vis',
      ]);
    });
  });
});
