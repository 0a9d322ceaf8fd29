import anyAscii from 'any-ascii';
import { hanSyllables, KOREAN_SURNAMES, transliterateToMrz } from '../transliteration/index.ts';
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

/** Pinyin without tones; ü is written YU, as Chinese passports do since 2012 (吕 LYU, 女 NYU). */
function hanToPinyin(text: string, role: NameRole): string[] {
  return hanSyllables(text, role === 'surname' ? 'surname' : 'plain', 'yu').filter((s) => s !== '');
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
