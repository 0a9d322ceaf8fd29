import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { DEFAULT_MIGRATION_TABLE, Kysely, PostgresDialect, sql, type Migration, Migrator } from 'kysely';
import pg from 'pg';
import type client from 'prom-client';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { PGlitePool } from './pglite-pool.ts';
import { pgliteTemplateFor } from './pglite-template.ts';
import { ReadRouter } from './replica.ts';

export { sessionKeyOf } from './replica.ts';

/**
 * Any Kysely executor (the database or an open transaction). Contexts narrow it to their own tables
 * with `withTables<...>()`, so the platform does not need to know every context's schema.
 */
export type Executor = Kysely<object>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  /** The primary: every write, every transaction, and every read that must see the latest committed state. */
  readonly db: Executor;
  /**
   * For read-only queries outside a transaction that may be a little behind (searches, audit list and export):
   * a streaming replica when `DATABASE_READ_URL` is set and it is reachable and caught up within the configured
   * lag, the primary otherwise, and the primary after a write of the same request or session (see replica.ts).
   * It is `db` itself when no replica is configured. Never write through it.
   */
  readonly read: Executor;
  readonly kind: DatabaseKind;
  /**
   * A write has committed (called by `Writes.run`): the current request and session read from the primary
   * from now on (read-your-writes).
   */
  noteWrite(): void;
  /** Adds the replica metrics (lag, in use) to a registry; nothing without a replica. */
  registerMetrics(registry: client.Registry): void;
  close(): Promise<void>;
}

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

/** Calendar dates stay 'YYYY-MM-DD' strings, int8 and numeric become numbers, on both databases. */
const identity = (v: string) => v;

/** Opens the embedded PGlite database (file-backed) or a PostgreSQL server, per configuration. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize'> &
    Partial<Pick<Config, 'databaseReadUrl' | 'databaseReadMaxLagSeconds'>>,
  logger?: Logger,
): Promise<Database> {
  if (config.databaseUrl === null) {
    const dir = path.join(config.dataDir, 'pglite');
    await fs.mkdir(dir, { recursive: true });
    const options = {
      dataDir: dir,
      extensions: { pg_trgm },
      parsers: {
        [pgliteTypes.INT8]: Number,
        [pgliteTypes.NUMERIC]: Number,
        [pgliteTypes.DATE]: identity,
      },
    };
    // An empty data directory gets the cluster made at install rather than a fresh initdb (see the template).
    const template = await pgliteTemplateFor(dir);
    let pgl: PGlite;
    try {
      pgl = await PGlite.create(template ? { ...options, loadDataDir: template } : options);
    } catch (err) {
      if (template === undefined) {
        throw err;
      }
      logger?.warn({ err }, 'PGlite template not usable: running initdb');
      await fs.rm(dir, { recursive: true, force: true });
      await fs.mkdir(dir, { recursive: true });
      pgl = await PGlite.create(options);
    }
    logger?.info({ dataDir: dir }, 'embedded database (PGlite) opened');
    const db = new Kysely<object>({ dialect: new PostgresDialect({ pool: new PGlitePool(pgl) }) });
    return {
      db,
      read: db,
      kind: 'pglite',
      noteWrite: () => undefined,
      registerMetrics: () => undefined,
      close: () => db.destroy(),
    };
  }
  const pool = newPool(config.databaseUrl, config.databasePoolSize, 'interlink');
  pool.on('error', (err) => logger?.error({ err }, 'idle PostgreSQL client failed'));
  const db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
  logger?.info('PostgreSQL server connection pool opened');
  const readUrl = config.databaseReadUrl ?? null;
  if (readUrl === null) {
    return {
      db,
      read: db,
      kind: 'postgres',
      noteWrite: () => undefined,
      registerMetrics: () => undefined,
      close: () => db.destroy(),
    };
  }
  const replicaPool = newPool(readUrl, config.databasePoolSize, 'interlink-read', 2000);
  // A replica that goes away is noticed by the router (fallback to the primary); its idle clients just close.
  replicaPool.on('error', (err) => logger?.warn({ err }, 'idle read-replica client failed'));
  const router = new ReadRouter({
    primary: pool,
    replica: replicaPool,
    settings: {
      maxLagSeconds: config.databaseReadMaxLagSeconds ?? 5,
      probeIntervalMs: 1000,
    },
    ...(logger ? { logger } : {}),
  });
  await router.start();
  const read = new Kysely<object>({ dialect: new PostgresDialect({ pool: router.pool() }) });
  logger?.info('read replica connection pool opened (DATABASE_READ_URL)');
  return {
    db,
    read,
    kind: 'postgres',
    noteWrite: () => router.noteWrite(),
    registerMetrics: (registry) => router.registerMetrics(registry),
    close: async () => {
      router.stop();
      await read.destroy();
      await db.destroy();
      await replicaPool.end();
    },
  };
}

/** A pg pool with Interlink's type parsers; `application_name` tells the connections apart on the server. */
function newPool(url: string, max: number, applicationName: string, connectionTimeoutMillis?: number) {
  return new pg.Pool({
    connectionString: url,
    max,
    application_name: applicationName,
    ...(connectionTimeoutMillis === undefined ? {} : { connectionTimeoutMillis }),
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === OID.INT8 || oid === OID.NUMERIC) {
          return Number;
        }
        if (oid === OID.DATE) {
          return identity;
        }
        const parser = pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
        return parser;
      }) as typeof pg.types.getTypeParser,
    },
  });
}

/** One context's migrations, kept in its own schema together with its own migration table. */
export interface MigrationSet {
  /** PostgreSQL schema that the context owns. */
  readonly schema: string;
  /** Migrations by name; names sort in the order they must run. */
  readonly migrations: Readonly<Record<string, Migration>>;
}

function migratorFor(db: Executor, set: MigrationSet): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...set.migrations }) },
    migrationTableSchema: set.schema,
  });
}

/** Applies every pending migration, context by context, in the order given. */
export async function migrate(db: Executor, sets: readonly MigrationSet[], logger?: Logger): Promise<void> {
  // Trigram similarity backs the SQL candidate retrieval of the EES and SIS searches. A server without the
  // contrib package still starts, but says so: those searches then fail until the extension is installed.
  await sql`create extension if not exists pg_trgm`.execute(db).catch((err: unknown) => {
    logger?.warn({ err }, 'the pg_trgm extension could not be created; identity searches in SQL will fail');
  });
  if (await upToDate(db, sets)) {
    return;
  }
  for (const set of sets) {
    await sql`create schema if not exists ${sql.id(set.schema)}`.execute(db);
    const { error, results } = await migratorFor(db, set).migrateToLatest();
    for (const r of results ?? []) {
      logger?.info({ schema: set.schema, migration: r.migrationName, status: r.status }, 'migration');
    }
    if (error) {
      throw new Error(`migration of schema ${set.schema} failed`, { cause: error });
    }
  }
}

/**
 * Whether every set's migration table lists exactly its migrations, read in one query: the usual start of a node
 * (or of a test's services) then skips the migrator, which creates, locks and reads each of the thirteen tables
 * in turn. Anything else (a table missing, a migration pending, one applied that this build does not know) goes
 * through the migrator, which applies, or reports, as before.
 */
async function upToDate(db: Executor, sets: readonly MigrationSet[]): Promise<boolean> {
  if (sets.length === 0) {
    return true;
  }
  const reads = sets.map(
    (set) =>
      sql`select ${set.schema}::text as schema, name from ${sql.table(`${set.schema}.${DEFAULT_MIGRATION_TABLE}`)}`,
  );
  let rows: Array<{ schema: string; name: string }>;
  try {
    rows = (await sql<{ schema: string; name: string }>`${sql.join(reads, sql` union all `)}`.execute(db))
      .rows;
  } catch {
    return false;
  }
  return sets.every((set) => {
    const applied = rows.filter((r) => r.schema === set.schema).map((r) => r.name);
    const known = Object.keys(set.migrations);
    return applied.length === known.length && known.every((name) => applied.includes(name));
  });
}

/** Names of migrations not yet applied (empty when the database is up to date). */
export async function pendingMigrations(db: Executor, sets: readonly MigrationSet[]): Promise<string[]> {
  const pending: string[] = [];
  for (const set of sets) {
    const infos = await migratorFor(db, set).getMigrations();
    pending.push(...infos.filter((m) => m.executedAt === undefined).map((m) => `${set.schema}.${m.name}`));
  }
  return pending;
}

export { sql };
