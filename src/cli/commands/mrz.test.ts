import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/shared-data.ts';
import { splitDocuments } from './mrz.ts';

const bin = path.join(repoRoot, 'bin', 'interlink.js');
const run = (args: string[], input: string) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, input, encoding: 'utf8', timeout: 60_000 });
const jsonLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const PASSPORT =
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\r\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';
const LONG_TD1 = [
  'I<UTOD23145890<7349<<<<<<<<<<<',
  '3407127M9507122UTO<<<<<<<<<<<2',
  'STEVENSON<<PETER<JOHN<<<<<<<<<',
].join('\n');
const GERMAN = 'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0';

describe('interlink mrz parse', () => {
  it('prints one JSON object per document and exits 0 when all are valid', () => {
    const res = run(['mrz', 'parse'], `${PASSPORT}\r\n\r\n  ${LONG_TD1}\n\n\n${GERMAN}\n`);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const docs = jsonLines(res.stdout);
    expect(docs).toHaveLength(3);
    expect(docs[0]).toMatchObject({
      format: 'TD3',
      valid: true,
      documentCode: 'P',
      issuingState: 'UTO',
      documentNumber: 'L898902C3',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      nationality: 'UTO',
      birthDate: '740812',
      expiryDate: '120415',
      sex: 'F',
      optionalData: 'ZE184226B',
    });
    expect(docs[0]?.details).toMatchObject({ compositeCheckDigit: { valid: true, message: 'ok' } });
    expect(docs[1]).toMatchObject({ format: 'TD1', valid: true, documentNumber: 'D23145890734', sex: 'M' });
    expect(docs[2]).toMatchObject({ issuingState: 'D', nationality: 'D', valid: true });
  });

  it('exits 1 and explains the failing field when a document is invalid', () => {
    const res = run(['mrz', 'parse', '--json'], PASSPORT.replace('7408122', '7408123'));
    expect(res.status).toBe(1);
    const [doc] = jsonLines(res.stdout);
    expect(doc).toMatchObject({ valid: false, details: { birthDateCheckDigit: { valid: false } } });
  });

  it('repairs look-alikes with --autocorrect and lists the corrections', () => {
    const res = run(['mrz', 'parse', '--autocorrect'], PASSPORT.replace('L898902C3', 'L8989O2C3'));
    expect(res.status).toBe(0);
    const [doc] = jsonLines(res.stdout);
    expect(doc).toMatchObject({
      valid: true,
      documentNumber: 'L898902C3',
      corrections: [{ field: 'documentNumber', from: 'L8989O2C3', to: 'L898902C3' }],
    });
  });

  it('exits with the data error code on empty input', () => {
    const res = run(['mrz', 'parse'], '\n\n');
    expect(res.status).toBe(65);
    expect(res.stderr).toContain('no MRZ');
  });
});

describe('interlink mrz generate', () => {
  it('prints the MRZ lines per document and an error object for bad data', () => {
    const good = JSON.stringify({
      format: 'TD2',
      documentCode: 'I',
      issuingState: 'UTO',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      documentNumber: 'D23145890',
      nationality: 'UTO',
      birthDate: '740812',
      sex: 'F',
      expiryDate: '120415',
    });
    const res = run(['mrz', 'generate'], `${good}\n{"format":"TD9"}\nnot json\n`);
    expect(res.status).toBe(65);
    const out = jsonLines(res.stdout);
    expect(out[0]).toEqual({
      format: 'TD2',
      lines: ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'],
    });
    expect(out[1]).toMatchObject({ error: { code: 'IDENTITY_MRZ_UNKNOWN_FORMAT' } });
    expect(out[2]).toMatchObject({ error: { code: 'IDENTITY_MRZ_BAD_JSON' } });
  });
});

describe('splitDocuments', () => {
  it('splits on blank lines, including whitespace-only ones and CRLF', () => {
    expect(splitDocuments('a\r\nb\r\n \r\nc\n\n\n')).toEqual([['a', 'b'], ['c']]);
  });
});
