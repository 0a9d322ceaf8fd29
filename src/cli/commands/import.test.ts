import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { planDemoWorld } from '../../flows/demo/index.ts';
import { travellerLine } from '../../flows/demo/scale.ts';

const plan = planDemoWorld({
  seed: 'cli-import',
  today: new Date().toISOString().slice(0, 10),
  genericTravellers: 3,
});

describeEachDatabase('interlink import', (tier) => {
  let db: TestDatabase;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-cli-import-'));
  const input = path.join(dir, 'files.ndjson');
  const rejects = path.join(dir, 'rejects.ndjson');

  beforeAll(async () => {
    db = await createTestDatabase(tier);
    const good = plan.travellers.slice(0, 2).map((t) => JSON.stringify(travellerLine(t)));
    writeFileSync(input, `${good[0]}\n{"id": "eesf_x", "file": {}}\n${good[1]}\n`);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('imports the good lines, writes the bad one with its line number and reason, and exits 65', async () => {
    const r = await runCli(['import', 'ees', '--input', input, '--rejects', rejects, '--json'], {
      env: { ...db.env, INTERLINK_DEMO: '0' },
    });
    expect(r.code).toBe(65);
    expect(JSON.parse(r.stdout)).toMatchObject({
      system: 'ees',
      lines: 3,
      accepted: 2,
      rejected: 1,
      skipped: 0,
    });
    const lines = readFileSync(rejects, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      {
        line: 2,
        id: 'eesf_x',
        code: 'REQUEST_INVALID',
        message: expect.stringContaining("required property 'crossings'") as unknown,
      },
    ]);
  });

  it('skips what is stored on a re-run, and the audit chain verifies', async () => {
    const r = await runCli(['import', 'ees', '--input', input, '--rejects', rejects, '--json'], {
      env: { ...db.env, INTERLINK_DEMO: '0' },
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 0, rejected: 1, skipped: 2 });
    const verify = await runCli(['audit', 'verify', '--json'], { env: { ...db.env, INTERLINK_DEMO: '0' } });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });
});
