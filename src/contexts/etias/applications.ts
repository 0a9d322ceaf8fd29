import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { harmoniseDocumentNumber } from '../identity/index.ts';
import type { IndexChange } from '../matching/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import {
  APPLICANT_ACTOR,
  ETIAS_SYSTEM_ACTOR,
  EXAMINATION_PURPOSE,
  LEGAL_BASIS,
  idempotency,
  readThenLog,
  today,
  type EtiasContext,
} from './context.ts';
import { ETIAS_ERRORS } from './errors.ts';
import type { ApplicationInput, ApplicationStatus } from './model.ts';
import { conclude, recordEvent, runChecks, sameIdentityData, subjectOf } from './processing.ts';
import { OPEN_STATUSES } from './repository.ts';
import type { ApplicationRow } from './tables.ts';
import { prepareApplication, type Fee, type PreparedApplication } from './validate.ts';

/** The answer to an application (201) and to a retry with the same `Idempotency-Key`. */
export interface SubmitAnswer {
  id: string;
  status: ApplicationStatus;
  fee: Fee;
  submittedAt: string;
  validFrom?: string;
  validUntil?: string;
}

/** What the applicant's verification tool shows (art. 31): the status and validity, never hits or reasons. */
export interface StatusAnswer {
  id: string;
  status: ApplicationStatus;
  submittedAt: string;
  validFrom?: string;
  validUntil?: string;
  /** Member states where a limited authorisation is valid (art. 44); absent: all. */
  territorialValidity?: string[];
}

/** The application as the applicant sends it, with the optional payment reference (art. 18). */
export type SubmittedApplication = ApplicationInput & { payment?: { reference: string } };

export function submitAnswer(row: ApplicationRow): SubmitAnswer {
  return {
    id: row.id,
    status: row.status as ApplicationStatus,
    fee: {
      amountCents: row.fee_cents,
      currency: 'EUR',
      exemption: (row.fee_exemption as Fee['exemption']) ?? null,
    },
    submittedAt: row.submitted_at.toISOString(),
    ...(row.valid_from === null ? {} : { validFrom: row.valid_from }),
    ...(row.valid_until === null ? {} : { validUntil: row.valid_until }),
  };
}

/** The identity staged in the identity index under system `etias` (ref: the application id). */
function stageIdentity(ctx: EtiasContext, trx: Executor, id: string, p: PreparedApplication) {
  return ctx.identityIndex?.stage(trx, {
    system: 'etias',
    recordRef: id,
    surname: p.input.surname,
    givenNames: p.input.givenNames,
    birthDate: p.input.birthDate,
    sex: p.input.sex,
    nationalities: p.input.nationalities,
    placeOfBirth: p.input.placeOfBirth,
    documentNumber: p.documentNumberNorm,
  });
}

/**
 * An application (arts. 17-19) and its automated processing (art. 20), in the request. The application is
 * validated field by field and for admissibility, its fee recorded (art. 18), the checks of every system run in
 * parallel before the transaction (each with a timeout), and then, in one transaction: the duplicate test, the
 * file, ETIAS's own checks, the hits, the route or the authorisation, the identity in the index, the art. 69 log
 * and the `etias.applications` change. With an `Idempotency-Key` a retry gets the first answer back.
 *
 * A second application for the same travel document and the same identity data while one is in progress or an
 * authorisation is valid is refused (409 naming it); with other identity data it is examined, and that is a hit
 * (`ETIAS_DOCUMENT_OTHER_IDENTITY`).
 *
 * @throws AppError `ETIAS_APPLICATION_INVALID` (400, `details.problems`), `ETIAS_DUPLICATE_APPLICATION` (409)
 */
export async function submitApplication(
  ctx: EtiasContext,
  raw: SubmittedApplication,
  options: { ip?: string | null; requestId?: string; idempotencyKey?: string | null },
): Promise<{ value: SubmitAnswer; replayed: boolean }> {
  const day = today(ctx);
  const prepared = prepareApplication(raw, day, ctx.settings);
  const id = `app_${randomUUID()}`;
  const runs = await runChecks(ctx, subjectOf(id, prepared.input), {
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
  });
  let staged: IndexChange | undefined;
  const idem = idempotency(
    {
      actor: APPLICANT_ACTOR,
      purpose: null,
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    },
    'etias.application.submit',
    raw,
  );
  const result = await ctx.writes.run(idem, async (trx) => {
    // One application at a time per travel document: the duplicate test and the insert see each other.
    await sql`select pg_advisory_xact_lock(hashtext(${`etias:${prepared.input.document.issuingState}:${prepared.documentNumberNorm}`}))`.execute(
      trx,
    );
    const sameDocument = await ctx.repo.findByDocument(
      trx,
      prepared.documentNumberNorm,
      prepared.input.document.issuingState,
    );
    const probe = {
      surname_norm: prepared.surnameNorm,
      given_names_norm: prepared.givenNamesNorm,
      birth_date: prepared.input.birthDate,
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
        `An application for this travel document and person is ${duplicate.status === 'issued' ? `already issued and valid until ${duplicate.valid_until}` : 'already being examined'}: ${duplicate.id}. Check its status instead of applying again.`,
        { applicationId: duplicate.id, status: duplicate.status },
      );
    }
    const now = ctx.clock.now();
    const input = prepared.input;
    const row = await ctx.repo.insertApplication(trx, {
      id,
      status: 'pending',
      queue: null,
      responsible_state: null,
      content: JSON.stringify(input),
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
      submitted_at: now,
      submitted_ip: options.ip ?? null,
      central_due_at: null,
      decision_due_at: null,
      decided_at: null,
      decided_by: null,
      valid_from: null,
      valid_until: null,
      flags: JSON.stringify([]),
      territorial_validity: JSON.stringify(null),
      erase_after: null,
      updated_at: now,
      version: 1,
    });
    await recordEvent(ctx, trx, id, 'submitted', APPLICANT_ACTOR, {
      fee: prepared.fee,
      ...(prepared.paymentReference === null ? {} : { paymentReference: prepared.paymentReference }),
    });
    staged = await stageIdentity(ctx, trx, id, prepared);
    const done = await conclude(ctx, trx, row, runs, {
      ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
    });
    return submitAnswer(done);
  });
  if (staged !== undefined) {
    ctx.identityIndex?.apply(staged);
  }
  return result;
}

/**
 * Runs automated processing again for applications left `pending` (a check failed or timed out), oldest
 * first, at most `limit`; returns how many were concluded (issued or sent to a queue). Meant for a scheduled
 * job or the operator; an application whose checks fail again stays pending with one more event.
 */
export async function processPending(
  ctx: EtiasContext,
  options: { limit?: number } = {},
): Promise<{ examined: number; concluded: number }> {
  const ids = await ctx.repo.pendingIds(ctx.database.db, options.limit ?? 100);
  let concluded = 0;
  for (const id of ids) {
    const row = await ctx.repo.findApplication(ctx.database.db, id);
    if (row?.status !== 'pending') {
      continue;
    }
    const runs = await runChecks(ctx, subjectOf(id, row.content), {});
    const done = await ctx.writes.run(null, async (trx) => {
      const locked = await ctx.repo.lockApplication(trx, id);
      if (locked?.status !== 'pending') {
        return null;
      }
      return conclude(ctx, trx, locked, runs, {});
    });
    if (done.value !== null && done.value.status !== 'pending') {
      concluded += 1;
    }
  }
  return { examined: ids.length, concluded };
}

/**
 * The applicant's verification tool (art. 31): the status of an application, given its id and the travel
 * document's number. An unknown id and a wrong number give the same 404, so the route tells nobody which ids
 * exist. Logged under the applicant (art. 69).
 *
 * @throws AppError `ETIAS_APPLICATION_NOT_FOUND`
 */
export async function applicationStatus(
  ctx: EtiasContext,
  input: { id: string; documentNumber: string; requestId?: string },
): Promise<StatusAnswer> {
  const call = {
    actor: APPLICANT_ACTOR,
    purpose: EXAMINATION_PURPOSE,
    ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
  };
  const wanted = harmoniseDocumentNumber(input.documentNumber);
  const row = await readThenLog(ctx, async (db, logs) => {
    const found = await ctx.repo.findApplication(db, input.id);
    const matches = found !== undefined && wanted !== '' && found.document_number_norm === wanted;
    logs.add(call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.application.status',
      legalBasis: LEGAL_BASIS.status,
      queryDataTypes: ['applicationId', 'documentNumber'],
      recordRefs: matches ? [found.id] : [],
      resultSummary: matches ? found.status : 'not found',
      dataEraseAfter: matches ? found.erase_after : null,
    });
    return matches ? found : null;
  });
  if (row === null) {
    throw notFound(
      ETIAS_ERRORS.applicationNotFound,
      'No application with this number and travel document number: check both as given on the confirmation.',
    );
  }
  return {
    id: row.id,
    status: row.status as ApplicationStatus,
    submittedAt: row.submitted_at.toISOString(),
    ...(row.valid_from === null ? {} : { validFrom: row.valid_from }),
    ...(row.valid_until === null ? {} : { validUntil: row.valid_until }),
    ...(row.territorial_validity === null ? {} : { territorialValidity: row.territorial_validity }),
  };
}

export { ETIAS_SYSTEM_ACTOR };
