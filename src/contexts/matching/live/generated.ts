import type { GeneratedIdentity } from '../../identity/index.ts';
import type { IdentityQuery, IndexedIdentity } from './identity.ts';

/** A generated identity as a system's identity (for tests, the demo world and benchmarks). */
export function identityFromGenerated(system: string, g: GeneratedIdentity): IndexedIdentity {
  return {
    system,
    recordRef: g.id,
    surname: g.surname,
    givenNames: g.givenNames,
    surnameNative: g.surnameNative,
    givenNamesNative: g.givenNamesNative,
    birthDate: g.birthDate,
    sex: g.sex,
    nationalities: g.nationality === '' ? [] : g.nationality.split(';'),
    placeOfBirth: g.placeOfBirth,
    documentNumber: g.documentNumber,
  };
}

/** A generated identity as a query: every field it has (names in their Latin form). */
export function queryFromGenerated(g: GeneratedIdentity): IdentityQuery {
  return {
    surname: g.surname,
    givenNames: g.givenNames,
    birthDate: g.birthDate,
    sex: g.sex,
    nationalities: g.nationality === '' ? [] : g.nationality.split(';'),
    placeOfBirth: g.placeOfBirth,
    documentNumber: g.documentNumber,
  };
}
