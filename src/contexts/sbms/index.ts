/**
 * The shared biometric matching service (Reg. (EU) 2019/817 and 2019/818 arts. 12-16): templates of EES, SIS
 * and Eurodac, kept per source system, compared 1:1 and 1:N with fused scores. Other contexts use the
 * {@link BiometricMatching} port; the synthetic generator feeds tests, benchmarks and the demo world.
 */
export {
  FINGER_POSITIONS,
  MODALITIES,
  PARTITIONS,
  type BiometricMatching,
  type Candidate,
  type FingerPosition,
  type FusedResult,
  type IdentifyOptions,
  type Modality,
  type Partition,
  type SbmsSettings,
  type ScoreModel,
  type StoredTemplate,
  type Template,
  type TemplateInput,
  type TemplateScore,
  type VectorIndex,
  type VectorIndexFactory,
  type VerificationResult,
} from './model.ts';
export { SBMS_ERRORS, type SbmsErrorCode } from './errors.ts';
export { ExactIndex, exactIndexFactory } from './exact.ts';
export { DEFAULT_SBMS_SETTINGS, falseMatchBound, fuse, logLikelihoodRatio } from './fusion.ts';
export { SBMS_SCHEMA, sbmsMigrations } from './migrations.ts';
export { SBMS_TOPIC, SbmsService, type SbmsServiceDeps } from './service.ts';
export { cosine, decodeTemplates, encodeVector, normalise } from './template.ts';
export { TemplateInputSchema, TemplatesSchema } from './template-schema.ts';
export {
  DEFAULT_SYNTHETIC,
  SyntheticBiometrics,
  type CaptureOptions,
  type SyntheticOptions,
} from './synthetic.ts';
export {
  createHnswlibIndex,
  createUsearchIndex,
  DEFAULT_USEARCH_OPTIONS,
  exactTopK,
  HnswlibIndex,
  UsearchIndex,
  type HnswlibOptions,
  type UsearchOptions,
  type UsearchQuantisation,
} from './ann.ts';
export { fitScoreModel, normalQuantile, thresholdFor } from './calibration.ts';
