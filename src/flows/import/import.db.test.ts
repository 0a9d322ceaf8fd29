import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import type { Actor } from '../../contexts/access/index.ts';
import type { ImportedFile } from '../../contexts/ees/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import { planDemoWorld } from '../demo/index.ts';
import { alertLine, travellerLine } from '../demo/scale.ts';
import { IMPORT_ACTOR, importFile, importLines, type ImportReject } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const NOW = '2026-05-15T10:00:00Z';
const TODAY = '2026-05-15';
const plan = planDemoWorld({ seed: 'import-test', today: TODAY, genericTravellers: 40 });
const eesLines = plan.travellers.map((t) => JSON.stringify(travellerLine(t)));
const sisLines = plan.alerts.map((a) => JSON.stringify(alertLine(a, 0)));
const crossings = plan.travellers.flatMap((t) => t.events);

/** The same traveller with other ids and document numbers, so that both paths can hold it at once. */
function twin(line: ImportedFile, tag: string): ImportedFile {
  return {
    ...line,
    id: line.id.replace('eesf_demo-', `eesf_${tag}-`),
    file: {
      ...line.file,
      documents: line.file.documents.map((d) => ({ ...d, number: `${tag}${d.number}`.slice(0, 20) })),
    },
  };
}

async function rows(s: TestServices, query: string): Promise<Array<Record<string, unknown>>> {
  return (await sql.raw<Record<string, unknown>>(query).execute(s.database.db)).rows;
}

async function count(s: TestServices, table: string, where = 'true'): Promise<number> {
  const [r] = await rows(s, `select count(*)::int as n from ${table} where ${where}`);
  return Number(r!.n);
}

describeEachDatabase('bulk import', (tier) => {
  let s: TestServices;
  let police: Actor;
  let guard: Actor;

  beforeAll(async () => {
    s = await createTestServices(tier, { clock: new ManualClock(NOW) });
    police = await s.access.authenticate((await newUser(s, 'police')).token);
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
  }, 120_000);
  afterAll(async () => {
    await s.close();
  });

  describe('EES', () => {
    let summary: Awaited<ReturnType<typeof importLines>>;
    const rejects: ImportReject[] = [];

    beforeAll(async () => {
      summary = await importLines(s, eesLines, {
        system: 'ees',
        batchSize: 50,
        onReject: (r) => void rejects.push(r),
      });
    }, 120_000);

    it('writes every file with its crossings, identity-index rows and blocking keys', async () => {
      expect(rejects).toEqual([]);
      expect(summary).toMatchObject({
        lines: plan.travellers.length,
        accepted: plan.travellers.length,
        rejected: 0,
        skipped: 0,
        records: crossings.filter((e) => e.kind === 'entry').length,
        refusals: crossings.filter((e) => e.kind === 'refusal').length,
      });
      const counts = await s.ees.counts();
      expect(counts['ees.individual_file']).toBe(plan.travellers.length);
      expect(counts['ees.entry_exit_record']).toBe(summary.records);
      expect(await count(s, 'ees.entry_exit_record', 'exit_at is not null')).toBe(
        crossings.filter((e) => e.kind === 'exit').length,
      );
      expect(await count(s, 'matching.identity', `system = 'ees'`)).toBe(plan.travellers.length);
      const stored = await s.identityIndex.stored('ees', 'eesf_demo-T001');
      expect(stored.identity?.surname).toBe(plan.travellers[0]!.file.surname);
      expect(stored.keys).toBeGreaterThan(0);
    });

    it('derives every stored field exactly as the services do (golden: the same travellers through the API services)', async () => {
      const sample = plan.travellers.slice(0, 16);
      const call = { actor: IMPORT_ACTOR, purpose: 'border-control' };
      for (const t of sample) {
        const line = twin(travellerLine(t), 'svc');
        const { value: file } = await s.ees.createFile({ ...call, input: line.file });
        for (const c of line.crossings) {
          const { kind, ...input } = c;
          if (kind === 'entry') {
            await s.ees.recordEntry({ ...call, fileId: file.id, input: input });
          } else if (kind === 'exit') {
            await s.ees.recordExit({ ...call, fileId: file.id, input: input });
          } else {
            await s.ees.recordRefusal({ ...call, fileId: file.id, input: input as never });
          }
        }
        const viaService = await s.ees.viewFile({ actor: guard, purpose: 'border-control', fileId: file.id });
        const viaImport = await s.ees.viewFile({
          actor: guard,
          purpose: 'border-control',
          fileId: `eesf_demo-${t.ref}`,
        });
        const strip = (v: typeof viaService) => ({
          file: {
            ...v.file,
            id: null,
            responsibleState: null,
            documents: v.file.documents.map((d) => ({ ...d, id: null, number: null })),
            createdAt: null,
            updatedAt: null,
          },
          // Who recorded it differs: the services take the actor's state, the importer the BCP's.
          records: v.history.records.map((r) => ({
            ...r,
            id: null,
            fileId: null,
            entry: { ...r.entry, memberState: null },
            exit: r.exit === null ? null : { ...r.exit, memberState: null },
          })),
          refusals: v.history.refusals.map((r) => ({ ...r, id: null, fileId: null, memberState: null })),
          stay: v.stay,
        });
        expect(strip(viaImport)).toEqual(strip(viaService));
      }
      const [svc] = await rows(
        s,
        `select erase_after::text as e, overstayer from ees.individual_file where id like 'eesf_demo-T001'`,
      );
      expect(svc!.e).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    });

    it('finds an imported traveller through the search of the EES service (SQL and identity index)', async () => {
      const t = plan.travellers.find((x) => x.roles.includes('visitor'))!;
      const found = await s.ees.searchByIdentity({
        actor: guard,
        purpose: 'border-control',
        query: { surname: t.file.surname, givenNames: t.file.givenNames, birthDate: t.file.birthDate },
      });
      expect(found.map((c) => c.file.id)).toContain(`eesf_demo-${t.ref}`);
      expect(found.find((c) => c.file.id === `eesf_demo-${t.ref}`)?.probability).not.toBeNull();
      const byDocument = await s.ees.searchByDocument({
        actor: guard,
        purpose: 'border-control',
        query: { number: t.identity.documentNumber, issuingState: t.identity.issuingState },
      });
      expect(byDocument.map((f) => f.id)).toEqual([`eesf_demo-${t.ref}`]);
    });

    it('writes one audit record per batch naming the operator, the counts and the ids, and the chain verifies', async () => {
      const events = await rows(
        s,
        `select username, result_summary, record_refs from audit.event where operation = 'ees.import' order by seq`,
      );
      expect(events).toHaveLength(summary.batches);
      expect(summary.batches).toBe(Math.ceil(plan.travellers.length / 50));
      expect(events[0]!.username).toBe('import');
      expect(String(events[0]!.result_summary)).toMatch(
        /^bulk import \(lines 1-50\): 50 files with \d+ entry\/exit/u,
      );
      expect((events[0]!.record_refs as string[]).length).toBe(50);
      expect((await s.audit.verify()).ok).toBe(true);
    });

    it('skips every stored record on a re-run and writes nothing (idempotent)', async () => {
      const before = await s.ees.counts();
      const auditBefore = await count(s, 'audit.event');
      const again = await importLines(s, eesLines, { system: 'ees', batchSize: 50 });
      expect(again).toMatchObject({ accepted: 0, rejected: 0, skipped: plan.travellers.length });
      expect(await s.ees.counts()).toEqual(before);
      expect(await count(s, 'audit.event')).toBe(auditBefore);
    });

    it('rejects bad lines with their line numbers and reasons, and imports the good ones', async () => {
      const good = (n: number) => JSON.stringify(twin(travellerLine(plan.travellers[n]!), `rj${n}`));
      const base = JSON.parse(good(3)) as ImportedFile;
      const lines = [
        good(1),
        '{"id": "eesf_broken", "file": ',
        good(2).replace('"kind"', '"kind\\u0000"'),
        JSON.stringify({ ...base, id: 'eesf_surrogate', file: { ...base.file, surname: 'AB\ud800' } }),
        JSON.stringify({ ...base, id: 'eesf_badfield', file: { ...base.file, birthDate: '1990-13-45' } }),
        JSON.stringify({ ...base, id: 'eesf_unknown', file: { ...base.file, shoeSize: 44 } }),
        good(1),
        JSON.stringify({
          ...base,
          id: 'eesf_future',
          crossings: [{ kind: 'entry', at: '2030-01-01T10:00:00Z', bcpId: 'FI-HEL' }],
        }),
        JSON.stringify({ ...(JSON.parse(good(1)) as ImportedFile), id: 'eesf_samedoc' }),
        '',
        good(4),
      ];
      const rejects: ImportReject[] = [];
      const r = await importLines(s, lines, {
        system: 'ees',
        batchSize: 3,
        onReject: (x) => void rejects.push(x),
      });
      expect(rejects.map((x) => [x.line, x.code])).toEqual([
        [2, 'REQUEST_MALFORMED_JSON'],
        [3, 'REQUEST_INVALID_TEXT'],
        [4, 'REQUEST_INVALID_TEXT'],
        [5, 'REQUEST_INVALID'],
        [6, 'REQUEST_INVALID'],
        [7, 'IMPORT_DUPLICATE_ID'],
        [8, 'EES_TIME_IN_FUTURE'],
        [9, 'EES_DOCUMENT_REGISTERED'],
        [10, 'IMPORT_EMPTY_LINE'],
      ]);
      expect(rejects.find((x) => x.line === 6)?.message).toContain('unknown field "shoeSize"');
      expect(rejects.find((x) => x.line === 5)?.message).toContain('/file/birthDate');
      expect(rejects.every((x) => x.message.length > 0)).toBe(true);
      expect(r).toMatchObject({ lines: 11, accepted: 2, rejected: 9, skipped: 0 });
      expect(r.accepted + r.rejected + r.skipped).toBe(r.lines);
    });

    it('after a run that stopped part-way, a re-run ends with the same database as one whole run', async () => {
      const lines = plan.travellers.map((t) => JSON.stringify(twin(travellerLine(t), 'rs')));
      function* failing(): Generator<string> {
        for (const [i, l] of lines.entries()) {
          if (i === 25) {
            throw new Error('the process stopped');
          }
          yield l;
        }
      }
      await expect(importLines(s, failing(), { system: 'ees', batchSize: 10 })).rejects.toThrow(
        'the process stopped',
      );
      const partial = await count(s, 'ees.individual_file', `id like 'eesf_rs-%'`);
      expect(partial).toBe(20);
      const resumed = await importLines(s, lines, { system: 'ees', batchSize: 10 });
      expect(resumed).toMatchObject({ accepted: lines.length - 20, skipped: 20, rejected: 0 });
      const total = await rows(
        s,
        `select count(*)::int as n, count(distinct r.id)::int as records from ees.individual_file f
         left join ees.entry_exit_record r on r.file_id = f.id where f.id like 'eesf_rs-%'`,
      );
      const original = await rows(
        s,
        `select count(*)::int as n, count(distinct r.id)::int as records from ees.individual_file f
         left join ees.entry_exit_record r on r.file_id = f.id where f.id like 'eesf_demo-%'`,
      );
      expect(total).toEqual(original);
      expect(await count(s, 'matching.identity', `record_ref like 'eesf_rs-%'`)).toBe(lines.length);
      expect((await s.audit.verify()).ok).toBe(true);
    });

    it('reads every line of a file while batches are written, calling the batch hook inside each transaction', async () => {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'interlink-import-')), 'files.ndjson');
      // Large enough for several chunks of the read stream, so that reading runs ahead of the batches.
      const lines = [0, 1, 2, 3].flatMap((k) =>
        plan.travellers.map((t) => JSON.stringify(twin(travellerLine(t), `fl${k}`))),
      );
      writeFileSync(file, `${lines.join('\r\n')}\n`);
      const hooked: string[][] = [];
      const r = await importFile(s, file, {
        system: 'ees',
        batchSize: 40,
        onBatch: async (trx, batch) => {
          expect(batch.topic).toBe('ees.files');
          // Inside the batch's transaction: its own rows are visible there.
          const seen = await sql<{
            n: number;
          }>`select count(*)::int as n from ees.individual_file where id = any(${batch.ids}::text[])`.execute(
            trx,
          );
          expect(Number(seen.rows[0]!.n)).toBe(batch.ids.length);
          hooked.push(batch.ids);
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
      });
      expect(r).toMatchObject({ lines: lines.length, accepted: lines.length, rejected: 0 });
      expect(hooked.flat()).toEqual(lines.map((l) => (JSON.parse(l) as { id: string }).id));
    });

    it('either imports or rejects any line with a reason, never failing the run (property)', async () => {
      const valid = JSON.parse(eesLines[5]!) as ImportedFile;
      let n = 0;
      const arbitraryLine = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.json({ maxDepth: 3 }),
        fc
          .record({
            field: fc.constantFrom(
              'surname',
              'givenNames',
              'birthDate',
              'sex',
              'kind',
              'facialImageRef',
              'nationalities',
            ),
            value: fc.oneof(
              fc.string({ maxLength: 30 }),
              fc.integer(),
              fc.constant(null),
              fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
            ),
          })
          .map(({ field, value }) =>
            JSON.stringify({
              ...valid,
              id: `eesf_prop-${(n += 1)}`,
              file: { ...valid.file, [field]: value },
            }),
          ),
        fc
          .record({
            at: fc.string({ maxLength: 30 }),
            bcpId: fc.constantFrom('FI-HEL', 'XX-NOPE', ''),
            kind: fc.constantFrom('entry', 'exit', 'refusal', 'other'),
          })
          .map((c) => JSON.stringify({ ...valid, id: `eesf_prop-${(n += 1)}`, crossings: [c] })),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(arbitraryLine, { minLength: 1, maxLength: 4 }), async (lines) => {
          const rejects: ImportReject[] = [];
          const r = await importLines(s, lines, { system: 'ees', onReject: (x) => void rejects.push(x) });
          expect(r.accepted + r.rejected + r.skipped).toBe(lines.length);
          expect(rejects).toHaveLength(r.rejected);
          for (const x of rejects) {
            expect(x.code).toMatch(/^[A-Z][A-Z0-9_]+$/u);
            expect(x.code).not.toBe('IMPORT_LINE_FAILED');
            expect(x.line).toBeGreaterThanOrEqual(1);
          }
        }),
        { numRuns: 40, seed: 11 },
      );
    }, 120_000);
  });

  describe('SIS', () => {
    let summary: Awaited<ReturnType<typeof importLines>>;
    const rejects: ImportReject[] = [];

    beforeAll(async () => {
      summary = await importLines(s, sisLines, {
        system: 'sis',
        batchSize: 40,
        onReject: (r) => void rejects.push(r),
      });
    }, 120_000);

    it('writes every alert with its search keys, links, issuer and review date, one audit record per batch', async () => {
      expect(rejects).toEqual([]);
      expect(summary).toMatchObject({ accepted: plan.alerts.length, rejected: 0, skipped: 0 });
      expect(await count(s, 'sis.alert')).toBe(plan.alerts.length);
      expect(await count(s, 'sis.alert_link')).toBeGreaterThan(0);
      expect(await count(s, 'sis.alert_identifier')).toBeGreaterThanOrEqual(
        plan.alerts.filter((a) => a.input.object).length,
      );
      const dated = plan.alerts.find((a) => a.enteredOn !== undefined)!;
      const [row] = await rows(
        s,
        `select issuing_state, review_due::text as due, created_at from sis.alert where id = 'sis_demo-${dated.ref}'`,
      );
      expect(row!.issuing_state).toBe(dated.author === 'sirene.it' ? 'IT' : row!.issuing_state);
      expect(String(row!.due) > TODAY).toBe(true);
      expect(await count(s, 'audit.event', `operation = 'sis.import'`)).toBe(summary.batches);
      expect((await s.audit.verify()).ok).toBe(true);
    });

    it('finds an imported person alert through the SIS person search', async () => {
      const a = plan.alerts.find(
        (x) => x.input.person?.surname !== undefined && x.input.category === 'arrest',
      )!;
      const p = a.input.person!;
      const { results } = await s.sis.searchPersons({
        actor: police,
        purpose: 'police-identity-check',
        query: {
          surname: p.surname!,
          ...(p.givenNames ? { givenNames: p.givenNames } : {}),
          ...(p.birthDate ? { birthDate: p.birthDate } : {}),
        },
      });
      expect(results.map((r) => r.alert.alertId)).toContain(`sis_demo-${a.ref}`);
      expect(await count(s, 'matching.identity', `system = 'sis' and record_ref = 'sis_demo-${a.ref}'`)).toBe(
        1,
      );
    });

    it('rejects a link to an alert that is neither stored nor imported earlier, and a re-run skips the rest', async () => {
      const base = JSON.parse(sisLines[0]!) as { id: string; alert: Record<string, unknown> };
      const rejects: ImportReject[] = [];
      const r = await importLines(
        s,
        [
          ...sisLines.slice(0, 3),
          JSON.stringify({ ...base, id: 'sis_dangling', alert: { ...base.alert, links: ['sis_nowhere'] } }),
        ],
        { system: 'sis', onReject: (x) => void rejects.push(x) },
      );
      expect(r).toMatchObject({ accepted: 0, skipped: 3, rejected: 1 });
      expect(rejects).toEqual([expect.objectContaining({ line: 4, code: 'SIS_LINKED_ALERT_NOT_FOUND' })]);
    });
  });
});
