import type { TestProject } from 'vitest/node';
import { browserUnavailable, ensureWebBundle } from '../e2e/browser.ts';
import { migratedPgliteDir, migratedPostgresTemplate } from './migrated.ts';
import { startThrowawayCluster, type Cluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server tier, or null when none could be started. */
    postgresUrl: string | null;
    postgresUnavailable: string | null;
    /** A migrated PGlite data directory that test databases are copied from (null: migrate each). */
    pgliteMigrated: string | null;
    /** The migrated server database that test databases are created from (null: migrate each). */
    postgresTemplate: string | null;
  }
}

let cluster: Cluster | null = null;

/**
 * Every database test runs on PGlite and on a real PostgreSQL server: TEST_DATABASE_URL when given,
 * otherwise a throwaway cluster started here from the local PostgreSQL binaries.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  // The browser tests run in parallel workers: the web bundle is built once here, before any of them starts.
  ensureWebBundle();
  const noBrowser = browserUnavailable();
  if (noBrowser) {
    const line = '='.repeat(100);
    process.stderr.write(`\n${line}\nNOTICE: the browser tests are SKIPPED: ${noBrowser}.\n${line}\n\n`);
  }
  project.provide('pgliteMigrated', await migratedPgliteDir());
  project.provide('postgresTemplate', null);
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('postgresUnavailable', null);
    // A server named but not reachable (or never used, as when every test is skipped) gets no template; a test
    // that needs the server then fails on its own connection, with its own message.
    project.provide('postgresTemplate', await migratedPostgresTemplate(given).catch(() => null));
    return () => undefined;
  }
  const started = await startThrowawayCluster();
  if ('unavailable' in started) {
    const line = '='.repeat(100);
    process.stderr.write(
      `\n${line}\nNOTICE: the PostgreSQL server tier is SKIPPED: ${started.unavailable}.\nOnly the embedded (PGlite) tier runs. Set TEST_DATABASE_URL or install postgresql to run both.\n${line}\n\n`,
    );
    project.provide('postgresUrl', null);
    project.provide('postgresUnavailable', started.unavailable);
    return () => undefined;
  }
  cluster = started;
  project.provide('postgresUrl', started.url);
  project.provide('postgresUnavailable', null);
  project.provide('postgresTemplate', await migratedPostgresTemplate(started.url));
  return () => cluster?.stop();
}
