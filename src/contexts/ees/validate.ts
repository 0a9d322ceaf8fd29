import type { Actor } from '../access/index.ts';
import {
  harmoniseDocumentNumber,
  harmoniseName,
  normaliseName,
  parsePartialDate,
} from '../identity/index.ts';
import {
  isValidDocumentCountryCode,
  lookupBcp,
  normaliseDocumentCountryCode,
  type BorderCrossingPoint,
} from '../reference/index.ts';
import { isCalendarDate } from '../../platform/dates.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import { EES_ERRORS } from './errors.ts';
import type { NewFileRow } from './repository.ts';
import {
  FINGERPRINT_EXEMPTIONS,
  SEXES,
  type FileKind,
  type FingerprintExemption,
  type FingerprintSet,
  type FingerprintStatus,
  type IdentityInput,
  type Sex,
  type TravelDocumentInput,
  type VisaInput,
} from './model.ts';
import { plusYears } from './retention-periods.ts';

/** Input checks that give EES_* codes; the HTTP schemas only check shapes. */

/** A crossing may be keyed in a little after it happened, never ahead of the clock by more than this. */
const CLOCK_SKEW_MS = 5 * 60_000;
const REF = /^[\w:./-]{1,200}$/u;
const DOCUMENT_NUMBER = /^[A-Z0-9]{1,20}$/u;
const DOCUMENT_TYPE = /^[A-Z][A-Z]?$/u;

export function checkCountry(code: string, field: string): string {
  const upper = code.trim().toUpperCase();
  // EES stores three-letter codes (Impl. Dec. (EU) 2019/326 annex). ICAO Doc 9303 Part 3 codes are accepted as
  // printed in documents; Germany's `D` is stored as DEU so that searches by either spelling meet.
  if (!isValidDocumentCountryCode(upper)) {
    throw invalid(
      EES_ERRORS.badCountryCode,
      `${field} "${code}" is not a travel-document country code (ISO 3166-1 alpha-3 or ICAO Doc 9303), e.g. USA, D or XXA.`,
      { field },
    );
  }
  return normaliseDocumentCountryCode(upper).comparison;
}

export function checkCalendarDate(value: string, field: string): string {
  if (!isCalendarDate(value)) {
    throw invalid(EES_ERRORS.badDate, `${field} "${value}" is not a calendar date written YYYY-MM-DD.`, {
      field,
    });
  }
  return value;
}

/** A crossing time: a valid ISO 8601 instant, not ahead of the clock. */
export function checkInstant(value: string, now: Date, field = 'at'): Date {
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/u.test(value) || Number.isNaN(at.getTime())) {
    throw invalid(
      EES_ERRORS.badDate,
      `${field} "${value}" is not an ISO 8601 date and time such as 2026-05-10T08:30:00Z.`,
      {
        field,
      },
    );
  }
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw invalid(
      EES_ERRORS.timeInFuture,
      `${field} ${at.toISOString()} lies in the future; give the time of the crossing.`,
      {
        field,
      },
    );
  }
  return at;
}

export function checkRef(value: string, field: string): string {
  if (!REF.test(value)) {
    throw invalid(
      EES_ERRORS.badField,
      `${field} must be a reference of 1 to 200 letters, digits or : . / - _`,
      { field },
    );
  }
  return value;
}

/**
 * The border crossing point, which must belong to the acting authority's member state: a border guard
 * records crossings at their own state's BCPs only (system actors may record anywhere).
 */
export function checkBcp(bcpId: string, actor: Actor): BorderCrossingPoint {
  const bcp = lookupBcp(bcpId);
  if (bcp === undefined) {
    throw invalid(
      EES_ERRORS.unknownBcp,
      `"${bcpId}" is not a known border crossing point id, e.g. FI-HEL or FR-CDG.`,
      {
        bcpId,
      },
    );
  }
  if (actor.kind !== 'system' && bcp.memberStateAlpha2 !== actor.memberState) {
    throw forbidden(
      EES_ERRORS.bcpOfAnotherState,
      `${bcp.id} is a border crossing point of ${bcp.memberStateAlpha2}; your authority records crossings in ${actor.memberState} only.`,
      { bcpId },
    );
  }
  return bcp;
}

export interface CheckedIdentity {
  surname: string;
  givenNames: string;
  surnameNorm: string;
  givenNamesNorm: string;
  birthDate: string;
  birthYear: number | null;
  nationalities: string[];
  sex: Sex;
}

export function checkBirthDate(value: string): { iso: string; year: number | null } {
  const parsed = parsePartialDate(value);
  if (!parsed.ok || !/^\d{4}-\d{2}-\d{2}$/u.test(value)) {
    throw invalid(
      EES_ERRORS.badDate,
      `birthDate "${value}" must be written YYYY-MM-DD with 00 for an unknown month or day.`,
      { field: 'birthDate' },
    );
  }
  if (parsed.date.month === 0 && parsed.date.day !== 0) {
    throw invalid(EES_ERRORS.badDate, `birthDate "${value}" has a day but no month; write 00 for both.`, {
      field: 'birthDate',
    });
  }
  return { iso: parsed.date.iso, year: parsed.date.year === 0 ? null : parsed.date.year };
}

/** Identity data of art. 16(1)(a): names harmonised (ICAO Doc 9303 upper case), codes checked. */
export function checkIdentity(input: IdentityInput): CheckedIdentity {
  const surname = harmoniseName(input.surname);
  const givenNames = harmoniseName(input.givenNames);
  const surnameNorm = normaliseName(surname);
  if (surnameNorm === '') {
    throw invalid(EES_ERRORS.badName, 'surname must contain at least one letter.', { field: 'surname' });
  }
  const birth = checkBirthDate(input.birthDate);
  if (input.nationalities.length === 0) {
    throw invalid(EES_ERRORS.badCountryCode, 'Give at least one nationality.', { field: 'nationalities' });
  }
  const nationalities = [
    ...new Set(input.nationalities.map((n, i) => checkCountry(n, `nationalities[${i}]`))),
  ];
  if (!SEXES.includes(input.sex)) {
    throw invalid(EES_ERRORS.badField, `sex must be one of ${SEXES.join(', ')}.`, { field: 'sex' });
  }
  return {
    surname,
    givenNames,
    surnameNorm,
    givenNamesNorm: normaliseName(givenNames),
    birthDate: birth.iso,
    birthYear: birth.year,
    nationalities,
    sex: input.sex,
  };
}

export interface CheckedDocument {
  type: string;
  number: string;
  numberNorm: string;
  issuingState: string;
  expiry: string;
}

export function checkDocument(doc: TravelDocumentInput, field: string): CheckedDocument {
  const type = doc.type.trim().toUpperCase();
  if (!DOCUMENT_TYPE.test(type)) {
    throw invalid(EES_ERRORS.badField, `${field}.type must be an ICAO document code such as P or I.`, {
      field,
    });
  }
  const numberNorm = harmoniseDocumentNumber(doc.number);
  if (!DOCUMENT_NUMBER.test(numberNorm)) {
    throw invalid(EES_ERRORS.badField, `${field}.number must have 1 to 20 letters or digits.`, { field });
  }
  return {
    type,
    number: doc.number.trim().toUpperCase(),
    numberNorm,
    issuingState: checkCountry(doc.issuingState, `${field}.issuingState`),
    expiry: checkCalendarDate(doc.expiry, `${field}.expiry`),
  };
}

export function checkFingerprintSet(prints: FingerprintSet, field = 'fingerprints'): FingerprintSet {
  for (const finger of ['index', 'middle', 'ring', 'little'] as const) {
    checkRef(prints[finger], `${field}.${finger}`);
  }
  if (prints.hand !== 'right' && prints.hand !== 'left') {
    throw invalid(EES_ERRORS.badField, `${field}.hand must be right or left.`, { field });
  }
  return {
    hand: prints.hand,
    index: prints.index,
    middle: prints.middle,
    ring: prints.ring,
    little: prints.little,
  };
}

/** True when the person may be under 12 on `today`, given a birth date with unknown parts. */
export function mayBeUnder12(birthDate: string, today: string): boolean {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  // The latest birthday the written date allows: the last day of the year or of the month when unknown.
  const month = m === 0 ? 12 : m;
  const day = d === 0 ? new Date(Date.UTC(y, month, 0)).getUTCDate() : d;
  const latest = `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return plusYears(latest, 12) > today;
}

/** True when the person is under 12 on `today` whatever the unknown parts of the birth date are. */
export function isUnder12(birthDate: string, today: string): boolean {
  const earliest = birthDate.replace(/-00/gu, '-01');
  return plusYears(earliest, 12) > today;
}

export interface CheckedFingerprints {
  status: FingerprintStatus;
  exemption: FingerprintExemption | null;
  prints: FingerprintSet | null;
}

/**
 * Fingerprint data of the file (EES arts. 16-17): none for visa holders; four fingers or an exemption for
 * visa-exempt travellers. Children under 12 are exempt (art. 17(3)); physical impossibility exempts
 * (art. 17(4)); "not applicable" is stored for an exemption (art. 17(5)); a temporary impossibility leaves
 * the prints pending until exit or next entry (art. 17(4)).
 */
export function checkFingerprints(input: {
  kind: FileKind;
  birthDate: string;
  today: string;
  fingerprints?: FingerprintSet;
  exemption?: FingerprintExemption;
}): CheckedFingerprints {
  const { kind, fingerprints, exemption } = input;
  if (kind === 'visa-holder') {
    if (fingerprints !== undefined || exemption !== undefined) {
      throw invalid(
        EES_ERRORS.fingerprintsNotStored,
        "Visa holders' fingerprints are checked against VIS and not stored in EES (EES art. 16(1)); leave them out.",
      );
    }
    return { status: 'not-stored', exemption: null, prints: null };
  }
  if (fingerprints !== undefined && exemption !== undefined) {
    throw invalid(
      EES_ERRORS.fingerprintExemptionInvalid,
      'Give either fingerprints or an exemption, not both.',
    );
  }
  if (exemption !== undefined && !FINGERPRINT_EXEMPTIONS.includes(exemption)) {
    throw invalid(
      EES_ERRORS.fingerprintExemptionInvalid,
      `fingerprintExemption must be one of ${FINGERPRINT_EXEMPTIONS.join(', ')}.`,
    );
  }
  const under12 = isUnder12(input.birthDate, input.today);
  if (fingerprints !== undefined) {
    if (under12) {
      throw invalid(
        EES_ERRORS.fingerprintExemptionInvalid,
        'Children under 12 give no fingerprints (EES art. 17(3)); leave them out.',
      );
    }
    return { status: 'captured', exemption: null, prints: checkFingerprintSet(fingerprints) };
  }
  if (exemption === 'under-12' || (exemption === undefined && under12)) {
    if (!mayBeUnder12(input.birthDate, input.today)) {
      throw invalid(
        EES_ERRORS.fingerprintExemptionInvalid,
        `The traveller born ${input.birthDate} is 12 or older; take four fingerprints or record another exemption.`,
      );
    }
    return { status: 'not-applicable', exemption: 'under-12', prints: null };
  }
  if (exemption === 'physical-impossibility') {
    return { status: 'not-applicable', exemption, prints: null };
  }
  if (exemption === 'temporary-impossibility') {
    return { status: 'pending', exemption, prints: null };
  }
  throw invalid(
    EES_ERRORS.fingerprintsRequired,
    'A visa-exempt traveller gives four fingerprints (EES art. 17(1)(b)) unless under 12 or physically unable: give fingerprints or fingerprintExemption.',
  );
}

/** Visa data of an entry record; the calculator checks the rest again. */
export function checkVisa(visa: VisaInput): VisaInput {
  if (!/^[A-Z0-9]{1,20}$/u.test(visa.stickerNumber.trim().toUpperCase())) {
    throw invalid(EES_ERRORS.visaInvalid, 'visa.stickerNumber must have 1 to 20 letters or digits.');
  }
  const validFrom = checkCalendarDate(visa.validFrom, 'visa.validFrom');
  const validUntil = checkCalendarDate(visa.validUntil, 'visa.validUntil');
  if (validUntil < validFrom) {
    throw invalid(EES_ERRORS.visaInvalid, 'visa.validUntil lies before visa.validFrom.');
  }
  if (!Number.isInteger(visa.durationOfStay) || visa.durationOfStay < 1 || visa.durationOfStay > 90) {
    throw invalid(EES_ERRORS.visaInvalid, 'visa.durationOfStay must be a whole number of days from 1 to 90.');
  }
  if (visa.entries !== 1 && visa.entries !== 2 && visa.entries !== 'multiple') {
    throw invalid(EES_ERRORS.visaInvalid, 'visa.entries must be 1, 2 or "multiple".');
  }
  if (visa.type !== 'C' && visa.type !== 'LTV') {
    throw invalid(
      EES_ERRORS.visaInvalid,
      'visa.type must be C (uniform visa) or LTV (limited territorial validity).',
    );
  }
  return {
    stickerNumber: visa.stickerNumber.trim().toUpperCase(),
    issuingState: checkCountry(visa.issuingState, 'visa.issuingState'),
    type: visa.type,
    entries: visa.entries,
    durationOfStay: visa.durationOfStay,
    validFrom,
    validUntil,
  };
}

/**
 * The row of a new individual file (EES arts. 16-17) from its checked parts: the same whether the file comes
 * through the API or a bulk import. Files are erased three years and a day after creation unless a record
 * keeps them longer (art. 34; the retention run recomputes it from the records).
 */
export function newFileRow(file: {
  id: string;
  kind: FileKind;
  identity: CheckedIdentity;
  facialImageRef: string;
  prints: CheckedFingerprints;
  responsibleState: string;
  actor: Pick<Actor, 'authorityId' | 'authorityName'>;
  createdAt: Date;
  eraseAfter: string;
}): NewFileRow {
  const { identity, prints } = file;
  return {
    id: file.id,
    kind: file.kind,
    surname: identity.surname,
    given_names: identity.givenNames,
    surname_norm: identity.surnameNorm,
    given_names_norm: identity.givenNamesNorm,
    birth_date: identity.birthDate,
    birth_year: identity.birthYear,
    sex: identity.sex,
    nationalities: JSON.stringify(identity.nationalities),
    facial_image_ref: file.facialImageRef,
    fingerprint_status: prints.status,
    fingerprint_exemption: prints.exemption,
    fingerprints: JSON.stringify(prints.prints),
    responsible_state: file.responsibleState,
    created_by_authority_id: file.actor.authorityId,
    created_by_authority: file.actor.authorityName,
    created_at: file.createdAt,
    updated_at: file.createdAt,
    overstayer: false,
    erase_after: file.eraseAfter,
  };
}
