import { randomBytes } from 'node:crypto';
import { appendFile, open, readFile } from 'node:fs/promises';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkpointMac, type Checkpoint } from './chain.ts';

/**
 * The key of the audit chain. It must not live in the database it protects: it comes from
 * `INTERLINK_AUDIT_KEY`, or is generated once into `<dataDir>/audit.key` (mode 0600) and read from there.
 */
export function resolveAuditKey(configured: string | null, dataDir: string): string {
  if (configured !== null) {
    return configured;
  }
  const file = path.join(dataDir, 'audit.key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw err;
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(48).toString('base64url');
  try {
    // `wx`: when two processes start at once, the first one's key wins and the other reads it.
    writeFileSync(file, `${key}\n`, { flag: 'wx', mode: 0o600 });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      return readFileSync(file, 'utf8').trim();
    }
    throw err;
  }
}

/** Bytes read from the end of the checkpoint file for its newest line (a line is about 300 bytes). */
const TAIL_BYTES = 8192;

/** The append-only file of signed checkpoints, one JSON object a line. */
export class CheckpointFile {
  readonly file: string;
  readonly key: string;
  constructor(file: string, key: string) {
    this.file = file;
    this.key = key;
  }

  #tailChecked = false;

  async append(cp: Checkpoint): Promise<void> {
    let prefix = '';
    if (!this.#tailChecked) {
      // A line torn by a crash is closed first, so that it stays one unreadable (and ignored) line.
      const text = await readFile(this.file, 'utf8').catch(() => '');
      prefix = text !== '' && !text.endsWith('\n') ? '\n' : '';
      this.#tailChecked = true;
    }
    await appendFile(this.file, `${prefix}${JSON.stringify(cp)}\n`, { mode: 0o600 });
  }

  /**
   * The newest checkpoint, read from the end of the file only (the file grows by a line every
   * `auditCheckpointEvery` records: a status shown on every page load must not read it whole). `forged` when
   * the newest readable line is not signed with the audit key; a line torn by a crash is passed over.
   */
  async last(): Promise<{ checkpoint: Checkpoint | null; forged: boolean }> {
    let handle;
    try {
      handle = await open(this.file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return { checkpoint: null, forged: false };
      }
      throw err;
    }
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      const lines = buffer.toString('utf8').split('\n');
      // The first line of a partial read may be cut: it is only used when the whole file was read.
      const complete = length === size ? lines : lines.slice(1);
      for (let i = complete.length - 1; i >= 0; i--) {
        const line = complete[i]!.trim();
        if (line === '') {
          continue;
        }
        let cp: Checkpoint;
        try {
          cp = JSON.parse(line) as Checkpoint;
        } catch {
          continue;
        }
        const signed = typeof cp.hmac === 'string' && checkpointMac(this.key, cp) === cp.hmac;
        return signed ? { checkpoint: cp, forged: false } : { checkpoint: null, forged: true };
      }
      return { checkpoint: null, forged: false };
    } finally {
      await handle.close();
    }
  }

  /**
   * Every checkpoint, oldest first. A line whose signature does not hold is reported by its line number:
   * someone wrote the file who does not have the key.
   */
  async readAll(): Promise<{ checkpoints: Checkpoint[]; badLine: number | null }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return { checkpoints: [], badLine: null };
      }
      throw err;
    }
    const checkpoints: Checkpoint[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === '') {
        continue;
      }
      let cp: Checkpoint;
      try {
        cp = JSON.parse(line) as Checkpoint;
      } catch {
        // A line torn by a crash while appending is not a forgery: it is not valid JSON at all.
        if (i === lines.length - 1 || !line.endsWith('}')) {
          continue;
        }
        return { checkpoints, badLine: i + 1 };
      }
      if (typeof cp.hmac !== 'string' || checkpointMac(this.key, cp) !== cp.hmac) {
        return { checkpoints, badLine: i + 1 };
      }
      checkpoints.push(cp);
    }
    return { checkpoints, badLine: null };
  }
}
