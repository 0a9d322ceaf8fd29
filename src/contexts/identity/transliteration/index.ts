/**
 * Transliteration (ICAO Doc 9303 Part 3 section 6): native-script names to their MRZ form, and the
 * table-based test of whether two spellings can be transliterations of the same native name.
 */
export {
  transliterateToMrz,
  canonicalLanguage,
  isMrzForm,
  LANGUAGE_CODES,
  type MrzTransliteration,
  type TransliterationOptions,
} from './to-mrz.ts';
export { transliterationEquivalent, type TransliterationEquivalence } from './equivalence.ts';
export { hanSyllables, type HanReading, type HanUmlaut } from './han.ts';
export { KOREAN_SURNAMES } from './hangul.ts';
export { transliterationFold } from './fold.ts';
