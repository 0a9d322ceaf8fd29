import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transliterationEquivalent } from './index.ts';

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
