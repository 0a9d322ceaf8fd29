import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, chmodSync } from 'node:fs';
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

/** The directory holding `name` among the PostgreSQL binaries (following /usr/local/bin links to Debian's). */
function findPostgresTool(name: string): string | null {
  const bin = findPostgresBin();
  const dirs: string[] = [];
  if (bin) {
    dirs.push(path.dirname(realpathSync(path.join(bin, 'initdb'))), bin);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) {
      dirs.push(path.join(debian, v, 'bin'));
    }
  }
  const dir = dirs.find((d) => existsSync(path.join(d, name)));
  return dir === undefined ? null : path.join(dir, name);
}

export interface ReplicatedCluster {
  /** The primary's admin URL (database `postgres`). */
  readonly primaryUrl: string;
  /** The streaming replica's URL (same database, read-only). */
  readonly replicaUrl: string;
  stopReplica(): void;
  startReplica(): void;
  stop(): void;
}

/**
 * A throwaway primary and a streaming replica made from it with `pg_basebackup -R`, as docs/operations.md
 * describes, from the local PostgreSQL binaries (Debian's /usr/lib/postgresql/<v>/bin included).
 */
export async function startPrimaryWithReplica(): Promise<ReplicatedCluster | { unavailable: string }> {
  const bin = findPostgresBin();
  const initdb = findPostgresTool('initdb');
  const pgCtl = findPostgresTool('pg_ctl');
  const basebackup = findPostgresTool('pg_basebackup');
  if (!bin || !initdb || !pgCtl || !basebackup) {
    return { unavailable: 'no initdb/pg_ctl/pg_basebackup found (install the postgresql package)' };
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot && spawnSync('id', ['postgres']).status !== 0) {
    return { unavailable: 'running as root but there is no postgres system user to run initdb as' };
  }
  const run = (cmd: string, args: string[]) => {
    const [c, a] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    execFileSync(c, a, { stdio: 'pipe' });
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-pg-replica-'));
  chmodSync(dir, 0o777);
  const primaryData = path.join(dir, 'primary');
  const replicaData = path.join(dir, 'replica');
  const primaryPort = await freePort();
  const replicaPort = await freePort();
  const options = (port: number) =>
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`;
  const startReplica = () =>
    run(pgCtl, [
      '-D',
      replicaData,
      '-l',
      path.join(dir, 'replica.log'),
      '-w',
      '-o',
      options(replicaPort),
      'start',
    ]);
  const stopQuietly = (data: string) => {
    try {
      run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // not running
    }
  };
  try {
    run(initdb, [
      '-D',
      primaryData,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    run(pgCtl, [
      '-D',
      primaryData,
      '-l',
      path.join(dir, 'primary.log'),
      '-w',
      '-o',
      `${options(primaryPort)} -c wal_level=replica -c max_wal_senders=4`,
      'start',
    ]);
    // initdb's pg_hba.conf lets local replication connections in (trust, as every other test connection).
    run(basebackup, [
      '-D',
      replicaData,
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-R',
      '-X',
      'stream',
    ]);
    startReplica();
  } catch (err) {
    stopQuietly(replicaData);
    stopQuietly(primaryData);
    rmSync(dir, { recursive: true, force: true });
    const e = err as { stderr?: Buffer; message: string };
    return { unavailable: `could not start a primary and a replica: ${e.stderr?.toString() ?? e.message}` };
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
    stopReplica: () => run(pgCtl, ['-D', replicaData, '-m', 'fast', '-w', 'stop']),
    startReplica,
    stop() {
      try {
        stopQuietly(replicaData);
        stopQuietly(primaryData);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Why no primary/replica pair can be started here, or null when the binaries are all present. */
export function replicaUnavailable(): string | null {
  return findPostgresTool('initdb') && findPostgresTool('pg_ctl') && findPostgresTool('pg_basebackup')
    ? null
    : 'no initdb/pg_ctl/pg_basebackup found (install the postgresql package)';
}
