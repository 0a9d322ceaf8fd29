import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldDiacritics,
  harmoniseName,
  harmoniseSeparators,
  nameTokens,
  normaliseName,
} from './normalise.ts';

describe('harmoniseName', () => {
  it('upper-cases, composes and collapses whitespace without touching letters', () => {
    expect(harmoniseName('  Mu\u0308ller \t schmidt ')).toBe('MÜLLER SCHMIDT');
  });

  it('is idempotent on arbitrary Unicode', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        (s) => harmoniseName(harmoniseName(s)) === harmoniseName(s),
      ),
    );
  });
});

describe('foldDiacritics', () => {
  it('removes combining marks and maps stroked letters and ligatures', () => {
    expect(foldDiacritics('ŁÓDŹ ØRSTED ÆBLE STRAẞE')).toBe('LODZ ORSTED AEBLE STRASSE');
  });

  it('leaves other scripts alone', () => {
    expect(foldDiacritics('ЮРИЙ')).toBe('ЮРИЙ');
  });
});

describe('harmoniseSeparators', () => {
  it('deletes apostrophes and commas and turns hyphens into spaces', () => {
    expect(harmoniseSeparators("D'ALMEIDA-COSTA, JR")).toBe('DALMEIDA COSTA JR');
  });

  it('can delete hyphens instead', () => {
    expect(harmoniseSeparators('SMITH-JONES', 'delete')).toBe('SMITHJONES');
  });
});

describe('normaliseName', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(normaliseName("  o'Brien-Smyth, Seán ")).toBe('OBRIEN SMYTH SEAN');
  });

  it('never throws and never leaves double spaces on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const n = normaliseName(s);
        return !n.includes('  ') && n === n.trim();
      }),
    );
  });

  it('splits into tokens', () => {
    expect(nameTokens('Jean-Paul  Sartre')).toEqual(['JEAN', 'PAUL', 'SARTRE']);
    expect(nameTokens('  ')).toEqual([]);
  });
});
