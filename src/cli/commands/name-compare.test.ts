import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/shared-data.ts';
import { compareLine } from './name-compare.ts';

const record = (overrides: Record<string, unknown> = {}) => ({
  surname: 'SMITH',
  givenNames: 'JOHN',
  birthDate: '1980-05-12',
  sex: 'M',
  nationalities: ['GBR'],
  ...overrides,
});

describe('name compare command', () => {
  describe('compareLine', () => {
    it('prints the verdict, the rules and every comparator level', () => {
      const out = compareLine(JSON.stringify({ a: record(), b: record({ surname: 'SMIETH' }) }), {});
      expect(out).toMatchObject({ verdict: 'similar', rules: ['N-f'] });
      expect('fields' in out && out.fields.surname.damerauLevenshtein).toMatchObject({ level: 'close' });
    });

    it('reports a line that is not JSON', () => {
      expect(compareLine('{nope', {})).toMatchObject({ error: { code: 'IDENTITY_NAME_COMPARE_BAD_JSON' } });
    });

    it('reports a line without both records', () => {
      expect(compareLine(JSON.stringify({ a: record() }), {})).toMatchObject({
        error: { code: 'IDENTITY_NAME_COMPARE_BAD_PAIR' },
      });
    });

    it('reports every invalid field with its path', () => {
      const out = compareLine(
        JSON.stringify({ a: record({ birthDate: '1980-13-01', colour: 'blue' }), b: record() }),
        {},
      );
      expect(out).toMatchObject({ error: { code: 'IDENTITY_MID_BAD_IDENTITY_DATA' } });
      const message = 'error' in out ? out.error.message : '';
      expect(message).toContain('a.birthDate');
      expect(message).toContain('a.colour');
    });

    it('passes settings through (Eurodac off by default)', () => {
      const line = JSON.stringify({ a: record({ system: 'EES' }), b: record({ system: 'EURODAC' }) });
      expect(compareLine(line, {})).toMatchObject({ error: { code: 'IDENTITY_MID_EURODAC_NOT_ENABLED' } });
      expect(compareLine(line, { eurodac: true })).toMatchObject({ verdict: 'same' });
    });
  });

  describe('interlink name compare', () => {
    const run = (input: string, args: string[] = []) =>
      spawnSync(path.join(repoRoot, 'bin', 'interlink.js'), ['name', 'compare', ...args], {
        input,
        encoding: 'utf8',
        cwd: repoRoot,
      });

    it('prints one JSON line per input line and exits 65 when a line is bad', () => {
      const input = [
        JSON.stringify({ a: record(), b: record() }),
        'not json',
        JSON.stringify({ a: record({ givenNames: 'KARIM' }), b: record({ givenNames: 'KIRAM' }) }),
      ].join('\n');
      const result = run(input);
      const lines = result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatchObject({ verdict: 'same', rules: [] });
      expect(lines[1]).toMatchObject({ error: { code: 'IDENTITY_NAME_COMPARE_BAD_JSON' } });
      expect(lines[2]).toMatchObject({ verdict: 'similar', rules: ['N-e'] });
      expect(result.stderr).toContain('1 of 3 lines could not be compared');
      expect(result.status).toBe(65);
    });

    it('applies option flags', () => {
      const input = JSON.stringify({
        a: record({ givenNames: 'ANNA MARIA LUISA' }),
        b: record({ givenNames: 'LUISA ANNA MARIA' }),
      });
      expect(JSON.parse(run(input).stdout)).toMatchObject({ verdict: 'different' });
      const result = run(input, ['--any-word-order']);
      expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'similar', rules: ['N-d'] });
      expect(result.status).toBe(0);
    });
  });
});
