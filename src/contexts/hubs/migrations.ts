import { sql, type Kysely, type Migration } from 'kysely';

export const HUBS_SCHEMA = 'hubs';

/**
 * Hubs hold their gates and cameras as JSON (a handful per hub, always read together). Hits are the hub's own
 * record of each match with the SIS hit id once reported; plate reads without a hit are stored only when a
 * hub's policy says so. Both carry `erase_after`; neither references SIS rows (SIS has its own schema).
 */
export const hubsMigrations: Record<string, Migration> = {
  '0001_hubs': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('hubs.hub')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('locode', 'text')
        .addColumn('operator_authority_id', 'text', (c) => c.notNull())
        .addColumn('operator_authority_name', 'text', (c) => c.notNull())
        .addColumn('gates', 'jsonb', (c) => c.notNull())
        .addColumn('policy', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('hub_operator_idx')
        .on('hubs.hub')
        .column('operator_authority_id')
        .execute();

      await db.schema
        .createTable('hubs.hit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.hub.id').onDelete('cascade'))
        .addColumn('alert_id', 'text', (c) => c.notNull())
        // Discreet-check alerts and objects a hub operator may not see: the police's, never the desk's.
        .addColumn('police_only', 'boolean', (c) => c.notNull())
        .addColumn('confidence', 'real', (c) => c.notNull())
        .addColumn('read_at', 'timestamptz', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('event', 'jsonb', (c) => c.notNull())
        .addColumn('read', 'jsonb', (c) => c.notNull())
        .addColumn('sis_hit_id', 'text')
        .addColumn('sis_status', 'text', (c) => c.notNull())
        .addColumn('erase_after', 'date', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('hit_hub_received_idx')
        .on('hubs.hit')
        .columns(['hub_id', 'received_at'])
        .execute();
      await db.schema.createIndex('hit_erase_idx').on('hubs.hit').column('erase_after').execute();
      await sql`create index hit_pending_idx on hubs.hit (sis_status) where sis_status = 'pending'`.execute(
        db,
      );

      await db.schema
        .createTable('hubs.plate_read')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.hub.id').onDelete('cascade'))
        .addColumn('read_at', 'timestamptz', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('read', 'jsonb', (c) => c.notNull())
        .addColumn('erase_after', 'date', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('plate_read_erase_idx')
        .on('hubs.plate_read')
        .column('erase_after')
        .execute();
    },
  },
  // The desk's workflow on hits (acknowledge, assign, dismiss with a reason), repeat reads of the same vehicle
  // folded into one hit, and the hub's time zone.
  '0002_hit_handling': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('hubs.hub').addColumn('time_zone', 'text').execute();
      await db.schema
        .alterTable('hubs.hit')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('read_count', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('last_read_at', 'timestamptz')
        .addColumn('matched_text', 'text')
        .addColumn('assigned_to', 'text')
        .addColumn('handled_by', 'text')
        .addColumn('handled_at', 'timestamptz')
        .addColumn('dismiss_reason', 'text')
        .execute();
      await sql`update hubs.hit set last_read_at = read_at, matched_text = event->>'matchedText'`.execute(db);
      await sql`alter table hubs.hit alter column last_read_at set not null`.execute(db);
      await sql`alter table hubs.hit alter column matched_text set not null`.execute(db);
      await db.schema
        .createIndex('hit_repeat_idx')
        .on('hubs.hit')
        .columns(['hub_id', 'alert_id', 'matched_text', 'last_read_at'])
        .execute();
    },
  },
  // The desk's home counter: hits not yet acknowledged, per hub, counted from the index alone.
  '0003_open_desk_hits_idx': {
    async up(db: Kysely<unknown>) {
      await sql`create index hit_open_desk_idx on hubs.hit (hub_id) where status = 'open' and not police_only`.execute(
        db,
      );
    },
  },
  // The desk's hit list sorted and paged in SQL: the hits not yet handled, newest first (the desk's main view
  // and its counter), and the hits by their latest read. At 200,000 hits over five hubs these turn a 50-140 ms
  // scan and sort of a hub's 40,000 hits into an index walk of the page.
  '0003_hit_lists': {
    async up(db: Kysely<unknown>) {
      await sql`create index hit_hub_open_received_idx on hubs.hit (hub_id, received_at) where status = 'open'`.execute(
        db,
      );
      await db.schema
        .createIndex('hit_hub_last_read_idx')
        .on('hubs.hit')
        .columns(['hub_id', 'last_read_at'])
        .execute();
    },
  },
  // Port calls at seaport hubs: the vessel, its stay and previous ports, and the containers it discharged, so
  // that a container hit shows the vessel it came on. Containers are rows of their own, found by number.
  '0004_port_calls': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('hubs.port_call')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.hub.id').onDelete('cascade'))
        .addColumn('imo', 'text', (c) => c.notNull())
        .addColumn('vessel_name', 'text', (c) => c.notNull())
        .addColumn('flag', 'text', (c) => c.notNull())
        .addColumn('vessel_type', 'text', (c) => c.notNull())
        .addColumn('arrived_at', 'timestamptz', (c) => c.notNull())
        .addColumn('departed_at', 'timestamptz')
        .addColumn('previous_ports', 'jsonb', (c) => c.notNull())
        .addColumn('container_count', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('erase_after', 'date', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('port_call_hub_arrived_idx')
        .on('hubs.port_call')
        .columns(['hub_id', 'arrived_at'])
        .execute();
      await db.schema
        .createIndex('port_call_arrived_idx')
        .on('hubs.port_call')
        .column('arrived_at')
        .execute();
      await db.schema.createIndex('port_call_erase_idx').on('hubs.port_call').column('erase_after').execute();
      await db.schema
        .createTable('hubs.port_call_container')
        .addColumn('port_call_id', 'text', (c) =>
          c.notNull().references('hubs.port_call.id').onDelete('cascade'),
        )
        .addColumn('container_number', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('port_call_container_pkey', ['port_call_id', 'container_number'])
        .execute();
      await db.schema
        .createIndex('port_call_container_number_idx')
        .on('hubs.port_call_container')
        .column('container_number')
        .execute();
    },
  },
};
