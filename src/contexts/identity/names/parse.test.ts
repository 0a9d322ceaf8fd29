import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFullName, surnameVariants } from './parse.ts';

describe('parseFullName', () => {
  it('keeps particles with the surname of a given-first name', () => {
    expect(parseFullName('Ludwig van Beethoven')).toMatchObject({
      givenNames: ['LUDWIG'],
      surname: 'VAN BEETHOVEN',
      particles: ['VAN'],
      surnameParts: ['BEETHOVEN'],
    });
  });

  it('keeps runs of particles (VAN DER, BIN, AL)', () => {
    expect(parseFullName('Jan van der Berg').surname).toBe('VAN DER BERG');
    expect(parseFullName('Osama bin Laden').surname).toBe('BIN LADEN');
    expect(parseFullName('Ahmed Al Mansouri').particles).toEqual(['AL']);
  });

  it('reads the SURNAME, GIVEN form with double surnames', () => {
    expect(parseFullName('García López, Juan Carlos')).toMatchObject({
      surname: 'GARCIA LOPEZ',
      surnameParts: ['GARCIA', 'LOPEZ'],
      givenNames: ['JUAN', 'CARLOS'],
    });
  });

  it('reads the ICAO MRZ name field', () => {
    expect(parseFullName('ERIKSSON<<ANNA<MARIA')).toMatchObject({
      surname: 'ERIKSSON',
      givenNames: ['ANNA', 'MARIA'],
    });
  });

  it('splits compound surnames into their components', () => {
    expect(parseFullName('Mary Smith-Jones').surnameParts).toEqual(['SMITH', 'JONES']);
  });

  it('separates initials from given names', () => {
    expect(parseFullName('J. R. Ronald Tolkien')).toMatchObject({
      initials: ['J', 'R'],
      givenNames: ['RONALD'],
    });
  });

  it('reads surname-first order and a known double surname', () => {
    expect(parseFullName('NGUYEN VAN AN', { order: 'surname-first' })).toMatchObject({
      surname: 'NGUYEN',
      givenNames: ['VAN', 'AN'],
    });
    expect(parseFullName('Juan Garcia Lopez', { surnameTokens: 2 })).toMatchObject({
      surname: 'GARCIA LOPEZ',
      givenNames: ['JUAN'],
    });
  });

  it('treats a lone particle-looking word as a surname', () => {
    expect(parseFullName('De').surname).toBe('DE');
  });

  it('never throws on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const parsed = parseFullName(s);
        return Array.isArray(parsed.givenNames) && typeof parsed.surname === 'string';
      }),
    );
  });
});

describe('surnameVariants', () => {
  it('lists the forms a surname with particles takes elsewhere', () => {
    expect(surnameVariants('van der Berg')).toEqual(['VAN DER BERG', 'BERG', 'VANDERBERG']);
  });

  it('lists each component of a double surname', () => {
    expect(surnameVariants('Smith-Jones')).toEqual([
      'SMITH-JONES',
      'SMITH JONES',
      'SMITHJONES',
      'SMITH',
      'JONES',
    ]);
  });
});
