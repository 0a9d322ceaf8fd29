import type { Kysely, Migration } from 'kysely';

export const MID_SCHEMA = 'mid';

/**
 * The multiple-identity detector's links (2019/817 and 2019/818 arts. 28, 34): one row per linked pair of
 * records (`pair` is the two refs in sorted order, unique), the record whose creation or update made it
 * first, its colour, the rules that fired and their evidence, the verifying authority (art. 29) and, once
 * verified, the decision. The identity confirmation file of art. 34 is the row with its `icf` number.
 */
export const midMigrations: Record<string, Migration> = {
  '0001_mid': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('mid.link')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('icf', 'text', (c) => c.notNull().unique())
        .addColumn('pair', 'text', (c) => c.notNull().unique())
        .addColumn('color', 'text', (c) => c.notNull())
        .addColumn('record_a', 'text', (c) => c.notNull())
        .addColumn('record_b', 'text', (c) => c.notNull())
        .addColumn('system_a', 'text', (c) => c.notNull())
        .addColumn('system_b', 'text', (c) => c.notNull())
        .addColumn('rules', 'jsonb', (c) => c.notNull())
        .addColumn('evidence', 'jsonb', (c) => c.notNull())
        .addColumn('verifier_type', 'text', (c) => c.notNull())
        .addColumn('verifier_state', 'text', (c) => c.notNull())
        .addColumn('verifier', 'jsonb', (c) => c.notNull())
        .addColumn('verify_by', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('verification', 'jsonb')
        .execute();
      await db.schema
        .createIndex('link_queue_idx')
        .on('mid.link')
        .columns(['verifier_type', 'verifier_state', 'color', 'created_at'])
        .execute();
      await db.schema.createIndex('link_record_a_idx').on('mid.link').column('record_a').execute();
      await db.schema.createIndex('link_record_b_idx').on('mid.link').column('record_b').execute();
    },
  },
};
