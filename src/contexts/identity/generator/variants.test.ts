import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random.ts';
import { latinToMrzName, romanise, titleCase } from './romanise.ts';
import { ocrDocumentNumber, ocrName, typo } from './variants.ts';

const name = fc.stringMatching(/^[A-Z][a-z]{2,12}$/);

describe('typo', () => {
  it('changes a name by one keying error and keeps its length within one letter', () => {
    fc.assert(
      fc.property(name, fc.integer(), (text, seed) => {
        const out = typo(text, new SeededRandom(seed));
        expect(out).not.toBe(text);
        expect(Math.abs(out.length - text.length)).toBeLessThanOrEqual(1);
        expect(out[0]?.toUpperCase()).toBe(out[0]);
      }),
    );
  });

  it('leaves a name without letters as it is', () => {
    expect(typo('--', new SeededRandom(1))).toBe('--');
  });
});

describe('ocrName', () => {
  it('applies one optical look-alike confusion', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed += 1) {
      seen.add(ocrName('Bernard', new SeededRandom(seed)));
    }
    // B → 8, e → c, rn → m, n → h, d → cl: every result is exactly one of these.
    expect([...seen].sort()).toEqual(['8ernard', 'Bcrnard', 'Bemard', 'Berhard', 'Bernarcl']);
  });

  it('leaves a name without confusable letters as it is', () => {
    expect(ocrName('Yay', new SeededRandom(1))).toBe('Yay');
  });
});

describe('ocrDocumentNumber', () => {
  it('swaps one character for its look-alike (0/O, 1/I, 5/S, 8/B, 2/Z, 6/G)', () => {
    expect(ocrDocumentNumber('C01X00', new SeededRandom(1))).toMatch(/^C(O1X00|0IX00|01XO0|01X0O)$/);
    expect(ocrDocumentNumber('ACDE', new SeededRandom(1))).toBe('ACDE');
  });
});

describe('romanise', () => {
  it('writes Korean surnames in their conventional passport spelling with Revised Romanization as alternative', () => {
    const lee = romanise('이', 'Hangul', 'surname');
    expect([lee.mrz, lee.latin]).toEqual(['LEE', 'Lee']);
    expect(lee.alternatives).toEqual(['I']);
    expect(romanise('민준', 'Hangul', 'given')).toMatchObject({
      mrz: 'MINJUN',
      alternatives: ['Min-Jun', 'Min Jun'],
    });
  });

  it('writes Chinese names in pinyin with surname readings (曾 ZENG, 单 SHAN) and ü as YU', () => {
    expect(romanise('曾', 'Han', 'surname').mrz).toBe('ZENG');
    expect(romanise('单', 'Han', 'surname').mrz).toBe('SHAN');
    expect(romanise('吕', 'Han', 'surname').mrz).toBe('LYU');
    expect(romanise('伟宸', 'Han', 'given')).toMatchObject({ mrz: 'WEICHEN', latin: 'Weichen' });
  });

  it('romanises Georgian and Armenian, offering the diaspora -ian for -yan', () => {
    expect(romanise('აბაშიძე', 'Georgian', 'surname').mrz).toBe('ABASHIDZE');
    expect(romanise('Աբրահամյան', 'Armenian', 'surname')).toMatchObject({
      mrz: 'ABRAHAMYAN',
      alternatives: ['Abrahamian'],
    });
  });

  it('keeps Latin names as written and offers their ICAO and folded forms', () => {
    const muller = romanise('Müller', 'Latin', 'surname');
    expect(muller).toMatchObject({ latin: 'Müller', mrz: 'MUELLER' });
    expect(muller.alternatives).toEqual(['Mueller', 'Muller']);
  });

  it('uses the common romanisation for Arabic in the visual zone and ICAO Table C in the MRZ', () => {
    const part = romanise('أمين', 'Arabic', 'given', 'ar');
    expect(part.mrz).toBe('XAEMYN');
    expect(part.latin).toBe('Amyn');
    expect(part.alternatives).toContain('Xaemyn');
  });
});

describe('titleCase', () => {
  it('capitalises each word after a space, hyphen or apostrophe', () => {
    expect(titleCase("JEAN-PIERRE O'NEIL")).toBe("Jean-Pierre O'Neil");
    expect(latinToMrzName('Jean-Pierre')).toBe('JEAN PIERRE');
  });
});
