import { badIdentity } from './errors.ts';

/**
 * One identity held by a source system, as the identity index stores it: the fields of the identity CSV.
 * It is keyed by the source system and the system's own record reference (e.g. `ees` + an individual file
 * id), so that each system's records stay separate and erasure in the source can follow them here.
 */
export interface IndexedIdentity {
  /** Source system code, e.g. `ees`, `sis`, `etias`. */
  readonly system: string;
  /** The source system's reference of the record. */
  readonly recordRef: string;
  /** Names in any script; a native-script spelling may also be given in the `*Native` fields. */
  readonly surname: string;
  readonly givenNames: string;
  /** The names in the native script when `surname`/`givenNames` hold their Latin form. */
  readonly surnameNative?: string;
  readonly givenNamesNative?: string;
  /** `YYYY-MM-DD`, `00` for an unknown month or day; empty when unknown. */
  readonly birthDate: string;
  /** `M`, `F`, `X` or empty. */
  readonly sex: string;
  /** ICAO alpha-3 codes. */
  readonly nationalities: readonly string[];
  readonly placeOfBirth: string;
  readonly documentNumber: string;
}

/** A partial identity to search for: any subset of the fields. */
export interface IdentityQuery {
  readonly surname?: string;
  readonly givenNames?: string;
  readonly birthDate?: string;
  readonly sex?: string;
  readonly nationalities?: readonly string[];
  readonly placeOfBirth?: string;
  readonly documentNumber?: string;
}

const SYSTEM = /^[a-z][a-z0-9-]{1,31}$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const MAX_FIELD = 200;

/** Checks an identity before it is stored; every fault is reported at once, by field. */
export function checkIdentity(identity: IndexedIdentity): void {
  const faults: string[] = [];
  const fields: string[] = [];
  const fault = (field: string, message: string) => {
    fields.push(field);
    faults.push(message);
  };
  if (!SYSTEM.test(identity.system)) {
    fault('system', `system "${identity.system}" is not a system code (lower case, e.g. "ees")`);
  }
  if (identity.recordRef.trim() === '' || identity.recordRef.length > MAX_FIELD) {
    fault('recordRef', `the record reference must be 1 to ${MAX_FIELD} characters`);
  }
  if (identity.birthDate !== '' && !DATE.test(identity.birthDate)) {
    fault('birthDate', `birth date "${identity.birthDate}" is not YYYY-MM-DD (00 for an unknown part)`);
  }
  for (const [name, value] of Object.entries({
    surname: identity.surname,
    givenNames: identity.givenNames,
    surnameNative: identity.surnameNative ?? '',
    givenNamesNative: identity.givenNamesNative ?? '',
    placeOfBirth: identity.placeOfBirth,
    documentNumber: identity.documentNumber,
  })) {
    if (value.length > MAX_FIELD) {
      fault(name, `${name} is longer than ${MAX_FIELD} characters`);
    }
  }
  if (faults.length > 0) {
    throw badIdentity(`The identity cannot be indexed: ${faults.join('; ')}.`, fields);
  }
}

/** Raw columns of the identity configuration, from an identity or a query (one record per name form). */
export type RawRecord = Readonly<Record<string, string | undefined>>;

function raw(
  names: { surname: string; givenNames: string },
  rest: IdentityQuery,
): Record<string, string | undefined> {
  return {
    surname: names.surname,
    given_names: names.givenNames,
    birth_date: rest.birthDate,
    sex: rest.sex,
    nationality: rest.nationalities?.join(';'),
    place_of_birth: rest.placeOfBirth,
    document_number: rest.documentNumber,
  };
}

/**
 * The identity's records in the columns of the identity configuration: one for the names as given and, when
 * native-script names are given too, one with those (a record matches when either form does).
 */
export function rawForms(identity: IdentityQuery & Partial<IndexedIdentity>): RawRecord[] {
  const forms = [raw({ surname: identity.surname ?? '', givenNames: identity.givenNames ?? '' }, identity)];
  const surnameNative = identity.surnameNative ?? '';
  const givenNative = identity.givenNamesNative ?? '';
  if (surnameNative !== '' || givenNative !== '') {
    forms.push(
      raw(
        {
          surname: surnameNative === '' ? (identity.surname ?? '') : surnameNative,
          givenNames: givenNative === '' ? (identity.givenNames ?? '') : givenNative,
        },
        identity,
      ),
    );
  }
  return forms;
}

/** The data types a query used (for the access log, which names types, never values). */
export function queryDataTypes(query: IdentityQuery): string[] {
  return Object.entries(query)
    .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v.trim() !== ''))
    .map(([k]) => k);
}
