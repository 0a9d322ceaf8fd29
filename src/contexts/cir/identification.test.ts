import { describe, expect, it } from 'vitest';
import { isUnder12, judgeIdentity } from './identification.ts';

describe('isUnder12 (art. 20(2))', () => {
  it('counts whole years up to the birthday', () => {
    expect(isUnder12('2014-06-10', '2026-06-09')).toBe(true);
    expect(isUnder12('2014-06-10', '2026-06-10')).toBe(false);
    expect(isUnder12('1988-03-05', '2026-12-04')).toBe(false);
  });

  it('reads unknown parts as the latest day they may stand for', () => {
    // Born some day in 2014: possibly under 12 until the end of 2026.
    expect(isUnder12('2014-00-00', '2026-12-04')).toBe(true);
    expect(isUnder12('2014-00-00', '2027-01-01')).toBe(false);
    expect(isUnder12('2014-02-00', '2026-02-27')).toBe(true);
    expect(isUnder12('2014-02-00', '2026-02-28')).toBe(false);
  });

  it('says nothing without a date', () => {
    expect(isUnder12(undefined, '2026-12-04')).toBe(false);
    expect(isUnder12('', '2026-12-04')).toBe(false);
  });
});

describe('judgeIdentity', () => {
  const file = {
    system: 'EES' as const,
    surname: 'WALKER',
    givenNames: 'JANE',
    birthDate: '1988-03-05',
    sex: 'F',
    nationalities: ['USA'],
  };

  it('judges only the categories the query holds', () => {
    expect(judgeIdentity({ surname: 'Walker', givenNames: 'Jane', birthDate: '1988-03-05' }, file)).toEqual(
      expect.objectContaining({ verdict: 'same' }),
    );
  });

  it('drops a file whose given category differs', () => {
    expect(
      judgeIdentity({ surname: 'Walker', givenNames: 'Jane', birthDate: '1988-03-05', sex: 'M' }, file),
    ).toBeNull();
    expect(
      judgeIdentity({ surname: 'Walker', givenNames: 'Jane', birthDate: '1971-11-30' }, file),
    ).toBeNull();
  });

  it('finds a similar spelling', () => {
    expect(
      judgeIdentity({ surname: 'Walkker', givenNames: 'Jane', birthDate: '1988-03-05' }, file)?.verdict,
    ).toBe('similar');
  });
});
