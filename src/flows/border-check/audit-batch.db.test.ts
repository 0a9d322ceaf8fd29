import { sql } from 'kysely';
import client from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import type { Actor } from '../../contexts/access/index.ts';
import { generateMrzOrThrow } from '../../contexts/identity/index.ts';
import { ManualClock } from '../../platform/clock.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const passport = (number: string): string =>
  generateMrzOrThrow({
    format: 'TD3',
    documentCode: 'P',
    issuingState: 'USA',
    surname: 'HARRIS',
    givenNames: 'EMILY ROSE',
    documentNumber: number,
    nationality: 'USA',
    birthDate: '900214',
    sex: 'F',
    expiryDate: '300101',
  }).lines.join('\n');

interface Row {
  seq: number;
  operation: string;
  at: Date;
  request_id: string | null;
}

describeEachDatabase('Border check audit records in one batch', (tier) => {
  let s: TestServices;
  let guard: Actor;
  const registry = new client.Registry();
  const purpose = 'border-control';

  const batches = async (): Promise<{ count: number; sum: number }> => {
    const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'interlink_audit_batch_size');
    const values = (metric?.values ?? []) as Array<{ metricName?: string; value: number }>;
    const pick = (suffix: string) =>
      values.find((v) => v.metricName === `interlink_audit_batch_size${suffix}`)?.value ?? 0;
    return { count: pick('_count'), sum: pick('_sum') };
  };
  const rowsAfter = async (seq: number): Promise<Row[]> =>
    (
      await sql<Row>`select seq, operation, at, request_id from audit.event where seq > ${seq} order by seq`.execute(
        s.database.db,
      )
    ).rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  const head = async (): Promise<number> =>
    Number(
      (await sql<{ n: number }>`select head_seq as n from audit.chain`.execute(s.database.db)).rows[0]!.n,
    );

  beforeAll(async () => {
    s = await createTestServices(tier, { clock: new ManualClock('2026-01-05T09:00:00Z') });
    s.audit.registerMetrics(registry);
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
    const sirene = await s.access.authenticate((await newUser(s, 'sirene')).token);
    // A refusal alert on the traveller: the check reports a SIS hit in its own commit.
    await s.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'refusal',
        person: {
          surname: 'HARRIS',
          givenNames: 'EMILY ROSE',
          birthDate: '1990-02-14',
          sex: 'F',
          nationalities: ['USA'],
        },
        reason: 'Entry ban under Directive 2008/115/EC',
        decisionRef: 'IT-EB-2025-77',
      },
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it("writes the systems' read records, the hit and the check's record in one batch", async () => {
    const from = await head();
    const before = await batches();
    const r = await s.borderCheck.run({
      actor: guard,
      purpose,
      request: { mrz: passport('Z20000001'), bcpId: 'FI-HEL' },
      requestId: 'req-check-1',
    });
    const hitId = r.findings.find((f) => f.hitId !== undefined)?.hitId;
    expect(hitId).toMatch(/^hit_/);
    const rows = await rowsAfter(from);
    const ops = rows.map((x) => x.operation);
    expect(ops).toContain('border-check.run');
    expect(ops).toContain('sis.hits.create');
    expect(ops.some((o) => o.startsWith('ees.search'))).toBe(true);
    expect(ops.some((o) => o.startsWith('sis.search'))).toBe(true);
    // One batch, counted once: it appended every record but the hit's, which the hit procedure wrote in the
    // batch's transaction (under the check's savepoint).
    const after = await batches();
    expect(after.count - before.count).toBe(1);
    expect(after.sum - before.sum).toBe(rows.filter((x) => x.operation !== 'sis.hits.create').length);
    expect(rows.every((x) => x.request_id === 'req-check-1')).toBe(true);
  });

  it('keeps every record of concurrent checks and the chain verifies', async () => {
    const from = await head();
    const checks = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        s.borderCheck.run({
          actor: guard,
          purpose,
          request: { mrz: passport(`Z3000000${i}`), bcpId: 'FI-HEL' },
          requestId: `req-burst-${i}`,
        }),
      ),
    );
    expect(checks).toHaveLength(8);
    const rows = await rowsAfter(from);
    for (let i = 0; i < 8; i++) {
      const mine = rows.filter((x) => x.request_id === `req-burst-${i}`).map((x) => x.operation);
      expect(mine).toContain('border-check.run');
      expect(mine.some((o) => o.startsWith('ees.search'))).toBe(true);
    }
    expect(await s.audit.verify()).toMatchObject({ ok: true });
  });
});
