import { sql, type Kysely, type Migration } from 'kysely';

export const MATCHING_SCHEMA = 'matching';

/**
 * The live identity index: the identities of every system (the fields of the identity CSV, keyed by system
 * and record reference), their blocking keys, and the stored model. `blocking_key` is led by `key`, so that
 * candidate retrieval runs as SQL and the table can be distributed by key (Citus) on the scale-out path.
 */
export const matchingMigrations: Record<string, Migration> = {
  '0001_identity_index': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('matching.identity')
        .addColumn('system', 'text', (c) => c.notNull())
        .addColumn('record_ref', 'text', (c) => c.notNull())
        .addColumn('surname', 'text', (c) => c.notNull())
        .addColumn('given_names', 'text', (c) => c.notNull())
        .addColumn('surname_native', 'text', (c) => c.notNull())
        .addColumn('given_names_native', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('nationalities', 'text', (c) => c.notNull())
        .addColumn('place_of_birth', 'text', (c) => c.notNull())
        .addColumn('document_number', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('identity_pk', ['system', 'record_ref'])
        .execute();
      // No foreign key to identity: on distributed PostgreSQL the two tables are sharded differently (keys
      // by key, identities by record), so the service keeps them consistent in one transaction instead.
      await db.schema
        .createTable('matching.blocking_key')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('system', 'text', (c) => c.notNull())
        .addColumn('record_ref', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('blocking_key_pk', ['key', 'system', 'record_ref'])
        .execute();
      await db.schema
        .createIndex('blocking_key_record_idx')
        .on('matching.blocking_key')
        .columns(['system', 'record_ref'])
        .execute();
      await db.schema
        .createTable('matching.setting')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'jsonb', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
};
