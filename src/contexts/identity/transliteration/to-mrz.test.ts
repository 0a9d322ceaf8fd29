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

  describe('other input', () => {
    it('returns an empty MRZ form for a script it has no table for and names the script', () => {
      expect(transliterateToMrz('王小明')).toEqual({ mrz: '', alternatives: [], script: 'Han' });
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
