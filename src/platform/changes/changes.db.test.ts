import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDatabase,
  testConfig,
  type TestDatabase,
} from '../../../test/support/db.ts';
import { migrate, openDatabase, sql, type Database } from '../database/index.ts';
import { createLogger } from '../logger.ts';
import { PLATFORM_SCHEMA, platformMigrations } from '../writes.ts';
import { Changes } from './index.ts';

describeEachDatabase('Change feed', (tier) => {
  let testDb: TestDatabase;
  let database: Database;
  const logger = createLogger({ logLevel: 'silent' });

  beforeAll(async () => {
    testDb = await createTestDatabase(tier);
    database = await openDatabase(testConfig(testDb));
    await migrate(database.db, [{ schema: PLATFORM_SCHEMA, migrations: platformMigrations }]);
  });
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  /** A node following the feed: what its applier was handed, topic by topic, in order. */
  function follower(topics: string[]) {
    const changes = new Changes({ database, logger, listenUrl: null, pollIntervalMs: 5 });
    const seen: Array<{ topic: string; refs: string[] }> = [];
    for (const topic of topics) {
      changes.register(topic, {
        name: 'test',
        apply: (refs) => {
          seen.push({ topic, refs: [...refs] });
          return Promise.resolve();
        },
      });
    }
    return { changes, seen };
  }

  it('is not ready before its read models are built, then hands every committed change over in order', async () => {
    const writer = new Changes({ database, logger, listenUrl: null });
    const node = follower(['test.files', 'test.alerts']);
    expect(node.changes.ready).toBe(false);
    expect(await node.changes.caughtUp()).toBe(false);
    await node.changes.start(() => Promise.resolve());
    expect(node.changes.ready).toBe(true);
    expect(await node.changes.caughtUp()).toBe(true);
    expect(node.changes.lag).toEqual({ changes: 0, seconds: 0 });

    await database.db.transaction().execute((trx) => writer.record(trx, 'test.files', ['f1', 'f2']));
    await database.db.transaction().execute((trx) => writer.record(trx, 'test.alerts', ['a1']));
    // A rolled-back transaction leaves no change behind.
    await database.db
      .transaction()
      .execute(async (trx) => {
        await writer.record(trx, 'test.files', ['lost']);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await database.db.transaction().execute((trx) => writer.record(trx, 'test.files', ['f3']));
    await node.changes.sync();
    expect(node.seen).toEqual([
      { topic: 'test.files', refs: ['f1', 'f2'] },
      { topic: 'test.alerts', refs: ['a1'] },
      { topic: 'test.files', refs: ['f3'] },
    ]);
    expect(node.changes.lag.changes).toBe(0);
    await node.changes.close();
  });

  it('is not ready while a read model cannot apply a change, and catches up once it can', async () => {
    const writer = new Changes({ database, logger, listenUrl: null });
    const changes = new Changes({ database, logger, listenUrl: null, pollIntervalMs: 60_000 });
    let healthy = false;
    const applied: string[] = [];
    changes.register('test.fragile', {
      name: 'test',
      apply: (refs) => {
        if (!healthy) {
          return Promise.reject(new Error('read model unavailable'));
        }
        applied.push(...refs);
        return Promise.resolve();
      },
    });
    await changes.start(() => Promise.resolve());
    await database.db.transaction().execute((trx) => writer.record(trx, 'test.fragile', ['p1']));
    expect(await changes.caughtUp(2000)).toBe(false);
    expect(changes.lag.changes).toBe(1);
    healthy = true;
    expect(await changes.caughtUp(2000)).toBe(true);
    expect(changes.lag).toEqual({ changes: 0, seconds: 0 });
    expect(applied).toEqual(['p1']);
    await changes.close();
  });

  it('prunes changes older than the retention period', async () => {
    const writer = new Changes({ database, logger, listenUrl: null, retentionHours: 1 });
    await database.db.transaction().execute((trx) => writer.record(trx, 'test.old', ['x']));
    const count = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from platform.change`.execute(database.db))
          .rows[0]!.n,
      );
    const before = await count();
    expect(await database.db.transaction().execute((trx) => writer.prune(trx))).toBe(0);
    const pruned = await database.db.transaction().execute((trx) => writer.prune(trx, 0));
    expect(pruned).toBe(before);
    expect(await count()).toBe(0);
  });

  if (tier === 'postgres') {
    it('never skips a change committed after one with a higher number (concurrent writers)', async () => {
      const writer = new Changes({ database, logger, listenUrl: null });
      const node = follower(['test.race']);
      await node.changes.start(() => Promise.resolve());
      let writing = true;
      // The follower polls as fast as it can while the writers race.
      const polling = (async () => {
        while (writing) {
          await node.changes.sync();
        }
      })();
      const committed: string[] = [];
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          database.db
            .transaction()
            .execute(async (trx) => {
              await sql`select pg_sleep(${Math.random() * 0.01})`.execute(trx);
              await writer.record(trx, 'test.race', [`r${i}`]);
              // Hold the transaction open after the append: a later writer must not overtake it.
              await sql`select pg_sleep(${Math.random() * 0.02})`.execute(trx);
              if (i % 9 === 4) {
                throw new Error('rollback');
              }
            })
            .then(
              () => committed.push(`r${i}`),
              () => undefined,
            ),
        ),
      );
      writing = false;
      await polling;
      await node.changes.sync();
      const applied = node.seen.flatMap((s) => s.refs);
      expect([...applied].sort()).toEqual([...committed].sort());
      expect(new Set(applied).size).toBe(applied.length);
      // In commit order: the feed's numbers follow the order the writers committed in.
      const rows = await sql<{
        refs: string[];
      }>`select refs from platform.change where topic = 'test.race' order by seq`.execute(database.db);
      expect(applied).toEqual(rows.rows.flatMap((r) => r.refs));
      await node.changes.close();
    });

    it('wakes a following node by LISTEN/NOTIFY', async () => {
      const writer = new Changes({ database, logger, listenUrl: null });
      const changes = new Changes({
        database,
        logger,
        listenUrl: testDb.env.DATABASE_URL!,
        pollIntervalMs: 60_000,
      });
      let woken: () => void = () => undefined;
      const arrived = new Promise<void>((resolve) => {
        woken = resolve;
      });
      changes.register('test.notify', {
        name: 'test',
        apply: (refs) => {
          if (refs.includes('n1')) {
            woken();
          }
          return Promise.resolve();
        },
      });
      await changes.start(() => Promise.resolve());
      await database.db.transaction().execute((trx) => writer.record(trx, 'test.notify', ['n1']));
      // The poll interval is a minute: only the notification can bring the change this soon.
      await Promise.race([
        arrived,
        new Promise((_, reject) => setTimeout(() => reject(new Error('not woken')), 5000)),
      ]);
      await changes.close();
    });
  }
});
