import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'interlink-cli-users-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('interlink users add', () => {
  it('designates a confirmer of an authority with --confirms-users', async () => {
    const res = await runCli(
      [
        'users',
        'add',
        '--username',
        'head.sirene',
        '--display-name',
        'Head of SIRENE',
        '--authority',
        'SIRENE Malta',
        '--authority-type',
        'sirene',
        '--member-state',
        'MT',
        '--confirms-users',
        '--json',
      ],
      { env: { INTERLINK_DATA_DIR: dataDir, INTERLINK_DEMO: '0' }, input: 'a long enough password\n' },
    );
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      username: 'head.sirene',
      status: 'active',
      confirmsUsers: true,
      authority: { name: 'SIRENE Malta', type: 'sirene' },
    });
  }, 120_000);
});
