import type { IdentityIndexService, IdentityQuery } from '../matching/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { isAppError } from '../../platform/errors.ts';
import { documentKey, sameDocument } from './keys.ts';
import { cirRef, type CirFile, type CirRef, type CirSystem } from './model.ts';
import { CirRepository } from './repository.ts';

/** Candidates the identity index proposes per query, each judged afterwards. */
const IDENTITY_CANDIDATES = 20;

/** What the lookup reads the files through (the {@link CirService}). */
export interface CirFiles {
  files(refs: readonly string[], db?: Executor): Promise<CirFile[]>;
}

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

/** The CIR queries' lookup over the stored files (`cir.file`, `cir.document_key`) and the identity index. */
export function cirLookup(deps: { files: CirFiles; identityIndex: IdentityIndexService }): CirLookup {
  const repo = new CirRepository();
  return {
    files: (db, refs) => (refs.length === 0 ? Promise.resolve([]) : deps.files.files(refs, db)),
    async byDocument(db, document, systems) {
      const key = documentKey(document.number);
      if (key === '') {
        return [];
      }
      const refs = (await repo.byDocumentKeys(db, [key]))
        .map((r) => r.ref)
        .filter((ref) => systems.includes(ref.slice(0, ref.indexOf(':')) as CirSystem));
      // The same document: the issuing state too, where both know it (art. 27(1)(b) reading).
      const held = await deps.files.files(refs, db);
      return held
        .filter((f) => f.documents.some((d) => sameDocument(d, document)))
        .map((f) => cirRef(f.system, f.recordRef));
    },
    identityCandidates(_db, identity, systems) {
      const query: IdentityQuery = {
        surname: identity.surname,
        givenNames: identity.givenNames,
        birthDate: identity.birthDate,
        ...(identity.sex === undefined ? {} : { sex: identity.sex }),
        ...(identity.nationality === undefined ? {} : { nationalities: [identity.nationality] }),
      };
      try {
        return Promise.resolve(
          deps.identityIndex
            .search(query, { systems, limit: IDENTITY_CANDIDATES })
            .map((c) => cirRef(c.system as CirSystem, c.recordRef)),
        );
      } catch (err) {
        // A query too partial for the blocking rules proposes nothing.
        if (isAppError(err) && err.kind === 'Invalid') {
          return Promise.resolve([]);
        }
        throw err;
      }
    },
  };
}
