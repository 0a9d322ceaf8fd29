import { describe, expect, it } from 'vitest';
import { parseMrz } from './parse.ts';

const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = [
  'I<UTOD231458907<<<<<<<<<<<<<<<',
  '7408122F1204159UTO<<<<<<<<<<<6',
  'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];

describe('parseMrz', () => {
  describe('input clean-up', () => {
    it('accepts CRLF line ends, blank lines and surrounding whitespace', () => {
      const r = parseMrz(`\r\n  ${TD3[0]}  \r\n\r\n\t${TD3[1]}\r\n\r\n`);
      expect(r.format).toBe('TD3');
      expect(r.valid).toBe(true);
    });

    it('accepts an MRZ pasted as one unbroken line', () => {
      expect(parseMrz(TD1.join('')).format).toBe('TD1');
      expect(parseMrz(TD3.join('')).valid).toBe(true);
    });

    it('accepts an array of lines', () => {
      expect(parseMrz(TD1).valid).toBe(true);
    });
  });

  describe('shape', () => {
    it('answers invalid with a length issue for a line cut short', () => {
      const r = parseMrz([TD3[0]!, TD3[1]!.slice(0, 43)]);
      expect(r.valid).toBe(false);
      expect(r.format).toBeNull();
      expect(r.issues[0]?.code).toBe('IDENTITY_MRZ_BAD_LENGTH');
      expect(r.issues[0]?.message).toContain('2 lines of 44/43 characters');
    });

    it('answers invalid for empty input', () => {
      const r = parseMrz('');
      expect(r.valid).toBe(false);
      expect(r.issues[0]?.message).toContain('no MRZ lines');
    });

    it('tells a visa from a passport by the V document code', () => {
      expect(
        parseMrz(['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<']).format,
      ).toBe('MRVB');
    });
  });

  describe('fields', () => {
    it('reads every TD3 field with fillers removed', () => {
      const r = parseMrz(TD3);
      expect(r).toMatchObject({
        documentCode: 'P',
        issuingState: 'UTO',
        documentNumber: 'L898902C3',
        surname: 'ERIKSSON',
        givenNames: 'ANNA MARIA',
        nationality: 'UTO',
        birthDate: '740812',
        expiryDate: '120415',
        sex: 'F',
        optionalData: 'ZE184226B',
        nameTruncated: false,
      });
      expect(r.details.documentNumber).toMatchObject({ valid: true, raw: 'L898902C3', line: 2, column: 1 });
    });

    it('reports a wrong check digit on the field with a message naming both digits', () => {
      const r = parseMrz([TD3[0]!, TD3[1]!.replace('7408122', '7408123')]);
      expect(r.valid).toBe(false);
      expect(r.details.birthDateCheckDigit?.valid).toBe(false);
      expect(r.details.birthDateCheckDigit?.message).toContain('is 3 but the data gives 2');
      expect(r.details.compositeCheckDigit?.valid).toBe(false);
      expect(r.details.documentNumberCheckDigit?.valid).toBe(true);
    });

    it('rejects an impossible date even when its check digit matches', () => {
      const line2 = 'L898902C36UTO7413325F1204159ZE184226B<<<<<18';
      const r = parseMrz([TD3[0]!, line2]);
      expect(r.details.birthDate?.valid).toBe(false);
      expect(r.details.birthDate?.message).toContain('month "13"');
    });

    it('maps the unspecified sex < to X', () => {
      const r = parseMrz(['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122<1204159UTO<<<<<<<<<<<6', TD1[2]!]);
      expect(r.sex).toBe('X');
      expect(r.details.sex?.valid).toBe(true);
    });

    it('names lower-case letters as the problem', () => {
      const r = parseMrz([TD3[0]!.toLowerCase(), TD3[1]!]);
      expect(r.valid).toBe(false);
      expect(r.details.name?.message).toContain('lower-case');
    });

    it('accepts a date of birth with unknown day and month printed as fillers', () => {
      const r = parseMrz(['I<UTOD231458907<<<<<<<<<<<<<<<', '74<<<<4F1204159UTO<<<<<<<<<<<3', TD1[2]!]);
      expect(r.details.birthDate?.valid).toBe(true);
      expect(r.details.birthDate?.message).toContain('partly unknown');
    });
  });

  describe('names', () => {
    it('splits surname and given names on << and reports a full field as possibly truncated', () => {
      const r = parseMrz([
        'I<PRT007666667<ZZ00<<<<<<<<<<<',
        '8303143M3405293PRT<<<<<<<<<<<4',
        'CACADOR<DE<ARAUJO<<ANDRE<ESTEV',
      ]);
      expect(r.surname).toBe('CACADOR DE ARAUJO');
      expect(r.givenNames).toBe('ANDRE ESTEV');
      expect(r.nameTruncated).toBe(true);
      expect(r.details.name?.message).toContain('truncated');
    });

    it('accepts a name with no surname', () => {
      const r = parseMrz([
        'I<CHED231458907ABC<<<<<<<<<<<<',
        '7408122F1204159CHE<<<<<<<<<<<1',
        '<<ANNA<MARIA<<<<<<<<<<<<<<<<<<',
      ]);
      expect(r.valid).toBe(true);
      expect(r.surname).toBe('');
      expect(r.givenNames).toBe('ANNA MARIA');
    });
  });

  describe('TD1 long document number', () => {
    it('reads a number continued in the optional data, with its check digit after it (Doc 9303 Part 11 D.2)', () => {
      const r = parseMrz([
        'I<UTOD23145890<7349<<<<<<<<<<<',
        '3407127M9507122UTO<<<<<<<<<<<2',
        'STEVENSON<<PETER<JOHN<<<<<<<<<',
      ]);
      expect(r.valid).toBe(true);
      expect(r.documentNumber).toBe('D23145890734');
      expect(r.optionalData).toBe('');
      expect(r.details.documentNumberCheckDigit).toMatchObject({ raw: '9', line: 1, column: 19 });
    });

    it('rejects a < check digit with no continuation', () => {
      const r = parseMrz(['I<UTOD23145890<<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', TD1[2]!]);
      expect(r.details.documentNumberCheckDigit?.valid).toBe(false);
      expect(r.details.documentNumberCheckDigit?.message).toContain('long number');
    });
  });

  describe('robustness', () => {
    it.each([
      ['random bytes', '\u0000\u00ff\u0001\ud83d\ude00'],
      ['only fillers', '<'.repeat(88)],
      ['wrong line count', 'ABC\nDEF\nGHI\nJKL'],
      ['Unicode of the right length', 'É'.repeat(44) + '\n' + 'ß'.repeat(44)],
    ])('answers invalid without throwing for %s', (_what, input) => {
      const r = parseMrz(input);
      expect(r.valid).toBe(false);
    });

    it('answers invalid for a non-string passed from untyped code', () => {
      expect(parseMrz(42 as unknown as string).valid).toBe(false);
      expect(parseMrz(null as unknown as string).valid).toBe(false);
    });
  });
});
