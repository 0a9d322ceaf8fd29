import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDatabase,
  testConfig,
  type TestDatabase,
} from '../../../test/support/db.ts';
import { createServices, type Services } from '../../services.ts';
import { SyntheticBiometrics } from './synthetic.ts';

const gen = new SyntheticBiometrics({ seed: 99 });

describeEachDatabase('sBMS across restarts of the services', (tier) => {
  let db: TestDatabase;
  let services: Services | null = null;
  const start = async () => {
    services = await createServices(testConfig(db));
    return services;
  };
  const stop = async () => {
    await services?.close();
    services = null;
  };
  const enrol = async (s: Services, recordRef: string, person: string) => {
    await s.writes.run(null, async (trx) =>
      s.sbms.enrol(trx, 'eurodac', recordRef, s.sbms.decode(gen.fingers(person, [1, 2, 3]))),
    );
  };
  const answers = (s: Services) =>
    Promise.all(
      ['p1', 'p2', 'p3', 'p4'].map((person) =>
        s.sbms.identify(s.sbms.decode(gen.fingers(person, [1, 2, 3], { capture: 1 })), {
          partitions: ['eurodac'],
          limit: 3,
          matchesOnly: false,
        }),
      ),
    );

  beforeAll(async () => {
    db = await createTestDatabase(tier);
  });
  afterAll(async () => {
    await stop();
    await db.drop();
  });

  it('saves the indexes at close and loads them at the next start, with the changes made meanwhile', async () => {
    let s = await start();
    expect(s.sbms.built).toMatchObject({ from: 'table', templates: 0 });
    await enrol(s, 'd1', 'p1');
    await enrol(s, 'd2', 'p2');
    await enrol(s, 'd3', 'p3');
    const before = await answers(s);
    expect(before[0]![0]).toMatchObject({ recordRef: 'd1', decision: 'match' });
    await stop();

    s = await start();
    expect(s.sbms.built).toEqual({ from: 'snapshot', templates: 9 });
    expect(await answers(s)).toEqual(before);
    // Changes after the snapshot: a restart reconciles them by template id.
    await enrol(s, 'd4', 'p4');
    await s.writes.run(null, (trx) => s.sbms.remove(trx, 'eurodac', ['d2']));
    const changed = await answers(s);
    expect(changed[1]!.some((c) => c.recordRef === 'd2')).toBe(false);
    expect(changed[3]![0]).toMatchObject({ recordRef: 'd4', decision: 'match' });
    await stop();

    s = await start();
    expect(s.sbms.built).toEqual({ from: 'snapshot', templates: 9 });
    expect(await answers(s)).toEqual(changed);
    await stop();
  });

  it('rebuilds from the table when the snapshot is damaged or of another database', async () => {
    const manifest = path.join(db.env.INTERLINK_DATA_DIR!, 'sbms', 'manifest.json');
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { templates: { count: number } };
    writeFileSync(manifest, JSON.stringify({ ...m, templates: { ...m.templates, count: 1 } }));
    let s = await start();
    expect(s.sbms.built).toEqual({ from: 'table', templates: 9 });
    const expected = await answers(s);
    await stop();

    s = await start();
    expect(s.sbms.built?.from).toBe('snapshot');
    // As if the database were restored elsewhere: ids no longer name the same templates.
    await sql`update sbms.setting set value = 'another' where name = 'instance'`.execute(s.database.db);
    await stop();
    s = await start();
    expect(s.sbms.built).toEqual({ from: 'table', templates: 9 });
    expect(await answers(s)).toEqual(expected);
    await stop();
  });
});
