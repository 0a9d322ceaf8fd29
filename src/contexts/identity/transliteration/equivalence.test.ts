import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transliterateToMrz, transliterationEquivalent } from './index.ts';

describe('transliterationEquivalent', () => {
  describe('Cyrillic romanisations', () => {
    it.each([
      ['YURIY', 'IURII'],
      ['YURIY', 'JURIJ'],
      ['YURIY', 'JOURI'],
      ['IURII', 'JOURI'],
      ['TCHAIKOVSKY', 'TSCHAIKOWSKI'],
      ['CHOSTAKOVITCH', 'SHOSTAKOVICH'],
      ['KHRUSHCHEV', 'CHRUSCHTSCHOW'],
      ['ZELENSKYY', 'ZELENSKIY'],
      ['OLGA', 'OLHA'],
      ['TATYANA', 'TATIANA'],
      ['ALEKSANDR', 'ALEXANDR'],
    ])('accepts %s and %s', (a, b) => {
      const result = transliterationEquivalent(a, b);
      expect(result.equivalent).toBe(true);
      expect(result.explanation).toContain('Cyrillic');
    });

    it.each([
      ['Юрий', 'JOURI'],
      ['Юрий', 'IURII'],
      ['Чайковский', 'TCHAIKOVSKY'],
      ['Шостакович', 'SCHOSTAKOWITSCH'],
      ['Зеленський', 'ZELENSKYY'],
      ['Хрущёв', 'KHRUSHCHEV'],
    ])('accepts the native %s against %s', (native, latin) => {
      expect(transliterationEquivalent(native, latin).equivalent).toBe(true);
      expect(transliterationEquivalent(latin, native).equivalent).toBe(true);
    });

    it('explains the match letter by letter', () => {
      expect(transliterationEquivalent('YURIY', 'IURII').explanation).toBe(
        "YURIY and IURII can both render the Cyrillic 'юрий': ю=YU|IU р=R|R ий=IY|II",
      );
    });
  });

  describe('Arabic romanisations', () => {
    it.each([
      ['MOHAMMED', 'MUHAMMAD'],
      ['MOHAMMED', 'MOHAMAD'],
      ['MUHAMMAD', 'MOHAMAD'],
      ['ABDULLAH', 'ABDALLAH'],
      ['HUSSEIN', 'HUSAYN'],
      ['YOUSSEF', 'YUSUF'],
      ['QADHAFI', 'GADDAFI'],
      ['KADHAFI', 'GADDAFI'],
    ])('accepts %s and %s', (a, b) => {
      expect(transliterationEquivalent(a, b).equivalent).toBe(true);
    });

    it.each([
      ['محمد', 'MOHAMMED'],
      ['القذافي', 'GADDAFI'],
      ['عبدالرحمن', 'ABDERRAHMANE'],
      ['عبدالرحمن', 'ABDURRAHMAN'],
      ['يوسف', 'YOUSSEF'],
    ])('accepts the native %s against %s', (native, latin) => {
      expect(transliterationEquivalent(native, latin).equivalent).toBe(true);
    });

    it('reads an ICAO Arabic MRZ form back to compare it with a common spelling', () => {
      const result = transliterationEquivalent('MXHMWD', 'MAHMOUD');
      expect(result.equivalent).toBe(true);
      expect(result.explanation).toContain('ICAO MRZ form');
    });
  });

  describe('Latin and Greek', () => {
    it('accepts ICAO Table A alternatives of the same letter', () => {
      expect(transliterationEquivalent('MÜLLER', 'MUELLER').equivalent).toBe(true);
      expect(transliterationEquivalent('MÜLLER', 'MULLER').equivalent).toBe(true);
    });

    it('accepts Greek names against their romanisations', () => {
      expect(transliterationEquivalent('Γεώργιος', 'GEORGIOS').equivalent).toBe(true);
      expect(transliterationEquivalent('PAPADOPOULOS', 'PAPADOPULOS').equivalent).toBe(true);
    });
  });

  describe('Chinese, Korean, Georgian and Armenian', () => {
    it.each([
      ['张伟', 'ZHANG WEI'],
      ['张伟', 'ZHANG<<WEI'],
      ['小明', 'XIAOMING'],
      ['小明', 'XIAO-MING'],
      ['吕', 'LYU'],
      ['吕', 'LU'],
      ['曾', 'ZENG'],
      ['김민준', 'GIM MINJUN'],
      ['김민준', 'KIM MIN JUN'],
      ['이', 'LEE'],
      ['박', 'PARK'],
      ['박', 'BAK'],
      ['თბილისი', 'TBILISI'],
      ['სააკაშვილი', 'SAAKASHVILI'],
      ['Հովհաննիսյան', 'HOVHANNISYAN'],
      ['Հովհաննիսյան', 'HOVHANNISIAN'],
      ['Երևան', 'YEREVAN'],
    ])('accepts the native %s against %s', (native, latin) => {
      const result = transliterationEquivalent(native, latin);
      expect(result.equivalent).toBe(true);
      expect(result.explanation).toContain('romanises as');
      expect(transliterationEquivalent(latin, native).equivalent).toBe(true);
    });

    it('accepts traditional and simplified characters of one name', () => {
      expect(transliterationEquivalent('張偉', '张伟').equivalent).toBe(true);
    });

    it.each([
      // ZANG is 臧, another surname: the Cyrillic tables (ж as ZH or Z) are not applied to pinyin.
      ['张', 'ZANG'],
      ['小明', 'MING'],
      ['王小明', 'WANG XIAOHONG'],
      ['김', 'PARK'],
      ['민준', 'MINSU'],
      ['თბილისი', 'TIBILISI'],
      ['Արամ', 'ARMEN'],
    ])('rejects the native %s against %s', (native, latin) => {
      const result = transliterationEquivalent(native, latin);
      expect(result.equivalent).toBe(false);
      expect(result.explanation).toContain('none of the romanisations');
    });

    const eastern = fc.string({
      unit: fc.oneof(
        ...(
          [
            [0x4e00, 0x9fff],
            [0xac00, 0xd7a3],
            [0x10d0, 0x10f0],
            [0x0561, 0x0586],
          ] as const
        ).map(([min, max]) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c))),
        fc.constant(' '),
      ),
      minLength: 1,
      maxLength: 8,
    });

    it('accepts every such name against its own MRZ form', () => {
      fc.assert(
        fc.property(eastern, (name) => {
          const { mrz } = transliterateToMrz(name);
          fc.pre(mrz !== '');
          expect(transliterationEquivalent(name, mrz).equivalent).toBe(true);
          expect(transliterationEquivalent(mrz, name).equivalent).toBe(true);
        }),
      );
    });
  });

  describe('different names', () => {
    it.each([
      ['IVANOV', 'IVANOVA'],
      ['PETROV', 'PETROVA'],
      ['SMITH', 'JONES'],
      ['ANNA', 'MARIA'],
      ['PETER', 'PIOTR'],
      ['MARIA', 'MARIO'],
      ['OMAR', 'AMIR'],
      ['LUNA', 'LINA'],
      ['ALEXANDER', 'Александр'],
    ])('rejects %s and %s', (a, b) => {
      const result = transliterationEquivalent(a, b);
      expect(result.equivalent).toBe(false);
      expect(result.explanation.length).toBeGreaterThan(0);
    });

    it('rejects empty names', () => {
      expect(transliterationEquivalent('', 'IVAN').equivalent).toBe(false);
      expect(transliterationEquivalent('', '').equivalent).toBe(false);
    });
  });

  describe('properties', () => {
    const latinName = fc.stringMatching(/^[A-Z]{1,12}$/);

    it('accepts every Latin name against itself', () => {
      fc.assert(
        fc.property(latinName, (name) => {
          expect(transliterationEquivalent(name, name).equivalent).toBe(true);
        }),
      );
    });

    it('gives the same verdict in both argument orders', () => {
      fc.assert(
        fc.property(latinName, latinName, (a, b) => {
          expect(transliterationEquivalent(a, b).equivalent).toBe(transliterationEquivalent(b, a).equivalent);
        }),
      );
    });

    it('never throws on any Unicode strings', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary', maxLength: 20 }),
          fc.string({ unit: 'binary', maxLength: 20 }),
          (a, b) => {
            expect(typeof transliterationEquivalent(a, b).equivalent).toBe('boolean');
          },
        ),
      );
    });
  });
});
