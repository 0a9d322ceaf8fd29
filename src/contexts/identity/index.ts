/**
 * The identity context: travel documents (MRZ), transliteration, names, comparators and the MID
 * "same / similar" rules. Pure functions used by every other context.
 */
export * from './mrz/index.ts';
export * from './transliteration/index.ts';
export * from './names/index.ts';
export * from './compare/index.ts';
export * from './mid/index.ts';
export * from './generator/index.ts';
