import type { Executor } from '../../../platform/database/index.ts';
import type { AuthorisationOnFile } from './answer.ts';

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

/** Reads of the application files for the queries of other authorities. */
export class QueriesRepository {
  /** Files of one travel document (number, and issuing state unless `byState` is false). */
  async filesByDocument(
    _db: Executor,
    _document: { number: string; issuingState: string },
    _byState = true,
  ): Promise<FileForQuery[]> {
    return [];
  }

  async filesByIds(_db: Executor, _ids: readonly string[]): Promise<FileForQuery[]> {
    return [];
  }
}
