import { createHash, randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { Type } from 'typebox';
import type { Actor } from '../access/index.ts';
import type { IndexChange, IndexedIdentity } from '../matching/index.ts';
import { ZonedInstant } from '../../http/schemas.ts';
import type { BulkValue, BulkWriter } from '../../platform/database/bulk.ts';

import { conflict, forbidden, invalid } from '../../platform/errors.ts';
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
import { ETIAS_ERRORS } from './errors.ts';
import type {
  ApplicationInput,
  ApplicationStatus,
  CheckHit,
  CheckOutcome,
  HitState,
  Queue,
} from './model.ts';
import {
  EXAMINED_DATA_TYPES,
  ownChecks,
  responsibleState,
  runChecks,
  sameIdentityData,
  subjectOf,
  validityOf,
} from './processing.ts';
import { APPLICATION_COLUMNS } from './bulk.ts';
import { OPEN_STATUSES } from './repository.ts';
import { ApplicationBody } from './schemas.ts';
import type { ApplicationRow, ApplicationTable, EventTable, HitTable } from './tables.ts';
import { prepareApplication, type PreparedApplication } from './validate.ts';

/**
 * The bulk path of ETIAS applications with automated processing (`interlink import etias`, issue 14 targets;
 * bulk.ts is the other bulk path, for files migrated with the status they reached): each application checked
 * and derived as `POST /api/v1/etias/applications` does ({@link prepareApplication}), processed as the route
 * processes it (art. 20: every registered check, ETIAS's own checks, the same routing as `conclude`), and
 * written a batch at a time through a {@link BulkWriter} (`COPY` on PostgreSQL) with its hits, events,
 * identity-index rows, change-feed entries and one art. 69 log record per batch.
 */

/**
 * One line of an ETIAS import: the route's body, with an optional `id` chosen by the exporter (`app_` and 1 to
 * 80 letters, digits, `-` or `_`; the route's ids are `app_<uuid>`) and an optional `submittedAt` (RFC 3339,
 * not in the future): the fee, its exemptions and ages are counted on that day.
 */
export const SubmittedApplicationLine = Type.Object(
  {
    ...ApplicationBody.properties,
    id: Type.Optional(Type.String({ pattern: '^app_[A-Za-z0-9_-]{1,80}$' })),
    submittedAt: Type.Optional(ZonedInstant('When the application was submitted')),
  },
  { additionalProperties: false },
);

export type SubmittedApplicationImport = ApplicationInput & {
  payment?: { reference: string };
  id?: string;
  submittedAt?: string;
};

/** An application validated and derived, not yet processed. */
export interface PreparedImport {
  id: string;
  prepared: PreparedApplication;
  submittedAt: Date;
  /** Issuing state and harmonised number: one application per document and person at a time. */
  documentKey: string;
}

/** An application after automated processing: the rows to write and the checks' own writes. */
export interface ProcessedImport {
  id: string;
  status: ApplicationStatus;
  queue: Queue | null;
  row: Insertable<ApplicationTable>;
  hits: Insertable<HitTable>[];
  events: Insertable<EventTable>[];
  outcomes: CheckOutcome[];
  identity: IndexedIdentity;
}

/** A line without an id gets one from its content, so that a re-run of the same file skips it too. */
export function derivedApplicationId(line: SubmittedApplicationImport): string {
  const { id: _id, ...rest } = line;
  const digest = createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 24);
  return `app_imp-${digest}`;
}

/** Only the system (the command line's import actor) imports applications: the public route has no account. */
function requireImporter(actor: Actor): void {
  if (actor.kind !== 'system') {
    throw forbidden('ACCESS_DENIED', 'Only the system imports ETIAS applications (interlink import etias).');
  }
}

/**
 * Step 1 (pure): the line checked and derived as the route does it, on the day of submission (fee, ages,
 * document validity); the document must also still be valid today, as the route would ask now.
 *
 * @throws AppError `ETIAS_APPLICATION_INVALID` (the route's code, with `details.problems`)
 */
export function prepareSubmittedImport(
  ctx: EtiasContext,
  call: Call,
  line: SubmittedApplicationImport,
): PreparedImport {
  requireImporter(call.actor);
  const now = ctx.clock.now();
  const submittedAt = line.submittedAt === undefined ? now : new Date(line.submittedAt);
  if (Number.isNaN(submittedAt.getTime()) || submittedAt.getTime() > now.getTime()) {
    throw invalid(
      ETIAS_ERRORS.applicationInvalid,
      'The application has 1 problem(s): submittedAt lies in the future.',
      {
        problems: [{ field: 'submittedAt', message: 'lies in the future' }],
      },
    );
  }
  const { id: _id, submittedAt: _at, ...raw } = line;
  const prepared = prepareApplication(raw, submittedAt.toISOString().slice(0, 10), ctx.settings);
  const day = today(ctx);
  if (prepared.input.document.expiry <= day) {
    throw invalid(
      ETIAS_ERRORS.applicationInvalid,
      'The application has 1 problem(s): document.expiry the travel document has expired: apply with a valid document.',
      {
        problems: [
          {
            field: 'document.expiry',
            message: 'the travel document has expired: apply with a valid document',
          },
        ],
      },
    );
  }
  return {
    id: line.id ?? derivedApplicationId(line),
    prepared,
    submittedAt,
    documentKey: `${prepared.input.document.issuingState}:${prepared.documentNumberNorm}`,
  };
}

const hitKey = (h: CheckHit) => `${h.source}|${h.recordRef}|${h.rule}`;

/**
 * Step 2: automated processing of one prepared application, as `submitApplication` and `conclude` do it,
 * reading only: the duplicate test against stored applications (409 as the route), every registered check
 * (in parallel, each with its timeout), ETIAS's own checks, and the route: no routing hit → issued by the
 * central system (art. 21(1)); an open hit → the Central Unit (art. 22); only background answers → the
 * National Unit (art. 26(4) [K]); a check without an answer → `pending` (processPending runs it again).
 *
 * @throws AppError `ETIAS_DUPLICATE_APPLICATION`
 */
export async function processSubmittedImport(
  ctx: EtiasContext,
  call: Call,
  p: PreparedImport,
): Promise<ProcessedImport> {
  requireImporter(call.actor);
  const db = ctx.database.db;
  const { prepared, id, submittedAt } = p;
  const input = prepared.input;
  const now = ctx.clock.now();
  const day = today(ctx);
  const sameDocument = await ctx.repo.findByDocument(
    db,
    prepared.documentNumberNorm,
    input.document.issuingState,
  );
  const probe = {
    surname_norm: prepared.surnameNorm,
    given_names_norm: prepared.givenNamesNorm,
    birth_date: input.birthDate,
  };
  const duplicate = sameDocument.find(
    (r) =>
      sameIdentityData(r, probe) &&
      ((OPEN_STATUSES as readonly string[]).includes(r.status) ||
        (r.status === 'issued' && r.valid_until !== null && r.valid_until >= day)),
  );
  if (duplicate !== undefined) {
    throw conflict(
      ETIAS_ERRORS.duplicateApplication,
      `An application for this travel document and person is ${duplicate.status === 'issued' ? `already issued and valid until ${duplicate.valid_until}` : 'already being examined'}: ${duplicate.id}.`,
      { applicationId: duplicate.id, status: duplicate.status },
    );
  }
  const base: ApplicationRow = {
    id,
    status: 'pending',
    queue: null,
    responsible_state: null,
    content: input,
    surname_norm: prepared.surnameNorm,
    given_names_norm: prepared.givenNamesNorm,
    birth_date: input.birthDate,
    birth_year: prepared.birthYear,
    sex: input.sex,
    nationality: input.nationalities[0] ?? '',
    document_number: input.document.number,
    document_number_norm: prepared.documentNumberNorm,
    document_issuing_state: input.document.issuingState,
    document_expiry: input.document.expiry,
    email_norm: prepared.emailNorm,
    residence_country: input.residence.country,
    intended_state: prepared.intendedState,
    fee_cents: prepared.fee.amountCents,
    fee_exemption: prepared.fee.exemption,
    payment_reference: prepared.paymentReference,
    submitted_at: submittedAt,
    submitted_ip: null,
    central_due_at: null,
    decision_due_at: null,
    decided_at: null,
    decided_by: null,
    valid_from: null,
    valid_until: null,
    flags: [],
    territorial_validity: null,
    erase_after: null,
    updated_at: now,
    version: 1,
  };
  const events: Insertable<EventTable>[] = [];
  const event = (kind: string, details: Record<string, unknown>) =>
    events.push({
      id: `eev_${randomUUID()}`,
      application_id: id,
      at: kind === 'submitted' ? submittedAt : now,
      kind,
      authority: kind === 'submitted' ? 'ETIAS public website (applicant)' : ETIAS_SYSTEM_ACTOR.authorityName,
      username: kind === 'submitted' ? 'applicant' : ETIAS_SYSTEM_ACTOR.username,
      details: JSON.stringify(details),
    });
  event('submitted', {
    fee: prepared.fee,
    imported: true,
    ...(prepared.paymentReference === null ? {} : { paymentReference: prepared.paymentReference }),
  });
  const runs = await runChecks(
    ctx,
    subjectOf(id, input),
    call.requestId === undefined ? {} : { requestId: call.requestId },
  );
  const result = { ...base };
  const hitRows: Insertable<HitTable>[] = [];
  const failed = runs.filter((r) => r.failure !== null);
  if (failed.length > 0) {
    event('checks-failed', { systems: failed.map((r) => ({ system: r.system, reason: r.failure })) });
  } else {
    const seen = new Set<string>();
    for (const hit of [...(await ownChecks(ctx, db, base)), ...runs.flatMap((r) => r.outcome?.hits ?? [])]) {
      const key = hitKey(hit);
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      const state: HitState =
        hit.notifyOnly === true ? 'notified' : hit.source === 'background' ? 'confirmed' : 'open';
      hitRows.push({
        id: `eht_${randomUUID()}`,
        application_id: id,
        source: hit.source,
        record_ref: hit.recordRef,
        rule: hit.rule,
        explanation: JSON.stringify(hit.explanation),
        record: JSON.stringify(hit.record ?? null),
        member_state: hit.memberState ?? null,
        notify_only: hit.notifyOnly === true,
        refusal_ground: hit.refusalGround ?? null,
        probability: hit.probability ?? null,
        state,
        verified_by: null,
        verified_at: null,
        note: null,
        created_at: now,
      });
    }
    const open = hitRows.filter((r) => r.state === 'open');
    const confirmed = hitRows.filter((r) => r.state === 'confirmed');
    event('examined', {
      systems: runs.map((r) => r.system),
      hits: hitRows.length,
      routing: open.length + confirmed.length,
      notified: hitRows.length - open.length - confirmed.length,
    });
    const decisionDue = new Date(submittedAt.getTime() + ctx.settings.decisionHours * 3_600_000);
    if (open.length === 0 && confirmed.length === 0) {
      const validity = validityOf(ctx, base);
      Object.assign(result, {
        status: 'issued',
        decided_at: now,
        valid_from: validity.from,
        valid_until: validity.until,
        erase_after: validity.until,
      });
      event('issued', { validFrom: validity.from, validUntil: validity.until, flags: [] });
    } else if (open.length > 0) {
      Object.assign(result, {
        status: 'manual',
        queue: 'central-unit',
        central_due_at: new Date(submittedAt.getTime() + ctx.settings.centralUnitHours * 3_600_000),
        decision_due_at: decisionDue,
      });
      event('to-central-unit', { rules: [...new Set(open.map((r) => r.rule))] });
    } else {
      const state = responsibleState(
        base,
        confirmed.map((r) => ({ rule: r.rule, member_state: r.member_state ?? null, state: 'confirmed' })),
      );
      Object.assign(result, {
        status: 'manual',
        queue: 'national-unit',
        responsible_state: state,
        decision_due_at: decisionDue,
      });
      event('to-national-unit', { responsibleState: state, reason: 'background answers (art. 26(4))' });
    }
  }
  return {
    id,
    status: result.status as ApplicationStatus,
    queue: result.queue as Queue | null,
    row: {
      ...result,
      content: JSON.stringify(input),
      flags: JSON.stringify(result.flags),
      territorial_validity: JSON.stringify(result.territorial_validity),
    },
    hits: hitRows,
    events,
    outcomes: failed.length > 0 ? [] : runs.flatMap((r) => (r.outcome === null ? [] : [r.outcome])),
    identity: {
      system: 'etias',
      recordRef: id,
      surname: input.surname,
      givenNames: input.givenNames,
      birthDate: input.birthDate,
      sex: input.sex,
      nationalities: input.nationalities,
      placeOfBirth: input.placeOfBirth,
      documentNumber: prepared.documentNumberNorm,
    },
  };
}

const HIT_COLUMNS = [
  'id',
  'application_id',
  'source',
  'record_ref',
  'rule',
  'explanation',
  'record',
  'member_state',
  'notify_only',
  'refusal_ground',
  'probability',
  'state',
  'verified_by',
  'verified_at',
  'note',
  'created_at',
] as const satisfies ReadonlyArray<keyof HitTable>;

const EVENT_COLUMNS = [
  'id',
  'application_id',
  'at',
  'kind',
  'authority',
  'username',
  'details',
] as const satisfies ReadonlyArray<keyof EventTable>;

const cells = <T extends object>(row: T, columns: readonly (keyof T)[]): BulkValue[] =>
  columns.map((c) => (row[c] ?? null) as BulkValue);

/**
 * Step 3: writes processed applications in the writer's transaction: rows, hits and events, what each check
 * records (SIS: the notices of notify-only hits to the issuing SIRENE Bureau, art. 23), the identities under
 * system `etias` ({@link IdentityIndexService.stageMany}), `etias.applications` changes and one art. 69 log
 * record for the batch. Apply the returned index changes after the commit.
 */
export async function importProcessedBatch(
  ctx: EtiasContext,
  writer: BulkWriter,
  call: Call,
  apps: readonly ProcessedImport[],
  summary: string,
): Promise<{ changes: IndexChange[]; written: string[] }> {
  requireImporter(call.actor);
  if (apps.length === 0) {
    return { changes: [], written: [] };
  }
  await writer.insert(
    'etias.application',
    APPLICATION_COLUMNS,
    apps.map((a) => cells(a.row, APPLICATION_COLUMNS)),
  );
  await writer.insert(
    'etias.hit',
    HIT_COLUMNS,
    apps.flatMap((a) => a.hits.map((h) => cells(h, HIT_COLUMNS))),
  );
  await writer.insert(
    'etias.event',
    EVENT_COLUMNS,
    apps.flatMap((a) => a.events.map((e) => cells(e, EVENT_COLUMNS))),
  );
  for (const a of apps) {
    for (const outcome of a.outcomes) {
      await outcome.record?.(writer.trx, a.id);
    }
  }
  const changes =
    (await ctx.identityIndex?.stageMany(
      writer,
      apps.map((a) => a.identity),
      { skipInvalid: true },
    )) ?? [];
  const ids = apps.map((a) => a.id);
  await recordApplicationChanges(ctx, writer.trx, ids);
  const byStatus = new Map<string, number>();
  for (const a of apps) {
    const k = a.queue === null ? a.status : `${a.status} (${a.queue})`;
    byStatus.set(k, (byStatus.get(k) ?? 0) + 1);
  }
  const erase = apps
    .map((a) => a.row.erase_after ?? null)
    .reduce<string | null>((x, y) => (y !== null && (x === null || y > x) ? y : x), null);
  await log(ctx, writer.trx, call, {
    purpose: EXAMINATION_PURPOSE,
    operation: 'etias.import',
    legalBasis: `${LEGAL_BASIS.application}; ${LEGAL_BASIS.examination}`,
    recordRefs: ids,
    queryDataTypes: EXAMINED_DATA_TYPES,
    resultSummary: `${summary}; ${[...byStatus].map(([k, n]) => `${n} ${k}`).join(', ')}`,
    // Without an issued file the log is kept for the longest period (art. 69(4) [K]).
    dataEraseAfter: apps.every((a) => a.row.erase_after !== null) ? erase : null,
  });
  return { changes, written: ids };
}
