import { sql, type Kysely, type Migration } from 'kysely';

export const CIR_SCHEMA = 'cir';

/**
 * The common identity repository (2019/817 and 2019/818 arts. 17-18): one individual file per source record
 * (`<system>:<recordRef>`), with the identity data, travel documents and the sBMS partition of its templates;
 * the documents' normalised numbers and the SIS alias identities' blocking keys, for the MID's candidate
 * retrieval; and the position in the change feed up to which the files follow the sources.
 */
export const cirMigrations: Record<string, Migration> = {
  '0001_cir': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cir.file')
        .addColumn('ref', 'text', (c) => c.primaryKey())
        .addColumn('system', 'text', (c) => c.notNull())
        .addColumn('record_ref', 'text', (c) => c.notNull())
        .addColumn('identity', 'jsonb', (c) => c.notNull())
        .addColumn('documents', 'jsonb', (c) => c.notNull())
        .addColumn('biometrics', 'text')
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('sis_category', 'text')
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createIndex('file_system_idx')
        .on('cir.file')
        .columns(['system', 'record_ref'])
        .execute();
      // The normalised document number (upper case, letters and digits only); the issuing state is compared
      // when both documents know it.
      await db.schema
        .createTable('cir.document_key')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull().references('cir.file.ref').onDelete('cascade'))
        .addPrimaryKeyConstraint('document_key_pk', ['key', 'ref'])
        .execute();
      await db.schema.createIndex('document_key_ref_idx').on('cir.document_key').column('ref').execute();
      // Blocking keys of the SIS alias, misused and not-confirmed identities, which the identity index does
      // not hold (it holds each alert's confirmed identity only).
      await db.schema
        .createTable('cir.alias_key')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull().references('cir.file.ref').onDelete('cascade'))
        .addPrimaryKeyConstraint('alias_key_pk', ['key', 'ref'])
        .execute();
      await db.schema.createIndex('alias_key_ref_idx').on('cir.alias_key').column('ref').execute();
      // One row: the last change-feed position whose changes the files reflect (null: never built).
      await db.schema
        .createTable('cir.sync_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('position', 'bigint')
        .addColumn('built_at', 'timestamptz')
        .execute();
      await sql`insert into cir.sync_state (id, position) values (1, null)`.execute(db);
    },
  },
};
