import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import type { Actor } from '../access/index.ts';
import type { PlateRead } from '../hubs/index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

describeEachDatabase('Statistics from SIS and the hubs', (tier) => {
  let s: TestServices;
  let desk: Actor;
  let sirene: Actor;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  const hubId = 'be-stats-port';
  let n = 0;
  const read = (over: Partial<PlateRead> = {}): PlateRead => ({
    id: `r${++n}`,
    at: clock.now().toISOString(),
    gateId: 'north',
    cameraId: 'north-in',
    direction: 'in',
    country: 'FRA',
    plate: { text: `ZZ-${100 + n}-ZZ`, confidence: 0.95 },
    ...over,
  });

  beforeAll(async () => {
    // Every count shown: these tests look at the cells, not at the suppression.
    s = await createTestServices(tier, { clock, env: { INTERLINK_STATS_MIN_CELL: '1' } });
    desk = await s.access.authenticate((await newUser(s, 'hub-operator')).token);
    sirene = await s.access.authenticate((await newUser(s, 'sirene')).token);
    const admin = await s.access.authenticate((await newUser(s, 'administrator')).token);
    await s.hubs.createHub({
      actor: admin,
      purpose: null,
      hub: {
        id: hubId,
        name: 'Stats port',
        kind: 'seaport',
        memberState: 'BE',
        operatorAuthorityId: desk.authorityId!,
        gates: [
          { id: 'north', name: 'North gate', cameras: [{ id: 'north-in', kind: 'plate', direction: 'in' }] },
        ],
      },
    });
  });
  afterAll(async () => {
    await s.close();
  });

  const catchUp = async () => {
    await s.changes.sync();
    return s.stats.sync();
  };
  const ask = (figure: 'hubs.reads' | 'hubs.hits' | 'sis.hits', by: string[]) =>
    s.stats.answer({ figure, from: '2026-06-01', to: '2026-06-01', by });

  it('counts every read by object type from the hub counters, stored or not, and the hits by hub', async () => {
    const reads = [
      ...Array.from({ length: 6 }, () => read()),
      ...Array.from({ length: 4 }, () => read({ trailer: { text: `TR-${++n}`, confidence: 0.9 } })),
    ];
    await s.hubs.ingestBatch({ actor: desk, purpose: 'hub-vehicle-check', hubId, reads });
    await catchUp();
    expect((await ask('hubs.reads', ['objectType'])).rows).toEqual([
      { key: { objectType: 'motor-vehicle' }, count: 10 },
      { key: { objectType: 'trailer' }, count: 4 },
    ]);
    await s.hubs.ingestBatch({ actor: desk, purpose: 'hub-vehicle-check', hubId, reads: [read(), read()] });
    await catchUp();
    expect((await ask('hubs.reads', ['hub', 'objectType'])).rows[0]).toEqual({
      key: { hub: hubId, objectType: 'motor-vehicle' },
      count: 12,
    });
    const { rows } = await sql<{ n: string }>`select count(*) as n from hubs.plate_read`.execute(
      s.database.db,
    );
    expect(Number(rows[0]!.n)).toBeLessThan(12);
  });

  it('counts a hub hit and the SIS hit it reports, by object type and by category and action', async () => {
    const { alert } = await s.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'object-seizure',
        object: {
          type: 'motor-vehicle',
          identifiers: [{ kind: 'plate', value: 'AB-123-CD', country: 'FRA' }],
          make: 'Peugeot',
          model: '308',
        },
        reason: 'Stolen vehicle',
        decisionRef: 'PV-2026-1',
      },
    });
    const r = await s.hubs.ingestBatch({
      actor: desk,
      purpose: 'hub-vehicle-check',
      hubId,
      reads: [read({ plate: { text: 'AB-123-CD', confidence: 0.97 } })],
    });
    expect(r.result.hits).toHaveLength(1);
    await catchUp();
    expect((await ask('hubs.hits', ['hub', 'objectType'])).rows).toEqual([
      { key: { hub: hubId, objectType: 'motor-vehicle' }, count: 1 },
    ]);
    const sisHits = await ask('sis.hits', ['category', 'kind']);
    expect(sisHits.rows).toEqual([{ key: { category: 'object-seizure', kind: 'object' }, count: 1 }]);
    const text = (
      await sql<{ t: string }>`select string_agg(c::text, ' ') as t from stats.contribution c`.execute(
        s.database.db,
      )
    ).rows[0]!.t;
    expect(text).not.toContain(alert.id);
    expect(text).not.toContain(r.result.hits[0]!.hitId);
  });
});
