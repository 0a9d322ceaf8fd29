import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointMac, type Checkpoint } from './chain.ts';
import { CheckpointFile, resolveAuditKey } from './checkpoints.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signed = (key: string, seq: number): Checkpoint => {
  const body = { seq, hash: 'h'.repeat(64), anchorSeq: 0, keyedFrom: 1, at: '2026-03-01T10:00:00.000Z' };
  return { ...body, reason: 'writes', hmac: checkpointMac(key, { ...body, reason: 'writes' }) };
};

describe('the audit key', () => {
  it('is generated once into a file only its owner can read, then reused', () => {
    const key = resolveAuditKey(null, dir);
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, 'audit.key')).mode & 0o777).toBe(0o600);
    expect(resolveAuditKey(null, dir)).toBe(key);
    expect(resolveAuditKey('c'.repeat(40), dir)).toBe('c'.repeat(40));
  });
});

describe('the checkpoint file', () => {
  it('reads signed checkpoints, skips a line torn by a crash, and names a line forged without the key', async () => {
    const key = 'k'.repeat(40);
    const file = new CheckpointFile(path.join(dir, 'cp.jsonl'), key);
    await file.append(signed(key, 1));
    appendFileSync(file.file, '{"seq":2,"ha');
    const reopened = new CheckpointFile(file.file, key);
    await reopened.append(signed(key, 3));
    expect(readFileSync(file.file, 'utf8').split('\n')).toHaveLength(4);
    expect((await reopened.readAll()).checkpoints.map((c) => c.seq)).toEqual([1, 3]);

    appendFileSync(
      file.file,
      `${JSON.stringify({ ...signed('another key of forty characters!!!!!!', 9) })}\n`,
    );
    expect(await reopened.readAll()).toMatchObject({ badLine: 4 });
  });
});

describe('the newest checkpoint', () => {
  it('is read from the end of a long file, passing over a torn line and flagging a forged one', async () => {
    const key = 'k'.repeat(40);
    const file = new CheckpointFile(path.join(dir, 'tail.jsonl'), key);
    expect(await file.last()).toEqual({ checkpoint: null, forged: false });
    for (let seq = 1; seq <= 200; seq++) {
      await file.append(signed(key, seq));
    }
    expect(statSync(file.file).size).toBeGreaterThan(8192 * 4);
    expect((await file.last()).checkpoint?.seq).toBe(200);
    appendFileSync(file.file, '{"seq":201,"ha');
    expect(await file.last()).toEqual({ checkpoint: signed(key, 200), forged: false });
    appendFileSync(file.file, `\n${JSON.stringify(signed('another key of forty characters!!!!!!', 202))}\n`);
    expect(await file.last()).toEqual({ checkpoint: null, forged: true });
  });
});
