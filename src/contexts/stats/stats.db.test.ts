import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import type { Actor } from '../access/index.ts';
import type { NewFileInput } from '../ees/index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const PRINTS = { hand: 'right' as const, index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' };
let counter = 0;
function file(nationality: string): NewFileInput {
  counter += 1;
  return {
    kind: 'visa-exempt',
    surname: 'Stat',
    givenNames: 'Person',
    birthDate: '1980-05-12',
    nationalities: [nationality],
    sex: 'M',
    documents: [
      {
        type: 'P',
        number: `S${String(counter).padStart(7, '0')}`,
        issuingState: nationality,
        expiry: '2032-01-01',
      },
    ],
    facialImageRef: 'face:1',
    fingerprints: PRINTS,
  };
}

describeEachDatabase('StatsService following EES', (tier) => {
  let s: TestServices;
  let guard: Actor;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  const border = () => ({ actor: guard, purpose: 'border-control' });
  const fileIds: string[] = [];
  const recordIds: string[] = [];

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
  });
  afterAll(async () => {
    await s.close();
  });

  /** This node applies the feed (a write outside `Writes.run` is seen at the next poll), then the cells follow. */
  const catchUp = async () => {
    await s.changes.sync();
    return s.stats.sync();
  };
  const crossings = (by: string[], filters: Record<string, string> = {}) =>
    s.stats.answer({ figure: 'ees.crossings', from: '2026-01-01', to: '2026-06-30', by, filters });

  it('counts entries and exits by direction from the files, on the local date of the crossing point', async () => {
    for (let i = 0; i < 12; i += 1) {
      const { value: f } = await s.ees.createFile({ ...border(), input: file(i < 8 ? 'USA' : 'CAN') });
      fileIds.push(f.id);
      const { value: e } = await s.ees.recordEntry({
        ...border(),
        fileId: f.id,
        input: { at: '2026-05-31T22:30:00Z', bcpId: 'FI-HEL' },
      });
      recordIds.push(e.id);
      if (i < 6) {
        await s.ees.recordExit({
          ...border(),
          fileId: f.id,
          input: { at: '2026-06-01T07:00:00Z', bcpId: 'FI-HEL' },
        });
      }
    }
    await catchUp();
    const byDirection = await crossings(['direction']);
    expect(byDirection.rows).toEqual([
      { key: { direction: 'entry' }, count: 12 },
      { key: { direction: 'exit' }, count: 6 },
    ]);
    expect(byDirection.total).toBe(18);
    // 22:30 UTC on 31 May is 1 June in Helsinki.
    const byDay = await crossings(['period', 'direction'], { direction: 'entry' });
    expect(byDay.rows).toEqual([{ key: { period: '2026-06-01', direction: 'entry' }, count: 12 }]);
    const byNationality = await crossings(['nationality'], { direction: 'exit' });
    expect(byNationality.rows).toEqual([{ key: { nationality: 'USA' }, count: 6 }]);
  });

  it('suppresses small cells, and one more row so that the total cannot give a hidden one away', async () => {
    const a = await crossings(['direction', 'nationality']);
    // entry USA 8, entry CAN 4, exit USA 6: CAN is below 5; the smallest shown row (exit USA) goes with it.
    expect(a.rows).toEqual([
      { key: { direction: 'entry', nationality: 'CAN' }, count: null },
      { key: { direction: 'entry', nationality: 'USA' }, count: 8 },
      { key: { direction: 'exit', nationality: 'USA' }, count: null },
    ]);
    expect(a).toMatchObject({ total: 18, suppressed: 2, minCell: 5 });
  });

  it('holds no record id, only hashed keys', async () => {
    const { rows } = await sql<{ t: string }>`select c::text as t from stats.contribution c
      union all select c::text from stats.cell c`.execute(s.database.db);
    expect(rows.length).toBeGreaterThan(0);
    const text = rows.map((r) => r.t).join('\n');
    for (const id of [...fileIds, ...recordIds]) {
      expect(text).not.toContain(id);
    }
  });

  it('counts a change once: a re-sync and a rebuild leave the cells as they are', async () => {
    const before = await crossings(['direction']);
    expect((await s.stats.sync()).records).toBe(0);
    await sql`update stats.sync_state set position = null`.execute(s.database.db);
    expect(await s.stats.sync()).toMatchObject({ rebuilt: true });
    expect((await crossings(['direction'])).rows).toEqual(before.rows);
  });

  it('counts refusals once per Annex V ground', async () => {
    for (let i = 0; i < 5; i += 1) {
      const { value: f } = await s.ees.createFile({ ...border(), input: file('USA') });
      await s.ees.recordRefusal({
        ...border(),
        fileId: f.id,
        input: { at: '2026-06-01T07:00:00Z', bcpId: 'FI-HEL', reasons: ['C', 'E'] },
      });
    }
    await catchUp();
    const a = await s.stats.answer({
      figure: 'ees.refusals',
      from: '2026-06-01',
      to: '2026-06-01',
      by: ['ground'],
    });
    expect(a.rows).toEqual([
      { key: { ground: 'C' }, count: 5 },
      { key: { ground: 'E' }, count: 5 },
    ]);
  });

  it('counts an overstay while it lasts: the state leaves with the exit, the crossings stay', async () => {
    const overstayers: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { value: f } = await s.ees.createFile({ ...border(), input: file('IND') });
      overstayers.push(f.id);
      await s.ees.recordEntry({
        ...border(),
        fileId: f.id,
        input: { at: '2026-02-01T10:00:00Z', bcpId: 'FI-HEL' },
      });
    }
    await s.database.db.transaction().execute((trx) => s.ees.flagOverstayers(trx, '2026-06-01'));
    await catchUp();
    const overstays = () =>
      s.stats.answer({ figure: 'ees.overstays', from: '2026-06-01', to: '2026-06-01', by: ['nationality'] });
    expect((await overstays()).rows).toEqual([{ key: { nationality: 'IND' }, count: 5 }]);
    for (const id of overstayers) {
      await s.ees.recordExit({
        ...border(),
        fileId: id,
        input: { at: '2026-06-01T07:30:00Z', bcpId: 'FI-HEL' },
      });
    }
    await catchUp();
    expect((await overstays()).rows).toEqual([]);
    expect((await crossings(['nationality'], { nationality: 'IND' })).rows).toEqual([
      { key: { nationality: 'IND' }, count: 10 },
    ]);
  });

  it('keeps the events of files the retention run erases, and drops their bookkeeping', async () => {
    const before = await crossings(['direction']);
    const contributions = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from stats.contribution`.execute(s.database.db))
          .rows[0]!.n,
      );
    const held = await contributions();
    clock.set('2029-07-01T08:00:00Z');
    await s.retention.run(await s.access.authenticate((await newUser(s, 'administrator')).token));
    await catchUp();
    expect((await crossings(['direction'])).rows).toEqual(before.rows);
    expect(await contributions()).toBeLessThan(held);
  });
});
