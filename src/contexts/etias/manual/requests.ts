import { randomUUID } from 'node:crypto';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import {
  APPLICANT_ACTOR,
  EXAMINATION_PURPOSE,
  idempotency,
  log,
  readThenLog,
  recordApplicationChanges,
  type Call,
  type WriteCall,
} from '../context.ts';
import type { ApplicationRow } from '../tables.ts';
import {
  applicantsApplication,
  event,
  lockedApplication,
  MANUAL_BASIS,
  refreshDeadline,
  requireExamination,
  type ManualContext,
} from './context.ts';
import { replyDueAt } from './deadlines.ts';
import { MANUAL_ERRORS } from './errors.ts';
import type { AttachmentMeta, InformationRequestRow, InterviewRow } from './repository.ts';

/**
 * Art. 27(2): the request lists the languages a reply may use: at least English, French and German, unless
 * the applicant's own official language is offered [digest §2.2 step 5].
 */
export const DEFAULT_REPLY_LANGUAGES = ['en', 'fr', 'de'] as const;

/** The National Unit of the responsible state works on a file in its queue (art. 25(1)); else 403/409. */
export function requireOwnOpenFile(app: ApplicationRow, actorState: string): void {
  if (app.queue !== 'national-unit' || (app.status !== 'manual' && app.status !== 'issued')) {
    throw conflict(
      MANUAL_ERRORS.notInNationalUnitQueue,
      `The application is ${app.status}, not in manual processing by a National Unit.`,
      { status: app.status, queue: app.queue },
    );
  }
  if (app.responsible_state !== actorState) {
    throw forbidden(
      MANUAL_ERRORS.notResponsible,
      `The National Unit of ${app.responsible_state ?? 'another state'} is responsible for this application (art. 25).`,
      { responsibleState: app.responsible_state },
    );
  }
}

const text = (value: string, field: string, max = 4000): string => {
  const t = value.trim();
  if (t === '' || t.length > max) {
    throw invalid(MANUAL_ERRORS.requestInvalid, `${field} must hold 1 to ${max} characters.`, { field });
  }
  return t;
};

export interface RequestInput {
  /** What the applicant is asked (art. 27(1)): the information or the documents wanted, and why. */
  question: string;
  /** The documents asked for, as the applicant reads them (e.g. "proof of means of subsistence"). */
  documents?: string[];
  /** ISO 639-1 codes of the languages a reply may use; at least en, fr, de by default. */
  languages?: string[];
}

/** A request for information as the National Unit and the applicant see it. */
export interface RequestView {
  id: string;
  question: string;
  documents: string[];
  languages: string[];
  sentAt: string;
  replyDueAt: string;
  receivedAt: string | null;
  replyText: string | null;
  attachments: AttachmentMeta[];
  requestedBy: string;
}

export const toRequestView = (r: InformationRequestRow): RequestView => ({
  id: r.id,
  question: r.question,
  documents: r.documents,
  languages: r.languages,
  sentAt: r.sent_at.toISOString(),
  replyDueAt: r.reply_due_at.toISOString(),
  receivedAt: r.received_at?.toISOString() ?? null,
  replyText: r.reply_text,
  attachments: r.reply_attachments ?? [],
  requestedBy: r.authority,
});

/**
 * Asks the applicant for more information or documents (art. 27): sent by e-mail (kept in the file's
 * outbox), answered within 10 days; the decision deadline moves to 96 hours after the reply (art. 32(2) [K]).
 */
export async function requestInformation(
  ctx: ManualContext,
  call: WriteCall & { applicationId: string; input: RequestInput },
): Promise<{ value: RequestView; replayed: boolean }> {
  requireExamination(call, 'etias:decide');
  const question = text(call.input.question, 'question');
  const documents = (call.input.documents ?? []).map((d) => text(d, 'documents[]', 300));
  const languages = [
    ...new Set([...(call.input.languages ?? []), ...DEFAULT_REPLY_LANGUAGES].map((l) => l.toLowerCase())),
  ];
  const request = { applicationId: call.applicationId, question, documents, languages };
  return ctx.writes.run(idempotency(call, 'etias.request.create', request), async (trx) => {
    const app = await lockedApplication(ctx, trx, call.applicationId);
    requireOwnOpenFile(app, call.actor.memberState);
    const now = ctx.clock.now();
    const row: InformationRequestRow = {
      id: `eri_${randomUUID()}`,
      application_id: app.id,
      member_state: call.actor.memberState,
      requested_by: call.actor.username,
      authority: call.actor.authorityName,
      question,
      documents,
      languages,
      sent_at: now,
      reply_due_at: replyDueAt(now, ctx.settings),
      reply_text: null,
      reply_attachments: null,
      received_at: null,
    };
    await ctx.manual.insertRequest(trx, row);
    await ctx.manual.insertNotice(trx, {
      id: `eno_${randomUUID()}`,
      application_id: app.id,
      decision_id: null,
      kind: 'information-request',
      recipient: app.content.email,
      lang: 'en',
      subject: `ETIAS application ${app.id}: request for additional information`,
      body: [
        `The ${call.actor.authorityName} asks for additional information or documents on your ETIAS application ${app.id} (art. 27 of Regulation (EU) 2018/1240).`,
        '',
        question,
        ...documents.map((d) => `- ${d}`),
        '',
        `Reply by ${row.reply_due_at.toISOString()} through the ETIAS website, in one of these languages: ${languages.join(', ')}.`,
        'Without a reply in time, the application may be refused (art. 37(1)(f)).',
      ].join('\n'),
      created_at: now,
    });
    const due = await refreshDeadline(ctx, trx, app);
    await event(ctx, trx, app.id, 'information-requested', call.actor, {
      requestId: row.id,
      replyDueAt: row.reply_due_at.toISOString(),
      decisionDueAt: due.toISOString(),
    });
    await recordApplicationChanges(ctx, trx, [app.id]);
    await log(ctx, trx, call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.request',
      legalBasis: MANUAL_BASIS.request,
      recordRefs: [app.id, row.id],
      resultSummary: `information requested, reply due ${row.reply_due_at.toISOString()}`,
      dataEraseAfter: app.erase_after,
    });
    return toRequestView(row);
  });
}

/** The requests of the applicant's own application, as the applicant sees them (public route). */
export async function applicantRequests(
  ctx: ManualContext,
  input: { applicationId: string; documentNumber: string; requestId?: string },
): Promise<RequestView[]> {
  const call: Call = {
    actor: APPLICANT_ACTOR,
    purpose: EXAMINATION_PURPOSE,
    ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
  };
  return readThenLog(ctx, async (db, logs) => {
    const app = await applicantsApplication(ctx, db, input.applicationId, input.documentNumber);
    const bundle = await ctx.manual.bundle(db, app.id);
    logs.add(call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.request.read-by-applicant',
      legalBasis: MANUAL_BASIS.request,
      queryDataTypes: ['applicationId', 'documentNumber'],
      recordRefs: [app.id],
      resultSummary: `${bundle.requests.length} requests`,
      dataEraseAfter: app.erase_after,
    });
    return bundle.requests.map(toRequestView);
  });
}

export interface ReplyInput {
  documentNumber: string;
  text: string;
  attachments?: AttachmentMeta[];
}

/**
 * The applicant's reply (art. 27(3)), through the public route with the application id and the travel
 * document's number. A reply after the 10 days is refused: the National Unit may then refuse on art.
 * 37(1)(f). The decision deadline becomes 96 hours after the reply (art. 32(2) [K]).
 */
export async function replyToRequest(
  ctx: ManualContext,
  input: ReplyInput & { applicationId: string; requestId: string; httpRequestId?: string },
): Promise<RequestView> {
  const call: Call = {
    actor: APPLICANT_ACTOR,
    purpose: EXAMINATION_PURPOSE,
    ...(input.httpRequestId === undefined ? {} : { requestId: input.httpRequestId }),
  };
  const replyText = text(input.text, 'text', 20_000);
  const attachments = (input.attachments ?? []).map((a) => ({
    name: text(a.name, 'attachments[].name', 255),
    mediaType: text(a.mediaType, 'attachments[].mediaType', 100),
    size: a.size,
    ...(a.sha256 === undefined ? {} : { sha256: a.sha256 }),
  }));
  const { value } = await ctx.writes.run(null, async (trx) => {
    const app = await applicantsApplication(ctx, trx, input.applicationId, input.documentNumber, true);
    const request = await ctx.manual.findRequest(trx, app.id, input.requestId);
    if (request === undefined) {
      throw notFound(
        MANUAL_ERRORS.requestNotFound,
        `There is no request "${input.requestId}" on this application.`,
      );
    }
    if (request.received_at !== null) {
      throw conflict(MANUAL_ERRORS.requestAlreadyAnswered, 'This request was answered already.');
    }
    const now = ctx.clock.now();
    if (now.getTime() > request.reply_due_at.getTime()) {
      throw conflict(
        MANUAL_ERRORS.requestPastDeadline,
        `The reply was due by ${request.reply_due_at.toISOString()} (art. 27(2)).`,
        { replyDueAt: request.reply_due_at.toISOString() },
      );
    }
    await ctx.manual.recordReply(trx, request.id, { text: replyText, attachments, receivedAt: now });
    const due = await refreshDeadline(ctx, trx, app);
    await event(ctx, trx, app.id, 'information-received', APPLICANT_ACTOR, {
      requestId: request.id,
      attachments: attachments.length,
      decisionDueAt: due.toISOString(),
    });
    await recordApplicationChanges(ctx, trx, [app.id]);
    await log(ctx, trx, call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.reply',
      legalBasis: MANUAL_BASIS.request,
      queryDataTypes: ['applicationId', 'documentNumber'],
      recordRefs: [app.id, request.id],
      resultSummary: `reply received with ${attachments.length} attachments`,
      dataEraseAfter: app.erase_after,
    });
    return toRequestView({
      ...request,
      reply_text: replyText,
      reply_attachments: attachments,
      received_at: now,
    });
  });
  return value;
}

export interface InterviewInput {
  /** When the interview takes place; in the future. */
  scheduledAt: string;
  mode: 'in-person' | 'video';
  /** The consulate or office for an interview in person, or how to join by video. */
  place: string;
}

export interface InterviewView {
  id: string;
  scheduledAt: string;
  mode: 'in-person' | 'video';
  place: string;
  sentAt: string;
  outcome: 'held' | 'no-show' | null;
  notes: string | null;
  recordedAt: string | null;
}

export const toInterviewView = (r: InterviewRow): InterviewView => ({
  id: r.id,
  scheduledAt: r.scheduled_at.toISOString(),
  mode: r.mode,
  place: r.place,
  sentAt: r.sent_at.toISOString(),
  outcome: r.outcome,
  notes: r.outcome_notes,
  recordedAt: r.recorded_at?.toISOString() ?? null,
});

/**
 * Art. 27(4) [K]: exceptionally, an invitation to an interview at a consulate in the applicant's country of
 * residence or by remote means. The decision deadline becomes 48 hours after the interview (art. 32(2) [K]).
 */
export async function inviteToInterview(
  ctx: ManualContext,
  call: WriteCall & { applicationId: string; input: InterviewInput },
): Promise<{ value: InterviewView; replayed: boolean }> {
  requireExamination(call, 'etias:decide');
  const scheduledAt = new Date(call.input.scheduledAt);
  const place = text(call.input.place, 'place', 500);
  if (Number.isNaN(scheduledAt.getTime()) || scheduledAt.getTime() <= ctx.clock.now().getTime()) {
    throw invalid(MANUAL_ERRORS.requestInvalid, 'scheduledAt must be a time in the future.', {
      field: 'scheduledAt',
    });
  }
  const request = { applicationId: call.applicationId, ...call.input };
  return ctx.writes.run(idempotency(call, 'etias.interview.create', request), async (trx) => {
    const app = await lockedApplication(ctx, trx, call.applicationId);
    requireOwnOpenFile(app, call.actor.memberState);
    const now = ctx.clock.now();
    const row: InterviewRow = {
      id: `ein_${randomUUID()}`,
      application_id: app.id,
      member_state: call.actor.memberState,
      invited_by: call.actor.username,
      scheduled_at: scheduledAt,
      mode: call.input.mode,
      place,
      sent_at: now,
      outcome: null,
      outcome_notes: null,
      recorded_at: null,
      recorded_by: null,
    };
    await ctx.manual.insertInterview(trx, row);
    await ctx.manual.insertNotice(trx, {
      id: `eno_${randomUUID()}`,
      application_id: app.id,
      decision_id: null,
      kind: 'interview-invitation',
      recipient: app.content.email,
      lang: 'en',
      subject: `ETIAS application ${app.id}: invitation to an interview`,
      body: [
        `The ${call.actor.authorityName} invites you to an interview on your ETIAS application ${app.id} (art. 27(4) of Regulation (EU) 2018/1240).`,
        `When: ${scheduledAt.toISOString()}`,
        `${call.input.mode === 'video' ? 'How to join' : 'Where'}: ${place}`,
        'If you do not attend, the application may be refused (art. 37(1)(g)).',
      ].join('\n'),
      created_at: now,
    });
    const due = await refreshDeadline(ctx, trx, app);
    await event(ctx, trx, app.id, 'interview-invited', call.actor, {
      interviewId: row.id,
      scheduledAt: scheduledAt.toISOString(),
      decisionDueAt: due.toISOString(),
    });
    await recordApplicationChanges(ctx, trx, [app.id]);
    await log(ctx, trx, call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.interview.invite',
      legalBasis: MANUAL_BASIS.interview,
      recordRefs: [app.id, row.id],
      resultSummary: `interview ${call.input.mode} at ${scheduledAt.toISOString()}`,
      dataEraseAfter: app.erase_after,
    });
    return toInterviewView(row);
  });
}

/** Records whether the interview took place; "no-show" opens the ground of art. 37(1)(g). */
export async function recordInterviewOutcome(
  ctx: ManualContext,
  call: WriteCall & {
    applicationId: string;
    interviewId: string;
    input: { outcome: 'held' | 'no-show'; notes?: string };
  },
): Promise<{ value: InterviewView; replayed: boolean }> {
  requireExamination(call, 'etias:decide');
  const notes =
    call.input.notes === undefined || call.input.notes.trim() === '' ? null : call.input.notes.trim();
  const request = { applicationId: call.applicationId, interviewId: call.interviewId, ...call.input };
  return ctx.writes.run(idempotency(call, 'etias.interview.outcome', request), async (trx) => {
    const app = await lockedApplication(ctx, trx, call.applicationId);
    requireOwnOpenFile(app, call.actor.memberState);
    const interview = await ctx.manual.findInterview(trx, app.id, call.interviewId);
    if (interview === undefined) {
      throw notFound(
        MANUAL_ERRORS.interviewNotFound,
        `There is no interview "${call.interviewId}" on this application.`,
      );
    }
    if (interview.outcome !== null) {
      throw conflict(
        MANUAL_ERRORS.interviewAlreadyRecorded,
        'The outcome of this interview is recorded already.',
      );
    }
    const now = ctx.clock.now();
    if (call.input.outcome === 'no-show' && now.getTime() < interview.scheduled_at.getTime()) {
      throw conflict(
        MANUAL_ERRORS.interviewNotYetDue,
        `The interview is scheduled for ${interview.scheduled_at.toISOString()}: nobody has missed it yet.`,
      );
    }
    await ctx.manual.recordInterviewOutcome(trx, interview.id, {
      outcome: call.input.outcome,
      notes,
      at: now,
      by: call.actor.username,
    });
    const due = await refreshDeadline(ctx, trx, app);
    await event(ctx, trx, app.id, `interview-${call.input.outcome}`, call.actor, {
      interviewId: interview.id,
      decisionDueAt: due.toISOString(),
    });
    await recordApplicationChanges(ctx, trx, [app.id]);
    await log(ctx, trx, call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.interview.outcome',
      legalBasis: MANUAL_BASIS.interview,
      recordRefs: [app.id, interview.id],
      resultSummary: call.input.outcome,
      dataEraseAfter: app.erase_after,
    });
    return toInterviewView({
      ...interview,
      outcome: call.input.outcome,
      outcome_notes: notes,
      recorded_at: now,
      recorded_by: call.actor.username,
    });
  });
}
