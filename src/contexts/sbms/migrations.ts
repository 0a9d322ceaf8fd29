import { sql, type Kysely, type Migration } from 'kysely';

export const SBMS_SCHEMA = 'sbms';

/**
 * The shared biometric matching service's templates (Reg. (EU) 2019/817 art. 13(1)-(2)): one row per template,
 * with the partition (the source system, kept logically separate), the reference to the record it belongs to,
 * the modality and finger position (0 for a face), the quality and the L2-normalised vector as little-endian
 * float32 bytes. Rows are never updated: enrolment replaces a record's rows, so a template id names one vector
 * for good (the in-memory indexes reconcile by id).
 */
export const sbmsMigrations: Record<string, Migration> = {
  '0001_core': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sbms.template')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('partition', 'text', (c) => c.notNull())
        .addColumn('record_ref', 'text', (c) => c.notNull())
        .addColumn('modality', 'text', (c) => c.notNull())
        .addColumn('position', 'smallint', (c) => c.notNull())
        .addColumn('quality', 'real', (c) => c.notNull())
        .addColumn('vector', 'bytea', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createIndex('template_record_idx')
        .on('sbms.template')
        .columns(['partition', 'record_ref'])
        .execute();
      // A random identity of this database's templates: a snapshot of the indexes made from another
      // database (recreated, restored elsewhere) is not reconciled by id but rebuilt.
      await db.schema
        .createTable('sbms.setting')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into sbms.setting (name, value) values ('instance', gen_random_uuid()::text)`.execute(
        db,
      );
    },
  },
};
