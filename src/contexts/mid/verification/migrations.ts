import type { Kysely, Migration } from 'kysely';

/**
 * The MID's verification tables, beside the links (`mid.link`): each link's history of colours (who changed
 * it, when and why: the identity confirmation file's record of verification, art. 34) and the outbox of the
 * notices to the persons concerned by a red link (art. 32). Both go with their link when it is erased
 * (art. 35: a link is kept only while two or more systems hold the linked data).
 */
export const midVerificationMigrations: Record<string, Migration> = {
  '0005_verification': {
    async up(db: Kysely<unknown>) {
      // Art. 32 [K]: a red link is reflected in the linked records (every check and query shows it).
      await db.schema
        .alterTable('mid.link')
        .addColumn('reflected_in_records', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute();
      await db.schema
        .createTable('mid.link_event')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('link_id', 'text', (c) => c.notNull().references('mid.link.id').onDelete('cascade'))
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('color', 'text', (c) => c.notNull())
        .addColumn('by', 'text')
        .addColumn('authority', 'text')
        .addColumn('reason', 'text')
        .execute();
      await db.schema
        .createIndex('link_event_link_idx')
        .on('mid.link_event')
        .columns(['link_id', 'at'])
        .execute();

      await db.schema
        .createTable('mid.notice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('link_id', 'text', (c) => c.notNull().references('mid.link.id').onDelete('cascade'))
        .addColumn('record_ref', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('notice_link_idx').on('mid.notice').column('link_id').execute();
    },
  },
};
