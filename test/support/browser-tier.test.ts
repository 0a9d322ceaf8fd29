import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('browser tier on a machine without Chromium', () => {
  it('reports the browser tests as skipped, with the command that enables them, and does not fail', () => {
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', 'test/e2e/search.test.ts'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          INTERLINK_CHROMIUM: '/nonexistent/chromium',
          // The server tier is never reached when every test is skipped; no cluster is started for it.
          TEST_DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
          FORCE_COLOR: '0',
        },
      },
    );
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(/SKIPPED: no Chromium at \/nonexistent\/chromium/);
    expect(output).toContain('apt-get install chromium');
    expect(output).toMatch(/0 passed, 0 failed, [1-9]\d* skipped/);
  });
});
