import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The change feed (`platform.change`): one row per `Changes.record` call, numbered by `seq` in commit order
 * (appends are serialised by a transaction-level advisory lock, see docs/decisions.md).
 */
export const changesMigrations: Record<string, Migration> = {
  '0002_change_feed': {
    async up(db: Kysely<unknown>) {
      await sql`create sequence platform.change_seq`.execute(db);
      await db.schema
        .createTable('platform.change')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('refs', 'jsonb', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('change_at_idx').on('platform.change').column('at').execute();
    },
  },
};
