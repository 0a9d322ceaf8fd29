import { sql, type Kysely, type Migration } from 'kysely';

export const EES_SCHEMA = 'ees';

/**
 * Every table holding personal data has `erase_after`: the day from which the retention run erases the row
 * (EES art. 34). The service recomputes it on every write that changes the period.
 */
export const eesMigrations: Record<string, Migration> = {
  '0001_files_and_records': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('ees.individual_file')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('surname', 'text', (c) => c.notNull())
        .addColumn('given_names', 'text', (c) => c.notNull())
        .addColumn('surname_norm', 'text', (c) => c.notNull())
        .addColumn('given_names_norm', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('birth_year', 'integer')
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('nationalities', 'jsonb', (c) => c.notNull())
        .addColumn('facial_image_ref', 'text')
        .addColumn('fingerprint_status', 'text', (c) => c.notNull())
        .addColumn('fingerprint_exemption', 'text')
        .addColumn('fingerprints', 'jsonb')
        .addColumn('responsible_state', 'text', (c) => c.notNull())
        .addColumn('created_by_authority_id', 'text')
        .addColumn('created_by_authority', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('overstayer', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('erase_after', 'date', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('individual_file_surname_idx')
        .on('ees.individual_file')
        .columns(['surname_norm', 'birth_year'])
        .execute();
      // Trigram index for the interim identity search (pg_trgm is loaded on both database tiers).
      await sql`create index individual_file_surname_trgm_idx on ees.individual_file using gin (surname_norm gin_trgm_ops)`.execute(
        db,
      );
      await db.schema
        .createIndex('individual_file_erase_idx')
        .on('ees.individual_file')
        .column('erase_after')
        .execute();

      await db.schema
        .createTable('ees.travel_document')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('file_id', 'text', (c) =>
          c.notNull().references('ees.individual_file.id').onDelete('cascade'),
        )
        .addColumn('doc_type', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('number_norm', 'text', (c) => c.notNull())
        .addColumn('issuing_state', 'text', (c) => c.notNull())
        .addColumn('expiry', 'date', (c) => c.notNull())
        .addColumn('erase_after', 'date', (c) => c.notNull())
        .addUniqueConstraint('travel_document_number_key', ['issuing_state', 'number_norm'])
        .execute();
      await db.schema
        .createIndex('travel_document_file_idx')
        .on('ees.travel_document')
        .column('file_id')
        .execute();

      await db.schema
        .createTable('ees.entry_exit_record')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('file_id', 'text', (c) =>
          c.notNull().references('ees.individual_file.id').onDelete('cascade'),
        )
        .addColumn('entry_at', 'timestamptz', (c) => c.notNull())
        .addColumn('entry_date', 'date', (c) => c.notNull())
        .addColumn('entry_bcp', 'text', (c) => c.notNull())
        .addColumn('entry_authority_id', 'text')
        .addColumn('entry_authority', 'text', (c) => c.notNull())
        .addColumn('entry_state', 'text', (c) => c.notNull())
        .addColumn('family_member', 'boolean', (c) => c.notNull())
        .addColumn('visa', 'jsonb')
        .addColumn('authorised_until', 'date')
        .addColumn('limited_by', 'text')
        .addColumn('exit_at', 'timestamptz')
        .addColumn('exit_date', 'date')
        .addColumn('exit_bcp', 'text')
        .addColumn('exit_authority_id', 'text')
        .addColumn('exit_authority', 'text')
        .addColumn('exit_state', 'text')
        .addColumn('overstay_days', 'integer')
        .addColumn('overstayer', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('overstayer_flagged_on', 'date')
        .addColumn('erase_after', 'date', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('entry_exit_record_file_idx')
        .on('ees.entry_exit_record')
        .columns(['file_id', 'entry_at'])
        .execute();
      // At most one stay without exit per traveller, whatever the race between two border guards.
      await sql`create unique index entry_exit_record_one_open_idx on ees.entry_exit_record (file_id) where exit_at is null`.execute(
        db,
      );
      await sql`create index entry_exit_record_open_until_idx on ees.entry_exit_record (authorised_until) where exit_at is null`.execute(
        db,
      );
      await db.schema
        .createIndex('entry_exit_record_erase_idx')
        .on('ees.entry_exit_record')
        .column('erase_after')
        .execute();

      await db.schema
        .createTable('ees.refusal_record')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('file_id', 'text', (c) =>
          c.notNull().references('ees.individual_file.id').onDelete('cascade'),
        )
        .addColumn('refused_at', 'timestamptz', (c) => c.notNull())
        .addColumn('refusal_date', 'date', (c) => c.notNull())
        .addColumn('bcp', 'text', (c) => c.notNull())
        .addColumn('authority_id', 'text')
        .addColumn('authority', 'text', (c) => c.notNull())
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('reasons', 'jsonb', (c) => c.notNull())
        .addColumn('erase_after', 'date', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('refusal_record_file_idx')
        .on('ees.refusal_record')
        .column('file_id')
        .execute();
      await db.schema
        .createIndex('refusal_record_erase_idx')
        .on('ees.refusal_record')
        .column('erase_after')
        .execute();

      // Revocation, annulment and extension data added to an entry record (EES art. 19).
      await db.schema
        .createTable('ees.stay_decision')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('record_id', 'text', (c) =>
          c.notNull().references('ees.entry_exit_record.id').onDelete('cascade'),
        )
        .addColumn('file_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('authority_id', 'text')
        .addColumn('authority', 'text', (c) => c.notNull())
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('decided_on', 'date', (c) => c.notNull())
        .addColumn('new_end_of_stay', 'date')
        .addColumn('new_sticker_number', 'text')
        .addColumn('new_sticker_state', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('erase_after', 'date', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('stay_decision_record_idx')
        .on('ees.stay_decision')
        .column('record_id')
        .execute();

      // Notices to the responsible member state before an overstayer's data are erased (EES art. 34(3)).
      await db.schema
        .createTable('ees.erasure_notice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('record_id', 'text', (c) =>
          c.notNull().unique().references('ees.entry_exit_record.id').onDelete('cascade'),
        )
        .addColumn('file_id', 'text', (c) => c.notNull())
        .addColumn('responsible_state', 'text', (c) => c.notNull())
        .addColumn('planned_erasure', 'date', (c) => c.notNull())
        .addColumn('notified_on', 'date', (c) => c.notNull())
        .addColumn('erase_after', 'date', (c) => c.notNull())
        .execute();
    },
  },
  // Visa Code (Reg. (EC) 810/2009) arts. 33-34: the ground of a late extension, the day it was asked for, and
  // the issuing state that another state's annulment or revocation must be notified to.
  '0002_stay_decision_grounds': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('ees.stay_decision')
        .addColumn('ground', 'text')
        .addColumn('requested_on', 'date')
        .addColumn('notify_state', 'text')
        .execute();
    },
  },
  // The immigration authority's home counter: overstayers by member state of entry (art. 12(3)), counted from
  // the index alone.
  '0003_overstays_by_state_idx': {
    async up(db: Kysely<unknown>) {
      await sql`create index entry_exit_record_overstay_state_idx on ees.entry_exit_record (entry_state, authorised_until) where exit_at is null and not family_member`.execute(
        db,
      );
    },
  },
};
