import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { newUser } from '../../../test/support/builders.ts';
import { runCli } from '../../../test/support/cli.ts';
import { ManualClock } from '../../platform/clock.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import type { Services } from '../../services.ts';
import { hashEventUnkeyed } from './chain.ts';
import { AuditRepository } from './repository.ts';
import { AUDIT_TOTAL_CAP } from './service.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

async function seedEvents(s: Services, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await s.audit.recordNow({
      actor: SYSTEM_ACTOR,
      system: 'ees',
      operation: 'ees.search',
      outcome: 'success',
      purpose: 'border-control',
      queryDataTypes: ['surname', 'birthDate'],
      resultSummary: `${i} hits`,
      recordRefs: [`ees:${i}`],
      linkChanges: { b: i, a: [1, { z: 1, y: 2 }] },
    });
  }
}

describeEachDatabase('AuditLog', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-03-01T10:00:00Z');

  beforeEach(async () => {
    s = await createTestServices(tier, { clock });
  });
  afterEach(async () => {
    await s.close();
  });

  describe('record', () => {
    it('chains every record to its predecessor and verifies intact', async () => {
      await seedEvents(s, 5);
      const report = await s.audit.verify();
      expect(report).toMatchObject({ ok: true, checked: 5, firstBadSeq: null, problem: null });
    });

    it('stores exactly what it hashes when text holds lone surrogates and NUL', async () => {
      const odd = 'x\ud800y\u0000z\udc00';
      const event = await s.audit.recordNow({
        actor: { ...SYSTEM_ACTOR, username: odd },
        system: 'access',
        operation: 'auth.login',
        outcome: 'denied',
        queryDataTypes: [odd],
        resultSummary: odd,
        recordRefs: [odd],
        linkChanges: { [odd]: [odd, { k: odd }], gone: undefined },
      });
      await seedEvents(s, 1);
      const clean = 'x\ufffdy\ufffdz\ufffd';
      expect(event.username).toBe(clean);
      const [stored] = await new AuditRepository().page(s.database.db, 0, 1);
      expect(stored).toEqual(event);
      expect(stored!.linkChanges).toEqual({ [clean]: [clean, { k: clean }] });
      expect(await s.audit.verify()).toMatchObject({ ok: true, checked: 2 });
    });

    it('writes nothing when the surrounding transaction rolls back', async () => {
      await seedEvents(s, 2);
      await expect(
        s.database.db.transaction().execute(async (trx) => {
          await s.audit.record(trx, {
            actor: SYSTEM_ACTOR,
            system: 'ees',
            operation: 'x',
            outcome: 'success',
          });
          throw new Error('operation failed after logging');
        }),
      ).rejects.toThrow('operation failed');
      await seedEvents(s, 1);
      const report = await s.audit.verify();
      expect(report.ok).toBe(true);
      expect(report.checked).toBe(3);
    });

    it('keeps the chain gap-free under concurrent writers', async () => {
      await Promise.all(Array.from({ length: 20 }, () => seedEvents(s, 1)));
      expect(await s.audit.verify()).toMatchObject({ ok: true, checked: 20 });
    });
  });

  describe('verify after tampering (interlink audit verify)', () => {
    // The attacker is a database superuser: triggers are bypassed with session_replication_role.
    async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
      await s.database.db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await statement.execute(trx);
      });
    }

    async function verifyWithCli(): Promise<{
      code: number | null;
      report: { ok: boolean; firstBadSeq: number | null; problem: string };
    }> {
      await s.database.close();
      const r = await runCli(['audit', 'verify', '--json'], { env: s.testDb.env });
      return {
        code: r.code,
        report: JSON.parse(r.stdout) as { ok: boolean; firstBadSeq: number | null; problem: string },
      };
    }

    /**
     * The same verification in this process (what the command calls, `AuditLog.verify`), with the command's exit
     * code: the cases below need no second process each; the two above go through the command itself.
     */
    async function verifyHere(): Promise<{
      code: number;
      report: { ok: boolean; firstBadSeq: number | null; problem: string };
    }> {
      const report = await s.audit.verify();
      return {
        code: report.ok ? 0 : 1,
        report: { ok: report.ok, firstBadSeq: report.firstBadSeq, problem: report.problem ?? '' },
      };
    }

    it('reports an intact log with exit code 0', async () => {
      await seedEvents(s, 4);
      const { code, report } = await verifyWithCli();
      expect(code).toBe(0);
      expect(report.ok).toBe(true);
    });

    it('names a record whose content was changed', async () => {
      await seedEvents(s, 6);
      await tamper(sql`update audit.event set result_summary = '0 hits' where seq = 4`);
      const { code, report } = await verifyWithCli();
      expect(code).toBe(1);
      expect(report).toMatchObject({ ok: false, firstBadSeq: 4 });
      expect(report.problem).toContain('changed');
    });

    it('names the place where a record was removed', async () => {
      await seedEvents(s, 6);
      await tamper(sql`delete from audit.event where seq = 3`);
      const { code, report } = await verifyHere();
      expect(code).toBe(1);
      expect(report).toMatchObject({ ok: false, firstBadSeq: 3 });
      expect(report.problem).toContain('missing');
    });

    it('detects removal of the newest record', async () => {
      await seedEvents(s, 5);
      await tamper(sql`delete from audit.event where seq = 5`);
      const { code, report } = await verifyHere();
      expect(code).toBe(1);
      expect(report).toMatchObject({ ok: false, firstBadSeq: 5 });
    });

    it('names a record inserted between two others', async () => {
      await seedEvents(s, 5);
      // Renumber 4..5 to 5..6 and slip a forged record in as 4, re-hashed by a forger who lacks nothing but
      // the chain: its prev_hash cannot match both neighbours.
      await tamper(sql`update audit.event set seq = seq + 10 where seq >= 4`);
      await tamper(sql`update audit.event set seq = seq - 9 where seq >= 14`);
      await tamper(sql`insert into audit.event
        select 4, 'forged', at, system, component, operation, outcome, actor_kind, user_id, username, authority_id,
          authority_name, authority_type, member_state, profile, purpose, legal_basis, query_data_types,
          query_data_hash, 'forged', record_refs, link_changes, request_id, retain_until, prev_hash, hash
        from audit.event where seq = 3`);
      const { code, report } = await verifyHere();
      expect(code).toBe(1);
      expect(report).toMatchObject({ ok: false, firstBadSeq: 4 });
    });

    describe('by someone who can write the database but has no key', () => {
      const repo = new AuditRepository();

      it('detects hashes recomputed after a change, even with the switch-over to the key moved', async () => {
        await seedEvents(s, 6);
        await s.audit.checkpoint();
        // Rewrite record 4 and re-hash 4..6 with the plain SHA-256 scheme, which needs no secret.
        const events = await repo.page(s.database.db, 0, 100);
        let prevHash = events[2]!.hash;
        for (const e of events.slice(3)) {
          const { hash: _old, ...rest } = e;
          const forged = {
            ...rest,
            resultSummary: e.seq === 4 ? '0 hits' : rest.resultSummary,
            prevHash,
          };
          prevHash = hashEventUnkeyed(forged);
          await tamper(sql`update audit.event set result_summary = ${forged.resultSummary},
            prev_hash = ${forged.prevHash}, hash = ${prevHash} where seq = ${e.seq}`);
        }
        await tamper(sql`update audit.chain set head_hash = ${prevHash}`);
        expect(await s.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 4 });
        // Declaring every record to be of the first (unkeyed) scheme is caught by the checkpoints.
        await tamper(sql`update audit.chain set keyed_from_seq = 7`);
        const { code, report } = await verifyHere();
        expect(code).toBe(1);
        expect(report.ok).toBe(false);
        expect(report.problem).toContain('rewritten');
      });

      it('detects the last records dropped and the head moved back, against the last checkpoint', async () => {
        await seedEvents(s, 6);
        const cp = await s.audit.checkpoint();
        expect(cp).toMatchObject({ seq: 6 });
        const [fourth] = await repo.page(s.database.db, 3, 1);
        await tamper(sql`delete from audit.event where seq > 4`);
        await tamper(sql`update audit.chain set head_seq = 4, head_hash = ${fourth!.hash}`);
        const { code, report } = await verifyHere();
        expect(code).toBe(1);
        expect(report).toMatchObject({ ok: false, firstBadSeq: 5 });
        expect(report.problem).toContain('removed from its end');
      });

      it('detects an unexpired prefix dropped and the anchor moved', async () => {
        await seedEvents(s, 6);
        const [second] = await repo.page(s.database.db, 1, 1);
        await tamper(sql`delete from audit.event where seq <= 2`);
        await tamper(sql`update audit.chain set anchor_seq = 2, anchor_hash = ${second!.hash}`);
        const { code, report } = await verifyHere();
        expect(code).toBe(1);
        expect(report).toMatchObject({ ok: false, firstBadSeq: 2 });
        expect(report.problem).toContain('outside retention');
      });

      it('cannot delete or truncate records: the database refuses', async () => {
        await seedEvents(s, 3);
        await expect(sql`delete from audit.event where seq = 2`.execute(s.database.db)).rejects.toThrow(
          /only by retention/,
        );
        await expect(sql`truncate audit.event`.execute(s.database.db)).rejects.toThrow(/append-only/);
        expect(await s.audit.verify()).toMatchObject({ ok: true, checked: 3 });
      });
    });
  });

  describe('list', () => {
    it('counts matches up to 10,000 and says when there are more, exactly below that', async () => {
      const dpo = await s.access.authenticate((await newUser(s, 'data-protection')).token);
      // Records written straight into the table (numbered below the chain): listing does not verify.
      await sql`insert into audit.event (seq, id, at, system, operation, outcome, actor_kind, username,
          authority_name, authority_type, member_state, profile, query_data_types, record_refs, retain_until,
          prev_hash, hash)
        select -i, 'many_' || i, now() - make_interval(secs => i), 'ees', 'ees.file.read', 'success', 'user',
          case when i <= 30 then 'few.user' else 'many.user' end, 'Authority', 'border', 'FI', 'border',
          '[]'::jsonb, '[]'::jsonb, current_date + 1, '', ''
        from generate_series(1, ${AUDIT_TOTAL_CAP + 5}) as i`.execute(s.database.db);
      const all = await s.audit.list({ actor: dpo, purpose: 'data-protection-audit', filter: { limit: 50 } });
      expect(all).toMatchObject({ total: AUDIT_TOTAL_CAP, totalCapped: true });
      expect(all.events).toHaveLength(50);
      const few = await s.audit.list({
        actor: dpo,
        purpose: 'data-protection-audit',
        filter: { username: 'few.user', limit: 50 },
      });
      expect(few).toMatchObject({ total: 30, totalCapped: false, latestSeq: -1 });
    });

    it('filters by user and system, newest first, and logs the read', async () => {
      const dpo = await newUser(s, 'data-protection');
      await seedEvents(s, 3);
      const actor = await s.access.authenticate(dpo.token);
      const { events } = await s.audit.list({
        actor,
        purpose: 'data-protection-audit',
        filter: { system: 'ees', limit: 2 },
      });
      expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => b - a));
      expect(events).toHaveLength(2);
      expect(events.every((e) => e.system === 'ees')).toBe(true);
      const reads = await s.audit.list({
        actor,
        purpose: 'data-protection-audit',
        filter: { operation: 'audit.read', limit: 10 },
      });
      expect(reads.events[0]).toMatchObject({
        username: dpo.user.username,
        purpose: 'data-protection-audit',
      });
    });

    it('refuses a border guard', async () => {
      const guard = await newUser(s, 'border');
      const actor = await s.access.authenticate(guard.token);
      await expect(
        s.audit.list({ actor, purpose: 'border-control', filter: { limit: 5 } }),
      ).rejects.toMatchObject({
        code: 'ACCESS_PERMISSION_DENIED',
      });
    });

    it('refuses a data protection officer who names no purpose', async () => {
      const dpo = await newUser(s, 'data-protection');
      const actor = await s.access.authenticate(dpo.token);
      await expect(s.audit.list({ actor, purpose: null, filter: { limit: 5 } })).rejects.toMatchObject({
        code: 'ACCESS_PURPOSE_REQUIRED',
      });
    });
  });

  describe('retention of the log', () => {
    it('prunes the expired prefix, records the erasure, and the chain still verifies', async () => {
      await seedEvents(s, 3);
      clock.set('2030-01-01T00:00:00Z');
      await seedEvents(s, 2);
      const report = await s.retention.run(SYSTEM_ACTOR);
      const rule = report.rules.find((r) => r.id === 'audit.log');
      expect(rule?.erased).toBe(3);
      const v = await s.audit.verify();
      expect(v).toMatchObject({ ok: true, checked: 3 });
      // The prune is published outside the database as a signed checkpoint with the new anchor.
      await s.audit.flush();
      const published = readFileSync(s.config.auditCheckpointFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { reason: string; anchorSeq: number });
      expect(published).toContainEqual(expect.objectContaining({ reason: 'prune', anchorSeq: 3 }));
      clock.set('2026-03-01T10:00:00Z');
    });
  });
});
