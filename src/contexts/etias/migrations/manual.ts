import type { Kysely, Migration } from 'kysely';

/**
 * The National Units' manual processing (Reg. (EU) 2018/1240 arts. 26-44): requests for information and the
 * applicant's replies (art. 27), interviews (art. 27(4) [K]), consultations of other states (art. 28) and
 * Europol (art. 29), decisions (arts. 36-44), revocation reviews (art. 41(3)-(4)), and the notices to the
 * applicant (arts. 38, 42) kept as an outbox of rendered texts (Interlink sends no mail).
 *
 * Deadlines are stored as instants when the event that starts them is written (`reply_due_at`, `due_at`,
 * `etias.application.decision_due_at`, recomputed on each event that moves it); what follows from them later — a request unanswered, silence counting as a positive
 * opinion, a file overdue — is computed when read, never written by a timer.
 * Every row references the application; the core migration (0001) creates `etias.application`.
 */
export const manualMigrations: Record<string, Migration> = {
  '0002_manual': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('etias.information_request')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) =>
          c.notNull().references('etias.application.id').onDelete('cascade'),
        )
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('authority', 'text', (c) => c.notNull())
        // What is asked (art. 27(1)-(3)): a text and the documents wanted, and the languages a reply may use.
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('documents', 'jsonb', (c) => c.notNull())
        .addColumn('languages', 'jsonb', (c) => c.notNull())
        .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
        .addColumn('reply_due_at', 'timestamptz', (c) => c.notNull())
        .addColumn('reply_text', 'text')
        // Metadata of the electronic copies sent (name, media type, size, SHA-256); the files are not kept here.
        .addColumn('reply_attachments', 'jsonb')
        .addColumn('received_at', 'timestamptz')
        .execute();
      await db.schema
        .createIndex('information_request_application_idx')
        .on('etias.information_request')
        .column('application_id')
        .execute();

      await db.schema
        .createTable('etias.interview')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) =>
          c.notNull().references('etias.application.id').onDelete('cascade'),
        )
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('invited_by', 'text', (c) => c.notNull())
        .addColumn('scheduled_at', 'timestamptz', (c) => c.notNull())
        // 'in-person' at `place`, or 'video' (remote means, art. 27(4)).
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('outcome_notes', 'text')
        .addColumn('recorded_at', 'timestamptz')
        .addColumn('recorded_by', 'text')
        .execute();
      await db.schema
        .createIndex('interview_application_idx')
        .on('etias.interview')
        .column('application_id')
        .execute();

      await db.schema
        .createTable('etias.consultation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) =>
          c.notNull().references('etias.application.id').onDelete('cascade'),
        )
        .addColumn('consulting_state', 'text', (c) => c.notNull())
        .addColumn('asked_by', 'text', (c) => c.notNull())
        // 'state' (art. 28: the state whose data triggered the hit) or 'europol' (art. 29).
        .addColumn('party', 'text', (c) => c.notNull())
        .addColumn('consulted_state', 'text')
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('asked_at', 'timestamptz', (c) => c.notNull())
        .addColumn('due_at', 'timestamptz', (c) => c.notNull())
        .addColumn('opinion', 'text')
        .addColumn('reasons', 'text')
        .addColumn('answered_at', 'timestamptz')
        .addColumn('answered_by', 'text')
        .execute();
      await db.schema
        .createIndex('consultation_application_idx')
        .on('etias.consultation')
        .column('application_id')
        .execute();
      await db.schema
        .createIndex('consultation_consulted_idx')
        .on('etias.consultation')
        .columns(['consulted_state', 'answered_at'])
        .execute();

      // Art. 41(3)-(4): a valid authorisation sent to a state's National Unit for a revocation review.
      await db.schema
        .createTable('etias.revocation_review')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) =>
          c.notNull().references('etias.application.id').onDelete('cascade'),
        )
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('record_ref', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
        .addColumn('closed_at', 'timestamptz')
        .addColumn('closed_by', 'text')
        .addUniqueConstraint('revocation_review_trigger_key', ['application_id', 'record_ref'])
        .execute();
      await db.schema
        .createIndex('revocation_review_open_idx')
        .on('etias.revocation_review')
        .columns(['member_state', 'closed_at'])
        .execute();

      await db.schema
        .createTable('etias.decision')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) =>
          c.notNull().references('etias.application.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('authority', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
        .addColumn('grounds', 'jsonb', (c) => c.notNull())
        .addColumn('flags', 'jsonb', (c) => c.notNull())
        .addColumn('justification', 'text')
        .addColumn('basis', 'text')
        .addColumn('valid_from', 'date')
        .addColumn('valid_until', 'date')
        .addColumn('valid_states', 'jsonb')
        .execute();
      await db.schema
        .createIndex('decision_application_idx')
        .on('etias.decision')
        .columns(['application_id', 'decided_at'])
        .execute();

      // The e-mail outbox: each notice's rendered text as the applicant receives it (arts. 38, 42).
      await db.schema
        .createTable('etias.notice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) =>
          c.notNull().references('etias.application.id').onDelete('cascade'),
        )
        .addColumn('decision_id', 'text', (c) => c.references('etias.decision.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('notice_application_idx')
        .on('etias.notice')
        .column('application_id')
        .execute();
    },
  },
};
