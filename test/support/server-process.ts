import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestDatabase } from './db.ts';
import { repoRoot } from './shared-data.ts';

/** A server started as its own process (`interlink serve`), so that a test can kill it. */
export interface Server {
  url: string;
  child: ChildProcess;
}

/** Starts `interlink serve` on `db` and waits for `/readyz` (the first start creates the demo world). */
export async function startServerProcess(db: TestDatabase, port: number): Promise<Server> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'interlink.js'), 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...db.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      INTERLINK_DEMO: '1',
      // Test files share the machine's cores: their event-loop lag is the neighbours' load, not this server's.
      INTERLINK_MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // First start creates the demo world (users included) before listening: allow for a busy machine.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    }
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.status === 200) {
        return { url, child };
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A demo user's token. */
export async function login(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'interlink-demo' }),
  });
  return ((await r.json()) as { token: string }).token;
}
