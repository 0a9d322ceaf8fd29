import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDatabase,
  testConfig,
  type TestDatabase,
} from '../../../test/support/db.ts';
import { migrate, openDatabase, pendingMigrations, sql, type Database, type MigrationSet } from './index.ts';

/** A set of its own, in a schema no context uses: each step adds one table. */
const table = (name: string) => ({
  up: async (db: Database['db']) => {
    await sql`create table ${sql.table(`migrate_probe.${name}`)} (id int)`.execute(db);
  },
});
const FIRST: MigrationSet = { schema: 'migrate_probe', migrations: { '001_a': table('a') } };
const SECOND: MigrationSet = {
  schema: 'migrate_probe',
  migrations: { '001_a': table('a'), '002_b': table('b') },
};

describeEachDatabase('migrate', (tier) => {
  let testDb: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(tier);
    database = await openDatabase(testConfig(testDb));
  });
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  const tables = async () =>
    (
      await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = 'migrate_probe' and table_name in ('a', 'b') order by 1`.execute(database.db)
    ).rows.map((r) => r.name);

  it('applies a set, then nothing when it is up to date, then the migration a later build adds', async () => {
    await migrate(database.db, [FIRST]);
    expect(await tables()).toEqual(['a']);
    await migrate(database.db, [FIRST]);
    expect(await pendingMigrations(database.db, [FIRST])).toEqual([]);
    expect(await pendingMigrations(database.db, [SECOND])).toEqual(['migrate_probe.002_b']);
    await migrate(database.db, [SECOND]);
    expect(await tables()).toEqual(['a', 'b']);
    expect(await pendingMigrations(database.db, [SECOND])).toEqual([]);
  });

  it('refuses a database with a migration this build does not know', async () => {
    await migrate(database.db, [SECOND]);
    await expect(migrate(database.db, [FIRST])).rejects.toThrow(/migration of schema migrate_probe failed/);
  });
});
