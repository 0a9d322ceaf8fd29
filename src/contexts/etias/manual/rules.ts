import { plusDays, plusYears } from '../../../platform/dates.ts';
import { conflict, forbidden, invalid } from '../../../platform/errors.ts';
import {
  REFUSAL_GROUNDS,
  type ApplicationStatus,
  type AuthorisationFlag,
  type EtiasSettings,
  type Queue,
  type RefusalGround,
} from '../model.ts';
import { requestStateOf, type RequestClock } from './deadlines.ts';
import { MANUAL_ERRORS } from './errors.ts';

/**
 * The National Unit's decisions as a state machine over the application's status (arts. 36-44). Pure: the
 * use case gathers the facts, these functions say whether the decision may be taken and what it sets.
 */

/** Art. 44(1): the grounds on which a travel authorisation with limited territorial validity is issued. */
export const LIMITED_VALIDITY_BASES = [
  'humanitarian',
  'national-interest',
  'international-obligations',
] as const;
export type LimitedValidityBasis = (typeof LIMITED_VALIDITY_BASES)[number];

/** Grounds that an annulment may rest on (art. 40(1): the conditions of issue were not met then). */
export const ANNULMENT_GROUNDS: readonly RefusalGround[] = [
  'document-lost-stolen',
  'security-risk',
  'illegal-immigration-risk',
  'epidemic-risk',
  'sis-refusal',
  'doubts-on-data',
];
/** Grounds that a revocation may rest on (art. 41(1): the conditions of art. 37(1) are no longer met). */
export const REVOCATION_GROUNDS: readonly RefusalGround[] = [
  'document-lost-stolen',
  'security-risk',
  'illegal-immigration-risk',
  'epidemic-risk',
  'sis-refusal',
];

export interface FlagInput {
  flag: AuthorisationFlag;
  /** Art. 36(2): the reason for the second-line check; art. 36(3): which hit was assessed and how. */
  reason: string;
}

export type DecisionInput =
  | { kind: 'issue'; flags?: FlagInput[]; justification?: string }
  | { kind: 'refuse'; grounds: RefusalGround[]; justification: string }
  | { kind: 'annul'; grounds: RefusalGround[]; justification: string }
  | { kind: 'revoke'; grounds: RefusalGround[]; justification: string }
  | {
      kind: 'limited-validity';
      basis: LimitedValidityBasis;
      /** The states where it is valid; the deciding state is always one of them (art. 44(2)). */
      memberStates?: string[];
      validFrom?: string;
      validUntil: string;
      justification: string;
    };
export type DecisionKind = DecisionInput['kind'];
export const DECISION_KINDS = ['issue', 'refuse', 'annul', 'revoke', 'limited-validity'] as const;

/** What the decision depends on, read from the file by the use case. */
export interface DecisionFacts {
  status: ApplicationStatus;
  queue: Queue | null;
  responsibleState: string | null;
  /** The deciding National Unit's state. */
  actorState: string;
  /** States with an open revocation review of this authorisation (art. 41(3)-(4)). */
  reviewStates: readonly string[];
  documentExpiry: string;
  validUntil: string | null;
  requests: readonly RequestClock[];
  interviews: ReadonlyArray<{ outcome: 'held' | 'no-show' | null }>;
  /** Today, YYYY-MM-DD (UTC). */
  today: string;
  now: Date;
}

/** What a permitted decision writes on the application. */
export interface DecisionEffect {
  status: ApplicationStatus;
  /** Art. 36(5) / art. 44: the validity of the authorisation issued, if one is. */
  validity: { from: string; until: string; memberStates: string[] | null } | null;
  flags: FlagInput[];
  grounds: RefusalGround[];
  /**
   * Art. 44(4): a limited territorial validity issued while manual processing is unfinished does not end it:
   * the file stays in the National Unit's queue (status `issued`, queue `national-unit`) until the decision.
   */
  keepInQueue: boolean;
  /** Which notice the applicant receives (art. 38; art. 42 for annulment and revocation). */
  notice: 'issued' | 'refused' | 'annulled' | 'revoked' | 'limited-validity';
}

/**
 * Art. 36(5): valid for three years or until the travel document expires, whichever is earlier (counted as
 * the core's issuing counts it: to the same date three years later).
 */
export function validityUntil(from: string, documentExpiry: string, settings: EtiasSettings): string {
  const threeYears = plusYears(from, settings.validityYears);
  return documentExpiry < threeYears ? documentExpiry : threeYears;
}

function requireGrounds(
  grounds: readonly RefusalGround[],
  allowed: readonly RefusalGround[],
  article: string,
) {
  if (grounds.length === 0) {
    throw invalid(MANUAL_ERRORS.groundsRequired, `Give at least one ground (${article}).`);
  }
  const wrong = grounds.filter((g) => !allowed.includes(g));
  if (wrong.length > 0) {
    throw invalid(
      MANUAL_ERRORS.groundNotApplicable,
      `${wrong.join(', ')} cannot ground this decision (${article}).`,
      {
        grounds: wrong,
        allowed,
      },
    );
  }
}

function requireJustification(text: string | undefined, article: string): void {
  if (text === undefined || text.trim() === '') {
    throw invalid(
      MANUAL_ERRORS.justificationRequired,
      `Write the justification recorded in the file (${article}).`,
    );
  }
}

/** The responsible National Unit has the file in its queue (art. 25(1), art. 26). */
function requireOwnManualFile(f: DecisionFacts): void {
  if ((f.status !== 'manual' && f.status !== 'issued') || f.queue !== 'national-unit') {
    throw conflict(
      MANUAL_ERRORS.notInNationalUnitQueue,
      `The application is ${f.status}${f.queue ? ` (${f.queue})` : ''}, not in manual processing by a National Unit.`,
      { status: f.status, queue: f.queue },
    );
  }
  if (f.responsibleState !== f.actorState) {
    throw forbidden(
      MANUAL_ERRORS.notResponsible,
      `The National Unit of ${f.responsibleState ?? 'another state'} is responsible for this application (art. 25).`,
      { responsibleState: f.responsibleState },
    );
  }
}

/** An issued authorisation still valid today, which this state may annul or revoke (arts. 40(1), 41(1)-(4)). */
function requireOwnValidAuthorisation(f: DecisionFacts): void {
  if (f.status !== 'issued' || f.validUntil === null || f.validUntil < f.today) {
    throw conflict(
      MANUAL_ERRORS.noValidAuthorisation,
      'Only a valid travel authorisation is annulled or revoked.',
      {
        status: f.status,
        validUntil: f.validUntil,
      },
    );
  }
  if (f.responsibleState !== f.actorState && !f.reviewStates.includes(f.actorState)) {
    throw forbidden(
      MANUAL_ERRORS.notResponsible,
      'Only the National Unit of the responsible state, or of the state to which the file was sent for a revocation review, decides on it (arts. 40-41).',
      { responsibleState: f.responsibleState },
    );
  }
}

/**
 * Art. 37(1)(f)-(g): "no reply" only once a request's 10 days passed unanswered; "no show" only after an
 * interview the applicant did not attend.
 */
function checkProcedureGrounds(f: DecisionFacts, grounds: readonly RefusalGround[]): void {
  if (
    grounds.includes('no-reply-to-request') &&
    !f.requests.some((r) => requestStateOf(r, f.now) === 'unanswered')
  ) {
    throw conflict(
      MANUAL_ERRORS.noUnansweredRequest,
      'No request for information is past its 10 days unanswered: "no-reply-to-request" does not apply (art. 37(1)(f)).',
    );
  }
  if (grounds.includes('no-show-at-interview') && !f.interviews.some((i) => i.outcome === 'no-show')) {
    throw conflict(
      MANUAL_ERRORS.noMissedInterview,
      'No interview is recorded as missed: "no-show-at-interview" does not apply (art. 37(1)(g)).',
    );
  }
}

/** Checks a decision against the file and returns what it writes; throws a domain error when not allowed. */
export function planDecision(
  f: DecisionFacts,
  input: DecisionInput,
  settings: EtiasSettings,
): DecisionEffect {
  switch (input.kind) {
    case 'issue': {
      requireOwnManualFile(f);
      if (f.documentExpiry < f.today) {
        throw conflict(
          MANUAL_ERRORS.documentExpired,
          `The travel document expired on ${f.documentExpiry}: no authorisation can be linked to it (art. 36(5)).`,
        );
      }
      const flags = input.flags ?? [];
      const seen = new Set<string>();
      for (const flag of flags) {
        if (flag.reason.trim() === '') {
          throw invalid(
            MANUAL_ERRORS.flagReasonRequired,
            `Give the reason for the flag "${flag.flag}" (art. 36(2)-(3)).`,
          );
        }
        if (seen.has(flag.flag)) {
          throw invalid(MANUAL_ERRORS.decisionInvalid, `The flag "${flag.flag}" is given twice.`);
        }
        seen.add(flag.flag);
      }
      return {
        status: 'issued',
        validity: {
          from: f.today,
          until: validityUntil(f.today, f.documentExpiry, settings),
          memberStates: null,
        },
        flags,
        grounds: [],
        notice: 'issued',
        keepInQueue: false,
      };
    }
    case 'refuse': {
      requireOwnManualFile(f);
      requireGrounds(input.grounds, REFUSAL_GROUNDS, 'art. 37');
      checkProcedureGrounds(f, input.grounds);
      requireJustification(input.justification, 'art. 37');
      return {
        status: 'refused',
        validity: null,
        flags: [],
        grounds: [...new Set(input.grounds)],
        notice: 'refused',
        keepInQueue: false,
      };
    }
    case 'annul':
      requireOwnValidAuthorisation(f);
      requireGrounds(input.grounds, ANNULMENT_GROUNDS, 'art. 40(1)');
      requireJustification(input.justification, 'art. 40(4)');
      return {
        status: 'annulled',
        validity: null,
        flags: [],
        grounds: [...new Set(input.grounds)],
        notice: 'annulled',
        keepInQueue: false,
      };
    case 'revoke':
      requireOwnValidAuthorisation(f);
      requireGrounds(input.grounds, REVOCATION_GROUNDS, 'art. 41(1)');
      requireJustification(input.justification, 'art. 41(5)');
      return {
        status: 'revoked',
        validity: null,
        flags: [],
        grounds: [...new Set(input.grounds)],
        notice: 'revoked',
        keepInQueue: false,
      };
    case 'limited-validity':
      return planLimitedValidity(f, input, settings);
  }
}

/**
 * Art. 44: exceptionally, for humanitarian reasons, national interest or international obligations, even
 * while manual processing is unfinished or after a refusal, annulment or revocation. Valid only in the
 * deciding state (or the states listed with it), for at most 90 days [K], both ends counted. It does not end
 * manual processing: a `manual` file stays in the queue ({@link DecisionEffect.keepInQueue}).
 */
function planLimitedValidity(
  f: DecisionFacts,
  input: Extract<DecisionInput, { kind: 'limited-validity' }>,
  settings: EtiasSettings,
): DecisionEffect {
  if (!['manual', 'refused', 'annulled', 'revoked'].includes(f.status)) {
    throw conflict(
      MANUAL_ERRORS.limitedValidityNotApplicable,
      `A limited territorial validity is issued while processing is open or after a refusal, annulment or revocation; the application is ${f.status} (art. 44(1)).`,
    );
  }
  if (f.responsibleState !== f.actorState) {
    throw forbidden(
      MANUAL_ERRORS.notResponsible,
      `The National Unit of ${f.responsibleState ?? 'another state'} is responsible for this application (art. 25).`,
    );
  }
  requireJustification(input.justification, 'art. 44(3)');
  const from = input.validFrom ?? f.today;
  if (from < f.today) {
    throw invalid(MANUAL_ERRORS.decisionInvalid, `validFrom ${from} lies in the past.`);
  }
  const last = plusDays(from, settings.limitedValidityDays - 1);
  if (input.validUntil < from || input.validUntil > last) {
    throw invalid(
      MANUAL_ERRORS.limitedValidityTooLong,
      `A limited territorial validity runs at most ${settings.limitedValidityDays} days: from ${from} until ${last} at the latest (art. 44 [K]).`,
      { latest: last },
    );
  }
  if (input.validUntil > f.documentExpiry) {
    throw invalid(
      MANUAL_ERRORS.decisionInvalid,
      `The travel document expires on ${f.documentExpiry}, before ${input.validUntil}.`,
    );
  }
  const states = [...new Set([f.actorState, ...(input.memberStates ?? []).map((s) => s.toUpperCase())])];
  return {
    status: 'issued',
    validity: { from, until: input.validUntil, memberStates: states },
    flags: [],
    grounds: [],
    notice: 'limited-validity',
    keepInQueue: f.status === 'manual',
  };
}
