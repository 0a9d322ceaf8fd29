import type { ApplicationInput, ApplicationStatus, AuthorisationFlag, HitState, Queue } from './model.ts';
import type { ApplicationRow, EventRow, HitRow } from './tables.ts';

/** Where a deadline stands: past it, within the "due soon" window, or later. */
export type DeadlineState = 'overdue' | 'due-soon' | 'on-time';

/** Hours before a deadline from which a file counts as due soon (queue screens, filters). */
export const DUE_SOON_HOURS = 2;

export function deadlineState(due: Date | null, now: Date): DeadlineState | null {
  if (due === null) {
    return null;
  }
  const left = due.getTime() - now.getTime();
  return left < 0 ? 'overdue' : left < DUE_SOON_HOURS * 3_600_000 ? 'due-soon' : 'on-time';
}

/** One hit as the officer sees it: the rule, the explanation and the record it hit, side by side. */
export interface HitView {
  id: string;
  source: string;
  recordRef: string;
  rule: string;
  explanation: string[];
  record: Record<string, unknown> | null;
  memberState: string | null;
  notifyOnly: boolean;
  refusalGround: string | null;
  probability: number | null;
  state: HitState;
  verifiedBy: string | null;
  verifiedAt: string | null;
  note: string | null;
  createdAt: string;
}

export interface EventView {
  at: string;
  kind: string;
  authority: string;
  user: string;
  details: Record<string, unknown>;
}

/** The summary of a file in a queue. */
export interface ApplicationSummary {
  id: string;
  status: ApplicationStatus;
  queue: Queue | null;
  responsibleState: string | null;
  surname: string;
  givenNames: string;
  birthDate: string;
  nationality: string;
  document: { number: string; issuingState: string };
  submittedAt: string;
  centralDueAt: string | null;
  decisionDueAt: string | null;
  /** The deadline of the file's current queue, and where it stands. */
  deadline: { at: string; state: DeadlineState } | null;
  version: number;
}

/** The full file for the Central Unit and the National Units. */
export interface ApplicationFile extends ApplicationSummary {
  content: ApplicationInput;
  fee: { amountCents: number; currency: 'EUR'; exemption: string | null; paymentReference: string | null };
  decidedAt: string | null;
  /** Null with a decision: the central system decided (art. 21(1)). */
  decidedBy: string | null;
  validFrom: string | null;
  validUntil: string | null;
  flags: AuthorisationFlag[];
  territorialValidity: string[] | null;
  eraseAfter: string | null;
  hits: HitView[];
  events: EventView[];
}

export function toHitView(h: HitRow): HitView {
  return {
    id: h.id,
    source: h.source,
    recordRef: h.record_ref,
    rule: h.rule,
    explanation: h.explanation,
    record: h.record,
    memberState: h.member_state,
    notifyOnly: h.notify_only,
    refusalGround: h.refusal_ground,
    probability: h.probability,
    state: h.state as HitState,
    verifiedBy: h.verified_by,
    verifiedAt: h.verified_at?.toISOString() ?? null,
    note: h.note,
    createdAt: h.created_at.toISOString(),
  };
}

export function toEventView(e: EventRow): EventView {
  return {
    at: e.at.toISOString(),
    kind: e.kind,
    authority: e.authority,
    user: e.username,
    details: e.details,
  };
}

export function toSummary(row: ApplicationRow, now: Date): ApplicationSummary {
  const due =
    row.queue === 'central-unit'
      ? row.central_due_at
      : row.queue === 'national-unit'
        ? row.decision_due_at
        : null;
  const state = deadlineState(due, now);
  return {
    id: row.id,
    status: row.status as ApplicationStatus,
    queue: row.queue as Queue | null,
    responsibleState: row.responsible_state,
    surname: row.content.surname,
    givenNames: row.content.givenNames,
    birthDate: row.birth_date,
    nationality: row.nationality,
    document: { number: row.document_number, issuingState: row.document_issuing_state },
    submittedAt: row.submitted_at.toISOString(),
    centralDueAt: row.central_due_at?.toISOString() ?? null,
    decisionDueAt: row.decision_due_at?.toISOString() ?? null,
    deadline: due === null || state === null ? null : { at: due.toISOString(), state },
    version: row.version,
  };
}

export function toFile(row: ApplicationRow, hits: HitRow[], events: EventRow[], now: Date): ApplicationFile {
  return {
    ...toSummary(row, now),
    content: row.content,
    fee: {
      amountCents: row.fee_cents,
      currency: 'EUR',
      exemption: row.fee_exemption,
      paymentReference: row.payment_reference,
    },
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decided_by,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    flags: row.flags as AuthorisationFlag[],
    territorialValidity: row.territorial_validity,
    eraseAfter: row.erase_after,
    hits: hits.map(toHitView),
    events: events.map(toEventView),
  };
}
