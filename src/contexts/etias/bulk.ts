import { sql, type Insertable } from 'kysely';
import { Type } from 'typebox';
import type { Actor } from '../access/index.ts';
import type { IndexedIdentity } from '../matching/index.ts';
import type { BulkValue, BulkWriter } from '../../platform/database/bulk.ts';
import type { Executor } from '../../platform/database/index.ts';
import { isoDate, plusYears } from '../../platform/dates.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import { CalendarDate, Instant } from '../../http/schemas.ts';
import { ETIAS_ERRORS } from './errors.ts';
import type { EtiasSettings } from './model.ts';
import { ApplicationBody } from './schemas.ts';
import type { SubmittedApplication } from './applications.ts';
import type { ApplicationTable } from './tables.ts';
import { prepareApplication } from './validate.ts';

/** Statuses an imported file may carry; `pending` files are examined later by `processPending()`. */
export const IMPORTED_STATUSES = ['pending', 'issued', 'refused', 'revoked', 'annulled'] as const;
export type ImportedStatus = (typeof IMPORTED_STATUSES)[number];

/**
 * One line of an ETIAS bulk import (a migration or the demo world): the application in the body of
 * `POST /api/v1/etias/applications` with the id chosen by the exporter (`app_` and 1 to 80 letters, digits,
 * `-` or `_`; a re-run skips stored ids), when it was submitted, and the status it reached. Without a status the
 * file is `pending`: automated processing runs on it later (`EtiasService.processPending`). An issued file is
 * valid from its submission day for 3 years or to the document's expiry (art. 36(5)), or to `validUntil`.
 */
export const ImportedApplicationLine = Type.Object(
  {
    id: Type.String({ pattern: '^app_[A-Za-z0-9_-]{1,80}$' }),
    application: ApplicationBody,
    submittedAt: Type.Optional(Instant()),
    status: Type.Optional(Type.Enum(IMPORTED_STATUSES)),
    validUntil: Type.Optional(CalendarDate()),
    /** The member state whose National Unit decided a refusal, revocation or annulment. */
    decidedBy: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  { additionalProperties: false },
);

export interface ImportedApplication {
  id: string;
  application: SubmittedApplication;
  submittedAt?: string;
  status?: ImportedStatus;
  validUntil?: string;
  decidedBy?: string;
}

/** An application ready to be written, with its identity-index entry. */
export interface PreparedImportedApplication {
  id: string;
  row: Insertable<ApplicationTable>;
  identity: IndexedIdentity;
}

/**
 * Applies to one imported application the checks and derivations of `submit` (every field as on the day it was
 * submitted, normalised search forms, the fee), and derives its validity and erasure day (art. 54). Pure.
 *
 * @throws AppError `ETIAS_APPLICATION_INVALID`; `ACCESS_PERMISSION_DENIED` for an actor other than the system
 */
export function prepareImportedApplication(
  actor: Actor,
  line: ImportedApplication,
  opts: { now: Date; settings: EtiasSettings },
): PreparedImportedApplication {
  if (actor.kind !== 'system') {
    throw forbidden('ACCESS_PERMISSION_DENIED', 'Only the system itself imports ETIAS applications.');
  }
  const submittedAt = line.submittedAt === undefined ? opts.now : new Date(line.submittedAt);
  if (submittedAt > opts.now) {
    throw invalid(ETIAS_ERRORS.applicationInvalid, 'submittedAt lies in the future.', {
      problems: [{ field: 'submittedAt', message: 'lies in the future' }],
    });
  }
  const day = isoDate(submittedAt);
  const p = prepareApplication(line.application, day, opts.settings);
  const status = line.status ?? 'pending';
  const input = p.input;
  let validFrom: string | null = null;
  let validUntil: string | null = null;
  let eraseAfter: string | null = null;
  if (status === 'issued') {
    const full = plusYears(day, opts.settings.validityYears);
    validFrom = day;
    validUntil = [full, input.document.expiry, line.validUntil ?? full].reduce((a, b) => (b < a ? b : a));
    eraseAfter = validUntil;
  } else if (status !== 'pending') {
    // Art. 54(1)(b): five years after the refusal, revocation or annulment (here: the day it was submitted).
    eraseAfter = plusYears(day, opts.settings.refusedRetentionYears);
  }
  const decided = status === 'pending' ? null : submittedAt;
  return {
    id: line.id,
    row: {
      id: line.id,
      status,
      queue: null,
      responsible_state:
        status === 'pending' || status === 'issued' ? null : (line.decidedBy ?? p.intendedState),
      content: JSON.stringify(input),
      surname_norm: p.surnameNorm,
      given_names_norm: p.givenNamesNorm,
      birth_date: input.birthDate,
      birth_year: p.birthYear,
      sex: input.sex,
      nationality: input.nationalities[0] ?? '',
      document_number: input.document.number,
      document_number_norm: p.documentNumberNorm,
      document_issuing_state: input.document.issuingState,
      document_expiry: input.document.expiry,
      email_norm: p.emailNorm,
      residence_country: input.residence.country,
      intended_state: p.intendedState,
      fee_cents: p.fee.amountCents,
      fee_exemption: p.fee.exemption,
      payment_reference: p.paymentReference,
      submitted_at: submittedAt,
      submitted_ip: null,
      central_due_at: null,
      decision_due_at: null,
      decided_at: decided,
      decided_by: status === 'pending' || status === 'issued' ? null : (line.decidedBy ?? null),
      valid_from: validFrom,
      valid_until: validUntil,
      flags: '[]',
      territorial_validity: 'null',
      erase_after: eraseAfter,
      updated_at: submittedAt,
      version: 1,
    },
    identity: {
      system: 'etias',
      recordRef: line.id,
      surname: input.surname,
      givenNames: input.givenNames,
      birthDate: input.birthDate,
      sex: input.sex,
      nationalities: input.nationalities,
      placeOfBirth: input.placeOfBirth,
      documentNumber: p.documentNumberNorm,
    },
  };
}

/** The application table's columns in the order both bulk paths write them. */
export const APPLICATION_COLUMNS = [
  'id',
  'status',
  'queue',
  'responsible_state',
  'content',
  'surname_norm',
  'given_names_norm',
  'birth_date',
  'birth_year',
  'sex',
  'nationality',
  'document_number',
  'document_number_norm',
  'document_issuing_state',
  'document_expiry',
  'email_norm',
  'residence_country',
  'intended_state',
  'fee_cents',
  'fee_exemption',
  'payment_reference',
  'submitted_at',
  'submitted_ip',
  'central_due_at',
  'decision_due_at',
  'decided_at',
  'decided_by',
  'valid_from',
  'valid_until',
  'flags',
  'territorial_validity',
  'erase_after',
  'updated_at',
  'version',
] as const satisfies ReadonlyArray<keyof ApplicationTable>;

/** Writes prepared applications (ETIAS repository, bulk path). */
export async function insertPreparedApplications(
  writer: BulkWriter,
  applications: readonly PreparedImportedApplication[],
): Promise<void> {
  await writer.insert(
    'etias.application',
    APPLICATION_COLUMNS,
    applications.map((a) => APPLICATION_COLUMNS.map((c): BulkValue => a.row[c] ?? null)),
  );
}

/** Which of these application ids are stored already. */
export async function storedApplicationIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const r = await sql<{
    id: string;
  }>`select id from etias.application where id = any(${sql.val([...ids])}::text[])`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}
