import type { CirFile, CirSource } from '../../contexts/cir/index.ts';
import { eesCirRecords, eesCirScan, FILES_TOPIC } from '../../contexts/ees/index.ts';
import type { BiometricMatching } from '../../contexts/sbms/index.ts';

/**
 * EES individual files in the common identity repository (2019/817 art. 18(1)): the identity data of EES
 * art. 17(1)(a), the travel documents, and the `ees` partition when the file holds templates.
 */
export function eesCirSource(biometrics?: BiometricMatching): CirSource {
  return {
    system: 'ees',
    topics: [FILES_TOPIC],
    async load(db, ids) {
      const records = await eesCirRecords(db, ids);
      const held = biometrics === undefined ? new Map() : await biometrics.holdings('ees', ids, db);
      return records.map((r): CirFile => ({
        system: 'ees',
        recordRef: r.id,
        identity: {
          system: 'EES',
          surname: r.surname,
          givenNames: r.givenNames,
          birthDate: r.birthDate,
          sex: r.sex,
          nationalities: r.nationalities,
        },
        documents: r.documents.map((d) => ({
          number: d.number,
          issuingState: d.issuingState,
          type: d.type,
          expiry: d.expiry,
        })),
        biometrics: held.has(r.id) ? 'ees' : null,
        memberState: r.responsibleState,
        recordedAt: r.updatedAt,
      }));
    },
    scan: eesCirScan,
  };
}
