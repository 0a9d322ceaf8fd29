#!/usr/bin/env node
// Starts the CLI from the TypeScript sources with Node's own type stripping: nothing is compiled at run time.
// Node 24 (the runtime `npm install` brings as node_modules/.bin/node) and Node ≥ 22.18 strip types by default;
// Node 22.12–22.17 need --experimental-strip-types; an older Node hands over to the bundled runtime.
// This file is plain JavaScript that every Node since 14.8 can parse, so that it can say what is wrong.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const [major, minor] = process.versions.node.split('.').map(Number);

/** Runs this script again under `node` (with `flags`), passes signals on to it and ends with its exit. */
function handOver(node, flags) {
  const child = spawn(node, [...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, INTERLINK_HANDED_OVER: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  return new Promise(() => {
    child.on('error', (err) => {
      process.stderr.write(`interlink: cannot start ${node}: ${err.message}\n`);
      process.exit(70);
    });
    child.on('exit', (code, signal) =>
      process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 70)),
    );
  });
}

if (major < 22 || (major === 22 && minor < 12)) {
  const bundled = path.join(root, 'node_modules', '.bin', 'node');
  if (existsSync(bundled) && process.env.INTERLINK_HANDED_OVER !== '1') {
    await handOver(bundled, []);
  }
  process.stderr.write(
    `interlink: Node.js ${process.versions.node} is not supported; Interlink runs on Node 24 (22.12 or newer also works).\n` +
      '  `npm install` in the checkout brings Node 24 into node_modules/.bin; then use `npx interlink …` or\n' +
      '  `npm start`, or install Node 24 from https://nodejs.org.\n',
  );
  process.exit(78);
}

if (!process.features.typescript && !process.execArgv.includes('--experimental-strip-types')) {
  // Node 22.12–22.17: type stripping exists behind a flag.
  await handOver(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning']);
}

// V8's compile cache (in the system's temporary folder, or NODE_COMPILE_CACHE): a second start reuses the
// compiled code of the ~2,000 modules the server loads, and, on Node 24, the stripped TypeScript.
module.enableCompileCache?.();

await import('../src/cli/main.ts');
