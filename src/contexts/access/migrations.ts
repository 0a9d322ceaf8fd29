import { sql, type Kysely, type Migration } from 'kysely';

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
  '0003_rate_limits_login_throttle': {
    async up(db: Kysely<unknown>) {
      // Request counters of the HTTP rate limits, shared by every API node: one row per key and window,
      // bumped with one upsert per request; rows whose window has ended are reset on the next hit and purged
      // by the retention run.
      await db.schema
        .createTable('access.rate_limit_counter')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('window_ends_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rate_limit_counter_window_ends_at_idx')
        .on('access.rate_limit_counter')
        .column('window_ends_at')
        .execute();
      // Failed logins per account name (known or not): the lockout with back-off and the failed attempts
      // not yet written to the audit log (collapsed into one record per account and window).
      await db.schema
        .createTable('access.login_throttle')
        .addColumn('account', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lock_level', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('last_failure_at', 'timestamptz', (c) => c.notNull())
        .addColumn('audit_window_ends_at', 'timestamptz')
        .addColumn('unlogged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unlogged_since', 'timestamptz')
        .execute();
    },
  },
  '0004_user_confirmation_signing_keys': {
    async up(db: Kysely<unknown>) {
      // A user an administrator adds to another authority waits for that authority's confirmation
      // (`confirmation` = pending, then approved or rejected); who asked and who decided are kept with the user.
      // `confirms_users` designates the users of a non-administrator authority who confirm such requests.
      await db.schema
        .alterTable('access.user')
        .addColumn('confirms_users', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('confirmation', 'text')
        .addColumn('requested_by', 'text')
        .addColumn('requested_at', 'timestamptz')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'timestamptz')
        .addColumn('decision_reason', 'text')
        .execute();
      // Token signing keys by key id (the token header's `kid`): one current key signs; a key rotated out
      // still verifies until `valid_until` (the token lifetime); a revoked key verifies nothing.
      await db.schema
        .createTable('access.signing_key')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('retired_at', 'timestamptz')
        .addColumn('valid_until', 'timestamptz')
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      // The secret kept so far becomes the key `initial`, so that tokens signed before the upgrade (no `kid`)
      // stay valid.
      await sql`insert into access.signing_key (kid, secret, created_at)
        select 'initial', value, now() from access.secret where name = 'token-signing'`.execute(db);
      await sql`delete from access.secret where name = 'token-signing'`.execute(db);
    },
  },
  '0005_cir_identification': {
    async up(db: Kysely<unknown>) {
      // Police identification through the common identity repository happens only where national law
      // empowers the authority (2019/817 and 2019/818 art. 20(1)): a flag per authority, off by default.
      await db.schema
        .alterTable('access.authority')
        .addColumn('cir_identification', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute();
    },
  },
};
