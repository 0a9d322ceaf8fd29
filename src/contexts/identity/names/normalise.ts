import { memoByString } from '../../../platform/memo.ts';
/**
 * Name normalisation. Two strengths are offered on purpose:
 *
 * - {@link harmoniseName} is the MID "format harmonisation" of Delegated Regulations 2023/333 and 2023/332,
 *   Art. 1 ('equal'): it changes the format (case, Unicode composition, whitespace) but never the content.
 * - {@link normaliseName} is the comparison form used by the fuzzy comparators: it also folds diacritics and
 *   punctuation. Under the MID rules those changes make two names *similar* (Annex II 3.1(a) and (g)), not
 *   equal, so MID code must not use it to decide equality.
 */

/** Apostrophe-like characters found in names (ASCII, typographic, modifier letters, accents used as quotes). */
const APOSTROPHES = /['\u2019\u2018\u02BC\u02BB\u0060\u00B4]/gu;
/** Hyphen and dash characters. */
const HYPHENS = /[-\u2010\u2011\u2012\u2013\u2014\u2212]/gu;

/**
 * Letters that Unicode canonical decomposition leaves whole but that are plain Latin letters with a stroke or
 * a ligature. The folding follows common practice (ICAO Doc 9303 Part 3 §6 uses the same bases, with
 * longer forms such as AE for Æ, which is what we use too).
 */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = Object.freeze({
  ß: 'SS',
  ẞ: 'SS',
  Æ: 'AE',
  æ: 'AE',
  Œ: 'OE',
  œ: 'OE',
  Ø: 'O',
  ø: 'O',
  Ł: 'L',
  ł: 'L',
  Đ: 'D',
  đ: 'D',
  Ð: 'D',
  ð: 'D',
  Þ: 'TH',
  þ: 'TH',
  Ħ: 'H',
  ħ: 'H',
  ı: 'I',
  Ŀ: 'L',
  ŀ: 'L',
  Ŧ: 'T',
  ŧ: 'T',
});

/** Collapses runs of whitespace (any Unicode space) into one ASCII space and trims. */
export function collapseWhitespace(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}

/**
 * MID format harmonisation: NFC, upper case, whitespace trimmed and collapsed. The content is unchanged, so
 * two harmonised values that are identical are 'equal' in the sense of Art. 1 of Delegated Regulations
 * 2023/333 and 2023/332.
 *
 * @example harmoniseName('  Müller  schmidt ') // 'MÜLLER SCHMIDT'
 */
export function harmoniseName(value: string): string {
  // Upper-casing can decompose a letter (ῒ), so compose again afterwards.
  return collapseWhitespace(value.normalize('NFC').toUpperCase().normalize('NFC'));
}

/**
 * Removes diacritics from Latin letters: canonical decomposition, then the combining marks on Latin letters
 * are dropped, and letters with a stroke or ligatures are mapped to Latin bases. Letters of other scripts
 * (Й, Ё, Ά) pass through unchanged.
 *
 * @example foldDiacritics('ŁÓDŹ') // 'LODZ'
 */
export function foldDiacritics(value: string): string {
  let out = '';
  let afterLatin = false;
  for (const ch of value.normalize('NFD')) {
    if (/\p{M}/u.test(ch)) {
      // Marks on Latin letters are diacritics; on other scripts (Й, ё) they are part of the letter.
      if (!afterLatin) {
        out += ch;
      }
      continue;
    }
    afterLatin = /\p{Script=Latin}/u.test(ch);
    out += SPECIAL_LETTERS[ch] ?? ch;
  }
  return out.normalize('NFC');
}

/**
 * Harmonises separators the way Annex II 3.1(g) describes: apostrophes and commas are deleted, hyphens
 * become spaces (or are deleted, with `hyphens: 'delete'`), then whitespace is collapsed.
 *
 * @example harmoniseSeparators("D'ALMEIDA-COSTA") // 'DALMEIDA COSTA'
 */
export function harmoniseSeparators(value: string, hyphens: 'space' | 'delete' = 'space'): string {
  return collapseWhitespace(
    value
      .replace(APOSTROPHES, '')
      .replace(/,/gu, '')
      .replace(HYPHENS, hyphens === 'space' ? ' ' : ''),
  );
}

/**
 * The comparison form of a name: harmonised, diacritics folded, apostrophes deleted, every other
 * punctuation mark or symbol turned into a space, whitespace collapsed. Digits are kept (they are errors
 * worth seeing, not noise).
 *
 * @example normaliseName("  o'Brien-Smyth, Seán ") // 'OBRIEN SMYTH SEAN'
 */
export const normaliseName: (value: string) => string = memoByString(normaliseNameNow);

function normaliseNameNow(value: string): string {
  const folded = foldDiacritics(harmoniseName(value)).toUpperCase();
  return collapseWhitespace(folded.replace(APOSTROPHES, '').replace(/[\p{P}\p{S}]/gu, ' '));
}

/** Splits a name into whitespace-separated tokens after {@link normaliseName}. */
export function nameTokens(value: string): string[] {
  const normalised = normaliseName(value);
  return normalised === '' ? [] : normalised.split(' ');
}
