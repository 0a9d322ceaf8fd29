import { harmoniseDocumentNumber } from '../../identity/index.ts';
import type { AuditLog } from '../../audit/index.ts';
import type { Database } from '../../../platform/database/index.ts';
import { plusYears } from '../../../platform/dates.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { APPLICANT_ACTOR, EXAMINATION_PURPOSE } from '../context.ts';
import { ETIAS_ERRORS } from '../errors.ts';
import type { EtiasService } from '../service.ts';

/** Art. 54(2): the file may be kept at most 3 years after the authorisation expires, with consent. */
export const MAX_CONSENT_YEARS = 3;

/**
 * The applicant's consent to keep the file after the authorisation expires (art. 54(2)): free, explicit and
 * signed electronically, for up to 3 further years, to make a new application easier. The consent is stored
 * as a field of the file's history (event `retention-consent`, with the years and the day consent was given)
 * and moves the file's erasure day to the end of validity plus those years; without it the file goes when the
 * authorisation ends (art. 54(1)(a)). Only an issued authorisation's file can be extended; like the status
 * route, an unknown id and a wrong document number give the same 404.
 */
export class RetentionConsent {
  readonly #deps: { database: Database; audit: AuditLog; etias: EtiasService };

  constructor(deps: { database: Database; audit: AuditLog; etias: EtiasService }) {
    this.#deps = deps;
  }

  async consent(input: {
    id: string;
    documentNumber: string;
    years: number;
    requestId?: string;
  }): Promise<{ id: string; eraseAfter: string }> {
    if (!Number.isInteger(input.years) || input.years < 1 || input.years > MAX_CONSENT_YEARS) {
      throw invalid(
        ETIAS_ERRORS.requestInvalid,
        `Consent keeps the file 1 to ${MAX_CONSENT_YEARS} years after the authorisation expires (ETIAS art. 54(2)).`,
        { field: 'years' },
      );
    }
    const wanted = harmoniseDocumentNumber(input.documentNumber);
    return this.#deps.database.db.transaction().execute(async (trx) => {
      const row = await this.#deps.etias.lockApplication(trx, input.id);
      if (row === undefined || wanted === '' || row.document_number_norm !== wanted) {
        throw notFound(
          ETIAS_ERRORS.applicationNotFound,
          'No application with this number and travel document number: check both as given on the confirmation.',
        );
      }
      if (row.status !== 'issued' || row.valid_until === null) {
        throw conflict(
          ETIAS_ERRORS.wrongStatus,
          'Only the file of an issued travel authorisation can be kept after it expires (ETIAS art. 54(2)).',
          { status: row.status },
        );
      }
      const eraseAfter = plusYears(row.valid_until, input.years);
      await this.#deps.etias.updateApplication(trx, row.id, { erase_after: eraseAfter });
      await this.#deps.etias.recordEvent(trx, row.id, 'retention-consent', APPLICANT_ACTOR, {
        years: input.years,
        eraseAfter,
      });
      await this.#deps.etias.recordChanges(trx, [row.id]);
      await this.#deps.audit.record(trx, {
        actor: APPLICANT_ACTOR,
        system: 'etias',
        operation: 'etias.retention-consent',
        outcome: 'success',
        purpose: EXAMINATION_PURPOSE,
        legalBasis: 'Reg. (EU) 2018/1240 art. 54(2)',
        queryDataTypes: ['applicationId', 'documentNumber'],
        recordRefs: [row.id],
        resultSummary: `kept until ${eraseAfter}`,
        requestId: input.requestId ?? null,
        // Art. 69(4) [K]: a year after the file's own retention ends.
        retainUntil: plusYears(eraseAfter, 1),
      });
      return { id: row.id, eraseAfter };
    });
  }
}
