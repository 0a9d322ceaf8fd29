import { sql, type Kysely, type Migration } from 'kysely';

export const SIS_SCHEMA = 'sis';

/**
 * The alert is the unit of data; names and identifiers are its search keys and go with it. Hits and
 * exchange messages are SIRENE files: they keep the alert id as a plain reference (no foreign key) so that
 * they outlive the alert by the period of 2018/1862 art. 64 and are then erased on their own.
 */
export const sisMigrations: Record<string, Migration> = {
  '0001_alerts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sis.alert')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('covert', 'boolean', (c) => c.notNull())
        .addColumn('urgent', 'boolean', (c) => c.notNull())
        .addColumn('object_type', 'text')
        .addColumn('content', 'jsonb', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('warning_markers', 'jsonb', (c) => c.notNull())
        .addColumn('surname_norm', 'text')
        .addColumn('birth_year', 'integer')
        .addColumn('issuing_state', 'text', (c) => c.notNull())
        .addColumn('issuing_authority', 'text', (c) => c.notNull())
        .addColumn('issuing_authority_id', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('review_due', 'date', (c) => c.notNull())
        .addColumn('review_basis', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alert_review_due_idx').on('sis.alert').column('review_due').execute();
      await db.schema.createIndex('alert_category_idx').on('sis.alert').column('category').execute();

      await db.schema
        .createTable('sis.alert_name')
        .addColumn('alert_id', 'text', (c) => c.notNull().references('sis.alert.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name_norm', 'text', (c) => c.notNull())
        .addColumn('birth_year', 'integer')
        .execute();
      await db.schema
        .createIndex('alert_name_idx')
        .on('sis.alert_name')
        .columns(['name_norm', 'birth_year'])
        .execute();
      await db.schema.createIndex('alert_name_alert_idx').on('sis.alert_name').column('alert_id').execute();
      // Trigram index for the interim person search until the identity index replaces it.
      await sql`create index alert_name_trgm_idx on sis.alert_name using gin (name_norm gin_trgm_ops)`.execute(
        db,
      );

      await db.schema
        .createTable('sis.alert_identifier')
        .addColumn('alert_id', 'text', (c) => c.notNull().references('sis.alert.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('country', 'text')
        .addColumn('raw', 'text', (c) => c.notNull())
        .addColumn('norm', 'text', (c) => c.notNull())
        .addColumn('folded', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('alert_identifier_folded_idx')
        .on('sis.alert_identifier')
        .columns(['kind', 'folded'])
        .execute();
      await db.schema
        .createIndex('alert_identifier_alert_idx')
        .on('sis.alert_identifier')
        .column('alert_id')
        .execute();

      // Links between alerts (2018/1862 art. 63), stored once per pair with the smaller id first.
      await db.schema
        .createTable('sis.alert_link')
        .addColumn('a', 'text', (c) => c.notNull().references('sis.alert.id').onDelete('cascade'))
        .addColumn('b', 'text', (c) => c.notNull().references('sis.alert.id').onDelete('cascade'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_link_pkey', ['a', 'b'])
        .execute();
      await db.schema.createIndex('alert_link_b_idx').on('sis.alert_link').column('b').execute();

      await db.schema
        .createTable('sis.review_notice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('alert_id', 'text', (c) => c.notNull().references('sis.alert.id').onDelete('cascade'))
        .addColumn('review_due', 'date', (c) => c.notNull())
        .addColumn('issuing_state', 'text', (c) => c.notNull())
        .addColumn('issuing_authority', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('review_notice_alert_due_key', ['alert_id', 'review_due'])
        .execute();

      await db.schema
        .createTable('sis.extension')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('alert_id', 'text', (c) => c.notNull().references('sis.alert.id').onDelete('cascade'))
        .addColumn('previous_due', 'date', (c) => c.notNull())
        .addColumn('new_due', 'date', (c) => c.notNull())
        .addColumn('assessment', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  '0002_hits': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sis.hit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('alert_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('covert', 'boolean', (c) => c.notNull())
        .addColumn('issuing_state', 'text', (c) => c.notNull())
        .addColumn('reported_by', 'text', (c) => c.notNull())
        .addColumn('reporting_authority', 'text', (c) => c.notNull())
        .addColumn('reporting_state', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('checked', 'jsonb', (c) => c.notNull())
        .addColumn('information', 'jsonb')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('reply_due_at', 'timestamptz', (c) => c.notNull())
        .addColumn('urgent', 'boolean', (c) => c.notNull())
        .addColumn('replied_at', 'timestamptz')
        .addColumn('alert_deleted_on', 'date')
        .addColumn('erase_after', 'date')
        .execute();
      await db.schema.createIndex('hit_alert_idx').on('sis.hit').column('alert_id').execute();
      await db.schema
        .createIndex('hit_open_due_idx')
        .on('sis.hit')
        .columns(['replied_at', 'reply_due_at'])
        .execute();
      await db.schema.createIndex('hit_erase_idx').on('sis.hit').column('erase_after').execute();

      await db.schema
        .createTable('sis.exchange_message')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hit_id', 'text', (c) => c.notNull().references('sis.hit.id').onDelete('cascade'))
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text', (c) => c.notNull())
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('exchange_message_hit_idx')
        .on('sis.exchange_message')
        .column('hit_id')
        .execute();
    },
  },
  // The home counters (open exchanges of a state, alerts due for review by state or by issuing authority)
  // count from these indexes without reading the rows.
  '0003_home_counter_indexes': {
    async up(db: Kysely<unknown>) {
      await sql`create index hit_open_issuing_idx on sis.hit (issuing_state, reply_due_at) where replied_at is null and alert_deleted_on is null`.execute(
        db,
      );
      await sql`create index hit_open_reporting_idx on sis.hit (reporting_state, reply_due_at) where replied_at is null and alert_deleted_on is null`.execute(
        db,
      );
      await db.schema
        .createIndex('alert_state_review_due_idx')
        .on('sis.alert')
        .columns(['issuing_state', 'review_due'])
        .execute();
      await db.schema
        .createIndex('alert_authority_review_due_idx')
        .on('sis.alert')
        .columns(['issuing_authority_id', 'review_due'])
        .execute();
    },
  },
};
