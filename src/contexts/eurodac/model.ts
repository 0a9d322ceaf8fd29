import type { TemplateInput, TemplateScore } from '../sbms/index.ts';

/**
 * Eurodac (Reg. (EU) 2024/1358): biometric datasets of applicants for international protection and of the
 * other categories of persons the regulation lists, compared one-to-many on registration through the shared
 * biometric matching service (partition `eurodac`), with the hits verified by the member state of origin.
 */

/**
 * The categories of persons (regulations digest §5.1): applicants (arts. 15-17), persons registered for
 * resettlement or humanitarian admission (arts. 18-19), persons apprehended crossing an external border
 * irregularly (arts. 20-21), illegally staying persons (art. 22 [K] mapping), persons disembarked after a
 * search-and-rescue operation (arts. 23-24 [K] mapping) and beneficiaries of temporary protection (art. 26).
 */
export const CATEGORIES = [
  'applicant',
  'irregular-crossing',
  'illegal-stay',
  'resettlement',
  'disembarkation',
  'temporary-protection',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * The stage of a resettlement or humanitarian admission procedure (art. 18): a person `registered` for the
 * procedure is compared but not recorded (art. 18(1)); a person `granted` or `refused` admission (art. 18(2),
 * refusal including a discontinued procedure) is recorded (art. 19).
 */
export const ADMISSION_STAGES = ['registered', 'granted', 'refused'] as const;
export type AdmissionStage = (typeof ADMISSION_STAGES)[number];

export const SEXES = ['M', 'F', 'X'] as const;

/** States of a hit: sent to the member state of origin and verified there by a fingerprint expert (art. 38 [K]). */
export const HIT_STATES = ['pending', 'confirmed', 'rejected'] as const;
export type HitState = (typeof HIT_STATES)[number];

/** Grounds of a responsibility update (art. 16): the criteria of Reg. (EU) 2024/1351, a security threat, a transfer [K]. */
export const RESPONSIBILITY_GROUNDS = ['criteria', 'security-threat', 'transfer'] as const;
export type ResponsibilityGround = (typeof RESPONSIBILITY_GROUNDS)[number];

/** The offences for which designated authorities may compare (art. 33(1)): terrorist offences, serious crime. */
export const OFFENCE_KINDS = ['terrorist-offence', 'serious-crime'] as const;
export type OffenceKind = (typeof OFFENCE_KINDS)[number];

/** Grounds of an advance erasure: acquiring the citizenship of a member state (art. 29 [K]; art. 30 in some drafts). */
export const ERASURE_REASONS = ['naturalisation'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export interface EurodacSettings {
  /** Art. 15(1) and the parallel articles: biometric data are taken from the age of six. */
  minimumAge: number;
  /** Art. 31: Eurodac informs the member states of origin with hits on a marked person within 72 hours. */
  markingNoticeHours: number;
  /** Candidates asked of the matching service per comparison. */
  candidateLimit: number;
  /**
   * Art. 29: years a dataset is kept, from the day it was registered (the transmission of the biometric data),
   * per category and, for resettlement, per admission stage.
   */
  retentionYears: Record<Exclude<Category, 'resettlement'>, number> & {
    'resettlement-granted': number;
    'resettlement-refused': number;
  };
}

export const DEFAULT_EURODAC_SETTINGS: EurodacSettings = Object.freeze({
  minimumAge: 6,
  markingNoticeHours: 72,
  candidateLimit: 10,
  retentionYears: Object.freeze({
    // Art. 29(1) [V]: ten years from the taking of the biometric data.
    applicant: 10,
    // Art. 29(3), (5)-(8) [V]: five years (the mapping of arts. 22-24 to our categories is [K]).
    'irregular-crossing': 5,
    'illegal-stay': 5,
    disembarkation: 5,
    'resettlement-granted': 5,
    // Art. 29(4) [V]: three years for a refused or discontinued admission.
    'resettlement-refused': 3,
    // Art. 29(9): the period for temporary protection was not found (digest §11); one year is [K].
    'temporary-protection': 1,
  }),
});

/** Identity data of a dataset (art. 17(1) and the parallel articles). */
export interface IdentityInput {
  surname: string;
  givenNames: string;
  /** YYYY-MM-DD with 00 for an unknown month or day. */
  birthDate: string;
  sex: (typeof SEXES)[number];
  nationalities: string[];
}

/** Where available, the identity or travel document (art. 17(1)(j) [K]). */
export interface DocumentInput {
  type?: string;
  number: string;
  issuingState: string;
  expiry?: string;
}

/** A dataset as a member state transmits it. */
export interface DatasetInput {
  category: Category;
  /** Resettlement only: the stage of the admission procedure (default `registered`). */
  admission?: AdmissionStage;
  /** Finger templates (one per finger position, ten where they can be taken). */
  fingerprints: TemplateInput[];
  face?: TemplateInput;
  identity?: IdentityInput;
  document?: DocumentInput;
}

/** One hit of a comparison, as the answer to a registration names it. */
export interface HitSummary {
  /** The hit record, kept with both datasets; absent when the new data were not recorded (art. 18(1)). */
  hitId?: string;
  datasetId: string;
  memberState: string;
  category: Category;
  /** The fused score of the comparison (log-likelihood ratio, see the matching service). */
  score: number;
  falseMatchRate: number;
}

export interface RegistrationAnswer {
  /** The dataset id, or the reference of a comparison whose data were not recorded. */
  id: string;
  recorded: boolean;
  hits: HitSummary[];
}

/** A dataset as the member state of origin sees it (art. 40). */
export interface DatasetView {
  id: string;
  category: Category;
  admission: AdmissionStage | null;
  memberState: string;
  authorityName: string;
  registeredAt: string;
  identity: IdentityInput | null;
  document: DocumentInput | null;
  holdings: {
    face: { quality: number } | null;
    fingers: Array<{ position: number; quality: number }>;
  };
  marking: { markedAt: string; basis: 'protection-granted' | 'notice'; markedBy: string } | null;
  responsibility: { state: string; ground: ResponsibilityGround; updatedAt: string } | null;
  eraseAfter: string;
  hits: Array<{ id: string; state: HitState; otherDatasetId: string; otherMemberState: string }>;
}

/** The other dataset of a hit, with what the state of origin may see of it [K]. */
export interface HitDatasetView {
  id: string;
  memberState: string;
  category: Category;
  registeredAt: string;
  identity: IdentityInput | null;
  document: DocumentInput | null;
  marked: boolean;
}

export interface HitView {
  id: string;
  state: HitState;
  createdAt: string;
  score: number;
  falseMatchRate: number;
  decision: 'match' | 'no-match';
  /** Per finger and face: the score of the new capture against the stored one, with both qualities. */
  comparison: TemplateScore[];
  dataset: HitDatasetView;
  matched: HitDatasetView;
  verification: { outcome: 'confirmed' | 'rejected'; reason: string; by: string; at: string } | null;
}

/** A hit in the list of the hits sent to a member state. */
export interface HitListItem {
  id: string;
  state: HitState;
  createdAt: string;
  score: number;
  falseMatchRate: number;
  decision: 'match' | 'no-match';
  /** The new dataset, of the state the hit was sent to. */
  datasetId: string;
  matchedDatasetId: string;
  matchedMemberState: string;
  matchedCategory: Category;
}

export interface NoticeView {
  id: string;
  kind: 'marking';
  /** The recipient's dataset to mark. */
  datasetId: string;
  /** The marked dataset of another state that caused the notice. */
  markedDatasetId: string;
  markedBy: string;
  sentAt: string;
  dueBy: string;
  actedAt: string | null;
}

/**
 * Art. 33(1)-(2): the reasoned electronic request of a designated authority. The conditions are optional in
 * the type so that a request without one reaches the service, which refuses it naming what is missing.
 */
export interface LawEnforcementRequest {
  caseReference?: string;
  offence?: { kind?: OffenceKind; description?: string };
  /** Why this comparison will substantially contribute in this specific case (art. 33(1)(b)-(c)). */
  reasons?: string;
  /** Art. 33(1)(a) [K]: the checks that came first, each confirmed. */
  priorChecks?: {
    nationalDatabases?: boolean;
    /** The other member states' automated fingerprint systems (Prüm, Decision 2008/615/JHA). */
    prumFingerprints?: boolean;
    /** VIS, where the person may be in it [K]. */
    vis?: boolean;
  };
  /** The verifying authority that checked the conditions (art. 33(2) [K]). */
  verifyingAuthority?: string;
  fingerprints: TemplateInput[];
  face?: TemplateInput;
}

export interface LawEnforcementAnswer {
  id: string;
  result: 'hit' | 'no-hit';
  /** Only the references of the datasets hit and their member state of origin, for the follow-up [K]. */
  hits: Array<{ datasetId: string; memberState: string }>;
}
