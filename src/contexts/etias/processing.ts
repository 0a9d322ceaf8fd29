import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { midVerdict, type IdentityData } from '../identity/index.ts';
import type { IdentityQuery } from '../matching/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { plusYears } from '../../platform/dates.ts';
import {
  ETIAS_SYSTEM_ACTOR,
  EXAMINATION_PURPOSE,
  LEGAL_BASIS,
  log,
  recordApplicationChanges,
  today,
  type Call,
  type EtiasContext,
} from './context.ts';
import type {
  ApplicationInput,
  AuthorisationFlag,
  CheckHit,
  CheckOutcome,
  CheckSubject,
  EtiasCheck,
  HitState,
} from './model.ts';
import { NEGATIVE_STATUSES, OPEN_STATUSES } from './repository.ts';
import type { ApplicationRow, HitTable } from './tables.ts';
import type { Actor } from '../access/index.ts';

/** A check's answer, or why there is none. */
export interface CheckRun {
  system: string;
  outcome: CheckOutcome | null;
  /** Set when the check failed or did not answer in time: the application then stays `pending`. */
  failure: string | null;
}

const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

/** The applicant's identity and document as the checks see them (art. 20(2)). */
export function subjectOf(applicationId: string, input: ApplicationInput): CheckSubject {
  return {
    applicationId,
    surname: input.surname,
    givenNames: input.givenNames,
    ...(input.surnameAtBirth === undefined ? {} : { surnameAtBirth: input.surnameAtBirth }),
    otherNames: input.otherNames ?? [],
    birthDate: input.birthDate,
    sex: input.sex,
    nationalities: input.nationalities,
    placeOfBirth: input.placeOfBirth,
    countryOfBirth: input.countryOfBirth,
    document: {
      type: input.document.type,
      number: input.document.number,
      issuingState: input.document.issuingState,
      expiry: input.document.expiry,
    },
    residence: { country: input.residence.country, city: input.residence.city },
    email: input.email,
    ...(input.phone === undefined ? {} : { phone: input.phone }),
    // Read by the screening rules only (art. 33(4)).
    ...(input.education === undefined ? {} : { education: input.education }),
    ...(input.occupation === undefined ? {} : { occupation: input.occupation }),
  };
}

/** The data types automated processing compares (for the art. 69 log, which names types, never values). */
export const EXAMINED_DATA_TYPES = [
  'surname',
  'givenNames',
  'surnameAtBirth',
  'otherNames',
  'birthDate',
  'sex',
  'nationalities',
  'placeOfBirth',
  'countryOfBirth',
  'travelDocument',
  'residence',
  'email',
  'phone',
  'education',
  'occupation',
  'background',
] as const;

/**
 * Runs every registered check in parallel, each with its own timeout (art. 20). A check that throws or does
 * not answer in time is reported as a failure: the application then stays `pending` (never issued without
 * every check) and {@link EtiasService.processPending} runs the checks again later.
 */
export async function runChecks(
  ctx: EtiasContext,
  subject: CheckSubject,
  call: { requestId?: string },
): Promise<CheckRun[]> {
  const timeoutMs = ctx.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const all: EtiasCheck[] = [...ctx.checks, ...ctx.internalChecks];
  return Promise.all(
    all.map(async (check): Promise<CheckRun> => {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        const outcome = await Promise.race([
          check.run(subject, {
            ...(call.requestId === undefined ? {} : { requestId: call.requestId }),
            signal: controller.signal,
          }),
          timeout,
        ]);
        return { system: check.system, outcome, failure: null };
      } catch (err) {
        ctx.logger.warn(
          { err, system: check.system, application: subject.applicationId },
          'ETIAS check failed',
        );
        return {
          system: check.system,
          outcome: null,
          failure: err instanceof Error ? err.message : String(err),
        };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** The identity data of an application as the MID rules read them. */
export function midIdentity(input: ApplicationInput): IdentityData {
  return {
    system: 'ETIAS',
    surname: input.surname,
    givenNames: input.givenNames,
    ...(input.surnameAtBirth === undefined ? {} : { surnameAtBirth: input.surnameAtBirth }),
    ...(input.otherNames === undefined ? {} : { aliases: input.otherNames }),
    birthDate: input.birthDate,
    sex: input.sex,
    nationalities: input.nationalities,
    placeOfBirth: input.placeOfBirth,
    countryOfBirth: input.countryOfBirth,
  };
}

/** The same identity data (normalised names and the date of birth): what makes a second application a duplicate. */
export function sameIdentityData(
  a: ApplicationRow,
  b: Pick<ApplicationRow, 'surname_norm' | 'given_names_norm' | 'birth_date'>,
): boolean {
  return (
    a.surname_norm === b.surname_norm &&
    a.given_names_norm === b.given_names_norm &&
    a.birth_date === b.birth_date
  );
}

const BACKGROUND_QUESTIONS = {
  criminalConviction: 'convicted of a serious criminal offence in the last 10 years (art. 17(4)(a))',
  conflictZoneStay: 'stayed in a war or conflict zone in the last 10 years (art. 17(4)(b))',
  removalOrder: 'subject to a decision to leave or a return decision in the last 10 years (art. 17(4)(c))',
} as const;

/**
 * ETIAS's own part of automated processing (art. 20(2)): the applicant's "yes" answers to the background
 * questions (art. 17(4): manual assessment by the National Unit of the intended first stay, art. 26(4) [K]),
 * earlier applications with the same travel document and other identity data, and earlier applications of the
 * same person (the identity index under `etias` and the MID same/similar rules) that were refused, revoked or
 * annulled. Runs in the application's transaction, so that two applications in a row see each other.
 */
export async function ownChecks(ctx: EtiasContext, trx: Executor, app: ApplicationRow): Promise<CheckHit[]> {
  const input = app.content;
  const hits: CheckHit[] = [];
  for (const [question, text] of Object.entries(BACKGROUND_QUESTIONS)) {
    if (input.background[question as keyof typeof BACKGROUND_QUESTIONS]) {
      hits.push({
        source: 'background',
        recordRef: `etias:${app.id}`,
        rule: 'BACKGROUND_ANSWER',
        explanation: [`The applicant answered yes: ${text}.`],
        ...(app.intended_state === null ? {} : { memberState: app.intended_state }),
        record: { question, answer: true },
      });
    }
  }

  const byDocument = (
    await ctx.repo.findByDocument(trx, app.document_number_norm, app.document_issuing_state)
  ).filter((r) => r.id !== app.id);
  const refused = new Set<string>();
  for (const earlier of byDocument) {
    if (!sameIdentityData(earlier, app)) {
      hits.push({
        source: 'etias',
        recordRef: `etias:${earlier.id}`,
        rule: 'ETIAS_DOCUMENT_OTHER_IDENTITY',
        explanation: [
          `Travel document ${app.document_issuing_state} ${app.document_number} was used in application ${earlier.id} of ${earlier.submitted_at.toISOString().slice(0, 10)} with other identity data.`,
          ...differences(app, earlier),
        ],
        record: recordView(earlier),
      });
    } else if ((NEGATIVE_STATUSES as readonly string[]).includes(earlier.status)) {
      refused.add(earlier.id);
      hits.push(earlierRefusal(app, earlier, ['the same travel document and identity data'], null));
    }
  }

  // The same person under other documents or name variants: candidates from SQL (surname and birth year)
  // and from the identity index, each judged by the MID same/similar rules.
  const candidates = new Map<string, ApplicationRow>();
  for (const row of await ctx.repo.findBySurname(trx, app.surname_norm, app.birth_year, {
    statuses: NEGATIVE_STATUSES,
    limit: 100,
  })) {
    candidates.set(row.id, row);
  }
  const query: IdentityQuery = {
    surname: input.surname,
    givenNames: input.givenNames,
    birthDate: input.birthDate,
    sex: input.sex,
    nationalities: input.nationalities,
  };
  const index = ctx.identityIndex;
  const proposed = index?.propose(query, 'etias', new Set([...candidates.keys(), app.id]), 50) ?? [];
  for (const row of await ctx.repo.findApplications(trx, proposed)) {
    candidates.set(row.id, row);
  }
  const negative = [...candidates.values()].filter(
    (r) =>
      r.id !== app.id && !refused.has(r.id) && (NEGATIVE_STATUSES as readonly string[]).includes(r.status),
  );
  if (negative.length > 0) {
    const scores = index?.score(
      query,
      'etias',
      negative.map((r) => r.id),
    );
    const self = midIdentity(input);
    for (const earlier of negative) {
      const v = midVerdict(self, midIdentity(earlier.content));
      if (v.verdict === 'different') {
        continue;
      }
      hits.push(
        earlierRefusal(
          app,
          earlier,
          [
            `MID verdict ${v.verdict}${v.rules.length > 0 ? ` (rules ${v.rules.join(', ')})` : ''}`,
            `names: ${v.categories.names.explanation}`,
            `date of birth: ${v.categories.birthDate.explanation}`,
          ],
          scores?.get(earlier.id)?.probability ?? null,
        ),
      );
    }
  }
  return hits;
}

function earlierRefusal(
  app: ApplicationRow,
  earlier: ApplicationRow,
  why: string[],
  probability: number | null,
): CheckHit {
  return {
    source: 'etias',
    recordRef: `etias:${earlier.id}`,
    rule: 'ETIAS_EARLIER_REFUSAL',
    explanation: [
      `Application ${earlier.id} of ${earlier.submitted_at.toISOString().slice(0, 10)} was ${earlier.status}.`,
      ...why,
    ],
    ...(earlier.responsible_state === null ? {} : { memberState: earlier.responsible_state }),
    ...(probability === null ? {} : { probability }),
    record: recordView(earlier),
  };
}

/** What the officer compares side by side with the application: the earlier file's identity and document. */
function recordView(row: ApplicationRow): Record<string, unknown> {
  const c = row.content;
  return {
    applicationId: row.id,
    status: row.status,
    submittedAt: row.submitted_at.toISOString(),
    surname: c.surname,
    givenNames: c.givenNames,
    birthDate: c.birthDate,
    sex: c.sex,
    nationalities: c.nationalities,
    placeOfBirth: c.placeOfBirth,
    document: { number: c.document.number, issuingState: c.document.issuingState, expiry: c.document.expiry },
  };
}

function differences(a: ApplicationRow, b: ApplicationRow): string[] {
  const out: string[] = [];
  if (a.surname_norm !== b.surname_norm) {
    out.push(`surname "${a.content.surname}" here, "${b.content.surname}" there`);
  }
  if (a.given_names_norm !== b.given_names_norm) {
    out.push(`given names "${a.content.givenNames}" here, "${b.content.givenNames}" there`);
  }
  if (a.birth_date !== b.birth_date) {
    out.push(`date of birth ${a.birth_date} here, ${b.birth_date} there`);
  }
  return out;
}

/** Art. 25(1) [K]: whose data a hit rests on, by the weight of the rule (a refusal or arrest alert first). */
const RULE_PRIORITY: readonly string[] = [
  'SIS_REFUSAL_ALERT',
  'SIS_ARREST_ALERT',
  'SIS_DOCUMENT_LOST_STOLEN',
  'EES_REFUSAL',
  'EES_OVERSTAY',
  'ETIAS_EARLIER_REFUSAL',
  'EURODAC_RECORD',
  'SIS_POSSIBLE_MATCH',
  'ETIAS_DOCUMENT_OTHER_IDENTITY',
  'WATCHLIST',
  'SCREENING_RULE',
  'BACKGROUND_ANSWER',
];

/**
 * The member state whose National Unit assesses a file (art. 25) [K]:
 * 1. the state that entered the data behind a confirmed hit (art. 25(1)); with several, the one behind the
 *    weightiest rule (a SIS refusal or arrest alert before EES, ETIAS and the others, {@link RULE_PRIORITY});
 *    `EU` (Europol's watchlist entries) names no National Unit and is passed over;
 * 2. for screening rules, the watchlist without a state and background answers: the intended first stay's
 *    state (art. 25(2));
 * 3. failing both, the state behind any hit of the file, else null (the file waits in the National Unit queue
 *    without a state until one is assigned).
 */
export function responsibleState(
  app: Pick<ApplicationRow, 'intended_state'>,
  hits: ReadonlyArray<{ rule: string; member_state: string | null; state: string }>,
): string | null {
  const rank = (rule: string) => {
    const i = RULE_PRIORITY.indexOf(rule);
    return i < 0 ? RULE_PRIORITY.length : i;
  };
  const national = (s: string | null): s is string => s !== null && /^[A-Z]{2}$/u.test(s) && s !== 'EU';
  const confirmed = hits
    .filter((h) => h.state === 'confirmed' && national(h.member_state))
    .sort((a, b) => rank(a.rule) - rank(b.rule));
  return (
    confirmed[0]?.member_state ??
    app.intended_state ??
    hits.find((h) => national(h.member_state))?.member_state ??
    null
  );
}

/** Art. 36(5): three years from the decision, or the travel document's expiry if that comes first. */
export function validityOf(
  ctx: EtiasContext,
  app: Pick<ApplicationRow, 'document_expiry'>,
): { from: string; until: string } {
  const from = today(ctx);
  const full = plusYears(from, ctx.settings.validityYears);
  return { from, until: app.document_expiry < full ? app.document_expiry : full };
}

let eventSeq = 0;

/** Writes one event of the file's history. */
export async function recordEvent(
  ctx: EtiasContext,
  trx: Executor,
  applicationId: string,
  kind: string,
  actor: Actor,
  details: Record<string, unknown> = {},
): Promise<void> {
  const at = ctx.clock.now();
  // Ordered ids: events of one transaction share their time, and the history reads them by (at, id).
  eventSeq = (eventSeq + 1) % 36 ** 6;
  await ctx.repo.insertEvent(trx, {
    id: `eev_${at.getTime().toString(36).padStart(9, '0')}${eventSeq.toString(36).padStart(6, '0')}_${randomUUID().slice(0, 8)}`,
    application_id: applicationId,
    at,
    kind,
    authority: actor.authorityName,
    username: actor.username,
    details: JSON.stringify(details),
  });
}

/**
 * Issues the travel authorisation (art. 36): status `issued`, out of every queue, valid from today for three
 * years or to the document's expiry (art. 36(5)); `decidedBy` null is the central system (art. 21(1)). The file
 * is kept for the validity period (art. 54(1)(a)). Runs in the caller's transaction; returns the new row.
 */
export async function issueAuthorisation(
  ctx: EtiasContext,
  trx: Executor,
  app: ApplicationRow,
  options: {
    decidedBy: Actor | null;
    flags?: readonly AuthorisationFlag[];
    territorialValidity?: readonly string[] | null;
    validUntil?: string;
  },
): Promise<ApplicationRow> {
  const validity = validityOf(ctx, app);
  const until =
    options.validUntil !== undefined && options.validUntil < validity.until
      ? options.validUntil
      : validity.until;
  const flags = [...new Set([...app.flags, ...(options.flags ?? [])])];
  const row = await ctx.repo.updateApplication(trx, app.id, {
    status: 'issued',
    queue: null,
    decided_at: ctx.clock.now(),
    decided_by: options.decidedBy === null ? null : options.decidedBy.username,
    valid_from: validity.from,
    valid_until: until,
    flags: JSON.stringify(flags),
    territorial_validity: JSON.stringify(options.territorialValidity ?? null),
    erase_after: until,
    updated_at: ctx.clock.now(),
  });
  if (row === undefined) {
    throw new Error(`application ${app.id} vanished while being issued`);
  }
  await recordEvent(ctx, trx, app.id, 'issued', options.decidedBy ?? ETIAS_SYSTEM_ACTOR, {
    validFrom: validity.from,
    validUntil: until,
    flags,
    ...(options.territorialValidity ? { territorialValidity: options.territorialValidity } : {}),
  });
  await recordApplicationChanges(ctx, trx, [app.id]);
  return row;
}

/**
 * Sends a file to the National Unit of `state` (art. 26): queue `national-unit`, the 96-hour decision
 * deadline kept from submission (art. 32(1)). Runs in the caller's transaction; returns the new row.
 */
export async function moveToNationalUnit(
  ctx: EtiasContext,
  trx: Executor,
  app: ApplicationRow,
  options: { state: string | null; actor: Actor; reason: string },
): Promise<ApplicationRow> {
  const row = await ctx.repo.updateApplication(trx, app.id, {
    status: 'manual',
    queue: 'national-unit',
    responsible_state: options.state,
    decision_due_at:
      app.decision_due_at ?? new Date(app.submitted_at.getTime() + ctx.settings.decisionHours * 3_600_000),
    updated_at: ctx.clock.now(),
  });
  if (row === undefined) {
    throw new Error(`application ${app.id} vanished while being moved`);
  }
  await recordEvent(ctx, trx, app.id, 'to-national-unit', options.actor, {
    responsibleState: options.state,
    reason: options.reason,
  });
  await recordApplicationChanges(ctx, trx, [app.id]);
  return row;
}

/** A stable key of a hit, so that two checks reporting the same record under the same rule store it once. */
const hitKey = (h: CheckHit) => `${h.source}|${h.recordRef}|${h.rule}`;

/**
 * Concludes automated processing of a `pending` application in the caller's transaction: ETIAS's own checks,
 * every hit stored with its source, record, rule and explanation (art. 20(7)), each check's `record` called,
 * then the route: no routing hit → issued by the central system (art. 21(1)); an open hit → the Central Unit's
 * queue (art. 22: 12 hours to verify, 96 hours to decide, art. 32(1)); only background answers → the National
 * Unit of the intended first stay (art. 26(4) [K]). Notify-only hits are stored as `notified` and route
 * nothing (art. 23). Writes the art. 69 log record and an `etias.applications` change.
 */
export async function conclude(
  ctx: EtiasContext,
  trx: Executor,
  app: ApplicationRow,
  runs: readonly CheckRun[],
  call: Pick<Call, 'requestId'>,
): Promise<ApplicationRow> {
  const systemCall: Call = { actor: ETIAS_SYSTEM_ACTOR, purpose: EXAMINATION_PURPOSE, ...call };
  const failed = runs.filter((r) => r.failure !== null);
  if (failed.length > 0) {
    await recordEvent(ctx, trx, app.id, 'checks-failed', ETIAS_SYSTEM_ACTOR, {
      systems: failed.map((r) => ({ system: r.system, reason: r.failure })),
    });
    await log(ctx, trx, systemCall, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.application.examine',
      legalBasis: LEGAL_BASIS.examination,
      recordRefs: [app.id],
      queryDataTypes: EXAMINED_DATA_TYPES,
      resultSummary: `pending: no answer from ${failed.map((r) => r.system).join(', ')}`,
    });
    await recordApplicationChanges(ctx, trx, [app.id]);
    return app;
  }
  const seen = new Set<string>();
  const hits: CheckHit[] = [];
  for (const hit of [...(await ownChecks(ctx, trx, app)), ...runs.flatMap((r) => r.outcome?.hits ?? [])]) {
    const key = hitKey(hit);
    if (!seen.has(key)) {
      seen.add(key);
      hits.push(hit);
    }
  }
  const now = ctx.clock.now();
  const rows: Insertable<HitTable>[] = hits.map((h) => {
    const state: HitState =
      h.notifyOnly === true ? 'notified' : h.source === 'background' ? 'confirmed' : 'open';
    return {
      id: `eht_${randomUUID()}`,
      application_id: app.id,
      source: h.source,
      record_ref: h.recordRef,
      rule: h.rule,
      explanation: JSON.stringify(h.explanation),
      record: JSON.stringify(h.record ?? null),
      member_state: h.memberState ?? null,
      notify_only: h.notifyOnly === true,
      refusal_ground: h.refusalGround ?? null,
      probability: h.probability ?? null,
      state,
      verified_by: null,
      verified_at: null,
      note: null,
      created_at: now,
    };
  });
  await ctx.repo.insertHits(trx, rows);
  for (const run of runs) {
    await run.outcome?.record?.(trx, app.id);
  }
  const open = rows.filter((r) => r.state === 'open');
  const confirmed = rows.filter((r) => r.state === 'confirmed');
  const notified = rows.filter((r) => r.state === 'notified');
  await recordEvent(ctx, trx, app.id, 'examined', ETIAS_SYSTEM_ACTOR, {
    systems: runs.map((r) => r.system),
    hits: rows.length,
    routing: open.length + confirmed.length,
    notified: notified.length,
  });
  let result: ApplicationRow;
  if (open.length === 0 && confirmed.length === 0) {
    result = await issueAuthorisation(ctx, trx, app, { decidedBy: null });
  } else if (open.length > 0) {
    const row = await ctx.repo.updateApplication(trx, app.id, {
      status: 'manual',
      queue: 'central-unit',
      central_due_at: new Date(app.submitted_at.getTime() + ctx.settings.centralUnitHours * 3_600_000),
      decision_due_at: new Date(app.submitted_at.getTime() + ctx.settings.decisionHours * 3_600_000),
      updated_at: now,
    });
    if (row === undefined) {
      throw new Error(`application ${app.id} vanished during examination`);
    }
    await recordEvent(ctx, trx, app.id, 'to-central-unit', ETIAS_SYSTEM_ACTOR, {
      rules: [...new Set(open.map((r) => r.rule))],
    });
    await recordApplicationChanges(ctx, trx, [app.id]);
    result = row;
  } else {
    result = await moveToNationalUnit(ctx, trx, app, {
      state: responsibleState(
        app,
        confirmed.map((r) => ({ rule: r.rule, member_state: r.member_state ?? null, state: 'confirmed' })),
      ),
      actor: ETIAS_SYSTEM_ACTOR,
      reason: 'background answers (art. 26(4))',
    });
  }
  await log(ctx, trx, systemCall, {
    purpose: EXAMINATION_PURPOSE,
    operation: 'etias.application.examine',
    legalBasis: LEGAL_BASIS.examination,
    recordRefs: [app.id, ...new Set(rows.map((r) => r.record_ref))],
    queryDataTypes: EXAMINED_DATA_TYPES,
    resultSummary:
      result.status === 'issued'
        ? `issued by the central system${notified.length > 0 ? `; ${notified.length} notify-only hit(s)` : ''}`
        : `manual (${result.queue}): ${rows.length} hit(s), rules ${[...new Set(rows.map((r) => r.rule))].join(', ')}`,
    dataEraseAfter: result.erase_after,
  });
  return result;
}

export { OPEN_STATUSES };
