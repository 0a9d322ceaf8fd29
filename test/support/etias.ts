import { sql } from 'kysely';

import {
  etiasApplication,
  type ApplicationStatus,
  type AuthorisationFlag,
} from '../../src/contexts/etias/index.ts';
import type { Services } from '../../src/services.ts';

/** The authorisation a test wants on file for one travel document. */
export interface SeededFile {
  applicationId: string;
  documentNumber: string;
  issuingState: string;
  status: ApplicationStatus;
  validUntil: string | null;
  flags: AuthorisationFlag[];
  territorialValidity: string[] | null;
  /** Day of the decision (issue, refusal, annulment, revocation). */
  decidedOn: string;
}

/**
 * An application of Jane Walker (USA, born 1988-03-05) for the document given, submitted through the ETIAS
 * service (so that it stands in the identity index under `etias`), then set to the authorisation the test
 * wants: the states a border meets without waiting for manual processing to produce them.
 */
export async function seedEtiasFile(
  services: Services,
  wanted: Partial<SeededFile> & { documentNumber: string; issuingState: string },
): Promise<SeededFile> {
  const { value } = await services.etias.submit(
    {},
    etiasApplication({
      surname: 'Walker',
      givenNames: 'Jane',
      birthDate: '1988-03-05',
      sex: 'F',
      document: {
        type: 'P',
        number: wanted.documentNumber,
        issuingState: wanted.issuingState,
        expiry: '2035-01-01',
      },
    }),
  );
  const file: SeededFile = {
    applicationId: value.id,
    status: 'issued',
    validUntil: null,
    flags: [],
    territorialValidity: null,
    decidedOn: new Date().toISOString().slice(0, 10),
    ...wanted,
  };
  const eraseAfter =
    file.status === 'issued'
      ? file.validUntil
      : `${Number(file.decidedOn.slice(0, 4)) + 5}${file.decidedOn.slice(4)}`;
  await sql`update etias.application
    set status = ${file.status}, queue = null, valid_from = ${file.validUntil === null ? null : file.decidedOn},
        valid_until = ${file.validUntil}, flags = ${JSON.stringify(file.flags)}::jsonb,
        territorial_validity = ${JSON.stringify(file.territorialValidity)}::jsonb,
        decided_at = ${`${file.decidedOn}T12:00:00Z`}::timestamptz, erase_after = ${eraseAfter}
    where id = ${file.applicationId}`.execute(services.database.db);
  return file;
}
