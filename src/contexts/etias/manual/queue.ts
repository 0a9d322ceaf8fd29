import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../platform/database/index.ts';
import { direction, type SortOrder } from '../../../platform/sorting.ts';
import { EXAMINATION_PURPOSE, readThenLog, type Call } from '../context.ts';
import type { ApplicationStatus } from '../model.ts';
import { MANUAL_BASIS, requireExamination, type ManualContext } from './context.ts';
import { addHours, DUE_SOON_HOURS, urgencyOf, type Urgency } from './deadlines.ts';

/** The fields the National Unit queue sorts by. */
export const NU_QUEUE_SORT_FIELDS = ['dueAt', 'submittedAt', 'nationality', 'reason'] as const;
export type NuQueueSortField = (typeof NU_QUEUE_SORT_FIELDS)[number];

export const QUEUE_REASONS = ['assessment', 'revocation-review'] as const;
export type QueueReason = (typeof QUEUE_REASONS)[number];

export interface NuQueueFilter {
  deadline?: 'overdue' | 'soon';
  reason?: QueueReason;
  nationality?: string;
  sort: SortOrder<NuQueueSortField>;
  limit: number;
  offset: number;
}

export interface NuQueueItem {
  applicationId: string;
  /** `assessment`: a file sent to this state's National Unit (art. 26); `revocation-review`: a valid
   * authorisation sent back by a new SIS refusal alert or watchlist entry (art. 41(3)-(4)). */
  reason: QueueReason;
  status: ApplicationStatus;
  surname: string;
  givenNames: string;
  birthDate: string;
  nationality: string;
  submittedAt: string;
  /** The decision deadline (art. 32); for a revocation review a working target of 96 hours from when it
   * arrived (the Regulation sets none). */
  dueAt: string;
  urgency: Urgency;
  reviewTrigger: string | null;
  reviewRecordRef: string | null;
  openRequests: number;
  pendingConsultations: number;
}

interface Row {
  application_id: string;
  reason: QueueReason;
  status: ApplicationStatus;
  surname: string;
  given_names: string;
  birth_date: string;
  nationality: string;
  submitted_at: Date;
  due_at: Date;
  review_trigger: string | null;
  review_record_ref: string | null;
  open_requests: number;
  pending_consultations: number;
}

/**
 * One SQL over both kinds of queue entry: the files in manual processing for the state (status `manual`, or
 * `issued` with a limited territorial validity while processing goes on, art. 44), and the open revocation
 * reviews of valid authorisations addressed to it.
 */
function entries(state: string, reviewHours: number): RawBuilder<Row> {
  return sql<Row>`(
    select a.id as application_id, 'assessment' as reason, a.status, a.content->>'surname' as surname,
      a.content->>'givenNames' as given_names, a.birth_date, a.nationality, a.submitted_at,
      coalesce(a.decision_due_at, a.submitted_at + make_interval(hours => ${reviewHours})) as due_at,
      null::text as review_trigger, null::text as review_record_ref
    from etias.application a
    where a.queue = 'national-unit' and a.status in ('manual', 'issued') and a.responsible_state = ${state}
    union all
    select a.id, 'revocation-review', a.status, a.content->>'surname', a.content->>'givenNames', a.birth_date,
      a.nationality, a.submitted_at, r.opened_at + make_interval(hours => ${reviewHours}), r.trigger, r.record_ref
    from etias.revocation_review r join etias.application a on a.id = r.application_id
    where r.member_state = ${state} and r.closed_at is null
  )`;
}

async function queuePage(
  db: Executor,
  state: string,
  filter: NuQueueFilter & { now: Date; reviewHours: number },
): Promise<{ rows: Row[]; total: number }> {
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (filter.deadline === 'overdue') {
    where.push(sql`q.due_at < ${filter.now}`);
  } else if (filter.deadline === 'soon') {
    where.push(sql`q.due_at >= ${filter.now} and q.due_at < ${addHours(filter.now, DUE_SOON_HOURS)}`);
  }
  if (filter.reason !== undefined) {
    where.push(sql`q.reason = ${filter.reason}`);
  }
  if (filter.nationality !== undefined) {
    where.push(sql`q.nationality = ${filter.nationality.toUpperCase()}`);
  }
  const cond = sql.join(where, sql` and `);
  const from = entries(state, filter.reviewHours);
  const counted = await sql<{ n: number }>`select count(*)::int as n from ${from} q where ${cond}`.execute(
    db,
  );
  const dir = direction(filter.sort) === 'desc' ? sql`desc` : sql`asc`;
  const keys: Record<NuQueueSortField, RawBuilder<unknown>[]> = {
    dueAt: [sql`q.due_at`],
    submittedAt: [sql`q.submitted_at`],
    nationality: [sql`q.nationality`, sql`q.due_at`],
    reason: [sql`q.reason`, sql`q.due_at`],
  };
  const order = sql.join(
    [...keys[filter.sort.field], sql`q.application_id`, sql`q.reason`].map((k) => sql`${k} ${dir}`),
    sql`, `,
  );
  const rows = await sql<Row>`
    select q.*,
      (select count(*)::int from etias.information_request i
        where i.application_id = q.application_id and i.received_at is null and i.reply_due_at >= ${filter.now}) as open_requests,
      (select count(*)::int from etias.consultation c
        where c.application_id = q.application_id and c.answered_at is null and c.due_at > ${filter.now}) as pending_consultations
    from ${from} q where ${cond}
    order by ${order} limit ${filter.limit} offset ${filter.offset}`.execute(db);
  return { rows: rows.rows, total: counted.rows[0]?.n ?? 0 };
}

/**
 * The National Unit's queue (arts. 26, 32): its own state's files only, filtered, sorted and paged on the
 * server, each with its decision deadline and whether it is overdue or due within 24 hours.
 */
export async function nationalUnitQueue(
  ctx: ManualContext,
  call: Call & NuQueueFilter,
): Promise<{ items: NuQueueItem[]; total: number }> {
  requireExamination(call, 'etias:decide');
  const now = ctx.clock.now();
  return readThenLog(ctx, async (db, logs) => {
    const page = await queuePage(db, call.actor.memberState, {
      ...call,
      now,
      reviewHours: ctx.settings.decisionHours,
    });
    const items = page.rows.map((r): NuQueueItem => ({
      applicationId: r.application_id,
      reason: r.reason,
      status: r.status,
      surname: r.surname,
      givenNames: r.given_names,
      birthDate: r.birth_date,
      nationality: r.nationality,
      submittedAt: new Date(r.submitted_at).toISOString(),
      dueAt: new Date(r.due_at).toISOString(),
      urgency: urgencyOf(new Date(r.due_at), now),
      reviewTrigger: r.review_trigger,
      reviewRecordRef: r.review_record_ref,
      openRequests: Number(r.open_requests),
      pendingConsultations: Number(r.pending_consultations),
    }));
    logs.add(call, {
      purpose: EXAMINATION_PURPOSE,
      operation: 'etias.manual.queue',
      legalBasis: MANUAL_BASIS.queue,
      recordRefs: items.map((i) => i.applicationId),
      resultSummary: `${items.length} of ${page.total} files`,
    });
    return { items, total: page.total };
  });
}
