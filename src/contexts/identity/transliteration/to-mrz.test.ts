import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSharedJson } from '../../../../test/support/shared-data.ts';
import { transliterateToMrz } from './index.ts';

interface Vector {
  input: string;
  expected_mrz_name_field: string;
  dictionary: string;
}
interface MapPair {
  from: string;
  to: string;
}
interface InterscriptMaps {
  maps: { language: string; pairs: MapPair[] }[];
}

const LANGUAGE_OF_DICTIONARY: Readonly<Record<string, string>> = {
  cyrillic_serbian: 'sr',
  cyrillic_ukrainian: 'uk',
};

const vectors = readSharedJson<{ vectors: Vector[] }>(
  'icao-transliteration',
  'transliteration_test_vectors.json',
).vectors;

describe('transliterateToMrz', () => {
  describe('shared golden vectors', () => {
    const icaoVectors = vectors.filter((v) => !v.dictionary.includes('Hebr'));
    it.each(icaoVectors.map((v) => [v.input, v.expected_mrz_name_field, v.dictionary] as const))(
      'renders %s as %s',
      (input, expected, dictionary) => {
        const language = LANGUAGE_OF_DICTIONARY[dictionary];
        expect(transliterateToMrz(input, language === undefined ? undefined : { language }).mrz).toBe(
          expected,
        );
      },
    );

    it('renders the Hebrew vector with our own table, because that vector is not an ICAO transliteration', () => {
      // The vector comes from interscript's "icao-heb" map, which its own metadata says is based on a
      // Wikipedia romanisation: ICAO Doc 9303 Part 3 section 6 has tables for Latin, Cyrillic and Arabic
      // only. Its expected value also keeps a space, where the MRZ name field uses the filler '<'.
      const hebrew = vectors.find((v) => v.dictionary.includes('Hebr'));
      expect(hebrew?.expected_mrz_name_field).toBe('MEDIYNAT YSEREEL');
      const result = transliterateToMrz(hebrew?.input ?? '');
      expect(result).toEqual({ mrz: 'MEDINAT<YSHREL', alternatives: [], script: 'Hebrew' });
    });
  });

  describe('Latin letters with diacritics (ICAO Table A)', () => {
    it.each([
      ['Ä', 'AE', 'A'],
      ['Ö', 'OE', 'O'],
      ['Ü', 'UE', 'U'],
      ['Å', 'AA', 'A'],
      ['Ø', 'OE', 'O'],
    ])('writes %s as %s, with %s as the documented alternative', (letter, primary, alternative) => {
      const result = transliterateToMrz(letter);
      expect(result.mrz).toBe(primary);
      expect(result.alternatives).toContain(alternative);
    });

    it.each([
      ['ß', 'SS'],
      ['Þ', 'TH'],
      ['Æ', 'AE'],
      ['Œ', 'OE'],
      ['Ĳ', 'IJ'],
      ['Ł', 'L'],
      ['Đ', 'D'],
      ['Ș', 'S'],
    ])('writes %s as %s', (letter, expected) => {
      expect(transliterateToMrz(letter).mrz).toBe(expected);
    });

    it('turns spaces and hyphens into fillers and drops apostrophes', () => {
      expect(transliterateToMrz("  Anne-Marie  O'Neill ").mrz).toBe('ANNE<MARIE<ONEILL');
    });

    it('keeps the fillers of a name already in MRZ form', () => {
      expect(transliterateToMrz('MUELLER<<HANS<PETER').mrz).toBe('MUELLER<<HANS<PETER');
    });
  });

  describe('Cyrillic (ICAO Table B)', () => {
    it('writes Russian with the ICAO table and offers the BGN/PCGN spelling of older passports', () => {
      const result = transliterateToMrz('Юрий Гагарин', { language: 'ru' });
      expect(result.mrz).toBe('IURII<GAGARIN');
      expect(result.alternatives).toContain('YURIY<GAGARIN');
      expect(result.script).toBe('Cyrillic');
    });

    it('writes Ъ as IE and leaves Ь out, which neither data copy of the table lists', () => {
      // ICAO 9303 Part 3 Table B: Ъ → IE; Ь is not transliterated.
      expect(transliterateToMrz('Подъячев', { language: 'ru' }).mrz).toBe('PODIEIACHEV');
      expect(transliterateToMrz('Ольга', { language: 'ru' }).mrz).toBe('OLGA');
    });

    it('writes Ukrainian И as Y and offers the national 2010 scheme (Г → H)', () => {
      const result = transliterateToMrz('Галина Згурська', { language: 'uk' });
      expect(result.mrz).toBe('GALYNA<ZGURSKA');
      expect(result.alternatives).toContain('HALYNA<ZGHURSKA');
    });

    it('writes Belarusian Г as H and Ё as IO', () => {
      expect(transliterateToMrz('Алёна Гаврылава', { language: 'be' }).mrz).toBe('ALIONA<HAVRYLAVA');
    });

    it('writes Bulgarian Щ as SHT and Ъ as A', () => {
      expect(transliterateToMrz('Щерю Ъгълов', { language: 'bg' }).mrz).toBe('SHTERIU<AGALOV');
    });

    it('writes Serbian Г as G although the data tables say H, keeping H as an alternative', () => {
      // The ICAO note "Г → H (Belorussian, Serbian)" contradicts the Serbian Latin alphabet, in which Г is
      // G (Горан is GORAN in Serbian passports). Both data copies carry the H; we keep it as an alternative.
      const result = transliterateToMrz('Горан Хаџић', { language: 'sr' });
      expect(result.mrz).toBe('GORAN<HADZIC');
      expect(result.alternatives).toContain('HORAN<HADZIC');
    });

    it('writes Macedonian К as K and only Ќ as KJ, where the interscript copy maps К to KJ', () => {
      expect(transliterateToMrz('Кочо Ќорвезироски', { language: 'mk' }).mrz).toBe('KOCHO<KJORVEZIROSKI');
    });

    it('writes lower-case letters as their capitals, where the interscript copy drops у and writes ю as I', () => {
      const maps = readSharedJson<InterscriptMaps>(
        'icao-transliteration',
        'interscript_icao9303_maps.json',
      ).maps;
      const belarusian = maps.find((m) => m.language.endsWith(':bel'));
      expect(belarusian?.pairs.find((p) => p.from === 'у')?.to).toBe('');
      expect(belarusian?.pairs.find((p) => p.from === 'ю')?.to).toBe('i');
      expect(transliterateToMrz('юрась', { language: 'be' }).mrz).toBe('IURAS');
      expect(transliterateToMrz('ЮРАСЬ', { language: 'be' }).mrz).toBe('IURAS');
    });

    it('guesses the language from its letters when none is given', () => {
      expect(transliterateToMrz('Їжак').mrz).toBe('IZHAK');
      expect(transliterateToMrz('Ђорђе').alternatives).toContain('DJORDJE');
    });

    it('agrees with the upper-case rows of the interscript ICAO maps except where they are wrong', () => {
      const maps = readSharedJson<InterscriptMaps>(
        'icao-transliteration',
        'interscript_icao9303_maps.json',
      ).maps;
      const languages: Record<string, string> = {
        bel: 'be',
        bul: 'bg',
        rus: 'ru',
        ukr: 'uk',
        mkd: 'mk',
        srp: 'sr',
      };
      const disagreements: string[] = [];
      for (const map of maps) {
        const language = languages[map.language.split(':')[1] ?? ''];
        if (language === undefined) {
          continue;
        }
        for (const pair of map.pairs) {
          if (pair.from === "'" || pair.from !== pair.from.toUpperCase()) {
            continue;
          }
          const ours = transliterateToMrz(pair.from, { language }).mrz;
          if (ours !== pair.to.toUpperCase()) {
            disagreements.push(`${language} ${pair.from}: ${pair.to} → ${ours}`);
          }
        }
      }
      expect(disagreements).toEqual(['mk К: KJ → K', 'sr Г: H → G']);
    });
  });

  describe('Arabic (ICAO Table C)', () => {
    it('writes teh marbuta at the end of a name as XAH, not the P of both data copies', () => {
      // ICAO 9303 Part 3 Table C: ة is XTA, XAH at the end of a name component; P is the Persian پ.
      const result = transliterateToMrz('فاطمة');
      expect(result.mrz).toBe('FAXTTMXAH');
      expect(result.alternatives).toContain('FATMA');
    });

    it('offers the readable form without the X markers as an alternative', () => {
      expect(transliterateToMrz('محمود')).toEqual({
        mrz: 'MXHMWD',
        alternatives: ['MHMWD'],
        script: 'Arabic',
      });
    });
  });

  describe('Greek (ELOT 743)', () => {
    it('writes digraphs as ELOT 743 does', () => {
      expect(transliterateToMrz('Γεώργιος Παπαδόπουλος').mrz).toBe('GEORGIOS<PAPADOPOULOS');
      expect(transliterateToMrz('Ευάγγελος').mrz).toBe('EVANGELOS');
      expect(transliterateToMrz('Ευθύμιος').mrz).toBe('EFTHYMIOS');
    });

    it('offers the pronunciation-based spelling as an alternative', () => {
      const result = transliterateToMrz('Μπακογιάννη');
      expect(result.mrz).toBe('MPAKOGIANNI');
      expect(result.alternatives).toContain('BAKOGIANNI');
    });
  });

  describe('Chinese (Hanyu Pinyin, GB/T 28039-2011)', () => {
    it('writes a surname and a given name given separately as pinyin without tones', () => {
      expect(transliterateToMrz('张').mrz).toBe('ZHANG');
      expect(transliterateToMrz('伟').mrz).toBe('WEI');
      expect(transliterateToMrz('张 伟')).toEqual({ mrz: 'ZHANG<WEI', alternatives: [], script: 'Han' });
    });

    it('joins the syllables of one word, as passports write a given name, and offers them split', () => {
      // 王小明 split by the caller into surname 王 and given name 小明: WANG<<XIAOMING in the MRZ.
      expect(transliterateToMrz('王').mrz).toBe('WANG');
      const given = transliterateToMrz('小明');
      expect(given.mrz).toBe('XIAOMING');
      expect(given.alternatives).toEqual(['XIAO<MING']);
      expect(transliterateToMrz('王 小明').mrz).toBe('WANG<XIAOMING');
    });

    it('offers a whole name written without a space split after its surname', () => {
      expect(transliterateToMrz('张伟')).toEqual({
        mrz: 'ZHANGWEI',
        alternatives: ['ZHANG<WEI'],
        script: 'Han',
      });
      expect(transliterateToMrz('王小明').alternatives).toContain('WANG<XIAOMING');
      expect(transliterateToMrz('欧阳修').alternatives).toContain('OUYANG<XIU');
    });

    it('writes ü as YU, as passports do since 2012, with the older U as an alternative', () => {
      expect(transliterateToMrz('吕')).toEqual({ mrz: 'LYU', alternatives: ['LU'], script: 'Han' });
      expect(transliterateToMrz('女').mrz).toBe('NYU');
      expect(transliterateToMrz('略').mrz).toBe('LYUE');
      // After J, Q, X and Y pinyin writes ü as U already.
      expect(transliterateToMrz('徐').mrz).toBe('XU');
    });

    it('reads the first word with surname readings and offers the ordinary reading', () => {
      expect(transliterateToMrz('曾')).toEqual({ mrz: 'ZENG', alternatives: ['CENG'], script: 'Han' });
      expect(transliterateToMrz('单').mrz).toBe('SHAN');
      expect(transliterateToMrz('单').alternatives).toContain('DAN');
      expect(transliterateToMrz('解').mrz).toBe('XIE');
      // Only the first word can be the surname: 单 in a second word is read as a given name.
      expect(transliterateToMrz('王 单').mrz).toBe('WANG<DAN');
    });

    it('reads traditional characters and separates the parts of a name at a middle dot', () => {
      expect(transliterateToMrz('張偉').mrz).toBe('ZHANGWEI');
      expect(transliterateToMrz('马克·吐温').mrz).toBe('MAKE<TUWEN');
    });

    it('leaves out Han characters in a Japanese name, whose readings pinyin cannot give', () => {
      expect(transliterateToMrz('田中さくら')).toEqual({ mrz: '', alternatives: [], script: 'Hiragana' });
      expect(transliterateToMrz('田中 太郎', { language: 'ja' }).mrz).toBe('');
      expect(transliterateToMrz('田中 太郎').mrz).toBe('TIANZHONG<TAILANG');
    });
  });

  describe('Korean (Revised Romanization)', () => {
    it('writes the surname in Revised Romanization with the conventional passport spelling as an alternative', () => {
      expect(transliterateToMrz('김')).toEqual({ mrz: 'GIM', alternatives: ['KIM'], script: 'Hangul' });
      expect(transliterateToMrz('이')).toEqual({ mrz: 'I', alternatives: ['LEE'], script: 'Hangul' });
      expect(transliterateToMrz('최').alternatives).toContain('CHOI');
      // Final ㄱ is K in Revised Romanization, G in its section 8 transliteration.
      expect(transliterateToMrz('박')).toEqual({
        mrz: 'BAK',
        alternatives: ['PARK', 'BAG'],
        script: 'Hangul',
      });
    });

    it("writes the personal names of the scheme's own examples without sound changes between syllables", () => {
      // Revised Romanization section 3, clause 4: 민용하 Min Yongha, 송나리 Song Nari, 한복남 Han Boknam,
      // 홍빛나 Hong Bitna.
      expect(transliterateToMrz('민 용하').mrz).toBe('MIN<YONGHA');
      expect(transliterateToMrz('송 나리').mrz).toBe('SONG<NARI');
      expect(transliterateToMrz('한 복남').mrz).toBe('HAN<BOKNAM');
      expect(transliterateToMrz('홍 빛나').mrz).toBe('HONG<BITNA');
      expect(transliterateToMrz('빛나').alternatives).toContain('BIT<NA');
    });

    it("writes final consonants as the scheme's examples do, and ㄹㄹ as LL", () => {
      const examples: [string, string][] = [
        ['옥천', 'OKCHEON'],
        ['합덕', 'HAPDEOK'],
        ['호법', 'HOBEOP'],
        ['월곶', 'WOLGOT'],
        ['벚꽃', 'BEOTKKOT'],
        ['한밭', 'HANBAT'],
        ['울릉', 'ULLEUNG'],
        ['구미', 'GUMI'],
        ['영동', 'YEONGDONG'],
      ];
      for (const [hangul, latin] of examples) {
        expect(transliterateToMrz(hangul).mrz).toBe(latin);
      }
    });

    it('gives a whole name written without a space in the forms registers use', () => {
      const result = transliterateToMrz('김민준');
      expect(result.mrz).toBe('GIMMINJUN');
      expect(result.alternatives).toEqual(
        expect.arrayContaining(['GIM<MINJUN', 'KIM<MINJUN', 'KIM<MIN<JUN', 'GIM<MIN<JUN']),
      );
    });

    it('reads compatibility jamo as the letters they are', () => {
      expect(transliterateToMrz('ㄱㅏ').mrz).toBe('GA');
    });
  });

  describe('Georgian (national system, 2002)', () => {
    it('writes every letter of the modern alphabet as the national table does, without apostrophes', () => {
      // The national table (2002), in the order of the Georgian alphabet.
      const letters = 'აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ';
      const latin = 'A B G D E V Z T I K L M N O P ZH R S T U P K GH Q SH CH TS DZ TS CH KH J H'.split(' ');
      const table = [...letters].map((letter, i) => [letter, latin[i]] as const);
      expect(table).toHaveLength(33);
      for (const [letter, expected] of table) {
        expect(transliterateToMrz(letter).mrz).toBe(expected);
      }
    });

    it('writes names as Georgian documents do', () => {
      expect(transliterateToMrz('მიხეილ სააკაშვილი')).toEqual({
        mrz: 'MIKHEIL<SAAKASHVILI',
        alternatives: [],
        script: 'Georgian',
      });
      expect(transliterateToMrz('ჯუღაშვილი').mrz).toBe('JUGHASHVILI');
      expect(transliterateToMrz('წყალტუბო').mrz).toBe('TSQALTUBO');
      // Mtavruli capitals are the same letters.
      expect(transliterateToMrz('ᲗᲑᲘᲚᲘᲡᲘ').mrz).toBe('TBILISI');
    });
  });

  describe('Armenian (BGN/PCGN-style common romanisation)', () => {
    it('writes names with the context rules of BGN/PCGN and without the apostrophes of the aspirates', () => {
      const names: [string, string][] = [
        ['Երևան', 'YEREVAN'],
        ['Հովհաննիսյան', 'HOVHANNISYAN'],
        ['Ոսկան', 'VOSKAN'],
        ['Թումանյան', 'TUMANYAN'],
        ['Խաչատրյան', 'KHACHATRYAN'],
        ['Փաշինյան', 'PASHINYAN'],
        ['Քոչարյան', 'KOCHARYAN'],
        ['Ղազարյան', 'GHAZARYAN'],
        ['Չարենց', 'CHARENTS'],
        ['Միքայել', 'MIKAYEL'],
        ['Լևոն', 'LEVON'],
        ['Ռուբեն', 'RUBEN'],
      ];
      for (const [armenian, latin] of names) {
        expect(transliterateToMrz(armenian).mrz).toBe(latin);
      }
    });

    it('offers the BGN/PCGN RR, the ISO 9985 OW and the diaspora -IAN as alternatives', () => {
      expect(transliterateToMrz('Ռուբեն').alternatives).toEqual(['RRUBEN', 'RROWBEN']);
      expect(transliterateToMrz('Թումանյան').alternatives).toEqual(['TOWMANYAN', 'TUMANIAN']);
      expect(transliterateToMrz('Հովհաննիսյան').alternatives).toContain('HOVHANNISIAN');
    });
  });

  describe('other input', () => {
    it('returns an empty MRZ form for a script it has no table for and names the script', () => {
      expect(transliterateToMrz('สมชาย')).toEqual({ mrz: '', alternatives: [], script: 'Thai' });
    });

    it('returns an empty MRZ form for an empty name', () => {
      expect(transliterateToMrz('')).toEqual({ mrz: '', alternatives: [], script: 'Unknown' });
    });
  });

  describe('properties', () => {
    const nameLike = fc.string({
      unit: fc.constantFrom(..."AbcÄöüßÞøÑ -'ЮрийГагаринЪЬЇЄҐЎЂЏمحمودةالΓεώργιοςΜπמְדִינַת<"),
      maxLength: 30,
    });

    it('only ever outputs A–Z and <', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary' }), nameLike), (s) => {
          const { mrz, alternatives } = transliterateToMrz(s);
          expect(mrz).toMatch(/^[A-Z<]*$/);
          for (const alternative of alternatives) {
            expect(alternative).toMatch(/^[A-Z<]*$/);
          }
        }),
      );
    });

    it('never throws on any Unicode string or language code', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), fc.string(), (s, language) => {
          expect(() => transliterateToMrz(s, { language })).not.toThrow();
        }),
      );
    });

    it('returns MRZ-form input unchanged', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[A-Z<]{0,40}$/), (s) => {
          expect(transliterateToMrz(s).mrz).toBe(s);
        }),
      );
    });

    // Han (basic block, extension A and B), Hangul syllables, conjoining and compatibility jamo,
    // Georgian (Mkhedruli, Mtavruli, Asomtavruli), Armenian, kana, middle dots and separators.
    const eastern = fc.string({
      unit: fc.oneof(
        ...(
          [
            [0x4e00, 0x9fff],
            [0x3400, 0x4dbf],
            [0x20000, 0x2a6df],
            [0xac00, 0xd7a3],
            [0x1100, 0x11ff],
            [0x3130, 0x318f],
            [0x10a0, 0x10ff],
            [0x1c90, 0x1cbf],
            [0x0531, 0x058f],
            [0x3040, 0x30ff],
          ] as const
        ).map(([min, max]) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c))),
        fc.constantFrom(' ', '-', '·', '・', '<', 'A', 'é'),
      ),
      maxLength: 12,
    });

    it('never throws and only outputs A–Z and < on Chinese, Korean, Georgian and Armenian text', () => {
      fc.assert(
        fc.property(eastern, (s) => {
          const { mrz, alternatives } = transliterateToMrz(s);
          expect(mrz).toMatch(/^[A-Z<]*$/);
          expect(alternatives.length).toBeLessThanOrEqual(12);
          for (const alternative of alternatives) {
            expect(alternative).toMatch(/^[A-Z<]*$/);
          }
        }),
      );
    });

    it('is idempotent', () => {
      fc.assert(
        fc.property(nameLike, (s) => {
          const once = transliterateToMrz(s).mrz;
          expect(transliterateToMrz(once).mrz).toBe(once);
        }),
      );
    });
  });
});
