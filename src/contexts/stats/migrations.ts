import { sql, type Kysely, type Migration } from 'kysely';

export const STATS_SCHEMA = 'stats';

/**
 * The central repository for reporting and statistics (2019/817 art. 39): aggregated cells (a figure's count
 * for one day and one combination of its dimension values, `d1`…`d6` in the figure's order), and what each
 * source record contributed to them. The contributions are keyed by an HMAC of the source and the record ref
 * with the repository's own secret, and by the fact's key hashed, so that the table holds no record id: a
 * re-read counts the difference and an erasure removes the record's states.
 */
export const statsMigrations: Record<string, Migration> = {
  '0001_stats': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('stats.cell')
        .addColumn('figure', 'text', (c) => c.notNull())
        .addColumn('day', 'date', (c) => c.notNull())
        .addColumn('dims_key', 'text', (c) => c.notNull())
        .addColumn('d1', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('d2', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('d3', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('d4', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('d5', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('d6', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('count', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('cell_pk', ['figure', 'day', 'dims_key'])
        .execute();
      await db.schema
        .createTable('stats.contribution')
        .addColumn('record_hash', 'text', (c) => c.notNull())
        .addColumn('fact_hash', 'text', (c) => c.notNull())
        .addColumn('figure', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('day', 'date', (c) => c.notNull())
        .addColumn('dims_key', 'text', (c) => c.notNull())
        .addColumn('n', 'bigint', (c) => c.notNull())
        // The build that last saw the record (a rebuild drops the states of records no source still holds).
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('contribution_pk', ['record_hash', 'fact_hash'])
        .execute();
      await db.schema
        .createIndex('contribution_generation_idx')
        .on('stats.contribution')
        .column('generation')
        .execute();
      await db.schema.createIndex('contribution_day_idx').on('stats.contribution').column('day').execute();
      // One row: the HMAC key of the contributions (never leaves the database), the feed position the cells
      // reflect (null: never built), the build generation, and when the cells were last brought up to date.
      await db.schema
        .createTable('stats.sync_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('secret', 'text')
        .addColumn('position', 'bigint')
        .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('built_sources', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
        .addColumn('built_at', 'timestamptz')
        .addColumn('synced_at', 'timestamptz')
        .execute();
      await sql`insert into stats.sync_state (id, position) values (1, null)`.execute(db);
    },
  },
};
