import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, inject } from 'vitest';
import type { Clock } from '../../src/platform/clock.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { createServices, type Services } from '../../src/services.ts';

export type TierName = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly tier: TierName;
  /** Environment that points Interlink (server or CLI) at this database. */
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

/** What the global setup provides; null outside a test run (a script such as `npm run openapi`). */
function provided(key: 'pgliteMigrated' | 'postgresTemplate'): string | null {
  try {
    return inject(key);
  } catch {
    return null;
  }
}

/**
 * A fresh database on the given tier: a temporary directory for PGlite, a new database on the server. It is a
 * copy of the migrated one the global setup made (every migration applied, no data), unless `pristine` asks for
 * an empty one, which the first start migrates.
 */
export async function createTestDatabase(
  tier: TierName,
  options: { pristine?: boolean } = {},
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'interlink-test-'));
  if (tier === 'pglite') {
    const migrated = options.pristine === true ? null : provided('pgliteMigrated');
    if (migrated) {
      cpSync(migrated, dataDir, { recursive: true });
    }
    return {
      tier,
      env: { INTERLINK_DATA_DIR: dataDir },
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) {
    throw new Error('PostgreSQL tier requested but no server is available');
  }
  const name = `interlink_test_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const template = options.pristine === true ? null : provided('postgresTemplate');
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    tier,
    env: { INTERLINK_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testConfig(db: TestDatabase, extra: Record<string, string> = {}): Config {
  return loadConfig({
    LOG_LEVEL: 'silent',
    INTERLINK_DEMO: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    // Test files share the machine's cores: their event-loop lag is the neighbours' load, not this server's.
    INTERLINK_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...db.env,
    ...extra,
  });
}

/** Services over a fresh database; `close` also drops the database. */
export async function createTestServices(
  tier: TierName,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<Services & { testDb: TestDatabase }> {
  const testDb = await createTestDatabase(tier);
  const services = await createServices(
    testConfig(testDb, options.env),
    options.clock ? { clock: options.clock } : {},
  );
  return {
    ...services,
    testDb,
    async close() {
      await services.close();
      await testDb.drop();
    },
  };
}

/**
 * Declares the same tests once per database tier. When no PostgreSQL server can be had, the server tier is
 * reported as skipped with the reason, never left out silently.
 */
export function describeEachDatabase(title: string, body: (tier: TierName) => void): void {
  describe(`${title} [pglite]`, () => body('pglite'));
  const unavailable = inject('postgresUnavailable');
  if (unavailable) {
    describe.skip(`${title} [postgres] — SKIPPED: ${unavailable}`, () => body('postgres'));
  } else {
    describe(`${title} [postgres]`, () => body('postgres'));
  }
}
