import type { CirFile, CirSource } from '../../contexts/cir/index.ts';
import { APPLICATIONS_TOPIC, etiasCirRecords, etiasCirScan } from '../../contexts/etias/index.ts';

/**
 * ETIAS application files in the common identity repository (2019/817 art. 18(1)): the identity data of ETIAS
 * art. 17(2)(a)-(c) (surname, surname at birth, first names, other names as aliases, date and place of birth,
 * sex, nationalities) and the travel document; no biometrics. The member state is the state of intended first
 * stay, or `EU` (the Central Unit) when none is known.
 */
export function etiasCirSource(): CirSource {
  return {
    system: 'etias',
    topics: [APPLICATIONS_TOPIC],
    async load(db, ids) {
      return (await etiasCirRecords(db, ids)).map((r): CirFile => {
        const a = r.content;
        return {
          system: 'etias',
          recordRef: r.id,
          identity: {
            system: 'ETIAS',
            surname: a.surname,
            givenNames: a.givenNames,
            ...(a.surnameAtBirth ? { surnameAtBirth: a.surnameAtBirth } : {}),
            ...(a.otherNames?.length ? { aliases: a.otherNames } : {}),
            birthDate: a.birthDate,
            sex: a.sex,
            nationalities: a.nationalities,
            placeOfBirth: a.placeOfBirth,
            countryOfBirth: a.countryOfBirth,
          },
          documents: [
            {
              number: a.document.number,
              issuingState: a.document.issuingState,
              type: a.document.type,
              expiry: a.document.expiry,
            },
          ],
          biometrics: null,
          memberState: r.intendedState ?? a.intendedFirstStay?.memberState ?? 'EU',
          recordedAt: r.updatedAt,
        };
      });
    },
    scan: etiasCirScan,
  };
}
