import type { Executor } from '../../platform/database/index.ts';

/**
 * ETIAS (Reg. (EU) 2018/1240): the application file, its automated processing, the hits it produced and the
 * decisions taken on it. Regulations digest §2–3; items marked [K] there are unconfirmed and are kept as data
 * ({@link EtiasSettings}) so that they can be corrected without touching code.
 */

/** Education levels an applicant may declare (art. 17(2)(h)). */
export const EDUCATION_LEVELS = ['primary', 'secondary', 'higher', 'none'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/**
 * Job groups for the current occupation (art. 17(2)(i)); the exact title and employer may be asked later in
 * manual processing. The list follows the ISCO-08 major groups plus the groups the application form adds
 * [K: Del. Reg. (EU) 2021/916 fixes the list; not re-read].
 */
export const OCCUPATION_GROUPS = [
  'managers',
  'professionals',
  'technicians',
  'clerical-support',
  'service-and-sales',
  'agriculture',
  'craft-and-trades',
  'plant-and-machine-operators',
  'elementary',
  'armed-forces',
  'student',
  'retired',
  'unemployed',
  'homemaker',
  'other',
] as const;
export type OccupationGroup = (typeof OCCUPATION_GROUPS)[number];

/** The application as the applicant sends it (the public route's contract; issue 14). Dates are YYYY-MM-DD. */
export interface ApplicationInput {
  surname: string;
  givenNames: string;
  surnameAtBirth?: string;
  /** Art. 17(2)(b): alias, artistic or usual names. */
  otherNames?: string[];
  birthDate: string;
  placeOfBirth: string;
  countryOfBirth: string;
  sex: 'M' | 'F' | 'X';
  /** ICAO 9303 codes; the first is the current nationality (art. 17(2)(a)), the others art. 17(2)(c). */
  nationalities: string[];
  parentsFirstNames?: string[];
  document: { type: string; number: string; issuingState: string; expiry: string; issuedOn?: string };
  residence: { country: string; city: string; address?: string };
  email: string;
  phone?: string;
  education?: EducationLevel;
  occupation?: OccupationGroup;
  intendedFirstStay?: { memberState: string; address?: string };
  /** Art. 17(4): the three background questions. */
  background: { criminalConviction: boolean; conflictZoneStay: boolean; removalOrder: boolean };
  familyMemberOfEuCitizen?: boolean;
}

/**
 * Where an application stands. The applicant's verification tool (art. 31) shows `pending`, `manual`,
 * `issued`, `refused`, `annulled` or `revoked`; `queue` says who works on a `manual` file.
 * - `pending`: admissible, automated processing not finished (it runs in the request when it can);
 * - `manual`: a hit or a background answer sent it to the Central Unit (art. 22) or a National Unit (art. 26);
 * - `issued`: a travel authorisation exists (art. 36), possibly with flags or limited territorial validity;
 * - `refused` (art. 37), `annulled` (art. 40), `revoked` (art. 41).
 */
export const APPLICATION_STATUSES = [
  'pending',
  'manual',
  'issued',
  'refused',
  'annulled',
  'revoked',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Who has a `manual` file: the Central Unit verifies hits (art. 22), a National Unit assesses (art. 26). */
export const QUEUES = ['central-unit', 'national-unit'] as const;
export type Queue = (typeof QUEUES)[number];

/** Where a hit comes from (art. 20(2)–(5)). */
export const HIT_SOURCES = [
  'sis',
  'ees',
  'etias',
  'eurodac',
  'watchlist',
  'screening-rule',
  'background',
] as const;
export type HitSource = (typeof HIT_SOURCES)[number];

/**
 * What a hit is about; stable codes an interface says in its own language (`etias.hit.<code>`); the article
 * is in the comment.
 */
export const HIT_RULES = [
  'SIS_DOCUMENT_LOST_STOLEN', // art. 20(2): travel document lost, stolen, misappropriated or invalidated
  'SIS_REFUSAL_ALERT', // art. 20(2): refusal of entry and stay
  'SIS_ARREST_ALERT', // art. 20(2): arrest for surrender or extradition
  'SIS_MISSING_PERSON', // art. 20(4), art. 23: missing persons: notifies the issuing state
  'SIS_JUDICIAL_PROCEDURE', // art. 20(4), art. 23: sought for a judicial procedure: notifies
  'SIS_DISCREET_CHECK', // art. 20(4), art. 23: discreet, inquiry or specific checks: notifies
  'SIS_POSSIBLE_MATCH', // a similar identity, to be verified by the Central Unit
  'EES_REFUSAL', // art. 20(2): refused entry recorded in EES
  'EES_OVERSTAY', // art. 20(2): current or past overstayer
  'ETIAS_EARLIER_REFUSAL', // art. 20(2): earlier refused, revoked or annulled authorisation
  'ETIAS_DOCUMENT_OTHER_IDENTITY', // art. 20(2): same travel document with other identity data
  'EURODAC_RECORD', // art. 20(2): Eurodac
  'WATCHLIST', // art. 20(4), art. 34
  'SCREENING_RULE', // art. 20(5), art. 33
  'BACKGROUND_ANSWER', // a "yes" to an art. 17(4) question: manual assessment (art. 26(4)) [K]
] as const;
export type HitRule = (typeof HIT_RULES)[number];

/** The Central Unit's verification of one hit (art. 22): a false hit is deleted from the route; confirmed sends on. */
export const HIT_STATES = ['open', 'false', 'confirmed', 'notified'] as const;
export type HitState = (typeof HIT_STATES)[number];

/**
 * One hit of automated processing, with the record it hit and why (art. 20(7): the hit is recorded in the file
 * with the system and record concerned). `notifyOnly` hits (SIS missing, judicial, discreet/specific checks,
 * art. 23) inform the issuing state's SIRENE Bureau and never delay the decision.
 */
export interface CheckHit {
  source: HitSource;
  /** The record hit, as `<system>:<id>` (`sis:SIS-…`, `ees:file_…`, `etias:app_…`, `watchlist:wl_…`, `rule:…@v`). */
  recordRef: string;
  rule: HitRule;
  /** Lines a person reads: which field of the application matched which field of the record, and how. */
  explanation: string[];
  /** The member state that entered the data (art. 25(1): its National Unit is responsible). */
  memberState?: string;
  notifyOnly?: boolean;
  /** Art. 37(1) ground this hit would support if confirmed (e.g. `sis-refusal`, `document-lost-stolen`). */
  refusalGround?: RefusalGround;
  /** The matching engine's calibrated probability, when identity matching produced the hit. */
  probability?: number;
  /** The record's data the officer compares side by side (fields as the source names them). */
  record?: Record<string, unknown>;
}

/** The applicant's identity and document as the checks see them (what art. 20(2) compares). */
export interface CheckSubject {
  applicationId: string;
  surname: string;
  givenNames: string;
  surnameAtBirth?: string;
  otherNames: string[];
  birthDate: string;
  sex: 'M' | 'F' | 'X';
  nationalities: string[];
  placeOfBirth: string;
  countryOfBirth: string;
  document: { type: string; number: string; issuingState: string; expiry: string };
  residence: { country: string; city: string };
  email: string;
  phone?: string;
  /** Art. 17(2)(h)-(i): read by the screening rules only (art. 33(4)). */
  education?: EducationLevel;
  occupation?: OccupationGroup;
  /** The application date (YYYY-MM-DD): the screening rules compute the age on it; today when absent. */
  applicationDate?: string;
}

/**
 * One system's part of automated processing (art. 20): compares the application with its own records and
 * returns its hits. Systems plug in through their adapter (`SystemAdapter.etiasCheck`); the ETIAS context
 * knows none of them. `record(trx, hits)` runs in the transaction that stores the processed application (SIS
 * reports notify-only hits to the issuing state's SIRENE Bureau there, art. 23).
 */
export interface EtiasCheck {
  readonly system: string;
  run(subject: CheckSubject, call: { requestId?: string; signal?: AbortSignal }): Promise<CheckOutcome>;
}

export interface CheckOutcome {
  hits: CheckHit[];
  record?(trx: Executor, applicationId: string): Promise<void>;
}

/** Art. 37(1)–(2) grounds for refusal, annulment and revocation (form of Impl. Dec. (EU) 2022/102). */
export const REFUSAL_GROUNDS = [
  'document-lost-stolen', // 37(1)(a)
  'security-risk', // 37(1)(b)
  'illegal-immigration-risk', // 37(1)(c)
  'epidemic-risk', // 37(1)(d)
  'sis-refusal', // 37(1)(e)
  'no-reply-to-request', // 37(1)(f)
  'no-show-at-interview', // 37(1)(g)
  'doubts-on-data', // 37(2)
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/**
 * Flags on an issued authorisation (art. 36(2)-(3)): a recommended second-line check (visible to border
 * authorities only, removed after the check), or a note that a hit was assessed as false / gave no ground to
 * refuse.
 */
export const AUTHORISATION_FLAGS = ['second-line-check', 'false-hit-assessed'] as const;
export type AuthorisationFlag = (typeof AUTHORISATION_FLAGS)[number];

/** Fee exemptions (art. 18(2)): under 18 or over 70 on the day of application, family members. */
export const FEE_EXEMPTIONS = ['under-18', 'over-70', 'family-member'] as const;
export type FeeExemption = (typeof FEE_EXEMPTIONS)[number];

/** Periods and amounts that the regulation or its acts set; [K] marks those not confirmed against the texts. */
export interface EtiasSettings {
  /** Fee in euro cents: EUR 20 (Commission adjustment of July 2025, digest §2) [K: subject to scrutiny]. */
  readonly feeCents: number;
  /** Art. 22(6): the Central Unit finishes its verification within 12 hours. */
  readonly centralUnitHours: number;
  /** Art. 32(1): the decision within 96 hours of an admissible application. */
  readonly decisionHours: number;
  /** Art. 27(2): the applicant answers a request for information within 10 days. */
  readonly informationReplyDays: number;
  /** Art. 32(2) [K]: decision within 96 h of receiving the information, 48 h after an interview. */
  readonly afterInformationHours: number;
  readonly afterInterviewHours: number;
  /** Arts. 28–29: other states' and Europol's opinions within 60 hours; silence is a positive opinion. */
  readonly consultationHours: number;
  /** Art. 36(5): validity 3 years, or the travel document's expiry if earlier. */
  readonly validityYears: number;
  /** Art. 44 [K]: limited territorial validity at most 90 days. */
  readonly limitedValidityDays: number;
  /** Art. 47(2)(c): the border is told when the authorisation expires within 90 days. */
  readonly expiryWarningDays: number;
  /** Art. 54(1)(b): 5 years after the last refusal, annulment or revocation. */
  readonly refusedRetentionYears: number;
  /** Art. 54(1)(b), second subparagraph: 7 days after the record behind the decision was deleted. */
  readonly sourceDeletedDays: number;
  /** Art. 35(5): watchlist entries are reviewed at least once a year. */
  readonly watchlistReviewMonths: number;
}

export const DEFAULT_ETIAS_SETTINGS: EtiasSettings = Object.freeze({
  feeCents: 2000,
  centralUnitHours: 12,
  decisionHours: 96,
  informationReplyDays: 10,
  afterInformationHours: 96,
  afterInterviewHours: 48,
  consultationHours: 60,
  validityYears: 3,
  limitedValidityDays: 90,
  expiryWarningDays: 90,
  refusedRetentionYears: 5,
  sourceDeletedDays: 7,
  watchlistReviewMonths: 12,
});

/** The settings above that are not confirmed against the texts (shown in docs and the settings screen). */
export const UNCONFIRMED_ETIAS_SETTINGS: readonly (keyof EtiasSettings)[] = [
  'feeCents',
  'afterInformationHours',
  'afterInterviewHours',
  'limitedValidityDays',
];
