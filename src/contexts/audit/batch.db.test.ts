import { sql } from 'kysely';
import client from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { newUser } from '../../../test/support/builders.ts';
import { runCli } from '../../../test/support/cli.ts';
import { runInRequestContext } from '../../platform/request-context.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import type { AuditEntry } from './model.ts';
import { AuditRepository } from './repository.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const read = (i: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  actor: SYSTEM_ACTOR,
  system: 'ees',
  operation: 'ees.search',
  outcome: 'success',
  purpose: 'border-control',
  resultSummary: `read ${i}`,
  recordRefs: [`ees:${i}`],
  ...extra,
});

async function summaries(s: TestServices): Promise<string[]> {
  const events = await new AuditRepository().page(s.database.db, 0, 10_000);
  return events.map((e) => e.resultSummary ?? '');
}

async function batchHistogram(registry: client.Registry): Promise<{ count: number; sum: number }> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'interlink_audit_batch_size');
  const values = (metric?.values ?? []) as Array<{ metricName?: string; value: number }>;
  const pick = (suffix: string) => values.find((v) => v.metricName === `interlink_audit_batch_size${suffix}`);
  return { count: pick('_count')?.value ?? 0, sum: pick('_sum')?.value ?? 0 };
}

describeEachDatabase('Audit group commit', (tier) => {
  let s: TestServices;
  const registry = new client.Registry();

  beforeAll(async () => {
    s = await createTestServices(tier);
    s.audit.registerMetrics(registry);
    await sql`create table public.batch_work (name text primary key)`.execute(s.database.db);
  });
  afterAll(async () => {
    await s.close();
  });

  it('appends concurrent reads in shared batches, interleaved with writers, and the chain verifies', async () => {
    const reads = Array.from({ length: 60 }, (_, i) =>
      runInRequestContext({ requestId: `req-${i}`, clientRequestId: null }, () => s.audit.append(read(i))),
    );
    // Writers append in their own transactions meanwhile, under the same head lock.
    const writes = Array.from({ length: 5 }, (_, i) =>
      s.database.db
        .transaction()
        .execute((trx) =>
          s.audit.record(trx, read(1000 + i, { operation: 'ees.entry.create', resultSummary: `write ${i}` })),
        ),
    );
    const events = await Promise.all(reads);
    await Promise.all(writes);
    // Each caller got its own record back, with its own request's id.
    events.forEach((e, i) => {
      expect(e.resultSummary).toBe(`read ${i}`);
      expect(e.requestId).toBe(`req-${i}`);
    });
    const stored = await summaries(s);
    expect(stored).toHaveLength(65);
    for (let i = 0; i < 60; i++) {
      expect(stored).toContain(`read ${i}`);
    }
    // The reads of one batch keep their order in the chain.
    const seqs = events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const { count, sum } = await batchHistogram(registry);
    expect(sum).toBe(60);
    expect(count).toBeLessThan(60);
    expect(await s.audit.verify()).toMatchObject({ ok: true, checked: 65 });
  });

  it('commits each participant work with its records; a failing participant fails alone', async () => {
    const before = (await summaries(s)).length;
    const participant = (name: string, fail: boolean) =>
      s.audit.commit({
        work: async (trx) => {
          await sql`insert into public.batch_work (name) values (${name})`.execute(trx);
          // A write's own record inside the work: it takes the head lock in the batch's transaction.
          await s.audit.record(trx, read(0, { operation: 'sis.hit.report', resultSummary: `hit ${name}` }));
          if (fail) {
            throw new Error(`work ${name} failed`);
          }
          return name.toUpperCase();
        },
        entries: (value) => [read(0, { operation: 'border-check.run', resultSummary: `check ${value}` })],
      });
    const results = await Promise.allSettled([
      participant('a', false),
      participant('b', true),
      participant('c', false),
    ]);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { value: 'A' } });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: 'work b failed' } });
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { value: 'C' } });
    const rows = await sql<{ name: string }>`select name from public.batch_work order by name`.execute(
      s.database.db,
    );
    expect(rows.rows.map((r) => r.name)).toEqual(['a', 'c']);
    const added = (await summaries(s)).slice(before);
    expect(added).toEqual(expect.arrayContaining(['hit a', 'check A', 'hit c', 'check C']));
    expect(added).toHaveLength(4);
    expect(added.some((x) => x.includes('b') || x.includes('B'))).toBe(false);
    expect(await s.audit.verify()).toMatchObject({ ok: true });
  });

  it('rejects every caller of a batch that fails, writes none of it and keeps the chain intact', async () => {
    const before = (await summaries(s)).length;
    // One record the database refuses (an impossible retention day) fails the batch's single insert.
    const results = await Promise.allSettled([
      s.audit.append(read(1, { resultSummary: 'innocent 1' })),
      s.audit.append(read(2, { retainUntil: 'not a date' })),
      s.audit.append(read(3, { resultSummary: 'innocent 3' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await summaries(s)).toHaveLength(before);
    // The next batch follows the head as it was.
    await s.audit.append(read(4, { resultSummary: 'after the failure' }));
    expect((await summaries(s)).at(-1)).toBe('after the failure');
    expect(await s.audit.verify()).toMatchObject({ ok: true, checked: before + 1 });
  });

  it('logs EES and SIS reads through group commit: every read has its record, concurrent reads share batches', async () => {
    const guard = await s.access.authenticate((await newUser(s, 'border')).token);
    const call = { actor: guard, purpose: 'border-control' };
    const from = (await summaries(s)).length;
    const before = await batchHistogram(registry);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        s.ees.searchByDocument({ ...call, query: { number: `B${i}`, issuingState: 'DEU' } }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        s.sis.searchDocuments({ ...call, query: { number: `B${i}`, issuingCountry: 'DEU' } }),
      ),
    ]);
    const events = (await new AuditRepository().page(s.database.db, 0, 10_000)).slice(from);
    const ops = events.map((e) => e.operation);
    expect(ops.filter((o) => o === 'ees.search.document')).toHaveLength(10);
    expect(ops.filter((o) => o === 'sis.search.documents')).toHaveLength(10);
    const after = await batchHistogram(registry);
    expect(after.sum - before.sum).toBe(20);
    expect(after.count - before.count).toBeLessThan(20);
    expect(await s.audit.verify()).toMatchObject({ ok: true });
  });

  it('passes audit verify from the command line, and refuses records once the database is closed', async () => {
    await s.audit.flush();
    await s.database.close();
    await expect(s.audit.append(read(5))).rejects.toThrow();
    await expect(s.audit.commit({ work: () => Promise.resolve(), entries: [read(6)] })).rejects.toThrow();
    const r = await runCli(['audit', 'verify', '--json'], { env: s.testDb.env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  });
});
