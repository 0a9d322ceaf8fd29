import type { Kysely, Migration } from 'kysely';

export const ACCESS_SCHEMA = 'access';

export const accessMigrations: Record<string, Migration> = {
  '0001_authorities_users': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('access.authority')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('authority_name_state_key', ['name', 'member_state'])
        .execute();
      await db.schema
        .createTable('access.user')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('authority_id', 'text', (c) => c.notNull().references('access.authority.id'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // Token signing secret, kept with the data so that tokens stay valid across restarts.
      await db.schema
        .createTable('access.secret')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002_revoked_tokens': {
    async up(db: Kysely<unknown>) {
      // Tokens ended by logging out before they expire; kept until their own expiry, then purged.
      await db.schema
        .createTable('access.revoked_token')
        .addColumn('jti', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
};
