import type { Actor } from '../../contexts/access/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import type { FileDetails, IdentityCandidate } from '../../contexts/ees/index.ts';
import type { MrzCorrection, MrzParseResult } from '../../contexts/identity/index.ts';
import type { Modality, Template, TemplateInput, TemplateScore } from '../../contexts/sbms/index.ts';

/** How much a finding weighs for the guard: `stop` means do not admit as things stand. */
export type FindingLevel = 'stop' | 'attention' | 'info';

/**
 * Every code a finding of the built-in steps (document, EES, SIS, ETIAS, MID) can carry: stable, so that an interface can say the finding in its own language by the
 * code (and its `params`) and fall back to `message` for a code it does not know.
 */
export const FINDING_CODES = [
  'DOCUMENT_MRZ_REPAIRED',
  'DOCUMENT_MRZ_INVALID',
  'DOCUMENT_EXPIRED',
  'DOCUMENT_EXPIRES_SOON',
  'DOCUMENT_NAME_TRUNCATED',
  'VISA_RECORDED',
  'VISA_REQUIRED',
  'EES_VISA_USED',
  'EES_NO_DAYS_LEFT',
  'EES_STAY_WOULD_EXCEED',
  'EES_MAY_STAY',
  'EES_FILE_UNDER_OTHER_DOCUMENT',
  'EES_NO_FILE',
  'EES_RECORD_INCONSISTENT',
  'EES_EARLIER_REFUSAL',
  'EES_FAMILY_MEMBER',
  'EES_OVERSTAY',
  'EES_PRESENT',
  'EES_BIOMETRIC_VERIFIED',
  'EES_BIOMETRIC_MISMATCH',
  'EES_BIOMETRIC_NOT_COMPARED',
  'EES_IDENTIFIED_BY_BIOMETRICS',
  'SIS_DISCREET_CHECK',
  'SIS_POSSIBLE_PERSON_MATCH',
  'SIS_REFUSAL_ALERT',
  'SIS_ARREST_ALERT',
  'SIS_PERSON_ALERT',
  'SIS_DOCUMENT_ALERT',
  'SIS_POSSIBLE_DOCUMENT_MATCH',
  'SIS_VEHICLE_ALERT',
  'SIS_VEHICLE_DISCREET_CHECK',
  'SIS_NO_HIT',
  'ETIAS_VALID',
  'ETIAS_MISSING',
  'ETIAS_REVOKED',
  'ETIAS_ANNULLED',
  'ETIAS_REFUSED',
  'ETIAS_LIMITED_VALIDITY',
  'ETIAS_FLAG_SECOND_LINE',
  'ETIAS_FLAG_FALSE_HIT',
  'ETIAS_EXPIRES_SOON',
  'MID_RED_LINK',
  'MID_YELLOW_LINK',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** One reason, spelled out, with the system and rule it comes from. */
export interface Finding {
  system: string;
  level: FindingLevel;
  /** One of {@link FINDING_CODES} for the built-in steps; a step added later brings codes of its own. */
  code: string;
  message: string;
  /** SBC Annex V Part B letter this finding would support, if the guard refuses. */
  refusalGround?: string;
  /** The figures in `message`, for a translated text (e.g. `{ days: 6, until: '2026-01-10' }`). */
  params?: Record<string, string | number>;
  /** The SIS alert behind the finding. */
  alertId?: string;
  /**
   * A discreet or specific check (2018/1862 arts. 36-37): never a reason to refuse, never shown to the
   * person; the guard collects `informationToCollect` and the check goes on as the other findings say.
   */
  discreet?: boolean;
  informationToCollect?: string[];
  /** The SIS hit recorded for this finding, which opened the exchange with the issuing state's SIRENE. */
  hitId?: string;
}

/**
 * The check's suggestion: `unreadable` when the MRZ could not be read (re-scan or type it: nothing else was
 * checked), otherwise the heaviest finding's level. Discreet checks never weigh in.
 */
export type Verdict = 'proceed' | 'attention' | 'refusal-suggested' | 'unreadable';

/** The traveller as read from the document (dates as calendar dates). */
export interface DocumentHolder {
  surname: string;
  givenNames: string;
  nationality: string;
  birthDate: string;
  sex: string;
  documentType: string;
  documentNumber: string;
  issuingState: string;
  expiryDate: string;
}

export interface BorderCheckRequest {
  /** The MRZ as read or typed, lines separated by line breaks. */
  mrz: string;
  /** Border crossing point where the check happens (its local date is the date that counts). */
  bcpId: string;
  /** Try check-digit-driven OCR repair when the MRZ does not validate. */
  autocorrect?: boolean;
  /** Last day of the intended stay, when the traveller states one. */
  intendedExit?: string;
  /** At land borders: the vehicle's number plate as read, and its country if known. */
  vehiclePlate?: string;
  vehicleCountry?: string;
  /**
   * Live biometrics captured at the booth (face, fingers), as templates: EES verifies them 1:1 against the
   * file (EES art. 23(2)) and identifies 1:N when the document finds no file (art. 23(4)); SIS searches its
   * person alerts' templates (2018/1862 art. 43).
   */
  biometrics?: TemplateInput[];
}

/** One comparison of the live capture with a file: the fused decision and the score of each template pair. */
export interface BiometricComparison {
  fileId: string;
  decision: 'match' | 'no-match';
  /** The fused log-likelihood ratio (sBMS); the decision threshold is the service's setting. */
  score: number;
  /** The estimated false-match rate of a comparison scoring this high. */
  falseMatchRate: number;
  /** Per modality and finger: cosine score and both qualities (for the screen's table). */
  scores: TemplateScore[];
}

/**
 * What the EES step did with the live biometrics (`result.ees.biometrics`, present only when the request gave
 * templates): the 1:1 verification against the file found by the document (EES art. 23(2)) and the 1:N
 * identification in EES, run when the document found no file or the verification failed (arts. 23(4), 27).
 */
export interface EesBiometricResult {
  /** What the live capture held (the templates themselves are never returned or stored). */
  probe: Array<{ modality: Modality; position: number; quality: number }>;
  /** How `result.ees.file` was found: by the document, by the biometrics (another document), or not at all. */
  foundBy: 'document' | 'biometrics' | null;
  /** Null when the document found no file; `compared` false when the file holds no template to compare. */
  verification: (BiometricComparison & { compared: boolean }) | null;
  /** Null when not run; else the matching files, best first, with their documents. */
  identification: {
    candidates: Array<
      BiometricComparison & {
        rank: number;
        surname: string;
        givenNames: string;
        birthDate: string;
        documents: Array<{ type: string; number: string; issuingState: string }>;
      }
    >;
  } | null;
}

export interface BorderCheckResult {
  checkedAt: string;
  bcp: { id: string; localDate: string };
  document: {
    valid: boolean;
    format: string | null;
    corrections: MrzCorrection[];
    problems: Array<{ field: string; message: string }>;
  };
  holder: DocumentHolder | null;
  ees: { file: FileDetails | null; candidates: IdentityCandidate[]; biometrics?: EesBiometricResult };
  /** Results of steps that later systems plug in (SIS, ETIAS, MID), by system. */
  extra: Record<string, unknown>;
  findings: Finding[];
  verdict: Verdict;
}

/** What each step of the check sees: the traveller as read from the document, and where and when. */
export interface StepContext {
  actor: Actor;
  purpose: string;
  requestId?: string;
  today: string;
  bcpId: string;
  holder: DocumentHolder;
  parsed: MrzParseResult;
  intendedExit?: string;
  vehicle?: { plate: string; country?: string };
  /** The live biometrics, decoded (never stored by the check; SIS logs only their type, 2018/1862 art. 12). */
  biometrics?: readonly Template[];
  /**
   * For a step that runs after the others (`after: 'records'`): the records they showed the guard, as
   * `<system>:<record id>` references (the CIR's form, e.g. `ees:…`, `sis:…`), each once.
   */
  records?: readonly string[];
}

/**
 * What one system's step found: its findings, and the data it shows the guard (`result.ees` for EES, which the
 * screen shows as the travel history; `result.extra[system]` for every other system).
 */
export interface StepOutcome<D = unknown> {
  findings: Finding[];
  data: D;
  /** Set by the system that knows (EES): the traveller is recorded as present, so this check is an exit. */
  present?: boolean;
  /**
   * The records this step showed the guard (the EES file, the SIS person alerts, the ETIAS application), as
   * `<system>:<record id>` references: a step that runs after the others reads them (the MID's links).
   */
  records?: readonly string[];
  /**
   * Records what the step found (e.g. SIS hits) in the transaction that writes the check's audit record, and
   * may complete the step's own findings and data with what was recorded (a hit id). `present`: EES holds the
   * traveller's entry record (this check is an exit, or the check after the entry was recorded).
   */
  record?(trx: Executor, check: { present: boolean }): Promise<void>;
}

/**
 * A system's part of the border check. Steps run at the same time once the document is read; each returns its
 * own outcome and never sees another's; a step marked `after: 'records'` runs next, seeing only the references
 * of the records the others found. EES, SIS, ETIAS and MID plug in here without changing the flow.
 */
export interface BorderCheckStep<D = unknown> {
  readonly system: string;
  /**
   * `records`: the step runs once the others have answered, with the records they found in
   * `StepContext.records` (the MID shows the links of those records). Absent: it runs with the others.
   */
  readonly after?: 'records';
  run(ctx: StepContext): Promise<StepOutcome<D>>;
}
