import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import type { ApplicationInput } from '../../contexts/etias/index.ts';
import { SeededRandom } from '../../contexts/identity/index.ts';
import { visaRequirement } from '../../contexts/reference/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import { IdentityPool } from '../demo/identities.ts';
import { applicationOf } from '../demo/plan-etias.ts';
import { importLines, type ImportReject, type ImportSummary } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const NOW = '2026-05-15T10:00:00Z';
const TODAY = '2026-05-15';
const COUNT = 300;

/** Visa-exempt persons of the identity generator, applying as the demo world's travellers do. */
const pool = new IdentityPool('etias-import-test', TODAY, { thirdCountryOnly: true, size: 100_000 });
const r = new SeededRandom('etias-import-test');
const person = () => pool.take((p) => visaRequirement(p.nationality) === 'exempt' && p.expiryDate > TODAY);
const applications: ApplicationInput[] = Array.from({ length: COUNT }, () =>
  applicationOf(person(), r, { today: TODAY }),
);
// Some that automated processing sends to manual processing or that pay no fee: a "yes" to a background
// question (art. 17(4)), a child under 18 and a person over 70 (art. 18(2)).
applications[10] = {
  ...applications[10]!,
  background: { ...applications[10]!.background, criminalConviction: true },
};
applications[11] = {
  ...applications[11]!,
  background: { ...applications[11]!.background, removalOrder: true },
};
const lines = applications.map((a, i) =>
  JSON.stringify({ id: `app_t-${i}`, submittedAt: `${TODAY}T0${i % 10}:00:00.000Z`, ...a }),
);

/** Bad lines, each with the line number it gets and the code it is refused with. */
const BAD: Array<{ text: string; code: string }> = [
  { text: '{"surname": "BROKEN"', code: 'REQUEST_MALFORMED_JSON' },
  { text: '', code: 'IMPORT_EMPTY_LINE' },
  {
    text: JSON.stringify({ ...applications[0]!, id: 'app_bad-1', surname: undefined }),
    code: 'REQUEST_INVALID',
  },
  {
    text: JSON.stringify({ ...applications[0]!, id: 'app_bad-2', colour: 'blue' }),
    code: 'REQUEST_INVALID',
  },
  // An earlier line has this id.
  { text: JSON.stringify({ ...applications[1]!, id: 'app_t-0' }), code: 'IMPORT_DUPLICATE_ID' },
  // The same travel document as an earlier line: a duplicate application.
  { text: JSON.stringify({ ...applications[2]!, id: 'app_bad-3' }), code: 'ETIAS_DUPLICATE_APPLICATION' },
];

describeEachDatabase('bulk import of ETIAS applications', (tier) => {
  let s: TestServices;
  let summary: ImportSummary;
  const rejects: ImportReject[] = [];
  const input = [...lines, ...BAD.map((b) => b.text)];

  beforeAll(async () => {
    s = await createTestServices(tier, { clock: new ManualClock(NOW) });
    summary = await importLines(s, input, {
      system: 'etias',
      batchSize: 64,
      onReject: (x) => void rejects.push(x),
    });
  }, 300_000);
  afterAll(async () => {
    await s.close();
  });

  it('writes every good line and reports each bad one with its line number and code', () => {
    expect(rejects.map((x) => ({ line: x.line, code: x.code }))).toEqual(
      BAD.map((b, i) => ({ line: COUNT + i + 1, code: b.code })),
    );
    expect(summary).toMatchObject({
      system: 'etias',
      lines: input.length,
      accepted: COUNT,
      rejected: BAD.length,
      skipped: 0,
    });
    expect(summary.batches).toBe(Math.ceil(COUNT / 64));
  });

  it('gives each application the status the route gives the same application', async () => {
    // The route's answer for twins of some of the lines (same person data, another document number).
    const sample = [0, 5, 10, 11, 42, 120];
    for (const i of sample) {
      const twin = {
        ...applications[i]!,
        document: {
          ...applications[i]!.document,
          number: `Z${applications[i]!.document.number}`.slice(0, 20),
        },
      };
      const { value: viaRoute } = await s.etias.submit({}, twin);
      const imported = await s.etias.status(`app_t-${i}`, applications[i]!.document.number);
      expect(imported.status, `line ${i + 1}`).toBe(viaRoute.status);
    }
    expect(summary.byStatus).toEqual({ issued: COUNT - 2, manual: 2 });
  });

  it('logs one art. 69 record per batch', async () => {
    const r2 = await sql<{ n: number }>`select count(*)::int as n from audit.event
      where operation = 'etias.import'`.execute(s.database.db);
    expect(Number(r2.rows[0]!.n)).toBe(summary.batches);
  });

  it('writes nothing on a second run: every id is stored already', async () => {
    const again: ImportReject[] = [];
    const second = await importLines(s, lines, { system: 'etias', onReject: (x) => void again.push(x) });
    expect(again).toEqual([]);
    expect(second).toMatchObject({ accepted: 0, skipped: COUNT, rejected: 0 });
  });

  describe('identity index', () => {
    it('holds every imported application under system etias', async () => {
      const r3 = await sql<{ n: number }>`select count(*)::int as n from matching.identity
        where system = 'etias' and record_ref like 'app_t-%'`.execute(s.database.db);
      expect(Number(r3.rows[0]!.n)).toBe(COUNT);
    });
  });
});
