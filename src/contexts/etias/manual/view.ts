import { EXAMINATION_PURPOSE, readThenLog, type Call } from '../context.ts';
import type { ApplicationStatus } from '../model.ts';
import { toConsultationView, type ConsultationView } from './consultations.ts';
import {
  deadlineOf,
  existingApplication,
  MANUAL_BASIS,
  requireExamination,
  type ManualContext,
} from './context.ts';
import {
  requestStateOf,
  urgencyOf,
  type DeadlineBasis,
  type RequestState,
  type Urgency,
} from './deadlines.ts';
import { toDecisionView, type DecisionView } from './decisions.ts';
import { toInterviewView, toRequestView, type InterviewView, type RequestView } from './requests.ts';
import type { DecisionKind } from './rules.ts';

export interface ManualFileView {
  applicationId: string;
  status: ApplicationStatus;
  queue: string | null;
  responsibleState: string | null;
  /** Art. 32: the decision deadline, what it runs from, and how close it is. */
  deadline: { dueAt: string; basis: DeadlineBasis; urgency: Urgency } | null;
  requests: Array<RequestView & { state: RequestState }>;
  interviews: InterviewView[];
  consultations: ConsultationView[];
  decisions: DecisionView[];
  revocationReviews: Array<{
    id: string;
    memberState: string;
    trigger: string;
    recordRef: string;
    openedAt: string;
    closedAt: string | null;
  }>;
  /** The e-mails sent to the applicant, as rendered (Interlink sends no mail: this is the outbox). */
  notices: Array<{
    id: string;
    kind: string;
    recipient: string;
    subject: string;
    body: string;
    createdAt: string;
  }>;
  /** The decisions the caller's National Unit may take now (the forms to show). */
  allowed: DecisionKind[];
  /** Actions on the open file: request information, invite, consult. */
  canProcess: boolean;
}

/**
 * The manual-processing part of a file: requests, interviews, consultations with their opinions as they
 * count now, decisions, revocation reviews, the notices sent, the deadline, and what the caller may do.
 */
export async function manualFile(
  ctx: ManualContext,
  call: Call & { applicationId: string },
): Promise<ManualFileView> {
  requireExamination(call, 'etias:read');
  const now = ctx.clock.now();
  const today = now.toISOString().slice(0, 10);
  return readThenLog(ctx, async (db, logs) => {
    const app = await existingApplication(ctx, db, call.applicationId);
    const bundle = await ctx.manual.bundle(db, app.id);
    const own = app.responsible_state === call.actor.memberState;
    const inQueue = app.queue === 'national-unit' && (app.status === 'manual' || app.status === 'issued');
    const reviewing = bundle.reviews.some(
      (r) => r.closed_at === null && r.member_state === call.actor.memberState,
    );
    const valid = app.status === 'issued' && app.valid_until !== null && app.valid_until >= today;
    const decides = call.actor.profile.permissions.includes('etias:decide');
    const allowed: DecisionKind[] = [];
    if (decides && own && inQueue) {
      allowed.push('issue', 'refuse');
    }
    if (decides && valid && (own || reviewing)) {
      allowed.push('annul', 'revoke');
    }
    if (decides && own && ['manual', 'refused', 'annulled', 'revoked'].includes(app.status)) {
      allowed.push('limited-validity');
    }
    const deadline = inQueue ? deadlineOf(ctx, app, bundle) : null;
    const dueAt = app.decision_due_at ?? deadline?.dueAt ?? null;
    logs.add(call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.file',
      legalBasis: MANUAL_BASIS.queue,
      recordRefs: [app.id],
      resultSummary: `${app.status}, ${bundle.decisions.length} decisions`,
      dataEraseAfter: app.erase_after,
    });
    return {
      applicationId: app.id,
      status: app.status as ApplicationStatus,
      queue: app.queue,
      responsibleState: app.responsible_state,
      deadline:
        deadline === null || dueAt === null
          ? null
          : { dueAt: dueAt.toISOString(), basis: deadline.basis, urgency: urgencyOf(dueAt, now) },
      requests: bundle.requests.map((r) => ({
        ...toRequestView(r),
        state: requestStateOf(
          { sentAt: r.sent_at, replyDueAt: r.reply_due_at, receivedAt: r.received_at },
          now,
        ),
      })),
      interviews: bundle.interviews.map(toInterviewView),
      consultations: bundle.consultations.map((c) => toConsultationView(c, now)),
      decisions: bundle.decisions.map(toDecisionView),
      revocationReviews: bundle.reviews.map((r) => ({
        id: r.id,
        memberState: r.member_state,
        trigger: r.trigger,
        recordRef: r.record_ref,
        openedAt: r.opened_at.toISOString(),
        closedAt: r.closed_at?.toISOString() ?? null,
      })),
      notices: bundle.notices.map((n) => ({
        id: n.id,
        kind: n.kind,
        recipient: n.recipient,
        subject: n.subject,
        body: n.body,
        createdAt: n.created_at.toISOString(),
      })),
      allowed,
      canProcess: decides && own && inQueue,
    };
  });
}
