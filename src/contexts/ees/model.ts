import type { TemplateInput } from '../sbms/index.ts';

/**
 * The EES data model (Reg. (EU) 2017/2226 arts. 15-19) as the service takes and gives it. Dates of birth
 * keep `00` for unknown parts; crossing days are calendar dates at the border crossing point.
 */

/** Visa holders (art. 16) and visa-exempt travellers (art. 17) have different individual files. */
export const FILE_KINDS = ['visa-holder', 'visa-exempt'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Sex as printed in travel documents (ICAO Doc 9303): M, F, or X (unspecified); U when unknown. */
export const SEXES = ['M', 'F', 'X', 'U'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * Grounds of refusal of entry, Schengen Borders Code (Reg. (EU) 2016/399) Annex V Part B:
 * A no valid travel document; B false, counterfeit or forged travel document; C no valid visa or residence
 * permit; D false, counterfeit or forged visa or residence permit; E no documents justifying the purpose and
 * conditions of stay; F already stayed 90 days in the 180-day period; G insufficient means of subsistence;
 * H SIS or national alert refusing entry; I threat to public policy, internal security, public health or
 * international relations.
 *
 * `ETIAS`: no valid travel authorisation, a ground added by the ETIAS Regulation (EU) 2018/1240. [K] Whether
 * the amended Annex V lists it as its own letter or inside point C is not confirmed against the text; it is
 * kept as a separate code so that it can be mapped either way without rewriting stored refusals.
 */
export const REFUSAL_REASONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'ETIAS'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Refusals for these grounds need biometric data in the file (EES art. 18(2)). */
export const BIOMETRIC_REFUSAL_REASONS: readonly RefusalReason[] = ['B', 'D', 'H'];

/**
 * Why a visa-exempt traveller gives no fingerprints (EES art. 17(3)-(4)): children under 12, physical
 * impossibility, or a temporary impossibility (flagged; prints are taken at exit or next entry).
 */
export const FINGERPRINT_EXEMPTIONS = [
  'under-12',
  'physical-impossibility',
  'temporary-impossibility',
] as const;
export type FingerprintExemption = (typeof FINGERPRINT_EXEMPTIONS)[number];

/** Four fingers of one hand (EES art. 17(1)(b)): references into the biometric store, not the images. */
export interface FingerprintSet {
  /** Right hand, or the left hand when the right one cannot be used. */
  hand: 'right' | 'left';
  index: string;
  middle: string;
  ring: string;
  little: string;
}

/**
 * What the file holds for fingerprints: `captured`; `not-applicable` (the value EES art. 17(5) prescribes for
 * an exemption); `pending` while a temporary impossibility lasts (art. 17(4)); `not-stored` for visa holders.
 */
export type FingerprintStatus = 'captured' | 'not-applicable' | 'pending' | 'not-stored';

/** A travel document (EES art. 16(1)(b)-(c)). */
export interface TravelDocumentInput {
  /** ICAO Doc 9303 document code: `P` passport, `I` identity card, `A`, `C`, or two letters. */
  type: string;
  /** Document number as printed (letters and digits). */
  number: string;
  /** Three-letter code of the issuing state or organisation (ICAO Doc 9303 Part 3). */
  issuingState: string;
  /** Expiry date, `YYYY-MM-DD`. */
  expiry: string;
}

/** Identity data of the individual file (EES art. 16(1)(a), 17(1)(a)). */
export interface IdentityInput {
  surname: string;
  givenNames: string;
  /** `YYYY-MM-DD` with `00` for an unknown month or day. */
  birthDate: string;
  /** Three-letter codes; at least one. */
  nationalities: string[];
  sex: Sex;
}

/**
 * The templates of the facial image and of the fingerprints (EES arts. 15, 17(1)(b)), enrolled in the shared
 * biometric matching service under the file (2019/817 art. 13) beside the references, which stay the file's
 * record of the captured data. Templates given with a write on a file (creation, entry, exit, refusal with
 * art. 18(2) biometrics) replace the templates the file holds, so an update gives every
 * template the file keeps (the live face with the fingers taken later, art. 17(4)). Fingers only for a file
 * with fingerprint data: the four fingers recorded (art. 17(1)(b)); none for visa holders (art. 16(1)) or an
 * exemption (art. 17(3)-(5)).
 */
export interface FileBiometrics {
  biometrics?: TemplateInput[];
}

export interface NewFileInput extends IdentityInput, FileBiometrics {
  kind: FileKind;
  documents: TravelDocumentInput[];
  /** Reference of the live facial image (EES art. 15). */
  facialImageRef: string;
  /** Visa-exempt travellers: four fingerprints, or an exemption instead. */
  fingerprints?: FingerprintSet;
  fingerprintExemption?: FingerprintExemption;
}

/** A short-stay visa as recorded with an entry (EES art. 16(2)(c)-(f)). */
export interface VisaInput {
  stickerNumber: string;
  /** Three-letter code of the issuing member state. */
  issuingState: string;
  /** `C` uniform visa, `LTV` visa with limited territorial validity. */
  type: 'C' | 'LTV';
  entries: 1 | 2 | 'multiple';
  /** Duration of stay printed on the sticker, 1-90 days. */
  durationOfStay: number;
  validFrom: string;
  validUntil: string;
}

export interface EntryInput extends FileBiometrics {
  /** Date and time of the crossing (ISO 8601); its local date at the BCP is the day of entry. */
  at: string;
  bcpId: string;
  /** Family member of a Union citizen without residence card (EES art. 16(2)(c)): calculator not applied. */
  familyMember?: boolean;
  visa?: VisaInput;
  /** Fingerprints taken now after a temporary impossibility (EES art. 17(4)). */
  fingerprints?: FingerprintSet;
}

export interface ExitInput extends FileBiometrics {
  at: string;
  bcpId: string;
  fingerprints?: FingerprintSet;
}

export interface RefusalInput extends FileBiometrics {
  at: string;
  bcpId: string;
  reasons: RefusalReason[];
  /** Biometrics captured with the refusal when the file has none (EES art. 18(2)). */
  facialImageRef?: string;
  fingerprints?: FingerprintSet;
}

/** Art. 19 decisions on an entry record. */
export const DECISION_KINDS = ['revoked', 'annulled', 'extended'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * Grounds of an extension (Visa Code, Reg. (EC) 810/2009, art. 33(1): force majeure or humanitarian reasons;
 * art. 33(2): serious personal reasons). Only force majeure excuses an application made after the stay ended.
 */
export const EXTENSION_GROUNDS = ['force-majeure', 'humanitarian', 'serious-personal-reasons'] as const;
export type ExtensionGround = (typeof EXTENSION_GROUNDS)[number];

export interface DecisionInput {
  kind: DecisionKind;
  /** Place of the decision (town or BCP). */
  place: string;
  /** Day of the decision, `YYYY-MM-DD`. */
  decidedOn: string;
  /** New end date of the authorised stay (required for an extension). */
  newEndOfStay?: string;
  /** Extension only: the ground it is granted on (Visa Code art. 33(1)-(2)). */
  ground?: ExtensionGround;
  /** Extension only: day the person applied, `YYYY-MM-DD` (default: `decidedOn`). */
  requestedOn?: string;
  /** New visa sticker, where one was issued (e.g. with an extension). */
  newStickerNumber?: string;
  newStickerState?: string;
}

export interface DocumentQuery {
  number: string;
  issuingState: string;
}

export interface IdentityQuery {
  surname: string;
  givenNames?: string;
  birthDate?: string;
  nationalities?: string[];
  sex?: Sex;
}
