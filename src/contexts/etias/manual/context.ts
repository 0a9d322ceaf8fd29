import { requireAccess, type Actor, type Permission } from '../../access/index.ts';
import type { Executor } from '../../../platform/database/index.ts';
import { notFound } from '../../../platform/errors.ts';
import { harmoniseDocumentNumber } from '../../identity/index.ts';
import type { Call, EtiasContext } from '../context.ts';
import { recordEvent } from '../processing.ts';
import type { ApplicationRow } from '../tables.ts';
import { decisionDeadline, type DecisionDeadline } from './deadlines.ts';
import { MANUAL_ERRORS } from './errors.ts';
import type { ManualBundle, ManualRepository } from './repository.ts';

/** What every manual-processing use case works with: the ETIAS context and the 0002_manual tables. */
export interface ManualContext extends EtiasContext {
  manual: ManualRepository;
}

/** Legal bases logged with each operation (art. 69). */
export const MANUAL_BASIS = {
  queue: 'Reg. (EU) 2018/1240 arts. 26, 32',
  request: 'Reg. (EU) 2018/1240 art. 27',
  interview: 'Reg. (EU) 2018/1240 art. 27(4)',
  consultation: 'Reg. (EU) 2018/1240 art. 28',
  europol: 'Reg. (EU) 2018/1240 art. 29',
  decision: 'Reg. (EU) 2018/1240 arts. 36-38',
  annulment: 'Reg. (EU) 2018/1240 arts. 40, 42',
  revocation: 'Reg. (EU) 2018/1240 arts. 41, 42',
  limited: 'Reg. (EU) 2018/1240 art. 44',
  notice: 'Reg. (EU) 2018/1240 arts. 38, 42',
} as const;

/**
 * The first line of a use case: the permission, and a purpose the profile allows (for the ETIAS units that
 * is `etias-examination`; the Central Unit may also act for `identity-verification`, as on its own queue).
 */
export function requireExamination(call: Call, permission: Permission): void {
  requireAccess({ actor: call.actor, permission, purpose: call.purpose });
}

const missing = (id: string) =>
  notFound(MANUAL_ERRORS.applicationNotFound, `There is no ETIAS application "${id}".`, {
    applicationId: id,
  });

/** The application, locked for the rest of the transaction, or ETIAS_APPLICATION_NOT_FOUND. */
export async function lockedApplication(
  ctx: ManualContext,
  trx: Executor,
  id: string,
): Promise<ApplicationRow> {
  const row = await ctx.repo.lockApplication(trx, id);
  if (row === undefined) {
    throw missing(id);
  }
  return row;
}

export async function existingApplication(
  ctx: ManualContext,
  db: Executor,
  id: string,
): Promise<ApplicationRow> {
  const row = await ctx.repo.findApplication(db, id);
  if (row === undefined) {
    throw missing(id);
  }
  return row;
}

/**
 * The applicant's own application on a public route: the id and the travel document's number must both
 * match; either wrong gives the same 404, as on the status route (art. 31).
 */
export async function applicantsApplication(
  ctx: ManualContext,
  db: Executor,
  id: string,
  documentNumber: string,
  lock = false,
): Promise<ApplicationRow> {
  const wanted = harmoniseDocumentNumber(documentNumber);
  const row = lock ? await ctx.repo.lockApplication(db, id) : await ctx.repo.findApplication(db, id);
  if (row === undefined || wanted === '' || row.document_number_norm !== wanted) {
    throw notFound(
      MANUAL_ERRORS.applicationNotFound,
      'No application with this number and travel document number: check both as given on the confirmation.',
    );
  }
  return row;
}

/** The decision deadline from the file's requests and interviews (art. 32). */
export function deadlineOf(ctx: ManualContext, app: ApplicationRow, bundle: ManualBundle): DecisionDeadline {
  return decisionDeadline(
    {
      admittedAt: app.submitted_at,
      requests: bundle.requests.map((r) => ({
        sentAt: r.sent_at,
        replyDueAt: r.reply_due_at,
        receivedAt: r.received_at,
      })),
      interviews: bundle.interviews.map((i) => ({
        scheduledAt: i.scheduled_at,
        outcome: i.outcome,
        recordedAt: i.recorded_at,
      })),
    },
    ctx.settings,
  );
}

/** Recomputes and stores the decision deadline after an event that moves it (art. 32(2)). */
export async function refreshDeadline(ctx: ManualContext, trx: Executor, app: ApplicationRow): Promise<Date> {
  const bundle = await ctx.manual.bundle(trx, app.id);
  const { dueAt } = deadlineOf(ctx, app, bundle);
  await ctx.repo.updateApplication(trx, app.id, { decision_due_at: dueAt, updated_at: ctx.clock.now() });
  return dueAt;
}

/** Appends an event to the file's history (the same history the core writes). */
export function event(
  ctx: ManualContext,
  trx: Executor,
  applicationId: string,
  kind: string,
  actor: Actor,
  details: Record<string, unknown> = {},
): Promise<void> {
  return recordEvent(ctx, trx, applicationId, kind, actor, details);
}
