import { describe, expect, it } from 'vitest';
import { parseMrz } from './parse.ts';
import { ALL_MRZ_PROFILES, MRZ_PROFILES } from './profiles.ts';

const STRICT = { profiles: [] };

describe('MRZ national deviation profiles', () => {
  it('documents every profile', () => {
    for (const id of ALL_MRZ_PROFILES) {
      expect(MRZ_PROFILES[id].id).toBe(id);
      expect(MRZ_PROFILES[id].description.length).toBeGreaterThan(40);
    }
  });

  describe('long-number-filler-in-check', () => {
    // PRADO BEL-BO-03003: the check digit 3 is computed over "000590240<601", filler included.
    const belgian = [
      'IDBEL000590240<6013<<<<<<<<<<<',
      '8512017F1311048BEL851201002007',
      'REINARTZ<<ULRIKE<KATIA<E<<<<<<',
    ];

    it('accepts the Belgian check digit computed with the filler, and says so', () => {
      const r = parseMrz(belgian);
      expect(r.valid).toBe(true);
      expect(r.documentNumber).toBe('000590240601');
      expect(r.deviations).toEqual([
        expect.objectContaining({
          profile: 'long-number-filler-in-check',
          field: 'documentNumberCheckDigit',
        }),
      ]);
    });

    it('rejects it under strict ICAO rules', () => {
      const r = parseMrz(belgian, STRICT);
      expect(r.valid).toBe(false);
      expect(r.details.documentNumberCheckDigit?.valid).toBe(false);
    });

    it('does not extend the deviation to other issuing states', () => {
      // The same characters with issuing state FRA: the composite also covers line 1 positions 6–30 only,
      // so it still passes, and only the document number check digit decides.
      const r = parseMrz(['IDFRA000590240<6013<<<<<<<<<<<', belgian[1]!, belgian[2]!]);
      expect(r.details.documentNumberCheckDigit?.valid).toBe(false);
    });

    it('keeps the standard computation for the newer Belgian cards (PRADO BEL-BO-11005)', () => {
      const r = parseMrz(
        [
          'IDBEL600001795<0152<<<<<<<<<<<',
          '1301014F2311207BEL130101987398',
          'SPECIMEN<<SPECIMEN<<<<<<<<<<<<',
        ],
        STRICT,
      );
      expect(r.valid).toBe(true);
      expect(r.deviations).toEqual([]);
    });
  });

  describe('germany-d', () => {
    const german = [
      'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<',
      'C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0',
    ];

    it('reads D<< as D and names the ISO code', () => {
      const r = parseMrz(german);
      expect(r.valid).toBe(true);
      expect(r.issuingState).toBe('D');
      expect(r.nationality).toBe('D');
      expect(r.details.issuingState?.message).toContain('DEU');
      expect(r.deviations.map((d) => d.field)).toEqual(['issuingState', 'nationality']);
    });

    it('stays valid under strict rules, since Doc 9303 Part 3 lists D', () => {
      const r = parseMrz(german, STRICT);
      expect(r.valid).toBe(true);
      expect(r.deviations).toEqual([]);
    });
  });

  describe('filler-check-digit', () => {
    // Date of birth wholly unknown (Doc 9303 Part 3 allows fillers); its check digit printed < instead of 0.
    const unknownBirth = [
      'I<UTOD231458907<<<<<<<<<<<<<<<',
      '<<<<<<<F1204159UTO<<<<<<<<<<<6',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    ];

    it('accepts < as the check digit of an all-filler date of birth', () => {
      const r = parseMrz(unknownBirth);
      expect(r.details.birthDateCheckDigit).toMatchObject({ valid: true, profile: 'filler-check-digit' });
      expect(r.valid).toBe(true);
    });

    it('rejects it under strict rules', () => {
      expect(parseMrz(unknownBirth, STRICT).details.birthDateCheckDigit?.valid).toBe(false);
    });

    it('needs no profile for the empty TD3 personal number, where Doc 9303 Part 4 allows < or 0', () => {
      const r = parseMrz(
        ['P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<', 'C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0'],
        STRICT,
      );
      expect(r.details.optionalDataCheckDigit?.valid).toBe(true);
    });
  });

  describe('sex-x', () => {
    const withX = [
      'I<UTOD231458907<<<<<<<<<<<<<<<',
      '7408122X1204159UTO<<<<<<<<<<<6',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    ];

    it('accepts X for unspecified sex', () => {
      const r = parseMrz(withX);
      expect(r.valid).toBe(true);
      expect(r.sex).toBe('X');
      expect(r.deviations).toEqual([expect.objectContaining({ profile: 'sex-x', field: 'sex' })]);
    });

    it('rejects X under strict rules, which print <', () => {
      expect(parseMrz(withX, STRICT).details.sex?.valid).toBe(false);
    });
  });
});
