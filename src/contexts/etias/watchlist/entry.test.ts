import { describe, expect, it } from 'vitest';
import type { CheckSubject } from '../model.ts';
import { exactKeys, matchEntry, validateWatchlistData } from './entry.ts';

const subject: CheckSubject = {
  applicationId: 'app_1',
  surname: 'Müller',
  givenNames: 'Hans Peter',
  otherNames: [],
  birthDate: '1980-04-12',
  sex: 'M',
  nationalities: ['USA'],
  placeOfBirth: 'Boston',
  countryOfBirth: 'USA',
  document: { type: 'P', number: 'X1234567', issuingState: 'USA', expiry: '2030-01-01' },
  residence: { country: 'USA', city: 'Boston' },
  email: 'Hans@Example.org',
  phone: '+1 617 555 0100',
};

describe('watchlist entry', () => {
  describe('validateWatchlistData', () => {
    it('needs one of the art. 34(3) items; first names or nationality alone are not an entry', () => {
      expect(validateWatchlistData({ givenNames: 'Hans', nationalities: ['USA'] })[0]?.message).toMatch(
        /art\. 34\(3\)/,
      );
      expect(validateWatchlistData({ email: 'x@y.z' })).toEqual([]);
      expect(validateWatchlistData({ organisation: { name: 'ACME' } })).toEqual([]);
      expect(validateWatchlistData({ surname: 'A', birthDate: '1980-13-01' }).map((i) => i.path)).toEqual([
        'birthDate',
      ]);
    });
  });

  describe('matchEntry', () => {
    it('matches a document number exactly after folding', () => {
      const m = matchEntry({ documents: [{ number: 'x-123 4567', issuingState: 'USA' }] }, subject);
      expect(m?.on).toEqual(['document']);
      expect(matchEntry({ documents: [{ number: 'X1234567', issuingState: 'CAN' }] }, subject)).toBeNull();
    });

    it('matches e-mail without case and phone by its digits', () => {
      expect(matchEntry({ email: ' hans@example.ORG' }, subject)?.on).toEqual(['email']);
      expect(matchEntry({ phone: '0016175550100' }, subject)?.on).toEqual(['phone']);
      expect(matchEntry({ phone: '+1 617 555 0101' }, subject)).toBeNull();
    });

    it('matches an identity under a name variant with the same date of birth, not with another date', () => {
      const m = matchEntry(
        { surname: 'MUELLER', givenNames: 'HANS PETER', birthDate: '1980-04-12' },
        subject,
      );
      expect(m?.on).toEqual(['identity']);
      expect(m?.explanation.join('\n')).toMatch(/Date of birth 1980-04-12 same/);
      expect(
        matchEntry({ surname: 'MUELLER', givenNames: 'HANS PETER', birthDate: '1975-09-30' }, subject),
      ).toBeNull();
      expect(
        matchEntry({ surname: 'SMITH', givenNames: 'JOHN', birthDate: '1980-04-12' }, subject),
      ).toBeNull();
    });

    it('matches a surname and date of birth when the entry has no first names', () => {
      expect(matchEntry({ surname: 'Muller', birthDate: '1980-00-00' }, subject)?.on).toEqual(['identity']);
    });

    it('keys an entry by its documents, e-mails and phones', () => {
      expect(
        exactKeys({ documents: [{ number: 'ab 12' }], email: 'A@B.C', organisation: { phone: '00 33 1' } }),
      ).toEqual([
        { kind: 'document', key: 'AB12' },
        { kind: 'email', key: 'a@b.c' },
        { kind: 'phone', key: '331' },
      ]);
    });
  });
});
