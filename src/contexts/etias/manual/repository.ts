import { sql } from 'kysely';
import type { Executor } from '../../../platform/database/index.ts';
import type { ApplicationStatus, Queue, RefusalGround } from '../model.ts';
import type { FlagInput } from './rules.ts';

/** Rows of the 0002_manual tables (see migrations/manual.ts). */
export interface InformationRequestRow {
  id: string;
  application_id: string;
  member_state: string;
  requested_by: string;
  authority: string;
  question: string;
  documents: string[];
  languages: string[];
  sent_at: Date;
  reply_due_at: Date;
  reply_text: string | null;
  reply_attachments: AttachmentMeta[] | null;
  received_at: Date | null;
}

export interface AttachmentMeta {
  name: string;
  mediaType: string;
  size: number;
  sha256?: string;
}

export interface InterviewRow {
  id: string;
  application_id: string;
  member_state: string;
  invited_by: string;
  scheduled_at: Date;
  mode: 'in-person' | 'video';
  place: string;
  sent_at: Date;
  outcome: 'held' | 'no-show' | null;
  outcome_notes: string | null;
  recorded_at: Date | null;
  recorded_by: string | null;
}

export interface ConsultationRow {
  id: string;
  application_id: string;
  consulting_state: string;
  asked_by: string;
  party: 'state' | 'europol';
  consulted_state: string | null;
  question: string;
  asked_at: Date;
  due_at: Date;
  opinion: 'positive' | 'negative' | null;
  reasons: string | null;
  answered_at: Date | null;
  answered_by: string | null;
}

export interface RevocationReviewRow {
  id: string;
  application_id: string;
  member_state: string;
  trigger: string;
  record_ref: string;
  opened_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
}

export interface DecisionRow {
  id: string;
  application_id: string;
  kind: string;
  member_state: string;
  authority: string;
  decided_by: string;
  decided_at: Date;
  grounds: RefusalGround[];
  flags: FlagInput[];
  justification: string | null;
  basis: string | null;
  valid_from: string | null;
  valid_until: string | null;
  valid_states: string[] | null;
}

export interface NoticeRow {
  id: string;
  application_id: string;
  decision_id: string | null;
  kind: string;
  recipient: string;
  lang: string;
  subject: string;
  body: string;
  created_at: Date;
}

type Tables = {
  'etias.information_request': InformationRequestRow;
  'etias.interview': InterviewRow;
  'etias.consultation': ConsultationRow;
  'etias.revocation_review': RevocationReviewRow;
  'etias.decision': DecisionRow;
  'etias.notice': NoticeRow;
};

const q = (db: Executor) => db.withTables<Tables>();
const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** Everything manual processing recorded on one file. */
export interface ManualBundle {
  requests: InformationRequestRow[];
  interviews: InterviewRow[];
  consultations: ConsultationRow[];
  decisions: DecisionRow[];
  reviews: RevocationReviewRow[];
  notices: NoticeRow[];
}

/** Kysely over the 0002_manual tables. Rows in, rows out; no rule here. */
export class ManualRepository {
  async bundle(db: Executor, applicationId: string): Promise<ManualBundle> {
    const [requests, interviews, consultations, decisions, reviews, notices] = await Promise.all([
      q(db)
        .selectFrom('etias.information_request')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('sent_at')
        .orderBy('id')
        .execute(),
      q(db)
        .selectFrom('etias.interview')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('sent_at')
        .orderBy('id')
        .execute(),
      q(db)
        .selectFrom('etias.consultation')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('asked_at')
        .orderBy('id')
        .execute(),
      q(db)
        .selectFrom('etias.decision')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('decided_at')
        .orderBy('id')
        .execute(),
      q(db)
        .selectFrom('etias.revocation_review')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('opened_at')
        .orderBy('id')
        .execute(),
      q(db)
        .selectFrom('etias.notice')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    ]);
    return { requests, interviews, consultations, decisions, reviews, notices };
  }

  async insertRequest(trx: Executor, row: InformationRequestRow): Promise<void> {
    await q(trx)
      .insertInto('etias.information_request')
      .values({
        ...row,
        documents: json(row.documents),
        languages: json(row.languages),
        reply_attachments: null,
      } as never)
      .execute();
  }

  async findRequest(
    db: Executor,
    applicationId: string,
    id: string,
  ): Promise<InformationRequestRow | undefined> {
    return q(db)
      .selectFrom('etias.information_request')
      .selectAll()
      .where('id', '=', id)
      .where('application_id', '=', applicationId)
      .forUpdate()
      .executeTakeFirst();
  }

  async recordReply(
    trx: Executor,
    id: string,
    reply: { text: string; attachments: AttachmentMeta[]; receivedAt: Date },
  ): Promise<void> {
    await q(trx)
      .updateTable('etias.information_request')
      .set({
        reply_text: reply.text,
        reply_attachments: json(reply.attachments),
        received_at: reply.receivedAt,
      } as never)
      .where('id', '=', id)
      .execute();
  }

  async insertInterview(trx: Executor, row: InterviewRow): Promise<void> {
    await q(trx).insertInto('etias.interview').values(row).execute();
  }

  async findInterview(db: Executor, applicationId: string, id: string): Promise<InterviewRow | undefined> {
    return q(db)
      .selectFrom('etias.interview')
      .selectAll()
      .where('id', '=', id)
      .where('application_id', '=', applicationId)
      .forUpdate()
      .executeTakeFirst();
  }

  async recordInterviewOutcome(
    trx: Executor,
    id: string,
    outcome: { outcome: 'held' | 'no-show'; notes: string | null; at: Date; by: string },
  ): Promise<void> {
    await q(trx)
      .updateTable('etias.interview')
      .set({
        outcome: outcome.outcome,
        outcome_notes: outcome.notes,
        recorded_at: outcome.at,
        recorded_by: outcome.by,
      })
      .where('id', '=', id)
      .execute();
  }

  async insertConsultation(trx: Executor, row: ConsultationRow): Promise<void> {
    await q(trx).insertInto('etias.consultation').values(row).execute();
  }

  async findConsultation(db: Executor, id: string): Promise<ConsultationRow | undefined> {
    return q(db).selectFrom('etias.consultation').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async recordOpinion(
    trx: Executor,
    id: string,
    opinion: { opinion: 'positive' | 'negative'; reasons: string; at: Date; by: string },
  ): Promise<boolean> {
    const r = await q(trx)
      .updateTable('etias.consultation')
      .set({
        opinion: opinion.opinion,
        reasons: opinion.reasons,
        answered_at: opinion.at,
        answered_by: opinion.by,
      })
      .where('id', '=', id)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Consultations addressed to a state (or to Europol, `null`), newest first. */
  async consultationsFor(db: Executor, consulted: string | null, limit: number): Promise<ConsultationRow[]> {
    let query = q(db).selectFrom('etias.consultation').selectAll();
    query =
      consulted === null
        ? query.where('party', '=', 'europol')
        : query.where('consulted_state', '=', consulted);
    return query.orderBy('asked_at', 'desc').orderBy('id').limit(limit).execute();
  }

  /** Opens a revocation review unless the same record already opened one for this file; true when opened. */
  async openReview(trx: Executor, row: RevocationReviewRow): Promise<boolean> {
    const r = await q(trx)
      .insertInto('etias.revocation_review')
      .values(row)
      .onConflict((oc) => oc.columns(['application_id', 'record_ref']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }

  async closeReviews(trx: Executor, applicationId: string, at: Date, by: string): Promise<void> {
    await q(trx)
      .updateTable('etias.revocation_review')
      .set({ closed_at: at, closed_by: by })
      .where('application_id', '=', applicationId)
      .where('closed_at', 'is', null)
      .execute();
  }

  async insertDecision(trx: Executor, row: DecisionRow): Promise<void> {
    await q(trx)
      .insertInto('etias.decision')
      .values({
        ...row,
        grounds: json(row.grounds),
        flags: json(row.flags),
        valid_states: row.valid_states === null ? null : json(row.valid_states),
      } as never)
      .execute();
  }

  async insertNotice(trx: Executor, row: NoticeRow): Promise<void> {
    await q(trx).insertInto('etias.notice').values(row).execute();
  }
}

/** A queue row as the list shows it. */
export interface QueueRow {
  application_id: string;
  reason: 'assessment' | 'revocation-review';
  status: ApplicationStatus;
  queue: Queue | null;
  surname: string;
  given_names: string;
  birth_date: string;
  nationality: string;
  received_at: Date;
  due_at: Date;
  review_trigger: string | null;
  review_record_ref: string | null;
  open_requests: number;
  pending_consultations: number;
}
