import { createRequire } from 'node:module';
import anyAscii from 'any-ascii';
import type * as PinyinPro from 'pinyin-pro';
import { transliterateToMrz } from '../transliteration/index.ts';
import type { NameScript } from './nationalities.ts';

/** One name part (a surname or a given name) in its native script and its Latin renderings. */
export interface NamePart {
  /** As written in the native script; the Latin spelling (with diacritics) for Latin-script names. */
  readonly native: string;
  /** As printed in the document's visual zone: native Latin spelling, or the romanisation in title case. */
  readonly latin: string;
  /** The MRZ form (ICAO Doc 9303 Part 3 section 6), upper-case A–Z with spaces between words. */
  readonly mrz: string;
  /** Other romanisations of the same native name (other schemes), in title case, without `latin`. */
  readonly alternatives: readonly string[];
}

export type NameRole = 'surname' | 'given';

/**
 * Conventional passport spellings of Korean surnames. Korean passports print the spelling the holder
 * chooses, and for the common surnames the traditional forms (KIM, LEE, PARK, CHOI) far outnumber the
 * Revised Romanization (GIM, I, BAK, CHOE), which is kept as the alternative.
 */
const KOREAN_SURNAMES: Readonly<Record<string, string>> = {
  김: 'KIM',
  이: 'LEE',
  박: 'PARK',
  최: 'CHOI',
  정: 'JUNG',
  강: 'KANG',
  조: 'CHO',
  윤: 'YOON',
  장: 'JANG',
  임: 'LIM',
  한: 'HAN',
  오: 'OH',
  서: 'SEO',
  신: 'SHIN',
  권: 'KWON',
  황: 'HWANG',
  안: 'AHN',
  송: 'SONG',
  류: 'RYU',
  유: 'YOO',
  홍: 'HONG',
  전: 'JEON',
  고: 'KO',
  문: 'MOON',
  양: 'YANG',
  손: 'SON',
  배: 'BAE',
  백: 'BAEK',
  허: 'HEO',
  노: 'NOH',
  남: 'NAM',
  심: 'SHIM',
  하: 'HA',
  곽: 'KWAK',
  성: 'SUNG',
  차: 'CHA',
  주: 'JOO',
  우: 'WOO',
  구: 'KOO',
  민: 'MIN',
  진: 'JIN',
  지: 'JI',
  엄: 'UM',
  채: 'CHAE',
  원: 'WON',
  천: 'CHUN',
  방: 'BANG',
  공: 'KONG',
  현: 'HYUN',
  함: 'HAM',
  변: 'BYUN',
  염: 'YEOM',
  여: 'YEO',
  추: 'CHOO',
  도: 'DO',
  석: 'SEOK',
  선: 'SUN',
  설: 'SEOL',
  길: 'GIL',
  연: 'YEON',
  표: 'PYO',
  명: 'MYUNG',
  기: 'KI',
  반: 'BAN',
  왕: 'WANG',
  금: 'KEUM',
  옥: 'OK',
  육: 'YOOK',
  인: 'IN',
  맹: 'MAENG',
  탁: 'TAK',
  국: 'KOOK',
  은: 'EUN',
  편: 'PYUN',
  용: 'YONG',
  예: 'YE',
  경: 'KYUNG',
  봉: 'BONG',
  가: 'KA',
  복: 'BOK',
  태: 'TAE',
  목: 'MOK',
  형: 'HYUNG',
  피: 'PI',
  두: 'DOO',
  감: 'KAM',
  호: 'HO',
};

/** Title case: each word (after a space, hyphen or apostrophe) starts upper-case, the rest lower-case. */
export function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s\-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** The MRZ form of a Latin-script name, with spaces between words (the MRZ writes them as `<`). */
export function latinToMrzName(latin: string): string {
  return transliterateToMrz(latin).mrz.replace(/<+/g, ' ').trim();
}

const fromMrz = (mrz: string): string => titleCase(mrz.replace(/<+/g, ' ').trim());

function distinct(latin: string, candidates: readonly string[]): string[] {
  const seen = new Set([latin.toUpperCase()]);
  const out: string[] = [];
  for (const c of candidates) {
    const key = c.toUpperCase();
    if (c !== '' && !seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
  }
  return out;
}

let pinyinPro: typeof PinyinPro | undefined;

/** Pinyin without tones; ü is written YU, as Chinese passports do since 2012 (吕 LYU, 女 NYU). */
function hanToPinyin(text: string, role: NameRole): string[] {
  // pinyin-pro's dictionary is loaded on the first Chinese name, not by every importer of the identity context.
  pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro;
  const syllables = pinyinPro.pinyin(text, {
    toneType: 'none',
    type: 'array',
    ...(role === 'surname' ? { surname: 'head' as const } : {}),
  });
  return syllables.map((s) => s.replace(/ü|v/g, 'yu').toUpperCase());
}

function romaniseUncached(native: string, script: NameScript, role: NameRole, language?: string): NamePart {
  switch (script) {
    case 'Latin': {
      const result = transliterateToMrz(native);
      const mrz = result.mrz.replace(/<+/g, ' ').trim();
      // ICAO's reversible Latin form (Ä → AXX) is for machines, not for people: nobody writes a name so.
      const others = [mrz, ...result.alternatives.filter((a) => !a.includes('XX'))].map(fromMrz);
      return { native, latin: native, mrz, alternatives: distinct(native, others) };
    }
    case 'Cyrillic':
    case 'Greek':
    case 'Hebrew': {
      const result = transliterateToMrz(native, language === undefined ? undefined : { language });
      const latin = fromMrz(result.mrz);
      return {
        native,
        latin,
        mrz: result.mrz.replace(/<+/g, ' ').trim(),
        alternatives: distinct(latin, result.alternatives.map(fromMrz)),
      };
    }
    case 'Arabic': {
      // The MRZ takes ICAO Table C; the visual zone and most registers hold a common romanisation.
      const result = transliterateToMrz(native, language === undefined ? undefined : { language });
      const latin = fromMrz(result.alternatives[0] ?? result.mrz);
      return {
        native,
        latin,
        mrz: result.mrz.replace(/<+/g, ' ').trim(),
        alternatives: distinct(latin, [result.mrz, ...result.alternatives].map(fromMrz)),
      };
    }
    case 'Han': {
      const syllables = hanToPinyin(native, role);
      const mrz = syllables.join('');
      const latin = titleCase(mrz);
      // Given names are written as one word; registers abroad often split the syllables.
      const split =
        syllables.length > 1 ? [titleCase(syllables.join('-')), titleCase(syllables.join(' '))] : [];
      return { native, latin, mrz, alternatives: distinct(latin, split) };
    }
    case 'Hangul': {
      const syllables = [...native].map((ch) => anyAscii(ch).toUpperCase());
      const revised = syllables.join('');
      const conventional = role === 'surname' ? KOREAN_SURNAMES[native] : undefined;
      const mrz = conventional ?? revised;
      const latin = titleCase(mrz);
      const others =
        role === 'surname'
          ? [titleCase(revised)]
          : syllables.length > 1
            ? [titleCase(syllables.join('-')), titleCase(syllables.join(' '))]
            : [];
      return { native, latin, mrz, alternatives: distinct(latin, others) };
    }
    case 'Georgian':
    case 'Armenian': {
      // National romanisations; the apostrophes that mark ejectives are not written in documents.
      const ascii = anyAscii(native).replace(/['’]/g, '');
      const mrz = latinToMrzName(ascii);
      const latin = titleCase(mrz);
      // Armenian -yan is written -ian in the diaspora (French, US and Lebanese registers).
      const others = script === 'Armenian' && /YAN$/.test(mrz) ? [titleCase(mrz.replace(/YAN$/, 'IAN'))] : [];
      return { native, latin, mrz, alternatives: distinct(latin, others) };
    }
    default: {
      const exhausted: never = script;
      return exhausted;
    }
  }
}

const cache = new Map<string, NamePart>();

/**
 * A native name rendered for documents: the visual-zone Latin form, the MRZ form and other schemes.
 * Results are cached: names come from finite lists, so every distinct name is romanised once.
 */
export function romanise(native: string, script: NameScript, role: NameRole, language?: string): NamePart {
  const key = `${script}\u0000${role}\u0000${language ?? ''}\u0000${native}`;
  let part = cache.get(key);
  if (part === undefined) {
    part = romaniseUncached(native, script, role, language);
    cache.set(key, part);
  }
  return part;
}

/** A Latin name part that has no native form of its own (nicknames, typed variants). */
export function latinPart(latin: string): NamePart {
  return romanise(latin, 'Latin', 'given');
}
