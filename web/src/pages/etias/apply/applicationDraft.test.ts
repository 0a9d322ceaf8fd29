import { describe, expect, it } from 'vitest';

import {
  buildApplicationInput,
  checkDraft,
  EMPTY_DRAFT,
  expectedFee,
  fieldOfIssuePath,
  type ApplicationDraft,
} from './applicationDraft.ts';

const TODAY = '2026-12-03';

const complete: ApplicationDraft = {
  ...EMPTY_DRAFT,
  surname: ' Smith ',
  givenNames: 'John  Paul',
  birthDate: '1985-04-12',
  placeOfBirth: 'Boston',
  countryOfBirth: 'USA',
  sex: 'M',
  nationality: 'USA',
  otherNationalities: ['CAN', 'USA'],
  parentsFirstNames: 'Mary, Peter',
  documentNumber: 'x1234 567',
  documentIssuingState: 'USA',
  documentExpiry: '2031-01-01',
  residenceCountry: 'USA',
  residenceCity: 'Boston',
  email: 'john@example.com',
  background: { criminalConviction: 'no', conflictZoneStay: 'no', removalOrder: 'yes' },
  declarationTruth: true,
  declarationPrivacy: true,
};

describe('the ETIAS application draft', () => {
  it('finds nothing wrong with a complete draft and builds the contract’s body from it', () => {
    expect(checkDraft(complete, TODAY)).toEqual([]);
    expect(buildApplicationInput(complete)).toEqual({
      surname: 'Smith',
      givenNames: 'John Paul',
      birthDate: '1985-04-12',
      placeOfBirth: 'Boston',
      countryOfBirth: 'USA',
      sex: 'M',
      nationalities: ['USA', 'CAN'],
      parentsFirstNames: ['Mary', 'Peter'],
      document: { type: 'P', number: 'X1234567', issuingState: 'USA', expiry: '2031-01-01' },
      residence: { country: 'USA', city: 'Boston' },
      email: 'john@example.com',
      background: { criminalConviction: false, conflictZoneStay: false, removalOrder: true },
      familyMemberOfEuCitizen: false,
    });
  });

  it('names every missing field and unanswered question, in the order of the form', () => {
    const paths = checkDraft(EMPTY_DRAFT, TODAY).map((p) => p.path);
    expect(paths.slice(0, 4)).toEqual(['surname', 'givenNames', 'birthDate', 'sex']);
    expect(paths).toContain('background.removalOrder');
    expect(paths.at(-1)).toBe('declarations.privacy');
  });

  it('refuses an expired document, a birth date in the future and a malformed email', () => {
    const problems = checkDraft(
      { ...complete, documentExpiry: TODAY, birthDate: '2027-01-01', email: 'john@' },
      TODAY,
    );
    expect(problems).toEqual([
      { path: 'birthDate', message: 'etias.apply.problem.birthFuture' },
      { path: 'document.expiry', message: 'etias.apply.problem.expired' },
      { path: 'email', message: 'etias.apply.problem.email' },
    ]);
  });

  it('expects no fee under 18, over 70 or for a family member, EUR 20 otherwise (art. 18)', () => {
    expect(expectedFee({ birthDate: '1985-04-12', familyMemberOfEuCitizen: false }, TODAY)).toEqual({
      cents: 2000,
      exemption: null,
    });
    expect(expectedFee({ birthDate: '2008-12-04', familyMemberOfEuCitizen: false }, TODAY).exemption).toBe(
      'under-18',
    );
    expect(expectedFee({ birthDate: '2008-12-03', familyMemberOfEuCitizen: false }, TODAY).exemption).toBe(
      null,
    );
    expect(expectedFee({ birthDate: '1955-12-02', familyMemberOfEuCitizen: false }, TODAY).exemption).toBe(
      'over-70',
    );
    expect(expectedFee({ birthDate: '1985-04-12', familyMemberOfEuCitizen: true }, TODAY)).toEqual({
      cents: 0,
      exemption: 'family-member',
    });
  });

  it('places a server problem on its field whichever path form the server uses', () => {
    expect(fieldOfIssuePath('document.number')).toBe('document.number');
    expect(fieldOfIssuePath('/document/number')).toBe('document.number');
    expect(fieldOfIssuePath('body/residence/city')).toBe('residence.city');
    expect(fieldOfIssuePath('nationalities[0]')).toBe('nationalities');
    expect(fieldOfIssuePath('/nationalities/2')).toBe('otherNationalities');
    expect(fieldOfIssuePath('parentsFirstNames[1]')).toBe('parentsFirstNames');
    expect(fieldOfIssuePath('payment')).toBeNull();
  });
});
