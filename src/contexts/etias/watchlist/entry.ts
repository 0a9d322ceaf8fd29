import {
  harmoniseDocumentNumber,
  midVerdict,
  normaliseName,
  parsePartialDate,
  type IdentityData,
  type MidCategoryResult,
  type MidOutcome,
} from '../../identity/index.ts';
import type { CheckSubject } from '../model.ts';

/**
 * The ETIAS watchlist (Reg. (EU) 2018/1240 arts. 34-35; digest §3.2): data on persons suspected of a terrorist
 * offence or other serious crime, entered by Europol or a member state. Pure parts: the data of an entry,
 * their check, and the comparison of one entry with one application.
 */

/** Who is responsible for an entry (art. 34(4)): Europol, or a member state by its code. */
export const EUROPOL = 'EUROPOL';

/** A travel document of an entry (art. 34(3)(e)). */
export interface WatchlistDocument {
  type?: string;
  number: string;
  issuingState?: string;
}

/** A firm or organisation linked to the person (art. 34(3)(i)). */
export interface WatchlistOrganisation {
  name?: string;
  email?: string;
  address?: string;
  phone?: string;
}

/**
 * The data of an entry: one or more of art. 34(3)(a)-(j), plus, where available, first names, place and
 * country of birth, sex and nationality.
 */
export interface WatchlistData {
  surname?: string;
  surnameAtBirth?: string;
  /** YYYY-MM-DD, 00 for an unknown month or day. */
  birthDate?: string;
  otherNames?: string[];
  documents?: WatchlistDocument[];
  homeAddress?: string;
  email?: string;
  phone?: string;
  organisation?: WatchlistOrganisation;
  ipAddress?: string;
  givenNames?: string;
  placeOfBirth?: string;
  countryOfBirth?: string;
  sex?: 'M' | 'F' | 'X';
  nationalities?: string[];
}

/** The art. 34(3) items; at least one of them makes an entry. */
export const ART_34_3_ITEMS = [
  'surname',
  'surnameAtBirth',
  'birthDate',
  'otherNames',
  'documents',
  'homeAddress',
  'email',
  'phone',
  'organisation',
  'ipAddress',
] as const satisfies readonly (keyof WatchlistData)[];

export interface WatchlistIssue {
  path: string;
  message: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/u;
const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]{2,39})$/iu;
const COUNTRY = /^[A-Z]{3}$/u;

const blank = (v: unknown): boolean =>
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(blank));

/** Every problem of an entry's data, [] when it may be entered. */
export function validateWatchlistData(data: WatchlistData): WatchlistIssue[] {
  const issues: WatchlistIssue[] = [];
  if (ART_34_3_ITEMS.every((k) => blank(data[k]))) {
    issues.push({
      path: '',
      message:
        'an entry needs at least one of surname, surname at birth, date of birth, other names, travel document, home address, e-mail, phone, organisation or IP address (art. 34(3))',
    });
  }
  if (data.birthDate !== undefined && !parsePartialDate(data.birthDate).ok) {
    issues.push({ path: 'birthDate', message: 'must be YYYY-MM-DD (00 for an unknown month or day)' });
  }
  if (data.email !== undefined && !EMAIL.test(data.email.trim())) {
    issues.push({ path: 'email', message: 'is not an e-mail address' });
  }
  if (data.phone !== undefined && phoneKey(data.phone).length < 5) {
    issues.push({ path: 'phone', message: 'needs at least 5 digits' });
  }
  if (data.ipAddress !== undefined && !IP.test(data.ipAddress.trim())) {
    issues.push({ path: 'ipAddress', message: 'is not an IPv4 or IPv6 address' });
  }
  (data.documents ?? []).forEach((d, i) => {
    if (harmoniseDocumentNumber(d.number).length < 3) {
      issues.push({ path: `documents.${i}.number`, message: 'needs at least 3 letters or digits' });
    }
    if (d.issuingState !== undefined && !COUNTRY.test(d.issuingState)) {
      issues.push({ path: `documents.${i}.issuingState`, message: 'must be a three-letter ICAO code' });
    }
  });
  (data.nationalities ?? []).forEach((n, i) => {
    if (!COUNTRY.test(n)) {
      issues.push({ path: `nationalities.${i}`, message: 'must be a three-letter ICAO code' });
    }
  });
  return issues;
}

/** E-mail as compared: trimmed, lower case. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

/** Phone as compared: its digits, an international 00 prefix read as +. */
export const phoneKey = (phone: string): string => phone.replace(/\D/gu, '').replace(/^00/u, '');

/** Document number as compared: upper case without spaces, dashes, slashes, dots or fillers. */
export const documentKey = (number: string): string => harmoniseDocumentNumber(number);

/** The exact keys of an entry: what the SQL index finds it by. */
export function exactKeys(data: WatchlistData): Array<{ kind: 'document' | 'email' | 'phone'; key: string }> {
  const keys: Array<{ kind: 'document' | 'email' | 'phone'; key: string }> = [];
  for (const d of data.documents ?? []) {
    keys.push({ kind: 'document', key: documentKey(d.number) });
  }
  for (const e of [data.email, data.organisation?.email]) {
    if (e !== undefined && e.trim() !== '') {
      keys.push({ kind: 'email', key: emailKey(e) });
    }
  }
  for (const p of [data.phone, data.organisation?.phone]) {
    if (p !== undefined && phoneKey(p) !== '') {
      keys.push({ kind: 'phone', key: phoneKey(p) });
    }
  }
  return keys;
}

/** True when the entry can match by identity: names and a date of birth (the MID categories compared). */
export const hasIdentity = (data: WatchlistData): boolean =>
  data.birthDate !== undefined &&
  [data.surname, data.surnameAtBirth, ...(data.otherNames ?? [])].some(
    (n) => n !== undefined && n.trim() !== '',
  );

/** The entry's identity for the MID rules. */
export function entryIdentity(data: WatchlistData): IdentityData {
  const surnames = [data.surname].filter((s): s is string => s !== undefined && s.trim() !== '');
  return {
    ...(surnames.length > 0 ? { surname: surnames[0] } : {}),
    ...(data.givenNames ? { givenNames: data.givenNames } : {}),
    ...(data.surnameAtBirth ? { surnameAtBirth: data.surnameAtBirth } : {}),
    ...(data.otherNames && data.otherNames.length > 0 ? { aliases: data.otherNames } : {}),
    ...(data.birthDate ? { birthDate: data.birthDate } : {}),
    ...(data.sex ? { sex: data.sex } : {}),
    ...(data.nationalities && data.nationalities.length > 0 ? { nationalities: data.nationalities } : {}),
    ...(data.placeOfBirth ? { placeOfBirth: data.placeOfBirth } : {}),
  };
}

/** The applicant's identity for the MID rules (art. 17(2)(a)-(b)). */
export function subjectIdentity(s: CheckSubject): IdentityData {
  return {
    system: 'ETIAS',
    surname: s.surname,
    givenNames: s.givenNames,
    ...(s.surnameAtBirth ? { surnameAtBirth: s.surnameAtBirth } : {}),
    ...(s.otherNames.length > 0 ? { aliases: s.otherNames } : {}),
    birthDate: s.birthDate,
    sex: s.sex,
    nationalities: s.nationalities,
    placeOfBirth: s.placeOfBirth,
  };
}

/** How an entry matched an application. */
export interface WatchlistMatch {
  /** `document`, `email`, `phone`, `identity`. */
  on: Array<'document' | 'email' | 'phone' | 'identity'>;
  /** For an identity match: the MID outcomes of names and date of birth. */
  identity?: { names: MidOutcome; birthDate: MidOutcome };
  explanation: string[];
}

/**
 * Compares one entry with one application: exact on travel document numbers (folded), e-mail and phone;
 * identity by names and date of birth under the MID same/similar rules (Reg. (EU) 2019/817 art. 28;
 * Del. Reg. (EU) 2023/333), both categories same or similar, and no other category the entry holds
 * different. Null when nothing matches. Pure.
 */
export function matchEntry(data: WatchlistData, subject: CheckSubject): WatchlistMatch | null {
  const on: WatchlistMatch['on'] = [];
  const explanation: string[] = [];
  const doc = documentKey(subject.document.number);
  const d = (data.documents ?? []).find(
    (x) =>
      documentKey(x.number) === doc &&
      (x.issuingState === undefined || x.issuingState === subject.document.issuingState),
  );
  if (d !== undefined) {
    on.push('document');
    explanation.push(
      `Travel document ${subject.document.issuingState} ${subject.document.number} equals the entry's document ${d.issuingState ?? ''} ${d.number}`.replace(
        /\s+/gu,
        ' ',
      ),
    );
  }
  const email = emailKey(subject.email);
  const entryEmail = [data.email, data.organisation?.email].find(
    (e) => e !== undefined && emailKey(e) === email,
  );
  if (entryEmail !== undefined) {
    on.push('email');
    explanation.push(`E-mail ${subject.email} equals the entry's e-mail ${entryEmail}`);
  }
  if (subject.phone !== undefined && phoneKey(subject.phone) !== '') {
    const phone = phoneKey(subject.phone);
    const entryPhone = [data.phone, data.organisation?.phone].find(
      (p) => p !== undefined && phoneKey(p) === phone,
    );
    if (entryPhone !== undefined) {
      on.push('phone');
      explanation.push(`Phone ${subject.phone} equals the entry's phone ${entryPhone}`);
    }
  }
  if (hasIdentity(data)) {
    const entry = entryIdentity(data);
    const v = midVerdict(subjectIdentity(subject), entry);
    const names = namesOutcome(entry, v.categories.names);
    const birth = partialDateAgrees(subject.birthDate, data.birthDate ?? '')
      ? 'similar'
      : v.categories.birthDate.outcome;
    const otherDifferent =
      (data.sex !== undefined && v.categories.sex.outcome === 'different') ||
      ((data.nationalities?.length ?? 0) > 0 &&
        v.categories.nationalityAndPlaceOfBirth.outcome === 'different');
    if (names !== 'different' && birth !== 'different' && !otherDifferent) {
      on.push('identity');
      explanation.push(
        `Names ${subject.surname}, ${subject.givenNames} ${names} to the entry's ${[data.surname, data.givenNames].filter(Boolean).join(', ') || (data.otherNames ?? []).join(' / ')} (${v.categories.names.explanation})`,
        `Date of birth ${subject.birthDate} ${birth} to the entry's ${data.birthDate ?? ''} (${v.categories.birthDate.explanation})`,
      );
      return { on, identity: { names, birthDate: birth }, explanation };
    }
  }
  return on.length === 0 ? null : { on, explanation };
}

/**
 * A date of birth with an unknown month or day (00) whose known parts equal the other date's. The MID rules
 * count it different; an entry often holds only the year, so the watchlist counts it similar and leaves the
 * rest to the Central Unit's verification (art. 22). An extension of the MID rules, for the watchlist only.
 */
export function partialDateAgrees(a: string, b: string): boolean {
  if (!a.includes('-00') && !b.includes('-00')) {
    return false;
  }
  const pa = a.split('-');
  const pb = b.split('-');
  return (
    pa.length === 3 &&
    pb.length === 3 &&
    pa.every((part, i) => part === '00' || pb[i] === '00' || part === pb[i]) &&
    pa[0] !== '0000' &&
    pb[0] !== '0000'
  );
}

/**
 * The names outcome: the MID outcome when both sides have first names; an entry without first names (art.
 * 34(3) does not require them) is judged on its surnames and other names alone.
 */
function namesOutcome(entry: IdentityData, names: MidCategoryResult): MidOutcome {
  if (entry.givenNames !== undefined) {
    return names.outcome;
  }
  const onSurname = names.matches.filter(
    (m) => !m.x.startsWith('givenNames') && !m.y.startsWith('givenNames'),
  );
  if (onSurname.length === 0) {
    return 'different';
  }
  return onSurname.some((m) => m.rule === 'equal') ? 'same' : 'similar';
}

/** The normalised surname of an entry, for listing and searching. */
export const surnameKey = (data: WatchlistData): string =>
  normaliseName(data.surname ?? data.surnameAtBirth ?? data.otherNames?.[0] ?? '');
