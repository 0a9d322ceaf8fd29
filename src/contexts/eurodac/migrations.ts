import type { Kysely, Migration } from 'kysely';

export const EURODAC_SCHEMA = 'eurodac';

/**
 * The Eurodac schema: datasets (one per transmission of a person's biometric data, with the identity data of
 * art. 17 and the parallel articles), the hits of the one-to-many comparison, kept with both datasets and
 * verified by the member state of origin, and the marking notices of art. 31. Hits and notices go with
 * either of their datasets when it is erased (art. 29). The templates live in the matching service
 * (partition `eurodac`, record reference = dataset id).
 */
export const eurodacMigrations: Record<string, Migration> = {
  '0001_eurodac': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('eurodac.dataset')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('admission', 'text')
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('authority_id', 'text')
        .addColumn('authority_name', 'text', (c) => c.notNull())
        .addColumn('registered_by', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
        .addColumn('identity', 'jsonb')
        .addColumn('document', 'jsonb')
        .addColumn('marked_at', 'timestamptz')
        .addColumn('marked_by', 'text')
        .addColumn('marking_basis', 'text')
        .addColumn('responsible_state', 'text')
        .addColumn('responsibility_ground', 'text')
        .addColumn('responsibility_updated_at', 'timestamptz')
        .addColumn('erase_after', 'date', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('dataset_state_idx')
        .on('eurodac.dataset')
        .columns(['member_state', 'registered_at'])
        .execute();
      await db.schema.createIndex('dataset_erase_idx').on('eurodac.dataset').column('erase_after').execute();

      await db.schema
        .createTable('eurodac.hit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // The new dataset, whose member state of origin verifies the hit.
        .addColumn('dataset_id', 'text', (c) =>
          c.notNull().references('eurodac.dataset.id').onDelete('cascade'),
        )
        .addColumn('matched_dataset_id', 'text', (c) =>
          c.notNull().references('eurodac.dataset.id').onDelete('cascade'),
        )
        .addColumn('origin_state', 'text', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('false_match_rate', 'double precision', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('comparison', 'jsonb', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('verified_by', 'text')
        .addColumn('verified_at', 'timestamptz')
        .addColumn('reason', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('hit_origin_idx')
        .on('eurodac.hit')
        .columns(['origin_state', 'state', 'created_at'])
        .execute();
      await db.schema.createIndex('hit_dataset_idx').on('eurodac.hit').column('dataset_id').execute();
      await db.schema.createIndex('hit_matched_idx').on('eurodac.hit').column('matched_dataset_id').execute();

      await db.schema
        .createTable('eurodac.notice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('member_state', 'text', (c) => c.notNull())
        // The recipient's dataset, to be marked in its turn.
        .addColumn('dataset_id', 'text', (c) =>
          c.notNull().references('eurodac.dataset.id').onDelete('cascade'),
        )
        .addColumn('marked_dataset_id', 'text', (c) =>
          c.notNull().references('eurodac.dataset.id').onDelete('cascade'),
        )
        .addColumn('marked_by_state', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
        .addColumn('due_by', 'timestamptz', (c) => c.notNull())
        .addColumn('acted_at', 'timestamptz')
        .addColumn('acted_by', 'text')
        .execute();
      await db.schema
        .createIndex('notice_state_idx')
        .on('eurodac.notice')
        .columns(['member_state', 'acted_at'])
        .execute();
      await db.schema.createIndex('notice_dataset_idx').on('eurodac.notice').column('dataset_id').execute();
      await db.schema
        .createIndex('notice_marked_idx')
        .on('eurodac.notice')
        .column('marked_dataset_id')
        .execute();
    },
  },
};
