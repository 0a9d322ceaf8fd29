import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNationalities, findRenaming, harmoniseCountryCode } from './countries.ts';
import { compareDates, parsePartialDate } from './dates.ts';
import { compareDocumentNumbers, foldOcrConfusions } from './documents.ts';
import { compareSex } from './sex.ts';

const isoDate = fc
  .record({
    year: fc.integer({ min: 1900, max: 2030 }),
    month: fc.integer({ min: 0, max: 12 }),
    day: fc.integer({ min: 0, max: 28 }),
  })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

describe('parsePartialDate', () => {
  it('reads full, year-month and year-only dates', () => {
    expect(parsePartialDate('1980-05-12')).toMatchObject({ ok: true, date: { canonical: '19800512' } });
    expect(parsePartialDate('1980-05')).toMatchObject({ ok: true, date: { canonical: '19800500' } });
    expect(parsePartialDate('1980')).toMatchObject({ ok: true, date: { canonical: '19800000' } });
  });

  it('reads the ICAO XX placeholder as unknown', () => {
    expect(parsePartialDate('1980-XX-XX')).toMatchObject({ ok: true, date: { month: 0, day: 0 } });
  });

  it('rejects impossible dates with a reason', () => {
    expect(parsePartialDate('1980-13-01')).toMatchObject({ ok: false });
    expect(parsePartialDate('1981-02-29')).toMatchObject({ ok: false });
    expect(parsePartialDate('12/05/1980')).toMatchObject({ ok: false });
  });
});

describe('compareDates', () => {
  it('finds identical dates exact', () => {
    expect(compareDates('1980-05-12', '1980-05-12').level).toBe('exact');
  });

  it('finds dates with unknown parts that agree equivalent', () => {
    expect(compareDates('1980-00-00', '1980-05-12').level).toBe('equivalent');
    expect(compareDates('1980-05-00', '1980-05-12').level).toBe('equivalent');
  });

  it('finds a day/month swap or one digit close', () => {
    expect(compareDates('1990-03-07', '1990-07-03')).toMatchObject({ level: 'close' });
    expect(compareDates('1990-03-07', '1990-03-01')).toMatchObject({ level: 'close' });
  });

  it('finds a year off by one partial, and swapped year digits different', () => {
    expect(compareDates('1979-05-12', '1980-05-12').level).toBe('partial');
    expect(compareDates('1985-03-07', '1958-03-07').level).toBe('different');
  });

  it('reports missing or unreadable dates as missing', () => {
    expect(compareDates(undefined, '1980-05-12').level).toBe('missing');
    expect(compareDates('tomorrow', '1980-05-12').level).toBe('missing');
  });

  it('is symmetric and gives exact for identical dates', () => {
    fc.assert(
      fc.property(
        isoDate,
        isoDate,
        (a, b) =>
          compareDates(a, b).level === compareDates(b, a).level && compareDates(a, a).level === 'exact',
      ),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string(),
        (a, b) => typeof compareDates(a, b).level === 'string',
      ),
    );
  });
});

describe('compareSex', () => {
  it('harmonises code lists before comparing', () => {
    expect(compareSex('M', 'male').level).toBe('exact');
    expect(compareSex('2', 'F').level).toBe('exact');
    expect(compareSex('<', 'X').level).toBe('exact');
  });

  it('never matches unknown or missing values', () => {
    expect(compareSex('U', 'U').level).toBe('missing');
    expect(compareSex(undefined, 'M').level).toBe('missing');
    expect(compareSex('M', 'F').level).toBe('different');
  });

  it('is symmetric on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => compareSex(a, b).level === compareSex(b, a).level),
    );
  });
});

describe('compareNationalities', () => {
  it('grades equal sets, shared nationality, renaming and no overlap', () => {
    expect(compareNationalities(['GBR'], ['gbr']).level).toBe('exact');
    expect(compareNationalities(['ZAR'], ['COD']).level).toBe('equivalent');
    expect(compareNationalities(['SYR', 'TUR'], ['TUR']).level).toBe('close');
    expect(compareNationalities(['SYR', 'ZAR'], ['COD', 'FRA']).level).toBe('partial');
    expect(compareNationalities(['SYR'], ['IRQ']).level).toBe('different');
  });

  it('never matches XXX and reads D as DEU', () => {
    expect(compareNationalities(['XXX'], ['XXX']).level).toBe('different');
    expect(harmoniseCountryCode('D<<')).toBe('DEU');
    expect(compareNationalities(['D'], ['DEU']).level).toBe('exact');
  });

  it('is symmetric and never throws', () => {
    const codes = fc.array(fc.oneof(fc.constantFrom('GBR', 'ZAR', 'COD', 'XXX', 'D', 'TUR'), fc.string()), {
      maxLength: 3,
    });
    fc.assert(
      fc.property(
        codes,
        codes,
        (a, b) => compareNationalities(a, b).level === compareNationalities(b, a).level,
      ),
    );
  });
});

describe('findRenaming', () => {
  it('finds renamings in both directions, ignoring diacritics and hyphens', () => {
    expect(findRenaming('Türkiye', 'TURKEY')?.to).toBe('TURKIYE');
    expect(findRenaming('NUR SULTAN', 'ASTANA')).toBeDefined();
    expect(findRenaming('BOMBAY', 'CHENNAI')).toBeUndefined();
  });
});

describe('compareDocumentNumbers', () => {
  it('finds numbers differing only by OCR look-alikes equivalent', () => {
    expect(foldOcrConfusions('OIBSZG')).toBe('018526');
    expect(compareDocumentNumbers('L898902C3', 'L8989O2C3').level).toBe('equivalent');
    expect(compareDocumentNumbers('AB 12-34', 'AB1234').level).toBe('exact');
  });

  it('finds one further edit close and otherwise different', () => {
    expect(compareDocumentNumbers('L898902C3', 'L898902C4').level).toBe('close');
    expect(compareDocumentNumbers('L898902C3', 'X12345678').level).toBe('different');
    expect(compareDocumentNumbers('', 'X1').level).toBe('missing');
  });

  it('is symmetric, exact on identical input and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const ab = compareDocumentNumbers(a, b);
        const same = compareDocumentNumbers(a, a);
        return (
          ab.level === compareDocumentNumbers(b, a).level &&
          (same.level === 'exact' || same.level === 'missing')
        );
      }),
    );
  });
});
