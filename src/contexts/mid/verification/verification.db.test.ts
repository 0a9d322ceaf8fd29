import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../../test/support/db.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { sql } from '../../../platform/database/index.ts';
import type { Actor } from '../../access/index.ts';
import { etiasApplication } from '../../etias/index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

describeEachDatabase('MID verification', (tier) => {
  let s: TestServices;
  let guard: Actor;
  let unit: Actor;
  const clock = new ManualClock('2026-09-01T08:00:00Z');
  const asUnit = () => ({ actor: unit, purpose: 'identity-verification' });
  let linkId: string;

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
    unit = await s.access.authenticate((await newUser(s, 'etias-central')).token);
    // The same passport in an EES file and, under another name, in an ETIAS application: a yellow link that
    // the ETIAS Central Unit verifies (art. 29(1)(c)).
    const { value: file } = await s.ees.createFile({
      actor: guard,
      purpose: 'border-control',
      input: {
        kind: 'visa-exempt',
        surname: 'Okonkwo',
        givenNames: 'Chidi',
        birthDate: '1979-02-03',
        nationalities: ['NGA'],
        sex: 'M',
        documents: [{ type: 'P', number: 'NG4410022', issuingState: 'NGA', expiry: '2045-01-01' }],
        facialImageRef: 'face:NG4410022',
        fingerprints: { hand: 'right', index: 'f:1', middle: 'f:2', ring: 'f:3', little: 'f:4' },
      },
    });
    await s.etias.submit(
      {},
      etiasApplication({
        surname: 'Marsh',
        givenNames: 'Daniel',
        birthDate: '1991-11-20',
        nationalities: ['USA'],
        document: { type: 'P', number: 'NG4410022', issuingState: 'NGA', expiry: '2034-01-31' },
      }),
    );
    linkId = (await s.mid.linksOf([`ees:${file.id}`]))[0]!.id;
  });
  afterAll(async () => {
    await s.close();
  });

  it('lists the yellow link in the Central Unit queue with its deadline, and past it as overdue', async () => {
    const { links, total } = await s.mid.links({ ...asUnit(), color: 'yellow' });
    expect(total).toBe(1);
    expect(links[0]).toMatchObject({ id: linkId, color: 'yellow', overdue: false });
    clock.advance(24 * 3_600_000);
    expect((await s.mid.links(asUnit())).links[0]).toMatchObject({ overdue: true });
    expect(await s.mid.links({ ...asUnit(), offset: 5 })).toEqual({ links: [], total: 1 });
  });

  it('verifies red in one transaction: link, history, notices and a log kept one year', async () => {
    const { value } = await s.mid.verify({
      ...asUnit(),
      id: linkId,
      color: 'red',
      reason: 'A shared passport.',
    });
    expect(value).toMatchObject({ color: 'red', reflectedInRecords: true, verification: { color: 'red' } });
    const detail = await s.mid.linkDetail({ ...asUnit(), id: linkId });
    expect(detail.notices).toHaveLength(2);
    expect(detail.history.map((h) => h.event)).toEqual(['created', 'verified']);
    const { rows } = await sql<{ retain_until: string | Date; record_refs: string[] }>`
      select retain_until, record_refs from audit.event where operation = 'mid.link-verified'`.execute(
      s.database.db,
    );
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.retain_until).toISOString().slice(0, 10)).toBe('2027-09-02');
    expect(rows[0]!.record_refs).toContain(linkId);
    await expect(
      s.mid.verify({ ...asUnit(), id: linkId, color: 'green', reason: 'again' }),
    ).rejects.toMatchObject({ code: 'MID_LINK_NOT_YELLOW' });
  });

  it('erases the history and the notices with the link (art. 35)', async () => {
    const link = (await s.mid.link(linkId))!;
    await s.database.db.transaction().execute(async (trx) => {
      await s.mid.onFilesChanged(trx, { upserted: [], removed: [link.records[0]] });
    });
    const { rows } = await sql<{ n: number | string }>`select
      (select count(*) from mid.notice) + (select count(*) from mid.link_event) as n`.execute(s.database.db);
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
