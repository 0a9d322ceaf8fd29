import { randomUUID } from 'node:crypto';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { findMemberState } from '../../reference/index.ts';
import {
  EXAMINATION_PURPOSE,
  idempotency,
  log,
  readThenLog,
  recordApplicationChanges,
  type Call,
  type WriteCall,
} from '../context.ts';
import type { ApplicationInput } from '../model.ts';
import type { ApplicationRow } from '../tables.ts';
import { event, lockedApplication, MANUAL_BASIS, requireExamination, type ManualContext } from './context.ts';
import { effectiveOpinion, opinionDueAt, type EffectiveOpinion } from './deadlines.ts';
import { MANUAL_ERRORS } from './errors.ts';
import type { ConsultationRow } from './repository.ts';
import { requireOwnOpenFile } from './requests.ts';

export interface ConsultInput {
  /** `state`: the member state whose data triggered the hit or that holds relevant information (art. 28);
   * `europol`: Europol, when its data triggered the hit (art. 29). */
  party: 'state' | 'europol';
  /** The consulted member state (ISO 3166-1 alpha-2) for `state`. */
  memberState?: string;
  question: string;
}

export interface ConsultationView {
  id: string;
  applicationId: string;
  party: 'state' | 'europol';
  consultedState: string | null;
  consultingState: string;
  question: string;
  askedAt: string;
  dueAt: string;
  /** The opinion as it counts now: silence after 60 hours is a positive opinion (arts. 28(2), 29(2)). */
  opinion: EffectiveOpinion;
  reasons: string | null;
  answeredAt: string | null;
}

export const toConsultationView = (c: ConsultationRow, now: Date): ConsultationView => ({
  id: c.id,
  applicationId: c.application_id,
  party: c.party,
  consultedState: c.consulted_state,
  consultingState: c.consulting_state,
  question: c.question,
  askedAt: c.asked_at.toISOString(),
  dueAt: c.due_at.toISOString(),
  opinion: effectiveOpinion({ opinion: c.opinion, dueAt: c.due_at }, now),
  reasons: c.reasons,
  answeredAt: c.answered_at?.toISOString() ?? null,
});

/**
 * Consults another member state (art. 28) or Europol (art. 29) on a file in the National Unit's queue; the
 * opinion is due within 60 hours, silence counts as positive. Consulted parties see the file through
 * {@link consultationsFor}.
 */
export async function consult(
  ctx: ManualContext,
  call: WriteCall & { applicationId: string; input: ConsultInput },
): Promise<{ value: ConsultationView; replayed: boolean }> {
  requireExamination(call, 'etias:decide');
  const { input } = call;
  let consulted: string | null = null;
  if (input.party === 'state') {
    const state = input.memberState === undefined ? undefined : findMemberState(input.memberState);
    if (state === undefined || state.schengen === null) {
      throw invalid(MANUAL_ERRORS.consultationInvalid, 'Name the consulted Schengen state (memberState).', {
        field: 'memberState',
      });
    }
    if (state.alpha2 === call.actor.memberState) {
      throw invalid(MANUAL_ERRORS.consultationInvalid, 'A National Unit does not consult its own state.');
    }
    consulted = state.alpha2;
  } else if (input.memberState !== undefined) {
    throw invalid(MANUAL_ERRORS.consultationInvalid, 'Europol is consulted directly: leave memberState out.');
  }
  const question = input.question.trim();
  if (question === '' || question.length > 4000) {
    throw invalid(MANUAL_ERRORS.consultationInvalid, 'question must hold 1 to 4000 characters.', {
      field: 'question',
    });
  }
  const request = { applicationId: call.applicationId, party: input.party, consulted, question };
  return ctx.writes.run(idempotency(call, 'etias.consultation.create', request), async (trx) => {
    const app = await lockedApplication(ctx, trx, call.applicationId);
    requireOwnOpenFile(app, call.actor.memberState);
    const now = ctx.clock.now();
    const row: ConsultationRow = {
      id: `eco_${randomUUID()}`,
      application_id: app.id,
      consulting_state: call.actor.memberState,
      asked_by: call.actor.username,
      party: input.party,
      consulted_state: consulted,
      question,
      asked_at: now,
      due_at: opinionDueAt(now, ctx.settings),
      opinion: null,
      reasons: null,
      answered_at: null,
      answered_by: null,
    };
    await ctx.manual.insertConsultation(trx, row);
    await event(ctx, trx, app.id, 'consultation-requested', call.actor, {
      consultationId: row.id,
      party: input.party,
      consultedState: consulted,
      dueAt: row.due_at.toISOString(),
    });
    await recordApplicationChanges(ctx, trx, [app.id]);
    await log(ctx, trx, call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.consult',
      legalBasis: input.party === 'europol' ? MANUAL_BASIS.europol : MANUAL_BASIS.consultation,
      recordRefs: [app.id, row.id],
      resultSummary: `consulted ${consulted ?? 'Europol'}, due ${row.due_at.toISOString()}`,
      dataEraseAfter: app.erase_after,
    });
    return toConsultationView(row, now);
  });
}

/**
 * Who answers for a consultation: the consulted state's National Unit (`etias:consult`, art. 28), or the
 * Central Unit recording Europol's opinion on its behalf (`etias:verify`; Interlink has no Europol user).
 */
function requireConsulted(call: Call, c: Pick<ConsultationRow, 'party' | 'consulted_state'>): void {
  if (c.party === 'europol') {
    requireExamination(call, 'etias:verify');
    return;
  }
  requireExamination(call, 'etias:consult');
  if (call.actor.memberState !== c.consulted_state) {
    throw forbidden(MANUAL_ERRORS.notResponsible, `This consultation is addressed to ${c.consulted_state}.`);
  }
}

/** A consulted party's reasoned opinion, positive or negative (arts. 28(2), 29(2)), recorded in the file. */
export async function giveOpinion(
  ctx: ManualContext,
  call: WriteCall & { consultationId: string; input: { opinion: 'positive' | 'negative'; reasons: string } },
): Promise<{ value: ConsultationView; replayed: boolean }> {
  const reasons = call.input.reasons.trim();
  if (reasons === '' || reasons.length > 4000) {
    throw invalid(
      MANUAL_ERRORS.consultationInvalid,
      'A reasoned opinion: reasons must hold 1 to 4000 characters.',
      {
        field: 'reasons',
      },
    );
  }
  const found = await ctx.manual.findConsultation(ctx.database.db, call.consultationId);
  if (found === undefined) {
    // The permission is checked before anything is said about the consultation.
    requireExamination(
      call,
      call.actor.profile.permissions.includes('etias:consult') ? 'etias:consult' : 'etias:verify',
    );
    throw notFound(MANUAL_ERRORS.consultationNotFound, `There is no consultation "${call.consultationId}".`);
  }
  requireConsulted(call, found);
  const request = { consultationId: call.consultationId, ...call.input };
  return ctx.writes.run(idempotency(call, 'etias.consultation.opinion', request), async (trx) => {
    const app = await lockedApplication(ctx, trx, found.application_id);
    const now = ctx.clock.now();
    if (found.answered_at !== null) {
      throw conflict(MANUAL_ERRORS.opinionAlreadyGiven, 'The opinion was given already.');
    }
    if (now.getTime() >= found.due_at.getTime()) {
      throw conflict(
        MANUAL_ERRORS.opinionPastDeadline,
        `The 60 hours ended at ${found.due_at.toISOString()}: silence counted as a positive opinion (arts. 28(2), 29(2)).`,
      );
    }
    const by = found.party === 'europol' ? `${call.actor.username} (for Europol)` : call.actor.username;
    if (
      !(await ctx.manual.recordOpinion(trx, found.id, { opinion: call.input.opinion, reasons, at: now, by }))
    ) {
      throw conflict(MANUAL_ERRORS.opinionAlreadyGiven, 'The opinion was given already.');
    }
    await event(ctx, trx, app.id, 'opinion-given', call.actor, {
      consultationId: found.id,
      party: found.party,
      opinion: call.input.opinion,
    });
    await recordApplicationChanges(ctx, trx, [app.id]);
    await log(ctx, trx, call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.opinion',
      legalBasis: found.party === 'europol' ? MANUAL_BASIS.europol : MANUAL_BASIS.consultation,
      recordRefs: [app.id, found.id],
      resultSummary: `${call.input.opinion} opinion${found.party === 'europol' ? ' for Europol' : ''}`,
      dataEraseAfter: app.erase_after,
    });
    return toConsultationView(
      { ...found, opinion: call.input.opinion, reasons, answered_at: now, answered_by: by },
      now,
    );
  });
}

/** The application as a consulted party sees it; Europol never sees the education level (art. 29(3)). */
export function consultedApplicationData(
  app: ApplicationRow,
  party: 'state' | 'europol',
): Omit<ApplicationInput, 'education'> & { education?: ApplicationInput['education'] } {
  if (party === 'europol') {
    const { education: _education, ...rest } = app.content;
    return rest;
  }
  return app.content;
}

export interface ConsultationItem extends ConsultationView {
  application: ReturnType<typeof consultedApplicationData>;
}

/**
 * The consultations addressed to the caller: its own state's (a National Unit, `etias:consult`), or
 * Europol's (the Central Unit, `etias:verify`), newest first, each with the application's data.
 */
export async function consultationsFor(
  ctx: ManualContext,
  call: Call & { limit: number },
): Promise<ConsultationItem[]> {
  const asEuropol = !call.actor.profile.permissions.includes('etias:consult');
  requireExamination(call, asEuropol ? 'etias:verify' : 'etias:consult');
  return readThenLog(ctx, async (db, logs) => {
    const rows = await ctx.manual.consultationsFor(db, asEuropol ? null : call.actor.memberState, call.limit);
    const apps = new Map(
      (
        await ctx.repo.findApplications(
          db,
          rows.map((r) => r.application_id),
        )
      ).map((a) => [a.id, a]),
    );
    const now = ctx.clock.now();
    const items = rows.flatMap((r) => {
      const app = apps.get(r.application_id);
      return app === undefined
        ? []
        : [{ ...toConsultationView(r, now), application: consultedApplicationData(app, r.party) }];
    });
    logs.add(call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.consultations',
      legalBasis: asEuropol ? MANUAL_BASIS.europol : MANUAL_BASIS.consultation,
      recordRefs: items.map((i) => i.applicationId),
      resultSummary: `${items.length} consultations`,
    });
    return items;
  });
}
