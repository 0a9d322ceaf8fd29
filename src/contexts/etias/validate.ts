import { harmoniseDocumentNumber, normaliseName, parsePartialDate } from '../identity/index.ts';
import {
  findMemberState,
  isSchengenState,
  isValidDocumentCountryCode,
  lookupCountry,
} from '../reference/index.ts';
import { invalid } from '../../platform/errors.ts';
import { daysInMonth, isCalendarDate, plusYears } from '../../platform/dates.ts';
import { ETIAS_ERRORS } from './errors.ts';
import {
  EDUCATION_LEVELS,
  OCCUPATION_GROUPS,
  type ApplicationInput,
  type EtiasSettings,
  type FeeExemption,
} from './model.ts';

/** One problem of an application, named by the field's path (`document.expiry`, `nationalities[1]`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The fee as recorded for an application (art. 18). */
export interface Fee {
  amountCents: number;
  currency: 'EUR';
  exemption: FeeExemption | null;
}

/** An application whose every field was checked, with the forms the system searches and compares on. */
export interface PreparedApplication {
  /** The input with codes and the document number in their printed, upper-case form. */
  input: ApplicationInput;
  surnameNorm: string;
  givenNamesNorm: string;
  birthYear: number | null;
  documentNumberNorm: string;
  emailNorm: string;
  /** The intended first stay's state as ISO alpha-2 (the code National Units are known by), or null. */
  intendedState: string | null;
  fee: Fee;
  paymentReference: string | null;
}

const DOCUMENT_TYPE = /^[A-Z][A-Z0-9<]?$/u;
const DOCUMENT_NUMBER = /^[A-Z0-9]{1,20}$/u;
// A pragmatic shape check (RFC 5321 lengths, one @, a dot in the domain); delivery proves the rest (art. 17(2)(g)).
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/u;
// E.164 or a national form: an optional +, digits with spaces, dots, hyphens or brackets; 6 to 15 digits.
const PHONE = /^\+?[\d\s().-]{6,30}$/u;
const PAYMENT_REFERENCE = /^[\w.:/-]{1,100}$/u;

/** The earliest and the latest day a date of birth with unknown parts (`00`) can stand for. */
export function birthDateBounds(birthDate: string): { earliest: string; latest: string } | null {
  const parsed = parsePartialDate(birthDate);
  if (!parsed.ok || parsed.date.year === 0) {
    return null;
  }
  const { year, month, day } = parsed.date;
  const pad = (n: number) => String(n).padStart(2, '0');
  const earliest = `${year}-${pad(month === 0 ? 1 : month)}-${pad(day === 0 ? 1 : day)}`;
  const lastMonth = month === 0 ? 12 : month;
  const latest = `${year}-${pad(lastMonth)}-${pad(day === 0 ? daysInMonth(year, lastMonth) : day)}`;
  return { earliest, latest };
}

/**
 * The fee and its exemption on the day of application (art. 18(2)): under 18 or above 70 years of age, or a
 * family member of a Union citizen (art. 24). "Under 18" holds until the day before the 18th birthday; "above
 * 70" from the day after the 70th birthday [K: the day of the birthday itself is read as exactly 70, so the
 * fee applies]. A date of birth with unknown parts is read conservatively: an exemption for age holds only if
 * it holds for every day the date can stand for (the fee is due otherwise, and can be corrected on request).
 */
export function feeFor(
  input: Pick<ApplicationInput, 'birthDate' | 'familyMemberOfEuCitizen'>,
  today: string,
  settings: Pick<EtiasSettings, 'feeCents'>,
): Fee {
  const bounds = birthDateBounds(input.birthDate);
  let exemption: FeeExemption | null = null;
  if (bounds !== null && plusYears(bounds.earliest, 18) > today) {
    exemption = 'under-18';
  } else if (bounds !== null && plusYears(bounds.latest, 70) < today) {
    exemption = 'over-70';
  } else if (input.familyMemberOfEuCitizen === true) {
    exemption = 'family-member';
  }
  return { amountCents: exemption === null ? settings.feeCents : 0, currency: 'EUR', exemption };
}

/** Collects every problem of an application, so that the form can show them all at once. */
class Problems {
  readonly list: FieldProblem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
}

function text(p: Problems, field: string, value: unknown, required: boolean, max = 200): value is string {
  if (value === undefined || value === null) {
    if (required) {
      p.add(field, 'is required');
    }
    return false;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    p.add(field, 'must be a non-empty text');
    return false;
  }
  if (value.length > max) {
    p.add(field, `must have at most ${max} characters`);
    return false;
  }
  return true;
}

function name(p: Problems, field: string, value: unknown, required: boolean): string {
  if (!text(p, field, value, required)) {
    return '';
  }
  const norm = normaliseName(value);
  if (!/\p{L}/u.test(norm)) {
    p.add(field, 'must contain letters');
    return '';
  }
  return norm;
}

/** A travel-document country code (ICAO Doc 9303 Part 3), as printed; '' when it is not one. */
function country(p: Problems, field: string, value: unknown, required: boolean): string {
  if (!text(p, field, value, required, 10)) {
    return '';
  }
  if (!isValidDocumentCountryCode(value)) {
    p.add(
      field,
      `"${value}" is not an ICAO country code (ISO 3166-1 alpha-3 or ICAO Doc 9303), e.g. USA or GBR`,
    );
    return '';
  }
  return lookupCountry(value)?.code ?? value.trim().toUpperCase();
}

function date(p: Problems, field: string, value: unknown, required: boolean): string | null {
  if (!text(p, field, value, required, 10)) {
    return null;
  }
  if (!isCalendarDate(value)) {
    p.add(field, 'must be a calendar date written YYYY-MM-DD');
    return null;
  }
  return value;
}

function list(p: Problems, field: string, value: unknown, max: number): unknown[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || value.length > max) {
    p.add(field, `must be a list of at most ${max} entries`);
    return [];
  }
  return value;
}

/**
 * Checks an application field by field (art. 17) and admissibility (art. 19: every mandatory field and the
 * fee), and returns it with its search forms. Every problem is reported at once as `{ field, message }`.
 *
 * The fee is recorded, not charged: Interlink has no payment provider; an optional `payment.reference` (the
 * provider's reference when one is put in front) is stored with the application, and an application without one
 * is admissible with its fee recorded as due at submission.
 *
 * @throws AppError `ETIAS_APPLICATION_INVALID` with `details.problems`
 */
export function prepareApplication(
  raw: ApplicationInput & { payment?: { reference: string } },
  today: string,
  settings: Pick<EtiasSettings, 'feeCents'>,
): PreparedApplication {
  const p = new Problems();
  const surnameNorm = name(p, 'surname', raw.surname, true);
  const givenNamesNorm = name(p, 'givenNames', raw.givenNames, true);
  name(p, 'surnameAtBirth', raw.surnameAtBirth, false);
  list(p, 'otherNames', raw.otherNames, 10).forEach((n, i) => name(p, `otherNames[${i}]`, n, true));
  list(p, 'parentsFirstNames', raw.parentsFirstNames, 4).forEach((n, i) =>
    name(p, `parentsFirstNames[${i}]`, n, true),
  );
  text(p, 'placeOfBirth', raw.placeOfBirth, true);
  const countryOfBirth = country(p, 'countryOfBirth', raw.countryOfBirth, true);
  if (!['M', 'F', 'X'].includes(raw.sex)) {
    p.add('sex', 'must be M, F or X');
  }

  let birthYear: number | null = null;
  const bounds = typeof raw.birthDate === 'string' ? birthDateBounds(raw.birthDate) : null;
  if (bounds === null) {
    p.add(
      'birthDate',
      'must be a date of birth written YYYY-MM-DD with at least the year (00 for an unknown month or day)',
    );
  } else {
    birthYear = Number(raw.birthDate.slice(0, 4));
    if (bounds.earliest > today) {
      p.add('birthDate', 'lies in the future');
    }
  }

  const nationalities = list(p, 'nationalities', raw.nationalities, 5).map((n, i) =>
    country(p, `nationalities[${i}]`, n, true),
  );
  if (Array.isArray(raw.nationalities) && raw.nationalities.length === 0) {
    p.add('nationalities', 'give at least the current nationality (art. 17(2)(a))');
  }

  const doc = raw.document;
  let documentNumberNorm = '';
  let issuingState = '';
  let docType = '';
  if (typeof doc !== 'object' || doc === null) {
    p.add('document', 'is required');
  } else {
    if (text(p, 'document.type', doc.type, true, 3)) {
      docType = doc.type.trim().toUpperCase();
      if (!DOCUMENT_TYPE.test(docType)) {
        p.add('document.type', 'must be an ICAO document code such as P or PP');
      }
    }
    if (text(p, 'document.number', doc.number, true, 40)) {
      documentNumberNorm = harmoniseDocumentNumber(doc.number);
      if (!DOCUMENT_NUMBER.test(documentNumberNorm)) {
        p.add('document.number', 'must have 1 to 20 letters or digits');
      }
    }
    issuingState = country(p, 'document.issuingState', doc.issuingState, true);
    const expiry = date(p, 'document.expiry', doc.expiry, true);
    if (expiry !== null && expiry <= today) {
      p.add('document.expiry', 'the travel document has expired: apply with a valid document');
    }
    const issuedOn = date(p, 'document.issuedOn', doc.issuedOn, false);
    if (issuedOn !== null) {
      if (issuedOn > today) {
        p.add('document.issuedOn', 'lies in the future');
      }
      if (expiry !== null && issuedOn >= expiry) {
        p.add('document.issuedOn', 'must come before the expiry date');
      }
      if (bounds !== null && bounds.earliest > issuedOn) {
        p.add('birthDate', 'lies after the date the travel document was issued');
      }
    }
  }

  const residence = raw.residence;
  let residenceCountry = '';
  if (typeof residence !== 'object' || residence === null) {
    p.add('residence', 'is required');
  } else {
    residenceCountry = country(p, 'residence.country', residence.country, true);
    text(p, 'residence.city', residence.city, true, 100);
    text(p, 'residence.address', residence.address, false, 300);
  }

  let emailNorm = '';
  if (text(p, 'email', raw.email, true, 254)) {
    emailNorm = raw.email.trim().toLowerCase();
    if (!EMAIL.test(emailNorm)) {
      p.add('email', 'is not an e-mail address (name@example.org)');
    }
  }
  if (text(p, 'phone', raw.phone, false, 30)) {
    const digits = raw.phone.replace(/\D/gu, '').length;
    if (!PHONE.test(raw.phone.trim()) || digits < 6 || digits > 15) {
      p.add('phone', 'is not a telephone number (6 to 15 digits, e.g. +1 202 555 0100)');
    }
  }
  if (raw.education !== undefined && !(EDUCATION_LEVELS as readonly string[]).includes(raw.education)) {
    p.add('education', `must be one of ${EDUCATION_LEVELS.join(', ')}`);
  }
  if (raw.occupation !== undefined && !(OCCUPATION_GROUPS as readonly string[]).includes(raw.occupation)) {
    p.add('occupation', `must be one of ${OCCUPATION_GROUPS.join(', ')}`);
  }
  let intendedState: string | null = null;
  if (raw.intendedFirstStay !== undefined) {
    const state = raw.intendedFirstStay.memberState;
    if (text(p, 'intendedFirstStay.memberState', state, true, 3)) {
      if (!isSchengenState(state)) {
        p.add('intendedFirstStay.memberState', `"${state}" is not a state applying the Schengen acquis`);
      } else {
        intendedState = findMemberState(state)?.alpha2 ?? null;
      }
    }
    text(p, 'intendedFirstStay.address', raw.intendedFirstStay.address, false, 300);
  }
  const background = raw.background;
  if (typeof background !== 'object' || background === null) {
    p.add('background', 'answer the three questions of art. 17(4)');
  } else {
    for (const q of ['criminalConviction', 'conflictZoneStay', 'removalOrder'] as const) {
      if (typeof background[q] !== 'boolean') {
        p.add(`background.${q}`, 'answer yes (true) or no (false)');
      }
    }
  }
  let paymentReference: string | null = null;
  if (raw.payment !== undefined) {
    if (text(p, 'payment.reference', raw.payment.reference, true, 100)) {
      if (!PAYMENT_REFERENCE.test(raw.payment.reference)) {
        p.add('payment.reference', 'must be 1 to 100 letters, digits or . : / - _');
      } else {
        paymentReference = raw.payment.reference;
      }
    }
  }

  if (p.list.length > 0) {
    throw invalid(
      ETIAS_ERRORS.applicationInvalid,
      `The application has ${p.list.length} problem(s): ${p.list.map((x) => `${x.field} ${x.message}`).join('; ')}.`,
      { problems: p.list },
    );
  }
  const { payment: _payment, ...rest } = raw;
  const input: ApplicationInput = {
    ...rest,
    countryOfBirth,
    nationalities: nationalities,
    document: {
      ...raw.document,
      type: docType,
      number: raw.document.number.trim().toUpperCase(),
      issuingState,
    },
    residence: { ...raw.residence, country: residenceCountry },
    email: raw.email.trim(),
    ...(intendedState === null
      ? {}
      : { intendedFirstStay: { ...raw.intendedFirstStay, memberState: intendedState } }),
  };
  return {
    input,
    surnameNorm,
    givenNamesNorm,
    birthYear,
    documentNumberNorm,
    emailNorm,
    intendedState,
    fee: feeFor(raw, today, settings),
    paymentReference,
  };
}
