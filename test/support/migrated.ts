import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate, openDatabase } from '../../src/platform/database/index.ts';
import { MIGRATION_SETS } from '../../src/services.ts';

/** Name of the server database every test database is copied from (`create database … template …`). */
export const POSTGRES_TEMPLATE = 'interlink_migrated';

/**
 * A PGlite data directory with every migration applied and nothing else (no key, no setting, no date): each
 * test database starts as a copy of it instead of unpacking a cluster and running the migrations again, which
 * takes seconds per database on two cores. What `createServices` writes at its first start is still written
 * by each test's own services, with the test's clock.
 */
export async function migratedPgliteDir(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-migrated-'));
  const database = await openDatabase({ databaseUrl: null, dataDir: dir, databasePoolSize: 1 });
  try {
    await migrate(database.db, MIGRATION_SETS);
  } finally {
    await database.close();
  }
  return dir;
}

/** The same on the server: a database with every migration applied, left without connections. */
export async function migratedPostgresTemplate(adminUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${POSTGRES_TEMPLATE} with (force)`);
    await admin.query(`create database ${POSTGRES_TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${POSTGRES_TEMPLATE}`;
  const database = await openDatabase({
    databaseUrl: url.toString(),
    dataDir: os.tmpdir(),
    databasePoolSize: 1,
  });
  try {
    await migrate(database.db, MIGRATION_SETS);
  } finally {
    await database.close();
  }
  return POSTGRES_TEMPLATE;
}
