import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNicknameCsv } from '../names/index.ts';
import type { Comparison } from './levels.ts';
import {
  compareDamerauLevenshtein,
  compareJaroWinkler,
  compareNameSwap,
  compareNicknames,
  comparePhonetic,
  compareTokenSet,
  compareTransliteration,
  transliterationForms,
} from './names.ts';

const COMPARATORS: Record<string, (a: string, b: string) => Comparison> = {
  compareJaroWinkler: (a, b) => compareJaroWinkler(a, b),
  compareDamerauLevenshtein,
  comparePhonetic,
  compareTransliteration,
  compareNicknames: (a, b) => compareNicknames(a, b),
  compareTokenSet,
};

const nameLike = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(..."ABCDEIKLMORSTUY -'ÄÖÜÉЮРИЙ"), maxLength: 14 }),
);

describe('name comparators', () => {
  describe.each(Object.entries(COMPARATORS))('%s', (_name, compare) => {
    it('is symmetric in level and score', () => {
      fc.assert(
        fc.property(nameLike, nameLike, (a, b) => {
          const ab = compare(a, b);
          const ba = compare(b, a);
          return ab.level === ba.level && ab.score === ba.score;
        }),
      );
    });

    it('gives the top level (exact) for identical non-empty names', () => {
      fc.assert(
        fc.property(nameLike, (a) => {
          fc.pre(/[\p{L}\p{N}]/u.test(a));
          return compare(a, a).level === 'exact';
        }),
      );
    });

    it('never throws on arbitrary Unicode', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary', maxLength: 30 }),
          fc.string({ unit: 'binary', maxLength: 30 }),
          (a, b) => {
            const r = compare(a, b);
            return typeof r.explanation === 'string';
          },
        ),
      );
    });

    it('reports missing when a side is empty', () => {
      expect(compare('', 'SMITH').level).toBe('missing');
    });
  });
});

describe('compareJaroWinkler', () => {
  it('scores MARTHA / MARHTA 0.961 (the textbook value) as close', () => {
    const r = compareJaroWinkler('MARTHA', 'MARHTA');
    expect(r.level).toBe('close');
    expect(r.score).toBeCloseTo(0.9611, 3);
  });

  it('treats a diacritic-only difference as equivalent', () => {
    expect(compareJaroWinkler('Seán', 'SEAN').level).toBe('equivalent');
  });

  it('finds unrelated names different', () => {
    expect(compareJaroWinkler('SMITH', 'NGUYEN').level).toBe('different');
  });
});

describe('compareDamerauLevenshtein', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(compareDamerauLevenshtein('SMITH', 'SMIHT')).toMatchObject({ level: 'close' });
  });

  it('gives partial for two edits and different beyond', () => {
    expect(compareDamerauLevenshtein('SMITH', 'SMYTHE').level).toBe('partial');
    expect(compareDamerauLevenshtein('SMITH', 'JONES').level).toBe('different');
  });
});

describe('comparePhonetic', () => {
  it('matches spellings that sound alike', () => {
    expect(comparePhonetic('SMITH', 'SMYTH').level).toBe('close');
    expect(comparePhonetic('SCHMIDT', 'SMITH').level).toBe('partial');
  });

  it('does not match different-sounding names', () => {
    expect(comparePhonetic('SMITH', 'JONES').level).toBe('different');
  });
});

describe('compareNicknames', () => {
  it('recognises familiar forms from the built-in list', () => {
    expect(compareNicknames('BILL', 'WILLIAM').level).toBe('equivalent');
    expect(compareNicknames('Bob Andrew', 'Robert Andy').level).toBe('equivalent');
    expect(compareNicknames('BILL', 'ROBERT').level).toBe('different');
  });

  it('uses a nickname index given by the caller', () => {
    const index = parseNicknameCsv('margarethe,has_nickname,grete\n');
    expect(compareNicknames('GRETE', 'MARGARETHE', index).level).toBe('equivalent');
  });
});

describe('compareTokenSet', () => {
  it('finds the same words in another order equivalent', () => {
    expect(compareTokenSet('MARIA LUISA', 'LUISA MARIA').level).toBe('equivalent');
  });

  it('finds a subset of tokens close, fuzzily matched', () => {
    expect(compareTokenSet('JOHN PAUL', 'JOHN').level).toBe('close');
    expect(compareTokenSet('GARCIA LOPEZ JUAN', 'JUAN GARCIA LOPES').level).toBe('close');
  });

  it('finds one shared token partial', () => {
    expect(compareTokenSet('ANNA MARIA', 'ANNA SOFIA').level).toBe('partial');
  });
});

describe('compareNameSwap', () => {
  it('detects a full surname / given-name swap', () => {
    expect(
      compareNameSwap({ surname: 'AHMED', givenNames: 'HASSAN' }, { surname: 'HASSAN', givenNames: 'AHMED' })
        .level,
    ).toBe('equivalent');
  });

  it('detects parts regrouped between the two fields', () => {
    expect(
      compareNameSwap(
        { surname: 'NGUYEN VAN AN', givenNames: '' },
        { surname: 'NGUYEN', givenNames: 'VAN AN' },
      ).level,
    ).toBe('close');
  });

  it('reports an unswapped identical name as exact', () => {
    expect(
      compareNameSwap({ surname: 'SMITH', givenNames: 'JOHN' }, { surname: 'smith', givenNames: 'john' })
        .level,
    ).toBe('exact');
  });
});

describe('compareTransliteration', () => {
  it('finds a Cyrillic name and its ICAO rendering equivalent', () => {
    expect(compareTransliteration('ЮРИЙ', 'IURII').level).toBe('equivalent');
  });

  it('finds unrelated names different', () => {
    expect(compareTransliteration('SMITH', 'JONES').level).toBe('different');
  });

  it('finds Chinese, Korean, Georgian and Armenian names and their passport spellings equivalent', () => {
    expect(compareTransliteration('张伟', 'ZHANG WEI').level).toBe('equivalent');
    expect(compareTransliteration('김민준', 'KIM MIN JUN').level).toBe('equivalent');
    expect(compareTransliteration('სააკაშვილი', 'Saakashvili').level).toBe('equivalent');
    expect(compareTransliteration('Երևան', 'Yerevan').level).toBe('equivalent');
    expect(compareTransliteration('张', 'ZANG').level).toBe('different');
  });
});

describe('transliterationForms', () => {
  it('gives a native Chinese or Korean name the forms its MRZ and registers hold', () => {
    // The forms the matching engine compares: a native name shares one with its MRZ name.
    expect(transliterationForms('王 小明')).toEqual(
      expect.arrayContaining(['WANG XIAOMING', 'WANG XIAO MING']),
    );
    expect(transliterationForms('김민준')).toEqual(expect.arrayContaining(['GIM MINJUN', 'KIM MIN JUN']));
    expect(transliterationForms('吕')).toEqual(expect.arrayContaining(['LYU', 'LU']));
  });
});
