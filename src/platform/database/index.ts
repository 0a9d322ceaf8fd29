import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql, type Migration, Migrator } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { PGlitePool } from './pglite-pool.ts';
import { pgliteTemplateFor } from './pglite-template.ts';

/**
 * Any Kysely executor (the database or an open transaction). Contexts narrow it to their own tables
 * with `withTables<...>()`, so the platform does not need to know every context's schema.
 */
export type Executor = Kysely<object>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly db: Executor;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

/** Calendar dates stay 'YYYY-MM-DD' strings, int8 and numeric become numbers, on both databases. */
const identity = (v: string) => v;

/** Opens the embedded PGlite database (file-backed) or a PostgreSQL server, per configuration. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize'>,
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
    return { db, kind: 'pglite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: config.databasePoolSize,
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
  pool.on('error', (err) => logger?.error({ err }, 'idle PostgreSQL client failed'));
  const db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
  logger?.info('PostgreSQL server connection pool opened');
  return { db, kind: 'postgres', close: () => db.destroy() };
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
