/**
 * The seeded identity generator: realistic persons of many nationalities, their documents with valid MRZs,
 * labelled variant records that model how records of one person differ between systems, and labelled
 * hard negatives (namesakes, twins, parent and child, siblings: different persons who look alike). Tests, the
 * demo world and the benchmarks draw their data from it.
 */
export { generateIdentities, generateIdentityStream } from './generate.ts';
export type { GenerateIdentitiesOptions, GeneratedIdentity } from './generate.ts';
export { VARIANT_KINDS } from './variants.ts';
export { HARD_NEGATIVE_KINDS, HARD_NEGATIVE_WEIGHTS, negativeKindOf } from './hard-negatives.ts';
export type { HardNegativeKind, HardNegativeLabels } from './hard-negatives.ts';
export type { VariantKind } from './variants.ts';
export { NATIONALITIES as GENERATOR_NATIONALITIES } from './nationalities.ts';
export type { NameScript, NationalitySpec } from './nationalities.ts';
export { IDENTITY_CSV_COLUMNS, identitiesToCsv, identityCsvHeader, identityCsvRows } from './csv.ts';
export { SeededRandom } from './random.ts';
