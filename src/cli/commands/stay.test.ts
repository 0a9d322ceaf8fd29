import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/shared-data.ts';
import { answerStayLine } from './stay.ts';

const bin = path.join(repoRoot, 'bin', 'interlink.js');
const run = (args: string[], input: string) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, input, encoding: 'utf8', timeout: 60_000 });
const jsonLines = (stdout: string): unknown[] =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

describe('interlink stay', () => {
  it('answers every line in order, bad lines with an error object, and exits 0', () => {
    const input = [
      JSON.stringify({
        stays: [
          { entry: '2014-08-15', exit: '2014-09-30' },
          { entry: '2014-11-01', exit: '2014-11-30' },
        ],
        date: '2014-11-30',
      }),
      '{"stays":[{"entry":"2025-03-10","exit":"2025-03-01"}],"date":"2025-04-01"}',
      '',
      'not json',
      '{"stays":[],"date":"2025-02-30"}',
      '{"stays":[{"entry":"2025-01-01","exit":null}],"date":"2025-04-05"}\r',
    ].join('\n');
    const res = run(['stay', '--json'], input);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(jsonLines(res.stdout)).toEqual([
      {
        date: '2014-11-30',
        windowStart: '2014-06-04',
        daysUsed: 77,
        daysRemaining: 13,
        overstayDays: 0,
        maxStayFrom: 14,
        latestExit: '2014-12-13',
      },
      {
        error: { code: 'EES_STAY_EXIT_BEFORE_ENTRY', message: expect.stringContaining('stays[0]') as string },
      },
      { error: { code: 'EES_STAY_BAD_JSON', message: expect.any(String) as string } },
      { error: { code: 'EES_STAY_BAD_DATE', message: expect.stringContaining('2025-02-30') as string } },
      {
        date: '2025-04-05',
        windowStart: '2024-10-08',
        daysUsed: 95,
        daysRemaining: 0,
        overstayDays: 5,
        maxStayFrom: 0,
        latestExit: null,
      },
    ]);
  });

  it('prints nothing and exits 0 on empty input', () => {
    const res = run(['stay', '--json'], '');
    expect(res.status).toBe(0);
    expect(res.stdout).toBe('');
  });

  it('documents the exit codes in its help', () => {
    const res = run(['stay', '--help'], '');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('Exit codes:');
    expect(res.stdout).toMatch(/65\s+standard input could not be read/u);
  });

  it('exits with the usage code on an unknown option', () => {
    const res = run(['stay', '--bogus'], '');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('--bogus');
  });
});

describe('answerStayLine', () => {
  it('turns a request that is not an object into an error object', () => {
    expect(answerStayLine('[1,2]')).toEqual({
      error: { code: 'EES_STAY_BAD_REQUEST', message: expect.stringContaining('JSON object') as string },
    });
  });
});
