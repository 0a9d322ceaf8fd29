import type { MessageId } from '../../../i18n/messages.ts';

/**
 * The ETIAS application form's state and its checks (Reg. (EU) 2018/1240 art. 17). The draft holds what the
 * applicant typed, as text; {@link buildApplicationInput} turns it into the body of
 * `POST /api/v1/etias/applications`. The checks here mirror the server's so that most mistakes are shown before
 * sending; every other problem the server finds is shown on its field the same way.
 */

/** Education levels (art. 17(2)(h)), as the API names them. */
export const EDUCATION_LEVELS = ['primary', 'secondary', 'higher', 'none'] as const;

/** Job groups of the current occupation (art. 17(2)(i)), as the API names them. */
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

/** Travel document types an applicant may use, as their ICAO Doc 9303 codes (`P` passport, `I` identity card). */
export const DOCUMENT_TYPES = ['P', 'I'] as const;

/** The three background questions (art. 17(4)). */
export const BACKGROUND_QUESTIONS = ['criminalConviction', 'conflictZoneStay', 'removalOrder'] as const;
export type BackgroundQuestion = (typeof BACKGROUND_QUESTIONS)[number];

/** States applying the Schengen acquis in full: the intended state of first stay is one of them (as the server checks). */
export const ETIAS_STATES = [
  'AT', 'BE', 'BG', 'CH', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IS', 'IT', 'LI',
  'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const; // prettier-ignore

/** The fee in euro cents (art. 18(1); EUR 20 since the Commission's 2025 adjustment [K]); the server decides. */
export const FEE_CENTS = 2000;

export type Sex = 'M' | 'F' | 'X';
export type Answer = 'yes' | 'no' | null;

export interface ApplicationDraft {
  surname: string;
  givenNames: string;
  surnameAtBirth: string;
  otherNames: string;
  birthDate: string | null;
  placeOfBirth: string;
  countryOfBirth: string | null;
  sex: Sex | null;
  nationality: string | null;
  otherNationalities: string[];
  parentsFirstNames: string;
  documentType: string | null;
  documentNumber: string;
  documentIssuingState: string | null;
  documentExpiry: string | null;
  documentIssuedOn: string | null;
  residenceCountry: string | null;
  residenceCity: string;
  residenceAddress: string;
  email: string;
  phone: string;
  education: (typeof EDUCATION_LEVELS)[number] | null;
  occupation: (typeof OCCUPATION_GROUPS)[number] | null;
  firstStayState: string | null;
  background: Record<BackgroundQuestion, Answer>;
  familyMemberOfEuCitizen: boolean;
  /** Art. 17(1) and (5)-(6): the applicant declares the data true and complete and has read the notice. */
  declarationTruth: boolean;
  declarationPrivacy: boolean;
}

export const EMPTY_DRAFT: ApplicationDraft = {
  surname: '',
  givenNames: '',
  surnameAtBirth: '',
  otherNames: '',
  birthDate: null,
  placeOfBirth: '',
  countryOfBirth: null,
  sex: null,
  nationality: null,
  otherNationalities: [],
  parentsFirstNames: '',
  documentType: 'P',
  documentNumber: '',
  documentIssuingState: null,
  documentExpiry: null,
  documentIssuedOn: null,
  residenceCountry: null,
  residenceCity: '',
  residenceAddress: '',
  email: '',
  phone: '',
  education: null,
  occupation: null,
  firstStayState: null,
  background: { criminalConviction: null, conflictZoneStay: null, removalOrder: null },
  familyMemberOfEuCitizen: false,
  declarationTruth: false,
  declarationPrivacy: false,
};

/** The application as the API takes it (the contract of issue 14; dates `YYYY-MM-DD`). */
export interface ApplicationBody {
  surname: string;
  givenNames: string;
  surnameAtBirth?: string;
  otherNames?: string[];
  birthDate: string;
  placeOfBirth: string;
  countryOfBirth: string;
  sex: Sex;
  nationalities: string[];
  parentsFirstNames?: string[];
  document: { type: string; number: string; issuingState: string; expiry: string; issuedOn?: string };
  residence: { country: string; city: string; address?: string };
  email: string;
  phone?: string;
  education?: (typeof EDUCATION_LEVELS)[number];
  occupation?: (typeof OCCUPATION_GROUPS)[number];
  intendedFirstStay?: { memberState: string };
  background: Record<BackgroundQuestion, boolean>;
  familyMemberOfEuCitizen?: boolean;
}

/** The fields of the form by API path, in the order they are shown: the first with a problem takes focus. */
export const FIELD_ORDER = [
  'surname',
  'givenNames',
  'surnameAtBirth',
  'otherNames',
  'birthDate',
  'sex',
  'placeOfBirth',
  'countryOfBirth',
  'nationalities',
  'otherNationalities',
  'parentsFirstNames',
  'document.type',
  'document.number',
  'document.issuingState',
  'document.issuedOn',
  'document.expiry',
  'residence.country',
  'residence.city',
  'residence.address',
  'email',
  'phone',
  'education',
  'occupation',
  'intendedFirstStay.memberState',
  'background.criminalConviction',
  'background.conflictZoneStay',
  'background.removalOrder',
  'familyMemberOfEuCitizen',
  'declarations.truth',
  'declarations.privacy',
] as const;
export type FieldPath = (typeof FIELD_ORDER)[number];

/** The element id of a field. */
export const fieldId = (path: string) => `etias-${path.replace(/[^\w-]/gu, '-')}`;

/**
 * The form field a problem of the server belongs to, from its path in either form the API uses
 * (`document.number`, `/document/number`, `body/document/number`, `nationalities[1]`, `/nationalities/1`);
 * null when no field of the form holds it.
 */
export function fieldOfIssuePath(path: string): FieldPath | null {
  const parts = path
    .replace(/^body/u, '')
    .replace(/\[(\d+)\]/gu, '.$1')
    .split(/[./]/u)
    .filter((p) => p !== '');
  if (parts[0] === 'nationalities') {
    return parts[1] === undefined || parts[1] === '0' ? 'nationalities' : 'otherNationalities';
  }
  const key = parts.filter((p) => !/^\d+$/u.test(p)).join('.');
  return (FIELD_ORDER as readonly string[]).includes(key) ? (key as FieldPath) : null;
}

const trimmed = (s: string) => s.trim().replace(/\s+/gu, ' ');
const list = (s: string) =>
  s
    .split(/[,;\n]/u)
    .map(trimmed)
    .filter((x) => x !== '');
const optional = (s: string) => (trimmed(s) === '' ? undefined : trimmed(s));

/** The body of `POST /etias/applications`; call only once {@link checkDraft} found nothing. */
export function buildApplicationInput(d: ApplicationDraft): ApplicationBody {
  const otherNames = list(d.otherNames);
  const parents = list(d.parentsFirstNames);
  return {
    surname: trimmed(d.surname),
    givenNames: trimmed(d.givenNames),
    ...(optional(d.surnameAtBirth) === undefined ? {} : { surnameAtBirth: optional(d.surnameAtBirth) }),
    ...(otherNames.length === 0 ? {} : { otherNames }),
    birthDate: d.birthDate ?? '',
    placeOfBirth: trimmed(d.placeOfBirth),
    countryOfBirth: d.countryOfBirth ?? '',
    sex: d.sex ?? 'X',
    nationalities: [d.nationality ?? '', ...d.otherNationalities.filter((n) => n !== d.nationality)],
    ...(parents.length === 0 ? {} : { parentsFirstNames: parents }),
    document: {
      type: d.documentType ?? 'P',
      number: d.documentNumber.replace(/\s+/gu, '').toUpperCase(),
      issuingState: d.documentIssuingState ?? '',
      expiry: d.documentExpiry ?? '',
      ...(d.documentIssuedOn === null ? {} : { issuedOn: d.documentIssuedOn }),
    },
    residence: {
      country: d.residenceCountry ?? '',
      city: trimmed(d.residenceCity),
      ...(optional(d.residenceAddress) === undefined ? {} : { address: optional(d.residenceAddress) }),
    },
    email: d.email.trim(),
    ...(optional(d.phone) === undefined ? {} : { phone: optional(d.phone) }),
    ...(d.education === null ? {} : { education: d.education }),
    ...(d.occupation === null ? {} : { occupation: d.occupation }),
    ...(d.firstStayState === null ? {} : { intendedFirstStay: { memberState: d.firstStayState } }),
    background: {
      criminalConviction: d.background.criminalConviction === 'yes',
      conflictZoneStay: d.background.conflictZoneStay === 'yes',
      removalOrder: d.background.removalOrder === 'yes',
    },
    familyMemberOfEuCitizen: d.familyMemberOfEuCitizen,
  };
}

export interface DraftProblem {
  path: FieldPath;
  message: MessageId;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/u;
// The server's shapes (src/contexts/etias/validate.ts): one @ with a dotted domain; 1-20 letters or digits;
// an optional + and 6 to 15 digits with spaces, dots, hyphens or brackets.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/u;
const DOCUMENT_NUMBER = /^[A-Z0-9]{1,20}$/u;
const PHONE = /^\+?[\d\s().-]{6,30}$/u;
const phoneDigits = (s: string) => s.replace(/\D/gu, '').length;

/** Today as `YYYY-MM-DD` in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The problems the form can see alone, in field order; empty when the draft may be sent. */
export function checkDraft(d: ApplicationDraft, today: string = todayUtc()): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const need = (path: FieldPath, present: boolean) => {
    if (!present) {
      problems.push({ path, message: 'etias.apply.problem.required' });
    }
  };
  need('surname', trimmed(d.surname) !== '');
  need('givenNames', trimmed(d.givenNames) !== '');
  need('birthDate', d.birthDate !== null);
  if (d.birthDate !== null) {
    if (!DAY.test(d.birthDate)) {
      problems.push({ path: 'birthDate', message: 'etias.apply.problem.date' });
    } else if (d.birthDate > today) {
      problems.push({ path: 'birthDate', message: 'etias.apply.problem.birthFuture' });
    } else if (d.birthDate < '1900-01-01') {
      problems.push({ path: 'birthDate', message: 'etias.apply.problem.birthTooEarly' });
    }
  }
  need('sex', d.sex !== null);
  need('placeOfBirth', trimmed(d.placeOfBirth) !== '');
  need('countryOfBirth', d.countryOfBirth !== null);
  need('nationalities', d.nationality !== null);
  need('document.type', d.documentType !== null);
  need('document.number', d.documentNumber.trim() !== '');
  if (
    d.documentNumber.trim() !== '' &&
    !DOCUMENT_NUMBER.test(d.documentNumber.replace(/\s+/gu, '').toUpperCase())
  ) {
    problems.push({ path: 'document.number', message: 'etias.apply.problem.documentNumber' });
  }
  need('document.issuingState', d.documentIssuingState !== null);
  if (d.documentIssuedOn !== null && d.documentIssuedOn > today) {
    problems.push({ path: 'document.issuedOn', message: 'etias.apply.problem.issuedFuture' });
  }
  if (d.documentIssuedOn !== null && d.documentExpiry !== null && d.documentIssuedOn >= d.documentExpiry) {
    problems.push({ path: 'document.issuedOn', message: 'etias.apply.problem.issuedAfterExpiry' });
  }
  need('document.expiry', d.documentExpiry !== null);
  if (d.documentExpiry !== null && d.documentExpiry <= today) {
    // Art. 19(3)(a) [K]: a document that has expired cannot carry an application.
    problems.push({ path: 'document.expiry', message: 'etias.apply.problem.expired' });
  }
  need('residence.country', d.residenceCountry !== null);
  need('residence.city', trimmed(d.residenceCity) !== '');
  need('email', d.email.trim() !== '');
  if (d.email.trim() !== '' && !EMAIL.test(d.email.trim())) {
    problems.push({ path: 'email', message: 'etias.apply.problem.email' });
  }
  if (
    d.phone.trim() !== '' &&
    (!PHONE.test(d.phone.trim()) || phoneDigits(d.phone) < 6 || phoneDigits(d.phone) > 15)
  ) {
    problems.push({ path: 'phone', message: 'etias.apply.problem.phone' });
  }
  for (const q of BACKGROUND_QUESTIONS) {
    if (d.background[q] === null) {
      problems.push({ path: `background.${q}`, message: 'etias.apply.problem.answer' });
    }
  }
  need('declarations.truth', d.declarationTruth);
  need('declarations.privacy', d.declarationPrivacy);
  return problems;
}

/** Age in whole years on `day` of someone born on `birthDate` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && dd < bd) ? 1 : 0);
}

export type FeeExemption = 'under-18' | 'over-70' | 'family-member';

/**
 * The fee the applicant will be asked for (art. 18): none for those under 18 or over 70 on the day of
 * application, nor for family members of EU citizens (art. 18(2)); the server's answer is what counts.
 */
export function expectedFee(
  d: Pick<ApplicationDraft, 'birthDate' | 'familyMemberOfEuCitizen'>,
  today: string = todayUtc(),
): { cents: number; exemption: FeeExemption | null } {
  if (d.familyMemberOfEuCitizen) {
    return { cents: 0, exemption: 'family-member' };
  }
  if (d.birthDate !== null && DAY.test(d.birthDate)) {
    const age = ageOn(d.birthDate, today);
    if (age < 18) {
      return { cents: 0, exemption: 'under-18' };
    }
    if (age > 70) {
      return { cents: 0, exemption: 'over-70' };
    }
  }
  return { cents: FEE_CENTS, exemption: null };
}
