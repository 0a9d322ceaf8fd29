import type { Executor } from '../../platform/database/index.ts';
import type { CirFile, CirRef, CirSystem } from './model.ts';

/**
 * What the CIR's own queries (arts. 20, 22) read of the stored individual files: the files of given
 * references, the files holding a travel document (exact document keys), and the candidate files for a
 * partial identity (the identity index), each among the systems named. The queries judge the candidates
 * themselves (the MID same/similar rules), so a lookup may propose more than it finds.
 */
export interface CirLookup {
  /** The stored files of the given references; a reference without a file is absent from the answer. */
  files(db: Executor, refs: readonly CirRef[]): Promise<CirFile[]>;
  /** References of the files holding a document of this number (and issuing state, when given). */
  byDocument(
    db: Executor,
    document: { number: string; issuingState?: string },
    systems: readonly CirSystem[],
  ): Promise<CirRef[]>;
  /** References of candidate files for a partial identity (not yet judged). */
  identityCandidates(
    db: Executor,
    identity: { surname: string; givenNames: string; birthDate: string; sex?: string; nationality?: string },
    systems: readonly CirSystem[],
  ): Promise<CirRef[]>;
}
