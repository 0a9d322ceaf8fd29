import { findMemberState, isValidDocumentCountryCode } from '../reference/index.ts';
import { isCalendarDate, isPartialDate, plusYears } from '../../platform/dates.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { TemplateInput } from '../sbms/index.ts';
import { EURODAC_ERRORS } from './errors.ts';
import {
  ADMISSION_STAGES,
  CATEGORIES,
  SEXES,
  type AdmissionStage,
  type Category,
  type DatasetInput,
  type DocumentInput,
  type IdentityInput,
  type LawEnforcementRequest,
} from './model.ts';

interface Problem {
  field: string;
  message: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * The earliest day a partial date of birth can stand for ('1990-00-00' → '1990-01-01'): a child is refused
 * only when even that day makes them younger than the minimum age, never on a guess.
 */
export function earliestBirthDate(birthDate: string): string {
  const [y, m, d] = birthDate.split('-');
  return `${y}-${m === '00' ? '01' : m}-${d === '00' ? '01' : d}`;
}

/** Whether a person born on `birthDate` (partial) is certainly younger than `years` on `today`. */
export function certainlyYoungerThan(birthDate: string, years: number, today: string): boolean {
  return today < plusYears(earliestBirthDate(birthDate), years);
}

function identityProblems(identity: IdentityInput, today: string, problems: Problem[]): IdentityInput {
  const surname = text(identity.surname);
  const givenNames = text(identity.givenNames);
  if (surname === '') {
    problems.push({ field: 'identity.surname', message: 'The surname is required (write it as recorded).' });
  }
  if (givenNames === '') {
    problems.push({ field: 'identity.givenNames', message: 'The given names are required.' });
  }
  if (!isPartialDate(identity.birthDate)) {
    problems.push({
      field: 'identity.birthDate',
      message: 'The date of birth is written YYYY-MM-DD, with 00 for an unknown month or day.',
    });
  } else if (earliestBirthDate(identity.birthDate) > today) {
    problems.push({ field: 'identity.birthDate', message: 'The date of birth lies in the future.' });
  }
  if (!SEXES.includes(identity.sex)) {
    problems.push({ field: 'identity.sex', message: `Sex is one of ${SEXES.join(', ')}.` });
  }
  const nationalities = Array.isArray(identity.nationalities)
    ? identity.nationalities.map((n) => text(n).toUpperCase())
    : [];
  if (nationalities.length === 0) {
    problems.push({
      field: 'identity.nationalities',
      message: 'At least one nationality (XXA stateless, XXX unknown).',
    });
  }
  nationalities.forEach((n, i) => {
    if (!isValidDocumentCountryCode(n)) {
      problems.push({
        field: `identity.nationalities[${i}]`,
        message: `"${n}" is not an ICAO country code (e.g. SYR, AFG, XXA for stateless).`,
      });
    }
  });
  return { surname, givenNames, birthDate: identity.birthDate, sex: identity.sex, nationalities };
}

function documentProblems(document: DocumentInput, problems: Problem[]): DocumentInput {
  const number = text(document.number).toUpperCase();
  const issuingState = text(document.issuingState).toUpperCase();
  if (number === '') {
    problems.push({ field: 'document.number', message: 'The document number is required.' });
  }
  if (!isValidDocumentCountryCode(issuingState)) {
    problems.push({ field: 'document.issuingState', message: 'The issuing state is an ICAO country code.' });
  }
  if (document.expiry !== undefined && !isCalendarDate(document.expiry)) {
    problems.push({ field: 'document.expiry', message: 'The expiry date is written YYYY-MM-DD.' });
  }
  const type = text(document.type);
  return {
    ...(type === '' ? {} : { type: type.toUpperCase() }),
    number,
    issuingState,
    ...(document.expiry === undefined ? {} : { expiry: document.expiry }),
  };
}

/** The fingerprints are fingers, at least one; the face, if any, is a face. */
export function probeProblems(
  fingerprints: readonly TemplateInput[],
  face: TemplateInput | undefined,
): Problem[] {
  const problems: Problem[] = [];
  if (fingerprints.length === 0) {
    problems.push({ field: 'fingerprints', message: 'At least one fingerprint template is required.' });
  } else {
    fingerprints.forEach((f, i) => {
      if (f.modality !== 'finger') {
        problems.push({
          field: `fingerprints[${i}].modality`,
          message: 'A fingerprint template is a finger.',
        });
      }
    });
  }
  if (face !== undefined && face.modality !== 'face') {
    problems.push({ field: 'face.modality', message: 'The facial image template is a face.' });
  }
  return problems;
}

/** A dataset's fields checked, trimmed and completed; the templates are decoded by the matching service. */
export interface PreparedDataset {
  category: Category;
  admission: AdmissionStage | null;
  identity: IdentityInput | null;
  document: DocumentInput | null;
}

/**
 * Checks a dataset's fields, naming every problem at once (`details.problems`). A child below the minimum age
 * (art. 15(1) and the parallel articles: six years) is refused with its own code, so the officer knows why.
 */
export function prepareDataset(input: DatasetInput, today: string, minimumAge: number): PreparedDataset {
  const problems: Problem[] = [];
  if (!CATEGORIES.includes(input.category)) {
    problems.push({ field: 'category', message: `The category is one of ${CATEGORIES.join(', ')}.` });
  }
  let admission: AdmissionStage | null = null;
  if (input.category === 'resettlement') {
    admission = input.admission ?? 'registered';
    if (!ADMISSION_STAGES.includes(admission)) {
      problems.push({ field: 'admission', message: `Admission is one of ${ADMISSION_STAGES.join(', ')}.` });
    }
  } else if (input.admission !== undefined) {
    problems.push({
      field: 'admission',
      message: 'Only a resettlement or humanitarian admission dataset has an admission stage (art. 18).',
    });
  }
  problems.push(...probeProblems(input.fingerprints, input.face));
  const identity = input.identity === undefined ? null : identityProblems(input.identity, today, problems);
  const document = input.document === undefined ? null : documentProblems(input.document, problems);
  if (problems.length > 0) {
    throw invalid(EURODAC_ERRORS.datasetInvalid, problems[0]!.message, { problems });
  }
  if (identity !== null && certainlyYoungerThan(identity.birthDate, minimumAge, today)) {
    throw new AppError(
      'Invalid',
      EURODAC_ERRORS.belowMinimumAge,
      `Biometric data are taken from the age of ${minimumAge} (Reg. (EU) 2024/1358 art. 15(1)); this person, born ${identity.birthDate}, is younger.`,
      {
        minimumAge,
        birthDate: identity.birthDate,
        problems: [{ field: 'identity.birthDate', message: 'Below the minimum age.' }],
      },
    );
  }
  return { category: input.category, admission, identity, document };
}

/** The member state a code designates (alpha-2), for responsibility updates; null when it is none. */
export function memberStateCode(code: string): string | null {
  return findMemberState(code)?.alpha2 ?? null;
}

/**
 * The conditions of art. 33(1): a reasoned request in a specific case of a terrorist offence or other serious
 * crime, after the prior checks, checked by a verifying authority. Returns the conditions that are missing.
 */
export function missingLawEnforcementConditions(request: LawEnforcementRequest): string[] {
  const missing: string[] = [];
  if (text(request.caseReference) === '') {
    missing.push('caseReference');
  }
  if (
    request.offence === undefined ||
    (request.offence.kind !== 'terrorist-offence' && request.offence.kind !== 'serious-crime')
  ) {
    missing.push('offence.kind');
  }
  if (text(request.offence?.description) === '') {
    missing.push('offence.description');
  }
  if (text(request.reasons) === '') {
    missing.push('reasons');
  }
  if (text(request.verifyingAuthority) === '') {
    missing.push('verifyingAuthority');
  }
  const checks = request.priorChecks ?? {};
  if (checks.nationalDatabases !== true) {
    missing.push('priorChecks.nationalDatabases');
  }
  if (checks.prumFingerprints !== true) {
    missing.push('priorChecks.prumFingerprints');
  }
  if (checks.vis !== true) {
    missing.push('priorChecks.vis');
  }
  return missing;
}
