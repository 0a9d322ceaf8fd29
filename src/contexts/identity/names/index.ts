export {
  collapseWhitespace,
  foldDiacritics,
  harmoniseName,
  harmoniseSeparators,
  nameTokens,
  normaliseName,
} from './normalise.ts';
export { NAME_PARTICLES, parseFullName, surnameVariants } from './parse.ts';
export type { ParsedName, ParseNameOptions } from './parse.ts';
export { NicknameIndex, defaultNicknames, loadNicknameFile, parseNicknameCsv } from './nicknames.ts';
