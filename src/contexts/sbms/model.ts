import type { Executor } from '../../platform/database/index.ts';
import type { ErasureCascade } from '../../platform/retention.ts';

/**
 * The shared biometric matching service (Reg. (EU) 2019/817 and 2019/818 arts. 12-16): biometric templates of
 * every source system, kept logically separated per system with the reference to the record they belong to
 * (art. 13(1)-(2)), created only after an automated quality check (art. 13(3)), compared 1:1 and 1:N.
 *
 * A template is a fixed-length float vector made by an extractor outside or inside Interlink; comparison is
 * the cosine similarity of L2-normalised vectors (docs/decisions.md).
 */

export const MODALITIES = ['face', 'finger'] as const;
export type Modality = (typeof MODALITIES)[number];

/**
 * ISO/IEC 19794-2 finger positions: 1 right thumb, 2 right index, 3 right middle, 4 right ring, 5 right little,
 * 6 left thumb, 7 left index, 8 left middle, 9 left ring, 10 left little.
 */
export const FINGER_POSITIONS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type FingerPosition = (typeof FINGER_POSITIONS)[number];

/** A template as it reaches Interlink (the public contract of every route that takes biometrics). */
export interface TemplateInput {
  modality: Modality;
  /** Fingers only: the ISO finger position. */
  position?: number;
  /** Base64 of little-endian float32 values, as many as the modality's configured dimensions. */
  template: string;
  /** The extractor's quality score, 0-100. */
  quality: number;
}

/** A template decoded, checked and L2-normalised. */
export interface Template {
  modality: Modality;
  /** 0 for a face; 1-10 for a finger. */
  position: number;
  quality: number;
  vector: Float32Array;
}

/**
 * The source systems' partitions (art. 13(1): logically separated per system). A query names the partitions
 * the caller's legal basis reaches; nothing outside them is compared.
 */
export const PARTITIONS = ['ees', 'sis', 'eurodac'] as const;
export type Partition = (typeof PARTITIONS)[number];

/** One template of one record, as the index holds it. */
export interface StoredTemplate extends Template {
  id: string;
  partition: Partition;
  /** The record in the source system (an EES file id, a SIS alert id, a Eurodac dataset id). */
  recordRef: string;
}

/** One comparison of a probe template with a stored one. */
export interface TemplateScore {
  modality: Modality;
  position: number;
  /** Cosine similarity, -1..1. */
  score: number;
  probeQuality: number;
  storedQuality: number;
}

/**
 * A decision over several templates (face and up to ten fingers), fused into one score whose false-match rate
 * is calibrated on the impostor distribution (see `SbmsSettings.fusion`).
 */
export interface FusedResult {
  /** The fused log-likelihood ratio of "same person" against "different people". */
  score: number;
  /** `match` at or above the decision threshold; `no-match` below. */
  decision: 'match' | 'no-match';
  /** The estimated false-match rate of a comparison scoring this high (for the officer's reading). */
  falseMatchRate: number;
  scores: TemplateScore[];
}

export interface VerificationResult extends FusedResult {
  partition: Partition;
  recordRef: string;
  /** The record holds no template of the probe's modalities: nothing could be compared. */
  compared: boolean;
}

export interface Candidate extends FusedResult {
  partition: Partition;
  recordRef: string;
  rank: number;
}

export interface IdentifyOptions {
  /** The partitions the caller may reach; only these are searched (a filtered k-NN that still returns k). */
  partitions: readonly Partition[];
  /** Candidates returned, best first (default 10). */
  limit?: number;
  /** Only candidates whose fused decision is `match` (default true). */
  matchesOnly?: boolean;
  /**
   * Wait for this process's own committed writes first (default true). False for a caller that runs inside
   * the change feed's own catch-up (a feed follower), which has applied everything up to its position.
   */
  ownWrites?: boolean;
}

/**
 * The nearest-neighbour index behind 1:N search: one per partition, modality and finger position. Two real
 * implementations: the exact scan (the reference, and the peer the benchmark compares with) and the
 * approximate graph index from a maintained library, whose candidates are re-ranked exactly.
 */
export interface VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  add(key: number, vector: Float32Array): void;
  /** Removes the key for good: it is never returned again. Returns whether it was there. */
  remove(key: number): boolean;
  has(key: number): boolean;
  /** The k nearest keys by cosine similarity, best first. */
  search(query: Float32Array, k: number): Array<{ key: number; score: number }>;
  /**
   * The key's exact stored vector (a copy), when the index keeps it exactly (the exact scan does; a
   * quantised index does not, and the service then keeps its own copy for re-ranking).
   */
  vector?(key: number): Float32Array | undefined;
  /** Writes the index to a file so that a restart need not rebuild it. */
  save?(path: string): void;
}

/** Makes an empty index of the given dimensions, or loads one saved with `save` (a restart without rebuild). */
export type VectorIndexFactory = (dimensions: number, savedAt?: string) => VectorIndex;

/** Fusion model of one modality: Gaussian genuine and impostor score distributions (docs/biometrics.md). */
export interface ScoreModel {
  genuineMean: number;
  genuineSd: number;
  impostorMean: number;
  impostorSd: number;
}

export interface SbmsSettings {
  /** Template lengths (configuration: `INTERLINK_FACE_DIMENSIONS`, `INTERLINK_FINGER_DIMENSIONS`). */
  dimensions: Record<Modality, number>;
  /**
   * Art. 13(3): the minimum quality a template needs to be stored. The figure of the implementing act
   * (art. 37(2)) was not found: 40 of 100 is [K], configuration.
   */
  minQuality: Record<Modality, number>;
  fusion: {
    models: Record<Modality, ScoreModel>;
    /** The fused-score threshold of a match, chosen for the target false-match rate below. */
    threshold: number;
    /** The per-comparison false-match rate the threshold was calibrated for. */
    targetFalseMatchRate: number;
  };
  /** Candidates fetched from the approximate index per requested result, before exact re-ranking. */
  oversampling: number;
}

/**
 * What every system holding biometrics uses (EES, SIS, Eurodac): enrolment in its own partition inside the
 * system's write transaction, removal with its records, and the comparisons. The index follows the change
 * feed (`sbms.templates`), so that every node's in-process index sees the same templates.
 */
export interface BiometricMatching {
  readonly settings: SbmsSettings;
  /**
   * Decodes and checks templates (length, finite values, quality gate of art. 13(3)); throws an AppError
   * `SBMS_TEMPLATE_INVALID` / `SBMS_QUALITY_TOO_LOW` naming the template at fault (`details.problems`).
   * `qualityGate: false` for a live probe, which is compared whatever its quality (its score says how far
   * it can be trusted); enrolment always applies the gate.
   */
  decode(inputs: readonly TemplateInput[], field?: string, options?: { qualityGate?: boolean }): Template[];
  /**
   * Stores a record's templates in its partition (replacing what the record had), in the caller's
   * transaction; the index learns of them from the change feed once the transaction commits.
   */
  enrol(
    trx: Executor,
    partition: Partition,
    recordRef: string,
    templates: readonly Template[],
  ): Promise<{ templateIds: string[] }>;
  /** Removes every template of the records (erasure, deletion of an alert): gone from the table and index. */
  remove(trx: Executor, partition: Partition, recordRefs: readonly string[]): Promise<number>;
  /** 1:1: the probe against one record's stored templates. */
  verify(probe: readonly Template[], partition: Partition, recordRef: string): Promise<VerificationResult>;
  /** 1:N: the records whose templates are nearest the probe, fused over modalities and fingers. */
  identify(probe: readonly Template[], options: IdentifyOptions): Promise<Candidate[]>;
  /** Scores of each probe template against each of a record's templates (for the expert's comparison screen). */
  compare(probe: readonly Template[], partition: Partition, recordRef: string): Promise<FusedResult>;
  /**
   * The stored templates of the records, read in the caller's transaction (vectors included; what the MID
   * compares, consistent with the records it reads in the same transaction).
   */
  templates(
    db: Executor,
    partition: Partition,
    recordRefs: readonly string[],
  ): Promise<Map<string, Template[]>>;
  /**
   * 1:1 between two sets of templates (the same modality and position compared, fused): `compared` false when
   * they share none.
   */
  compareTemplates(
    probe: readonly Template[],
    stored: readonly Template[],
  ): FusedResult & { compared: boolean };
  /** Which of the records hold templates, and of what (for screens: "face, 10 fingers"). */
  holdings(
    partition: Partition,
    recordRefs: readonly string[],
    db?: Executor,
  ): Promise<Map<string, Array<{ modality: Modality; position: number; quality: number }>>>;
  /** The erasure cascade that removes a system's records' templates with the records (product principle 5). */
  erasureCascade(partitionOfSystem: (system: string) => Partition | undefined): ErasureCascade;
}
