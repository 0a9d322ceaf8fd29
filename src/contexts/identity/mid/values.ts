import { harmoniseName } from '../names/index.ts';
import type { IdentityData, NameField } from './types.ts';

/** Which Annex I 3.1 name group a value belongs to. */
export type NameGroup = 'surname' | 'firstname';

/** One recorded name value, harmonised, with the field it came from. */
export interface NameValue {
  /** Field reference for logs, e.g. `aliases[1]`. Also identifies the value: one value, one field. */
  field: string;
  value: string;
  groups: ReadonlySet<NameGroup>;
}

/** A single non-name value with the field it came from. */
export interface FieldValue {
  field: string;
  value: string;
}

const SURNAME: ReadonlySet<NameGroup> = new Set(['surname']);
const FIRSTNAME: ReadonlySet<NameGroup> = new Set(['firstname']);
const BOTH: ReadonlySet<NameGroup> = new Set(['surname', 'firstname']);

function nameValues(
  field: string,
  value: NameField | undefined,
  groups: ReadonlySet<NameGroup>,
): NameValue[] {
  if (value === undefined) {
    return [];
  }
  const list = typeof value === 'string' ? [value] : value;
  return list.flatMap((v, i) => {
    const h = harmoniseName(v);
    return h === ''
      ? []
      : [{ field: typeof value === 'string' ? field : `${field}[${i}]`, value: h, groups }];
  });
}

/**
 * Every name value of a record, sorted into the SURNAME and FIRSTNAME groups of Annex I 3.1 (see the mapping
 * table on {@link IdentityData}). With pooling, SIS alias identities contribute their names too (§6.3).
 */
export function recordNames(d: IdentityData, pooled: boolean): NameValue[] {
  return [
    ...nameValues('surname', d.surname, SURNAME),
    ...nameValues('givenNames', d.givenNames, FIRSTNAME),
    ...nameValues('surnameAtBirth', d.surnameAtBirth, SURNAME),
    ...nameValues('previousSurnames', d.previousSurnames, SURNAME),
    ...nameValues('previousGivenNames', d.previousGivenNames, FIRSTNAME),
    ...nameValues('aliases', d.aliases, BOTH),
    ...(pooled
      ? (d.aliasIdentities ?? []).flatMap((a, i) => [
          ...nameValues(`aliasIdentities[${i}].surname`, a.surname, SURNAME),
          ...nameValues(`aliasIdentities[${i}].givenNames`, a.givenNames, FIRSTNAME),
        ])
      : []),
  ];
}

type ScalarKey = 'birthDate' | 'sex' | 'placeOfBirth' | 'countryOfBirth';

/** The values of one single-valued field, with SIS alias identities' values when pooled. */
export function recordScalars(d: IdentityData, key: ScalarKey, pooled: boolean): FieldValue[] {
  const out: FieldValue[] = [];
  const main = d[key];
  if (main !== undefined && main.trim() !== '') {
    out.push({ field: key, value: main });
  }
  if (pooled) {
    (d.aliasIdentities ?? []).forEach((a, i) => {
      const v = a[key];
      if (v !== undefined && v.trim() !== '') {
        out.push({ field: `aliasIdentities[${i}].${key}`, value: v });
      }
    });
  }
  return out;
}

/** The nationality values of a record, with SIS alias nationalities when pooled. */
export function recordNationalities(d: IdentityData, pooled: boolean): FieldValue[] {
  const out: FieldValue[] = (d.nationalities ?? []).map((value, i) => ({
    field: `nationalities[${i}]`,
    value,
  }));
  if (pooled) {
    (d.aliasIdentities ?? []).forEach((a, i) => {
      (a.nationalities ?? []).forEach((value, j) => {
        out.push({ field: `aliasIdentities[${i}].nationalities[${j}]`, value });
      });
    });
  }
  return out.filter((v) => v.value.trim() !== '');
}

/**
 * The identities of a record taken one at a time (§6.3 "per-identity" option): the confirmed identity
 * first, then each SIS alias identity as a record of its own.
 */
export function splitIdentities(d: IdentityData): Array<{ label: string; data: IdentityData }> {
  const { aliasIdentities, ...main } = d;
  return [
    { label: 'confirmed', data: main },
    ...(aliasIdentities ?? []).map((a, i) => ({
      label: `aliasIdentities[${i}] (${a.qualification})`,
      data: {
        ...(d.system === undefined ? {} : { system: d.system }),
        ...(a.surname === undefined ? {} : { surname: a.surname }),
        ...(a.givenNames === undefined ? {} : { givenNames: a.givenNames }),
        ...(a.birthDate === undefined ? {} : { birthDate: a.birthDate }),
        ...(a.sex === undefined ? {} : { sex: a.sex }),
        ...(a.nationalities === undefined ? {} : { nationalities: a.nationalities }),
        ...(a.placeOfBirth === undefined ? {} : { placeOfBirth: a.placeOfBirth }),
        ...(a.countryOfBirth === undefined ? {} : { countryOfBirth: a.countryOfBirth }),
      },
    })),
  ];
}
