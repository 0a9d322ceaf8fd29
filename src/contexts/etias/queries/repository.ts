import type { Executor } from '../../../platform/database/index.ts';
import { isoDate } from '../../../platform/dates.ts';
import { harmoniseDocumentNumber } from '../../identity/index.ts';
import type { ApplicationStatus, AuthorisationFlag } from '../model.ts';
import type { ApplicationRow, EtiasTables } from '../tables.ts';
import type { AuthorisationOnFile } from './answer.ts';

const q = (db: Executor) => db.withTables<EtiasTables>();

/** One application file as the queries read it: the authorisation, the identity and the document. */
export interface FileForQuery extends AuthorisationOnFile {
  surname: string;
  givenNames: string;
  birthDate: string;
  sex: string;
  nationalities: string[];
  document: { type: string; number: string; issuingState: string; expiry: string };
  /** The day the file is erased (art. 54); the log of a query is kept a year longer. */
  eraseAfter: string | null;
}

/** jsonb read back parsed, or text on a driver that leaves it so. */
const parsed = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function toFile(row: ApplicationRow): FileForQuery {
  const content = parsed<ApplicationRow['content']>(row.content);
  return {
    applicationId: row.id,
    status: row.status as ApplicationStatus,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    flags: parsed<AuthorisationFlag[]>(row.flags),
    territorialValidity: parsed<string[] | null>(row.territorial_validity),
    familyMember: content.familyMemberOfEuCitizen === true,
    decidedOn: row.decided_at === null ? null : isoDate(row.decided_at),
    surname: content.surname,
    givenNames: content.givenNames,
    birthDate: row.birth_date,
    sex: row.sex,
    nationalities: content.nationalities,
    document: {
      type: content.document.type,
      number: content.document.number,
      issuingState: row.document_issuing_state,
      expiry: row.document_expiry,
    },
    eraseAfter: row.erase_after,
  };
}

/** Reads of the application files for the queries of other authorities. */
export class QueriesRepository {
  /**
   * Files of one travel document: the number as harmonised for comparison (look-alike characters folded the
   * way the application was stored), and the issuing state unless `byState` is false.
   */
  async filesByDocument(
    db: Executor,
    document: { number: string; issuingState: string },
    byState = true,
  ): Promise<FileForQuery[]> {
    let query = q(db)
      .selectFrom('etias.application')
      .selectAll()
      .where('document_number_norm', '=', harmoniseDocumentNumber(document.number));
    if (byState) {
      query = query.where('document_issuing_state', '=', document.issuingState);
    }
    const rows = await query.orderBy('submitted_at', 'desc').limit(100).execute();
    return rows.map(toFile);
  }

  async filesByIds(db: Executor, ids: readonly string[]): Promise<FileForQuery[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await q(db).selectFrom('etias.application').selectAll().where('id', 'in', ids).execute();
    return rows.map(toFile);
  }
}
