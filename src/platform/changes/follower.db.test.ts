import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDatabase,
  testConfig,
  type TestDatabase,
} from '../../../test/support/db.ts';
import { migrate, openDatabase, sql, type Database, type Executor } from '../database/index.ts';
import { createLogger } from '../logger.ts';
import { PLATFORM_SCHEMA, platformMigrations } from '../writes.ts';
import { Changes, LockedFollower, mustRebuild, readFeedBatch } from './index.ts';

describeEachDatabase('Locked follower of the change feed', (tier) => {
  let testDb: TestDatabase;
  let database: Database;
  const logger = createLogger({ logLevel: 'silent' });

  beforeAll(async () => {
    testDb = await createTestDatabase(tier);
    database = await openDatabase(testConfig(testDb));
    await migrate(database.db, [{ schema: PLATFORM_SCHEMA, migrations: platformMigrations }]);
    await sql`create table public.follower_state (id int primary key, position bigint)`.execute(database.db);
    await sql`create table public.follower_seen (node text, ref text)`.execute(database.db);
    await sql`insert into public.follower_state values (1, null)`.execute(database.db);
  });
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  const writer = () => new Changes({ database, logger, listenUrl: null });
  const record = (changes: Changes, topic: string, refs: string[]) =>
    database.db.transaction().execute((trx) => changes.record(trx, topic, refs));

  it('reads a batch up to a number of refs, never splitting a change, and says whether it reached the end', async () => {
    const w = writer();
    const start = w.position;
    await record(w, 'test.batch', ['a', 'b']);
    await record(w, 'test.other', ['x']);
    await record(w, 'test.batch', ['c', 'd', 'e']);
    await record(w, 'test.batch', ['f']);
    const head = Number(
      (await sql<{ seq: string }>`select max(seq) as seq from platform.change`.execute(database.db)).rows[0]!
        .seq,
    );
    const first = await readFeedBatch(database.db, ['test.batch'], start, head, 4);
    expect(first.changes.map((c) => c.refs)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    expect(first.done).toBe(false);
    expect(first.position).toBe(first.changes.at(-1)!.seq);
    const rest = await readFeedBatch(database.db, ['test.batch'], first.position, head, 4);
    expect(rest.changes.map((c) => c.refs)).toEqual([['f']]);
    expect(rest).toMatchObject({ done: true, position: head });
    // Many changes of few refs: the row limit ends the batch too, without claiming the end.
    const byRows = await readFeedBatch(database.db, ['test.batch', 'test.other'], start, head, 2);
    expect(byRows.done).toBe(false);
    expect(byRows.position).toBeLessThan(head);
  });

  it('calls for a rebuild before the first build and once the feed was pruned past the position', async () => {
    const w = writer();
    await record(w, 'test.prune', ['p']);
    const { rows } = await sql<{ lo: string; hi: string }>`select min(seq) as lo, max(seq) as hi
      from platform.change`.execute(database.db);
    const lo = Number(rows[0]!.lo);
    expect(await mustRebuild(database.db, null)).toBe(true);
    expect(await mustRebuild(database.db, lo - 1)).toBe(false);
    expect(await mustRebuild(database.db, lo - 2)).toBe(true);
    expect(await mustRebuild(database.db, Number(rows[0]!.hi))).toBe(false);
  });

  it('applies every change exactly once across two nodes syncing at the same time', async () => {
    const w = writer();
    const head = async () =>
      Number(
        (await sql<{ seq: string }>`select max(seq) as seq from platform.change`.execute(database.db))
          .rows[0]!.seq,
      );
    await sql`update public.follower_state set position = ${await head()}`.execute(database.db);
    const node = (name: string) => {
      const changes = new Changes({ database, logger, listenUrl: null, pollIntervalMs: 60_000 });
      const follower = new LockedFollower<{ refs: number; position: number | null }>({
        database,
        changes,
        logger,
        name,
        topics: new Set(['test.once']),
        active: () => true,
        empty: () => ({ refs: 0, position: null }),
        add: (into, step) => {
          into.refs += step.refs;
          into.position = step.position;
        },
        step: async (trx: Executor, upTo: number) => {
          const { rows } = await sql<{ position: string }>`select position from public.follower_state
            where id = 1 for update`.execute(trx);
          const position = Number(rows[0]!.position);
          if (position >= upTo) {
            return { refs: 0, position, done: true };
          }
          const batch = await readFeedBatch(trx, ['test.once'], position, upTo, 3);
          const refs = batch.changes.flatMap((c) => c.refs);
          for (const ref of refs) {
            await sql`insert into public.follower_seen values (${name}, ${ref})`.execute(trx);
          }
          await sql`update public.follower_state set position = ${batch.position}`.execute(trx);
          return { refs: refs.length, position: batch.position, done: batch.done };
        },
      });
      return follower;
    };
    const a = node('a');
    const b = node('b');
    const written = Array.from({ length: 10 }, (_, i) => `r${i}`);
    for (let i = 0; i < written.length; i += 2) {
      await record(w, 'test.once', written.slice(i, i + 2));
    }
    const upTo = await head();
    const [ra, rb, again] = await Promise.all([a.sync(upTo), b.sync(upTo), a.sync(upTo)]);
    expect(ra.refs + rb.refs + again.refs).toBe(written.length);
    expect([ra.position, rb.position, again.position]).toEqual([upTo, upTo, upTo]);
    const { rows } = await sql<{ ref: string }>`select ref from public.follower_seen order by ref`.execute(
      database.db,
    );
    expect(rows.map((r) => r.ref)).toEqual([...written].sort());
  });
});
