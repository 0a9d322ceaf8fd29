import {
  harmoniseDocumentNumber,
  phoneticCodes,
  type IdentityData,
  type NameField,
} from '../identity/index.ts';
import type { CirDocument } from './model.ts';

/** A travel document's number as the CIR keys it: upper case, letters and digits only. */
export function documentKey(number: string): string {
  return harmoniseDocumentNumber(number).replace(/[^A-Z0-9]/gu, '');
}

/**
 * Whether two documents are the same travel document (art. 27(1)(b)): the same normalised number, and the same
 * issuing state where both know it.
 */
export function sameDocument(a: CirDocument, b: CirDocument): boolean {
  if (documentKey(a.number) === '' || documentKey(a.number) !== documentKey(b.number)) {
    return false;
  }
  return a.issuingState === undefined || b.issuingState === undefined || a.issuingState === b.issuingState;
}

const first = (field: NameField | undefined): string =>
  (typeof field === 'string' ? field : (field?.[0] ?? '')).trim();

/**
 * Blocking keys of one identity for the SIS alias identities' table: the full date of birth; the first
 * surname token's and the first given-name token's phonetic code with the year of birth. Wide on purpose:
 * every candidate they bring is judged by the same/similar rules.
 */
export function identityKeys(identity: {
  surname?: NameField;
  givenNames?: NameField;
  birthDate?: string;
}): string[] {
  const keys = new Set<string>();
  const date = identity.birthDate ?? '';
  const year = /^\d{4}/u.test(date) && !date.startsWith('0000') ? date.slice(0, 4) : '';
  if (/^\d{4}-(?!00)\d{2}-(?!00)\d{2}$/u.test(date)) {
    keys.add(`d:${date}`);
  }
  const surname = phoneticCodes(first(identity.surname))[0]?.[0] ?? '';
  const given = phoneticCodes(first(identity.givenNames))[0]?.[0] ?? '';
  if (surname !== '' && year !== '') {
    keys.add(`s:${surname}|${year}`);
  }
  if (given !== '' && year !== '') {
    keys.add(`g:${given}|${year}`);
  }
  if (surname !== '' && given !== '') {
    keys.add(`n:${surname}|${given}`);
  }
  return [...keys];
}

/** The keys of a file's SIS alias identities (empty for other files). */
export function aliasKeys(identity: IdentityData): string[] {
  const keys = new Set<string>();
  for (const alias of identity.aliasIdentities ?? []) {
    for (const k of identityKeys(alias)) {
      keys.add(k);
    }
  }
  return [...keys];
}
