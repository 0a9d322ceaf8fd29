import type { Kysely, Migration } from 'kysely';

/**
 * Screening rules (art. 33) and the watchlist (arts. 34-35). A rule is stored once per version (every change
 * is a new version; old ones stay so that a past hit `rule:<id>@<version>` can still be explained). A
 * watchlist entry keeps its exact keys (documents, e-mails, phones, folded) in a table of their own, searched
 * by kind and key; its identity is staged in the identity index under the system `etias-watchlist`.
 */
export const screeningMigrations: Record<string, Migration> = {
  '0003_screening': {
    async up(db: Kysely<unknown>) {
      await db.schema.createSchema('etias').ifNotExists().execute();
      await db.schema
        .createTable('etias.screening_rule')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('risk_type', 'text', (c) => c.notNull())
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('predicates', 'jsonb', (c) => c.notNull())
        .addColumn('board_reference', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('review_due', 'date', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('impact', 'jsonb')
        .addColumn('activated_at', 'timestamptz')
        .addColumn('activated_by', 'text')
        .addColumn('retired_at', 'timestamptz')
        .addColumn('retired_by', 'text')
        .addPrimaryKeyConstraint('screening_rule_pkey', ['id', 'version'])
        .execute();
      await db.schema
        .createIndex('screening_rule_status_idx')
        .on('etias.screening_rule')
        .column('status')
        .execute();

      await db.schema
        .createTable('etias.watchlist_entry')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .addColumn('surname_norm', 'text', (c) => c.notNull())
        .addColumn('entered_by', 'text', (c) => c.notNull())
        .addColumn('entered_by_authority', 'text', (c) => c.notNull())
        .addColumn('entered_at', 'timestamptz', (c) => c.notNull())
        .addColumn('review_due', 'date', (c) => c.notNull())
        .addColumn('reviewed_at', 'timestamptz')
        .addColumn('reviewed_by', 'text')
        .addColumn('impact', 'jsonb')
        .execute();
      await db.schema
        .createIndex('watchlist_entry_review_idx')
        .on('etias.watchlist_entry')
        .columns(['review_due', 'id'])
        .execute();
      await db.schema
        .createIndex('watchlist_entry_owner_idx')
        .on('etias.watchlist_entry')
        .columns(['owner', 'entered_at'])
        .execute();
      await db.schema
        .createTable('etias.watchlist_key')
        .addColumn('entry_id', 'text', (c) =>
          c.notNull().references('etias.watchlist_entry.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('watchlist_key_idx')
        .on('etias.watchlist_key')
        .columns(['kind', 'key'])
        .execute();
      await db.schema
        .createIndex('watchlist_key_entry_idx')
        .on('etias.watchlist_key')
        .column('entry_id')
        .execute();
    },
  },
};
