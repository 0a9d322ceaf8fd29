import { describe, expect, it } from 'vitest';
import { aliasKeys, documentKey, identityKeys, sameDocument } from './keys.ts';

describe('CIR keys', () => {
  it('keys a document by its number in upper case, letters and digits only', () => {
    expect(documentKey('ng 441-0022')).toBe('NG4410022');
    expect(documentKey(' / ')).toBe('');
  });

  it('takes two documents as the same when the numbers agree and the states do where both are known', () => {
    expect(
      sameDocument({ number: 'X1 234', issuingState: 'USA' }, { number: 'x1234', issuingState: 'USA' }),
    ).toBe(true);
    expect(
      sameDocument({ number: 'X1234', issuingState: 'USA' }, { number: 'X1234', issuingState: 'CAN' }),
    ).toBe(false);
    expect(sameDocument({ number: 'X1234' }, { number: 'X1234', issuingState: 'CAN' })).toBe(true);
    expect(sameDocument({ number: '--' }, { number: '--' })).toBe(false);
  });

  it('gives an identity keys that a spelling variant with the same date of birth shares', () => {
    const alias = identityKeys({ surname: 'VOLKOV', givenNames: 'SERGEI', birthDate: '1975-03-15' });
    const applicant = identityKeys({ surname: 'Volkov', givenNames: 'Sergey', birthDate: '1975-03-15' });
    expect(alias).toContain('d:1975-03-15');
    expect(applicant.filter((k) => alias.includes(k)).length).toBeGreaterThan(1);
    // An unknown day or month gives no date key, only the year with the names.
    expect(identityKeys({ surname: 'Volkov', birthDate: '1975-00-00' }).some((k) => k.startsWith('d:'))).toBe(
      false,
    );
  });

  it('keys only the alias identities of a file', () => {
    expect(aliasKeys({ surname: 'PETROV', birthDate: '1975-03-15' })).toEqual([]);
    expect(
      aliasKeys({
        surname: 'PETROV',
        aliasIdentities: [{ qualification: 'alias', surname: 'VOLKOV', birthDate: '1975-03-15' }],
      }),
    ).toContain('d:1975-03-15');
  });
});
