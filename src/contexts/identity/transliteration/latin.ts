/**
 * ICAO Doc 9303 Part 3 (7th ed., 2015), section 6.A "Transliteration of multinational Latin-based
 * characters". Each entry lists the recommended MRZ rendering first and the documented alternatives after
 * it (e.g. `Ä` may be written `AE` or `A`). Keys are upper case: callers upper-case before looking up.
 *
 * `NXX` and `UXX` are ICAO's reversible forms for Ñ and Ü (the `XX` marks the lost diacritic); they are
 * kept as alternatives only.
 */
export const ICAO_LATIN: Readonly<Record<string, readonly string[]>> = Object.freeze({
  À: ['A'],
  Á: ['A'],
  Â: ['A'],
  Ã: ['A'],
  Ä: ['AE', 'A'],
  Å: ['AA', 'A'],
  Æ: ['AE'],
  Ç: ['C'],
  È: ['E'],
  É: ['E'],
  Ê: ['E'],
  Ë: ['E'],
  Ì: ['I'],
  Í: ['I'],
  Î: ['I'],
  Ï: ['I'],
  Ð: ['D'],
  Ñ: ['N', 'NXX'],
  Ò: ['O'],
  Ó: ['O'],
  Ô: ['O'],
  Õ: ['O'],
  Ö: ['OE', 'O'],
  Ø: ['OE', 'O'],
  Ù: ['U'],
  Ú: ['U'],
  Û: ['U'],
  Ü: ['UE', 'U', 'UXX'],
  Ý: ['Y'],
  Þ: ['TH'],
  Ā: ['A'],
  Ă: ['A'],
  Ą: ['A'],
  Ć: ['C'],
  Ĉ: ['C'],
  Ċ: ['C'],
  Č: ['C'],
  Ď: ['D'],
  Đ: ['D'],
  Ē: ['E'],
  Ĕ: ['E'],
  Ė: ['E'],
  Ę: ['E'],
  Ě: ['E'],
  Ĝ: ['G'],
  Ğ: ['G'],
  Ġ: ['G'],
  Ģ: ['G'],
  Ĥ: ['H'],
  Ħ: ['H'],
  Ĩ: ['I'],
  Ī: ['I'],
  Ĭ: ['I'],
  Į: ['I'],
  İ: ['I'],
  Ĳ: ['IJ'],
  Ĵ: ['J'],
  Ķ: ['K'],
  Ĺ: ['L'],
  Ļ: ['L'],
  Ľ: ['L'],
  Ŀ: ['L'],
  Ł: ['L'],
  Ń: ['N'],
  Ņ: ['N'],
  Ň: ['N'],
  Ŋ: ['N'],
  Ō: ['O'],
  Ŏ: ['O'],
  Ő: ['O'],
  Œ: ['OE'],
  Ŕ: ['R'],
  Ŗ: ['R'],
  Ř: ['R'],
  Ś: ['S'],
  Ŝ: ['S'],
  Ş: ['S'],
  Š: ['S'],
  Ţ: ['T'],
  Ť: ['T'],
  Ŧ: ['T'],
  Ũ: ['U'],
  Ū: ['U'],
  Ŭ: ['U'],
  Ů: ['U'],
  Ű: ['U'],
  Ų: ['U'],
  Ŵ: ['W'],
  Ŷ: ['Y'],
  Ÿ: ['Y'],
  Ź: ['Z'],
  Ż: ['Z'],
  Ž: ['Z'],
  // Upper-casing turns ß into "SS" before lookup; the entry documents the rule and serves ẞ (U+1E9E).
  ß: ['SS'],
  ẞ: ['SS'],
});

/** Which of a Latin character's documented renderings a transliteration run uses. */
export type LatinChoice = 'primary' | 'short' | 'reversible';

const COMBINING_MARKS = /\p{M}/gu;

/**
 * MRZ rendering of one upper-case Latin character (A–Z pass through). Characters outside the ICAO table
 * fall back to their base letter after removing combining marks (e.g. Ș → S, Ț → T), which is what the
 * table does for every letter it lists; anything that still is not A–Z yields `''`.
 */
export function latinToMrz(upperChar: string, choice: LatinChoice): string {
  if (upperChar >= 'A' && upperChar <= 'Z' && upperChar.length === 1) {
    return upperChar;
  }
  const options = ICAO_LATIN[upperChar];
  if (options !== undefined) {
    if (choice === 'short') {
      return options.find((o) => !o.includes('XX') && o.length === 1) ?? options[0] ?? '';
    }
    if (choice === 'reversible') {
      return options.find((o) => o.includes('XX')) ?? options[0] ?? '';
    }
    return options[0] ?? '';
  }
  const base = upperChar.normalize('NFD').replace(COMBINING_MARKS, '').toUpperCase();
  return /^[A-Z]+$/.test(base) ? base : '';
}

/** True when the text contains a Latin letter whose ICAO entry lists more than one rendering. */
export function hasLatinAlternatives(upperText: string): boolean {
  for (const ch of upperText) {
    const options = ICAO_LATIN[ch];
    if (options !== undefined && options.length > 1) {
      return true;
    }
  }
  return false;
}
