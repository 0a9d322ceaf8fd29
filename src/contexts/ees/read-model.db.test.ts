import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import type { NewFileInput } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const traveller = (number: string, surname: string): NewFileInput => ({
  kind: 'visa-exempt',
  surname,
  givenNames: 'Ida',
  birthDate: '1970-02-03',
  nationalities: ['CAN'],
  sex: 'F',
  documents: [{ type: 'P', number, issuingState: 'CAN', expiry: '2035-01-01' }],
  facialImageRef: 'face:rm',
  fingerprints: { hand: 'right', index: 'f:1', middle: 'f:2', ring: 'f:3', little: 'f:4' },
});

describeEachDatabase('EES read model (change feed)', (tier) => {
  let s: TestServices;
  let guard: Actor;
  const clock = new ManualClock('2026-01-01T08:00:00Z');
  const call = () => ({ actor: guard, purpose: 'border-control' });
  const byDocument = (number: string) =>
    s.ees.searchByDocument({ ...call(), query: { number, issuingState: 'CAN' } });
  const inIndex = (surname: string) =>
    s.identityIndex
      .candidates({ surname, givenNames: 'Ida', birthDate: '1970-02-03' }, ['ees'])
      .map((c) => c.recordRef);

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
  });
  afterAll(async () => {
    await s.close();
  });

  it('answers document searches and file views from memory, changed only through the feed', async () => {
    const { value: f } = await s.ees.createFile({ ...call(), input: traveller('RM1', 'Memoria') });
    // The writer reads its own write: its read model applied the change before the write returned.
    expect((await byDocument('RM1')).map((x) => x.id)).toEqual([f.id]);
    // Rows removed behind the feed's back stay in memory: the search does not read the tables…
    await sql`delete from ees.travel_document where file_id = ${f.id}`.execute(s.database.db);
    await sql`delete from ees.individual_file where id = ${f.id}`.execute(s.database.db);
    expect((await byDocument('RM1')).map((x) => x.id)).toEqual([f.id]);
    // …until a change names the file: the reload finds nothing and the file leaves the model.
    await s.database.db.transaction().execute((trx) => s.changes.record(trx, 'ees.files', [f.id]));
    await s.changes.sync();
    expect(await byDocument('RM1')).toEqual([]);
    await expect(s.ees.viewFile({ ...call(), fileId: f.id })).rejects.toMatchObject({
      code: 'EES_FILE_NOT_FOUND',
    });
  });

  it('lets erasure by the retention run reach the read model and the identity index', async () => {
    const { value: f } = await s.ees.createFile({ ...call(), input: traveller('RM2', 'Erasura') });
    expect((await byDocument('RM2')).map((x) => x.id)).toEqual([f.id]);
    expect(inIndex('Erasura')).toContain(f.id);
    // The file alone (no entry) is erased 3 years and 1 day after its creation (EES art. 34).
    clock.set('2029-01-03T03:00:00Z');
    const report = await s.retention.run(SYSTEM_ACTOR);
    expect(report.rules.find((r) => r.id === 'ees.individual-file')?.erased).toBeGreaterThanOrEqual(1);
    expect(await byDocument('RM2')).toEqual([]);
    expect(inIndex('Erasura')).not.toContain(f.id);
    // The erasure reached the feed in the retention run's own transaction.
    const changes = await sql<{ refs: string[] }>`
      select refs from platform.change where topic = 'ees.files' order by seq desc limit 1`.execute(
      s.database.db,
    );
    expect(changes.rows[0]?.refs).toContain(f.id);
  });

  it('builds the read model from the tables at start', async () => {
    const { value: f } = await s.ees.createFile({ ...call(), input: traveller('RM3', 'Initia') });
    expect(await s.ees.buildReadModel()).toBeGreaterThanOrEqual(1);
    expect((await byDocument('RM3')).map((x) => x.id)).toEqual([f.id]);
  });
});
