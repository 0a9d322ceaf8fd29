export { LEVELS, atLeast, levelRank, strongest } from './levels.ts';
export type { Comparison, Level } from './levels.ts';
export {
  DEFAULT_JARO_WINKLER_THRESHOLDS,
  acceptLatinTransliteration,
  compareDamerauLevenshtein,
  compareJaroWinkler,
  compareNameSwap,
  compareNicknames,
  comparePhonetic,
  compareTokenSet,
  compareTransliteration,
  phoneticCodes,
  transliterationForms,
} from './names.ts';
export type { JaroWinklerThresholds, NamePair } from './names.ts';
export { compareDates, digitDifferences, isDayMonthSwap, parsePartialDate } from './dates.ts';
export type { PartialDate, PartialDateResult } from './dates.ts';
export { compareSex, harmoniseSex } from './sex.ts';
export type { SexCode } from './sex.ts';
export {
  KNOWN_RENAMINGS,
  RENAMINGS_VERSION,
  compareNationalities,
  findRenaming,
  harmoniseCountryCode,
  isCountryCode,
} from './countries.ts';
export type { Renaming } from './countries.ts';
export { compareDocumentNumbers, foldOcrConfusions, harmoniseDocumentNumber } from './documents.ts';
