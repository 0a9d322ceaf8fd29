import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Finds initdb and pg_ctl: on PATH, or in Debian's versioned directory. */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(':')) {
    candidates.push(dir);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(path.join(debian, v, 'bin'));
    }
  }
  return (
    candidates.find(
      (d) => d !== '' && existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'pg_ctl')),
    ) ?? null
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Cluster {
  url: string;
  stop(): void;
}

/**
 * Starts a throwaway PostgreSQL cluster on a free port (initdb refuses root, so as root it runs as the
 * `postgres` system user). Removed again by `stop`.
 */
export async function startThrowawayCluster(): Promise<Cluster | { unavailable: string }> {
  const bin = findPostgresBin();
  if (!bin) {
    return { unavailable: 'no initdb/pg_ctl found (install the postgresql package)' };
  }
  const isRoot = process.getuid?.() === 0;
  const asPostgres = (cmd: string, args: string[]) =>
    isRoot ? { cmd: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] } : { cmd, args };
  if (isRoot && spawnSync('id', ['postgres']).status !== 0) {
    return { unavailable: 'running as root but there is no postgres system user to run initdb as' };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const run = (cmd: string, args: string[]) => {
    const c = asPostgres(cmd, args);
    execFileSync(c.cmd, c.args, { stdio: 'pipe' });
  };
  try {
    run(path.join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    run(path.join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`,
      'start',
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const e = err as { stderr?: Buffer; message: string };
    return { unavailable: `could not start PostgreSQL: ${e.stderr?.toString() ?? e.message}` };
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
