import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The core of ETIAS: the application file (art. 17 data plus what the system adds), the hits of automated
 * processing (art. 20(7)) and the file's history. Hits and events belong to their application and go with it
 * when it is erased (art. 54).
 */
export const coreMigrations: Record<string, Migration> = {
  '0001_core': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('etias.application')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('queue', 'text')
        .addColumn('responsible_state', 'text')
        // The application as submitted (art. 17), normalised on the way in.
        .addColumn('content', 'jsonb', (c) => c.notNull())
        .addColumn('surname_norm', 'text', (c) => c.notNull())
        .addColumn('given_names_norm', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('birth_year', 'integer')
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('nationality', 'text', (c) => c.notNull())
        .addColumn('document_number', 'text', (c) => c.notNull())
        .addColumn('document_number_norm', 'text', (c) => c.notNull())
        .addColumn('document_issuing_state', 'text', (c) => c.notNull())
        .addColumn('document_expiry', 'date', (c) => c.notNull())
        .addColumn('email_norm', 'text', (c) => c.notNull())
        .addColumn('residence_country', 'text', (c) => c.notNull())
        .addColumn('intended_state', 'text')
        .addColumn('fee_cents', 'integer', (c) => c.notNull())
        .addColumn('fee_exemption', 'text')
        .addColumn('payment_reference', 'text')
        .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
        // Art. 17(8) [K]: the IP address from which the form was submitted.
        .addColumn('submitted_ip', 'text')
        .addColumn('central_due_at', 'timestamptz')
        .addColumn('decision_due_at', 'timestamptz')
        .addColumn('decided_at', 'timestamptz')
        // Null with a decision: the central system decided (art. 21(1), art. 39).
        .addColumn('decided_by', 'text')
        .addColumn('valid_from', 'date')
        .addColumn('valid_until', 'date')
        .addColumn('flags', 'jsonb', (c) => c.notNull())
        // Null: valid for every member state; else the states of a limited territorial validity (art. 44).
        .addColumn('territorial_validity', 'jsonb')
        .addColumn('erase_after', 'date')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      // The queues: status and queue with their deadlines, by responsible state for the National Units.
      await db.schema
        .createIndex('application_queue_central_idx')
        .on('etias.application')
        .columns(['status', 'queue', 'central_due_at'])
        .execute();
      await db.schema
        .createIndex('application_queue_national_idx')
        .on('etias.application')
        .columns(['status', 'queue', 'responsible_state', 'decision_due_at'])
        .execute();
      await db.schema
        .createIndex('application_document_idx')
        .on('etias.application')
        .columns(['document_number_norm', 'document_issuing_state'])
        .execute();
      await db.schema
        .createIndex('application_name_idx')
        .on('etias.application')
        .columns(['surname_norm', 'birth_year'])
        .execute();
      await db.schema
        .createIndex('application_erase_idx')
        .on('etias.application')
        .column('erase_after')
        .execute();
      await sql`create index application_pending_idx on etias.application (submitted_at) where status = 'pending'`.execute(
        db,
      );

      await db.schema
        .createTable('etias.hit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) =>
          c.notNull().references('etias.application.id').onDelete('cascade'),
        )
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('record_ref', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('explanation', 'jsonb', (c) => c.notNull())
        .addColumn('record', 'jsonb')
        .addColumn('member_state', 'text')
        .addColumn('notify_only', 'boolean', (c) => c.notNull())
        .addColumn('refusal_ground', 'text')
        .addColumn('probability', 'double precision')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('verified_by', 'text')
        .addColumn('verified_at', 'timestamptz')
        .addColumn('note', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hit_application_idx').on('etias.hit').column('application_id').execute();
      // Revocation and the 7-day rule (art. 54) follow a source record to the files it hit.
      await db.schema.createIndex('hit_record_idx').on('etias.hit').column('record_ref').execute();

      await db.schema
        .createTable('etias.event')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) =>
          c.notNull().references('etias.application.id').onDelete('cascade'),
        )
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('authority', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('details', 'jsonb', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('event_application_idx')
        .on('etias.event')
        .columns(['application_id', 'at'])
        .execute();
    },
  },
};
