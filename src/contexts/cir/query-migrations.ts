import type { Kysely, Migration } from 'kysely';

/**
 * The CIR queries' own table (spread into the CIR schema's migrations): the law-enforcement flag queries of
 * art. 22 with their follow-up, so that the obligation to request full access (art. 22(2)) can be shown met
 * or its exceptional omission traced.
 */
export const cirQueryMigrations: Record<string, Migration> = {
  '0002_flag_queries': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cir.flag_query')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('authority_id', 'text', (c) => c.notNull())
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('case_reference', 'text', (c) => c.notNull())
        .addColumn('offence', 'text', (c) => c.notNull())
        .addColumn('grounds', 'text', (c) => c.notNull())
        // The systems that answered (the art. 18(2) references), never the records.
        .addColumn('systems', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        // { requested: [...], at, by } or { notRequestedReason, at, by }; null until recorded.
        .addColumn('follow_up', 'jsonb')
        .execute();
      await db.schema
        .createIndex('flag_query_authority_created_idx')
        .on('cir.flag_query')
        .columns(['authority_id', 'created_at'])
        .execute();
    },
  },
};
