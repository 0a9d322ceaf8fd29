import { randomBytes } from 'node:crypto';
import type { Actor } from '../../access/index.ts';
import type { AuditLog } from '../../audit/index.ts';
import type { IdentityIndexService } from '../../matching/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Call as PlatformCall } from '../../../platform/calls.ts';
import type { Database, Executor } from '../../../platform/database/index.ts';
import { isoDate, plusYears } from '../../../platform/dates.ts';
import type { CheckSubject, EtiasCheck } from '../model.ts';
import type { ScreeningData } from './rule.ts';

/** Who asks, why, under which request id. */
export type Call = PlatformCall<Actor>;

/** One past application, as the impact measures read it (art. 33(6); art. 35(2)(b)). */
export interface PastApplication {
  id: string;
  /** Where it stands now: an `issued` one is an application a new rule or entry would have sent to a person. */
  status: string;
  subject: CheckSubject;
  screening: ScreeningData;
  /** The member state of intended first stay, when given. */
  intendedState?: string;
}

/** The applications of a period, read page by page (keyset on id). */
export interface PastApplications {
  page(db: Executor, input: { from: Date; after: string | null; limit: number }): Promise<PastApplication[]>;
  /**
   * Applications whose travel authorisation is valid now (art. 41(4)) and that share one of these keys: a
   * document number (folded), an e-mail (lower case), a phone (digits), a normalised surname, or an id. The
   * candidates a new watchlist entry is compared with; the caller confirms each.
   */
  validCandidates(
    db: Executor,
    keys: {
      documents: readonly string[];
      emails: readonly string[];
      phones: readonly string[];
      surnames: readonly string[];
      ids: readonly string[];
    },
  ): Promise<PastApplication[]>;
}

/** What the screening-rule and watchlist use cases work with. */
export interface RulesDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  /** The applications the impact of a rule or an entry is measured on (the core's application table). */
  applications: PastApplications;
  identityIndex?: IdentityIndexService;
  /** The checks registered with automated processing (the SIS one is run before a watchlist insert). */
  checks?: () => readonly EtiasCheck[];
  /** Art. 35(5): months until an entry's review. */
  watchlistReviewMonths: number;
  /** Months until a rule's review (digest §3.1: at least every 6 months [K]). */
  ruleReviewMonths: number;
  /** Days of past applications an impact is measured on. */
  impactDays: number;
}

export const today = (clock: Clock): string => isoDate(clock.now());

/** A readable random id with a prefix (`sr_…`, `wl_…`). */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(8).toString('hex')}`;

/** [K] ETIAS logs are kept 1 year after the art. 54 retention ends; for administration, 5 years + 1 here. */
const LOG_YEARS = 6;

/** Writes one ETIAS log record in the caller's transaction (art. 69). */
export async function log(
  deps: RulesDeps,
  trx: Executor,
  call: Call,
  entry: {
    purpose: string | null;
    operation: string;
    legalBasis: string;
    recordRefs?: readonly string[];
    queryDataTypes?: readonly string[];
    resultSummary: string;
    outcome?: 'success' | 'denied';
  },
): Promise<void> {
  await deps.audit.record(trx, {
    actor: call.actor,
    system: 'etias',
    operation: entry.operation,
    outcome: entry.outcome ?? 'success',
    purpose: entry.purpose,
    legalBasis: entry.legalBasis,
    recordRefs: entry.recordRefs ?? [],
    queryDataTypes: entry.queryDataTypes ?? [],
    resultSummary: entry.resultSummary,
    requestId: call.requestId ?? null,
    retainUntil: plusYears(today(deps.clock), LOG_YEARS),
  });
}
