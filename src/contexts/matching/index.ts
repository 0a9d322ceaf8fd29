/**
 * The matching context: a Fellegi-Sunter record-linkage engine. Comparisons with ordered levels are
 * configured in data; m, u and the prior are estimated without labels; pairs come from the union of several
 * blocking rules; every pair's probability is explained comparison by comparison; matched pairs are
 * clustered into persons with stable ids. Records are prepared once, so that scoring a pair is a pure,
 * allocation-free function (the live identity index scores candidates with the same functions).
 */
export {
  DEFAULT_THRESHOLD,
  LinkageConfigSchema,
  comparedColumns,
  configColumns,
  parseLinkageConfig,
} from './config.ts';
export type {
  BlockingKeyConfig,
  BlockingRuleConfig,
  ComparisonConfig,
  LevelConfig,
  LinkageConfig,
  NormaliserName,
} from './config.ts';
export { IDENTITY_COLUMNS, identityConfig } from './default-config.ts';
export { MATCHING_ERRORS } from './errors.ts';
export { MISSING, prepareRecord, prepareValue } from './prepare.ts';
export type { Feature, PreparedRecord } from './prepare.ts';
export { levelOf } from './levels.ts';
export type { CompiledComparison } from './levels.ts';
export { BlockIndex, candidatePairs } from './blocking.ts';
export type { CompiledRule, PairList } from './blocking.ts';
export {
  compileModel,
  explainPair,
  matchWeight,
  prepareFor,
  probabilityOf,
  weightOf,
  weightOfLevels,
  withParameters,
} from './model.ts';
export type {
  CompiledModel,
  ComparisonExplanation,
  ModelParameters,
  PairExplanation,
  TrainedModel,
} from './model.ts';
export {
  DEFAULT_TRAINING,
  estimateU,
  expectationMaximisation,
  levelMatrix,
  termFrequencies,
  totalPairs,
  trainParameters,
} from './estimate.ts';
export type { Sides, TrainingReport, TrainingSettings } from './estimate.ts';
export { matchesAbove, runLinkage } from './link.ts';
export type { LinkageOptions, LinkageRun, LinkageStage, MatchedPair, Table } from './link.ts';
export { clusterRecords } from './cluster.ts';
export { parseCsvTable, readCsvTable } from './csv.ts';
export { hammingDistance, jaro, jaroWinkler, osaDistance } from './strings.ts';
export { seededRandom } from './random.ts';
export {
  DEFAULT_TRAINING_MINIMUM,
  IdentityIndexService,
  type IdentityErasureCascade,
  type IdentityIndexServiceDeps,
  type IndexChange,
} from './live/service.ts';
export { IdentityIndex } from './live/memory.ts';
export type { IdentityCandidate, PreparedIdentity, SearchOptions } from './live/memory.ts';
export type { IdentityQuery, IndexedIdentity } from './live/identity.ts';
export { IndexKeys } from './live/keys.ts';
export { IDENTITY_INDEX_ERRORS } from './live/errors.ts';
export { MATCHING_SCHEMA, matchingMigrations } from './live/migrations.ts';
export { defaultParameters, priorFor, trainOnRecords, type StoredModel } from './live/parameters.ts';
export { identityFromGenerated, queryFromGenerated } from './live/generated.ts';
