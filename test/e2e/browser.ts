import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The system Chromium; the test machines install it from the distribution's packages (`bash .ci/run` does).
 * `INTERLINK_CHROMIUM` points elsewhere (a different build, or a missing one to see the browser tier skipped).
 */
export const CHROMIUM_PATH = process.env.INTERLINK_CHROMIUM ?? '/usr/bin/chromium';

/** The command that makes the browser tier run on a machine without Chromium. */
export const CHROMIUM_INSTALL_HINT = 'apt-get install chromium (or run bash .ci/run, which installs it)';

/** Why the browser tier cannot run here, or null when it can. */
export function browserUnavailable(executable: string = CHROMIUM_PATH): string | null {
  return existsSync(executable)
    ? null
    : `no Chromium at ${executable}; install it with: ${CHROMIUM_INSTALL_HINT}`;
}

/**
 * Declares a browser test suite. Without Chromium the suite is reported as skipped, with the reason and the command
 * that enables it, instead of failing at set-up: a missing browser is not a failing screen.
 */
export function describeBrowser(title: string, body: () => void): void {
  const unavailable = browserUnavailable();
  if (unavailable) {
    describe.skip(`${title} — SKIPPED: ${unavailable}`, body);
  } else {
    describe(title, body);
  }
}

/**
 * Flags for a quiet, reproducible headless run: no GPU, no QUIC, no background traffic to update or sync
 * services. Playwright gives every launch a fresh temporary profile (`--user-data-dir`) of its own and removes it
 * on close, so no state leaks from one run to the next.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

function newestModification(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) {
    newest = Math.max(newest, newestModification(path.join(entry, name)));
  }
  return newest;
}

/**
 * Builds the web bundle unless `web/dist` is newer than every source of it. The test server serves the bundle
 * but does not build it.
 */
export function ensureWebBundle(): void {
  const built = path.join(repoRoot, 'web/dist/index.html');
  const sources = ['web/src', 'web/index.html', 'vite.config.ts', 'package-lock.json'].map((p) =>
    path.join(repoRoot, p),
  );
  const sourcesChanged = Math.max(...sources.filter((p) => existsSync(p)).map(newestModification));
  if (existsSync(built) && statSync(built).mtimeMs > sourcesChanged) {
    return;
  }
  const vite = path.join(repoRoot, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
}
