import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, describeEachDatabase } from '../../test/support/db.ts';
import { SYSTEM_ACTOR } from '../contexts/access/index.ts';
import { ManualClock } from '../platform/clock.ts';
import type { Executor } from '../platform/database/index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

describeEachDatabase('Retention', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2029-05-10T12:00:00Z');
  const forgotten: string[] = [];

  beforeEach(async () => {
    forgotten.length = 0;
    s = await createTestServices(tier, { clock });
    await sql`create table platform.demo_record (id text primary key, erase_after date not null)`.execute(
      s.database.db,
    );
    await sql`create table platform.demo_copy (ref text primary key)`.execute(s.database.db);
    await sql`insert into platform.demo_record values ('r1', '2029-05-09'), ('r2', '2029-05-10'), ('r3', '2029-05-11')`.execute(
      s.database.db,
    );
    await sql`insert into platform.demo_copy values ('r1'), ('r2'), ('r3')`.execute(s.database.db);
    s.retention.register({
      id: 'demo.record',
      system: 'ees',
      description: 'demo records',
      legalBasis: 'Reg. (EU) 2017/2226 art. 34(1)',
      async erase(trx: Executor, today: string) {
        const rows = await sql<{
          id: string;
        }>`delete from platform.demo_record where erase_after < ${today} returning id`.execute(trx);
        return { erased: rows.rows.length, refs: rows.rows.map((r) => r.id) };
      },
    });
    s.retention.registerCascade({
      id: 'demo-copies',
      async onErased(trx: Executor, _system: string, refs: readonly string[]) {
        const r = await sql`delete from platform.demo_copy where ref = any(${[...refs]})`.execute(trx);
        return Number(r.numAffectedRows ?? 0);
      },
      afterCommit(_system, refs) {
        forgotten.push(...refs);
      },
    });
  });
  afterEach(async () => {
    await s.close();
  });

  describe('run', () => {
    it('erases exactly the rows whose date has passed, cascades, and logs counts without the data', async () => {
      const report = await s.retention.run(SYSTEM_ACTOR);
      const rule = report.rules.find((r) => r.id === 'demo.record');
      expect(rule).toMatchObject({ erased: 1, cascaded: { 'demo-copies': 1 } });
      const left = await sql<{ id: string }>`select id from platform.demo_record order by id`.execute(
        s.database.db,
      );
      expect(left.rows.map((r) => r.id)).toEqual(['r2', 'r3']);
      const copies = await sql<{ ref: string }>`select ref from platform.demo_copy order by ref`.execute(
        s.database.db,
      );
      expect(copies.rows.map((r) => r.ref)).toEqual(['r2', 'r3']);
      expect(forgotten).toEqual(['r1']);
      const log = await sql<{
        operation: string;
        legal_basis: string;
        result_summary: string;
        record_refs: string[];
      }>`
        select operation, legal_basis, result_summary, record_refs from audit.event where operation = 'retention.erase'`.execute(
        s.database.db,
      );
      expect(log.rows).toHaveLength(1);
      expect(log.rows[0]).toMatchObject({ legal_basis: 'Reg. (EU) 2017/2226 art. 34(1)', record_refs: [] });
      expect(log.rows[0]?.result_summary).toContain('1 records erased by rule demo.record');
      expect(log.rows[0]?.result_summary).not.toContain('r1');
    });

    it('erases nothing twice and logs nothing when nothing is due', async () => {
      await s.retention.run(SYSTEM_ACTOR);
      const second = await s.retention.run(SYSTEM_ACTOR);
      expect(second.rules.find((r) => r.id === 'demo.record')?.erased).toBe(0);
      const log = await sql<{
        n: number;
      }>`select count(*)::int as n from audit.event where operation = 'retention.erase'`.execute(
        s.database.db,
      );
      expect(log.rows[0]?.n).toBe(1);
    });

    it('is refused to an actor without the retention permission', async () => {
      await expect(
        s.retention.run({ ...SYSTEM_ACTOR, profile: { ...SYSTEM_ACTOR.profile, permissions: [] } }),
      ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
    });
  });
});
