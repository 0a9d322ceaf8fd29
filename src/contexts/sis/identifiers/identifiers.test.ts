import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkContainerNumber,
  checkVin,
  containerCheckDigit,
  DOCUMENT_CONFUSIONS,
  foldConfusions,
  normalisePlate,
  PLATE_CONFUSIONS,
  vinCheckDigit,
} from './index.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const alnum = (min: number, max: number) =>
  fc.array(fc.constantFrom(...ALNUM), { minLength: min, maxLength: max }).map((a) => a.join(''));

describe('foldConfusions', () => {
  it('folds the document look-alikes O/0, I/1, B/8, S/5, Z/2, G/6 to digits', () => {
    expect(foldConfusions('OIBSZG', DOCUMENT_CONFUSIONS)).toBe('018526');
  });

  it('folds the plate-reader look-alikes Q and D to 0 and L to 1 as well', () => {
    expect(foldConfusions('qd-l', PLATE_CONFUSIONS)).toBe('001');
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = foldConfusions(s, PLATE_CONFUSIONS);
        expect(foldConfusions(once, PLATE_CONFUSIONS)).toBe(once);
      }),
    );
  });

  it('gives the same key to a value and any look-alike substitution of it (property)', () => {
    fc.assert(
      fc.property(alnum(1, 12), fc.nat(), (s, pick) => {
        const letters = Object.keys(PLATE_CONFUSIONS);
        const i = pick % s.length;
        const swapped = `${s.slice(0, i)}${letters[pick % letters.length]!}${s.slice(i + 1)}`;
        const original = `${s.slice(0, i)}${PLATE_CONFUSIONS[letters[pick % letters.length]!]!}${s.slice(i + 1)}`;
        expect(foldConfusions(swapped, PLATE_CONFUSIONS)).toBe(foldConfusions(original, PLATE_CONFUSIONS));
      }),
    );
  });
});

describe('normalisePlate', () => {
  it('keeps the raw plate, strips spaces and hyphens, and maps the country to its comparison code', () => {
    expect(normalisePlate('B-MW 1234', 'D')).toEqual({
      raw: 'B-MW 1234',
      country: 'DEU',
      normalised: 'BMW1234',
      folded: '8MW1234',
      formatRecognised: true,
    });
  });

  it('says whether a plate fits its country’s current format, and does not judge without a country', () => {
    expect(normalisePlate('AB-123-CD', 'FRA').formatRecognised).toBe(true);
    expect(normalisePlate('1234 ABC', 'FRA').formatRecognised).toBe(false);
    expect(normalisePlate('1234 BCD', 'ESP').formatRecognised).toBe(true);
    expect(normalisePlate('1234 BCD').formatRecognised).toBeNull();
  });

  it('is idempotent on its normalised form (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const n = normalisePlate(s).normalised;
        expect(normalisePlate(n).normalised).toBe(n);
      }),
    );
  });
});

describe('checkVin', () => {
  it('accepts a North-American VIN with the check digit X (49 CFR 565.15 worked example)', () => {
    expect(checkVin('1M8GDM9AXKP042788')).toMatchObject({
      valid: true,
      checkDigit: 'valid',
      expectedCheckDigit: 'X',
    });
  });

  it('refuses a North-American VIN whose position 9 is wrong, and says which digit was expected', () => {
    const r = checkVin('1M8GDM9A1KP042788');
    expect(r).toMatchObject({
      valid: false,
      formValid: true,
      checkDigit: 'invalid',
      expectedCheckDigit: 'X',
    });
    expect(r.explanation).toContain('X');
  });

  it('does not judge position 9 of a European VIN and says so', () => {
    const r = checkVin('WVW ZZZ 1JZ XW 000001');
    expect(r).toMatchObject({ valid: true, normalised: 'WVWZZZ1JZXW000001', checkDigit: 'not-applicable' });
    expect(r.explanation).toContain('North-American');
  });

  it('refuses the letters I, O and Q and any length other than 17 (ISO 3779)', () => {
    expect(checkVin('WVWZZZ1JZXW00000O')).toMatchObject({ valid: false, formValid: false });
    expect(checkVin('WVWZZZ1JZXW0001').explanation).toContain('17');
  });

  it('accepts every North-American VIN carrying its own computed check digit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('1', '2', '3', '4', '5'),
        fc.array(fc.constantFrom(...VIN_CHARS), { minLength: 16, maxLength: 16 }),
        (region, rest) => {
          const draft = `${region}${rest.join('')}`;
          const vin = `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
          expect(checkVin(vin).valid).toBe(true);
        },
      ),
    );
  });
});

describe('checkContainerNumber', () => {
  it('accepts CSQU3054383, the ISO 6346 worked example, with spaces', () => {
    expect(checkContainerNumber('CSQU 305438 3')).toMatchObject({
      valid: true,
      ownerCode: 'CSQ',
      categoryIdentifier: 'U',
      serialNumber: '305438',
      checkDigit: 'valid',
    });
  });

  it('refuses a wrong check digit and names the right one', () => {
    expect(checkContainerNumber('CSQU3054384')).toMatchObject({
      valid: false,
      checkDigit: 'invalid',
      expectedCheckDigit: '3',
    });
  });

  it('refuses a number that is not owner code + U/J/Z + six digits + check digit', () => {
    expect(checkContainerNumber('CSQX3054383').valid).toBe(false);
    expect(checkContainerNumber('CSQU305438').valid).toBe(false);
  });

  it('accepts every number carrying its own computed check digit (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 3, maxLength: 3 }),
        fc.constantFrom('U', 'J', 'Z'),
        fc.integer({ min: 0, max: 999_999 }),
        (owner, cat, serial) => {
          const first10 = `${owner.join('')}${cat}${String(serial).padStart(6, '0')}`;
          expect(checkContainerNumber(`${first10}${containerCheckDigit(first10)}`).valid).toBe(true);
        },
      ),
    );
  });
});
