import type { Actor } from '../access/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { MidLinkNotices } from '../mid/index.ts';
import type { BiometricMatching } from '../sbms/index.ts';
import type { Call } from '../../platform/calls.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database/index.ts';
import type { Writes } from '../../platform/writes.ts';
import type { FlagSortColumn } from './flag-repository.ts';
import {
  flagSearch,
  listFlagQueries,
  recordFollowUp,
  type FlagAnswer,
  type FlagQueryView,
  type FlagRequest,
  type FollowUpRequest,
} from './flags.ts';
import { identifyPerson, type IdentificationAnswer, type IdentificationRequest } from './identification.ts';
import type { CirLookup } from './lookup.ts';

export interface CirQueriesDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  writes: Writes;
  /** The shared biometric matching service: the CIR's biometrics are the `ees` and `eurodac` partitions. */
  biometrics: BiometricMatching;
  /** The stored individual files. */
  lookup: CirLookup;
  /**
   * The MID links of the matches the actor may see (art. 26: red links in every CIR query); without it the
   * answer carries no link notices.
   */
  linkNotices?: MidLinkNotices;
}

/**
 * The CIR's own queries (Regs. (EU) 2019/817 and 2019/818): police identification (art. 20) and the
 * law-enforcement flag search with its follow-up (art. 22), each logged as art. 24 lists. The use cases are
 * in `identification.ts` and `flags.ts`; this facade is what routes, the CLI and other contexts call.
 */
export class CirQueries {
  readonly #deps: CirQueriesDeps;

  constructor(deps: CirQueriesDeps) {
    this.#deps = deps;
  }

  identify(call: Call<Actor>, request: IdentificationRequest): Promise<IdentificationAnswer> {
    return identifyPerson(this.#deps, call, request);
  }

  flagSearch(call: Call<Actor>, request: FlagRequest): Promise<FlagAnswer> {
    return flagSearch(this.#deps, call, request);
  }

  recordFollowUp(call: Call<Actor>, id: string, request: FollowUpRequest): Promise<FlagQueryView> {
    return recordFollowUp(this.#deps, call, id, request);
  }

  listFlagQueries(
    call: Call<Actor>,
    filter: { pending: boolean; sort: FlagSortColumn; order: 'asc' | 'desc'; limit: number; offset: number },
  ): Promise<{ flagQueries: FlagQueryView[]; total: number }> {
    return listFlagQueries(this.#deps, call, filter);
  }
}
