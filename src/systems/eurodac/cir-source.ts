import type { CirFile, CirSource } from '../../contexts/cir/index.ts';
import {
  DATASETS_TOPIC,
  EURODAC_PARTITION,
  eurodacCirRecords,
  eurodacCirScan,
} from '../../contexts/eurodac/index.ts';

/**
 * Eurodac datasets in the common identity repository (2019/818 art. 18(1), as amended by Reg. (EU)
 * 2024/1358): the identity data and the document where the dataset holds them, always the `eurodac`
 * partition (every dataset holds fingerprints), the member state of origin.
 */
export function eurodacCirSource(): CirSource {
  return {
    system: 'eurodac',
    topics: [DATASETS_TOPIC],
    async load(db, ids) {
      return (await eurodacCirRecords(db, ids)).map((r): CirFile => ({
        system: 'eurodac',
        recordRef: r.id,
        identity: {
          system: 'EURODAC',
          ...(r.identity === null
            ? {}
            : {
                surname: r.identity.surname,
                givenNames: r.identity.givenNames,
                birthDate: r.identity.birthDate,
                sex: r.identity.sex,
                nationalities: r.identity.nationalities,
              }),
        },
        documents:
          r.document === null
            ? []
            : [
                {
                  number: r.document.number,
                  issuingState: r.document.issuingState,
                  ...(r.document.type ? { type: r.document.type } : {}),
                  ...(r.document.expiry ? { expiry: r.document.expiry } : {}),
                },
              ],
        biometrics: EURODAC_PARTITION,
        memberState: r.memberState,
        recordedAt: r.recordedAt,
      }));
    },
    scan: eurodacCirScan,
  };
}
