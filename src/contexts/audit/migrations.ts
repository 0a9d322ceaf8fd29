import { sql, type Kysely, type Migration } from 'kysely';

export const AUDIT_SCHEMA = 'audit';

/**
 * The keyed chain (HMAC with a key outside the database), the client's request id, a signed anchor, and
 * DELETE refused except by retention. Records written before this migration keep their plain SHA-256 hashes
 * and are verified with that scheme up to `keyed_from_seq`; every later record is keyed.
 */
const keyedChain: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('audit.event').addColumn('client_request_id', 'text').execute();
    await db.schema.alterTable('audit.chain').addColumn('keyed_from_seq', 'bigint').execute();
    await db.schema.alterTable('audit.chain').addColumn('anchor_mac', 'text').execute();
    await sql`update audit.chain set keyed_from_seq = head_seq + 1`.execute(db);
    await sql`alter table audit.chain alter column keyed_from_seq set not null`.execute(db);
    // Retention sets `audit.pruning` for its own transaction only (`set local`); nothing else may delete.
    await sql`create or replace function audit.refuse_delete() returns trigger language plpgsql as $$
      begin
        if coalesce(current_setting('audit.pruning', true), '') <> 'on' then
          raise exception 'audit.event: records are removed only by retention';
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger event_no_delete before delete on audit.event
      for each statement execute function audit.refuse_delete()`.execute(db);
    await sql`create trigger event_no_truncate before truncate on audit.event
      for each statement execute function audit.refuse_update()`.execute(db);
  },
};

export const auditMigrations: Record<string, Migration> = {
  '0001_audit_log': {
    async up(db: Kysely<unknown>) {
      // One append-only log for every system: the superset of the log fields of regulations digest §8.2.
      await db.schema
        .createTable('audit.event')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('system', 'text', (c) => c.notNull())
        .addColumn('component', 'text')
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('authority_id', 'text')
        .addColumn('authority_name', 'text', (c) => c.notNull())
        .addColumn('authority_type', 'text', (c) => c.notNull())
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text')
        .addColumn('legal_basis', 'text')
        .addColumn('query_data_types', 'jsonb', (c) => c.notNull())
        .addColumn('query_data_hash', 'text')
        .addColumn('result_summary', 'text')
        .addColumn('record_refs', 'jsonb', (c) => c.notNull())
        .addColumn('link_changes', 'jsonb')
        .addColumn('request_id', 'text')
        .addColumn('retain_until', 'date', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_at_idx').on('audit.event').column('at').execute();
      await db.schema
        .createIndex('event_username_idx')
        .on('audit.event')
        .columns(['username', 'seq'])
        .execute();
      await db.schema.createIndex('event_system_idx').on('audit.event').columns(['system', 'seq']).execute();
      // The chain head is one row: every writer locks it, so records are numbered without gaps and each
      // carries the hash of its predecessor. `anchor_*` is where the retained chain starts after pruning.
      await db.schema
        .createTable('audit.chain')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('head_seq', 'bigint', (c) => c.notNull())
        .addColumn('head_hash', 'text', (c) => c.notNull())
        .addColumn('anchor_seq', 'bigint', (c) => c.notNull())
        .addColumn('anchor_hash', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit.chain (id, head_seq, head_hash, anchor_seq, anchor_hash) values (1, 0, ${GENESIS}, 0, ${GENESIS})`.execute(
        db,
      );
      // Append-only at the database level too: ordinary updates are refused. Deleting happens only through
      // retention, which prunes a prefix of the chain and moves the anchor.
      await sql`create or replace function audit.refuse_update() returns trigger language plpgsql as $$
        begin raise exception 'audit.event is append-only'; end $$`.execute(db);
      await sql`create trigger event_no_update before update on audit.event
        for each row execute function audit.refuse_update()`.execute(db);
    },
  },
  '0002_keyed_chain': keyedChain,
};

export const GENESIS = '0'.repeat(64);
