import { describe, expect, it } from 'vitest';

import { comparable, compareWithRecord, flatten } from './hits.ts';

const application = {
  surname: 'Müller',
  givenNames: 'Anna Maria',
  birthDate: '1980-02-29',
  sex: 'F',
  nationalities: ['USA', 'CAN'],
  placeOfBirth: 'Boston',
  countryOfBirth: 'USA',
  document: { type: 'P', number: 'X1234567', issuingState: 'USA', expiry: '2030-01-01' },
  residence: { country: 'USA', city: 'Boston' },
  email: 'anna@example.com',
};

describe('the application beside a hit record', () => {
  it('pairs each field with the record’s field of the same meaning and marks what differs', () => {
    const rows = compareWithRecord(application, {
      person: {
        surname: 'MUELLER',
        givenNames: 'ANNA MARIA',
        birthDate: '1980-02-29',
        nationalities: ['CAN'],
      },
      documents: [{ number: 'X1234567', issuingCountry: 'USA' }],
      reason: 'Refusal of entry (art. 24)',
    });
    expect(compareWithRecord(application, { nationality: 'GBR' })[0]).toMatchObject({
      key: 'surname',
      record: '',
    });
    expect(
      compareWithRecord(application, { nationality: 'GBR' }).find((r) => r.key === 'nationalities')?.differs,
    ).toBe(true);
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey.surname).toMatchObject({ recordField: 'person.surname', record: 'MUELLER', differs: true });
    expect(byKey.givenNames).toMatchObject({ record: 'ANNA MARIA', differs: false });
    expect(byKey.birthDate?.differs).toBe(false);
    // The record's nationality is one of the applicant's: not a difference.
    expect(byKey.nationalities).toMatchObject({ record: 'CAN', differs: false });
    expect(byKey['document.number']).toMatchObject({ recordField: 'documents.0.number', differs: false });
    expect(byKey['document.issuingState']).toMatchObject({ record: 'USA', differs: false });
    // Application fields the record lacks are shown with an empty record side; record-only fields last.
    expect(byKey.email).toMatchObject({ record: '', recordField: null, differs: false });
    expect(rows.at(-1)).toMatchObject({
      key: 'record:reason',
      application: '',
      record: 'Refusal of entry (art. 24)',
    });
  });

  it('does not take a SIS alert’s issuing state for the travel document’s', () => {
    const rows = compareWithRecord(application, {
      alertId: 'SIS-1',
      category: 'refusal',
      issuingState: 'IT',
      surname: 'MULLER',
      documents: [{ type: 'P', number: 'X1234567', issuingCountry: 'CAN' }],
    });
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey['document.issuingState']).toMatchObject({ record: 'CAN', differs: true });
    expect(byKey['record:issuingState']).toMatchObject({ record: 'IT', application: '' });
  });

  it('reads names alike whatever their accents, case, spacing and order of list items', () => {
    expect(comparable('Müller-Lüdenscheidt')).toBe(comparable('MULLER LUDENSCHEIDT'));
    expect(comparable('USA, CAN')).toBe(comparable('CAN,USA'));
    expect(comparable('Anna')).not.toBe(comparable('Anne'));
  });

  it('walks nested records and lists of records', () => {
    expect(flatten({ a: { b: 1 }, c: [{ d: 'x' }, { d: 'y' }], e: ['p', 'q'] })).toEqual([
      ['a.b', 1],
      ['c.0.d', 'x'],
      ['c.1.d', 'y'],
      ['e', ['p', 'q']],
    ]);
  });

  it('shows every record field when no application field matches', () => {
    expect(
      compareWithRecord({}, { watchlistReason: 'Europol', addedBy: 'EUROPOL' }).map((r) => r.key),
    ).toEqual(['record:watchlistReason', 'record:addedBy']);
  });
});
