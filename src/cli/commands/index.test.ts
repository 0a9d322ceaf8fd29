import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.ts';
import { repoRoot } from '../../../test/support/shared-data.ts';
import { COMMANDS, commandNamed } from './index.ts';

const PASSPORT =
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n';

const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI and returns, with its result, the URLs of the modules the process loaded. */
async function runLogged(args: string[], input = '') {
  const log = path.join(dir, `${args.join('-')}.log`);
  const preload = pathToFileURL(path.join(repoRoot, 'test', 'support', 'module-log.ts')).href;
  const res = await runCli(args, {
    input,
    env: { NODE_OPTIONS: `--import ${preload}`, INTERLINK_MODULE_LOG: log },
  });
  const modules = readFileSync(log, 'utf8').trim().split('\n');
  return { ...res, modules };
}

const src = pathToFileURL(path.join(repoRoot, 'src')).href;
const inside = (modules: string[], prefix: string) => modules.filter((m) => m.startsWith(`${src}/${prefix}`));

describe('interlink commands are loaded only when they run', () => {
  it('--help lists every command without importing a context, a flow, the server or the database', async () => {
    const res = await runLogged(['--help']);
    expect(res.code).toBe(0);
    for (const c of COMMANDS) {
      expect(res.stdout).toMatch(new RegExp(`^  ${c.name} +${c.summary.slice(0, 20)}`, 'm'));
    }
    expect(inside(res.modules, 'cli/')).not.toEqual([]); // the log does see the CLI's own modules
    expect(inside(res.modules, 'contexts/')).toEqual([]);
    expect(inside(res.modules, 'flows/')).toEqual([]);
    expect(inside(res.modules, 'platform/')).toEqual([]);
    expect(res.modules.filter((m) => /\/node_modules\/(fastify|kysely|@electric-sql)\//.test(m))).toEqual([]);
  });

  it('mrz parse imports the identity context it uses, and not the server or the database', async () => {
    const res = await runLogged(['mrz', 'parse'], PASSPORT);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ valid: true, surname: 'ERIKSSON' });
    expect(inside(res.modules, 'contexts/identity/')).not.toEqual([]);
    expect(inside(res.modules, 'server.ts')).toEqual([]);
    expect(inside(res.modules, 'contexts/ees/')).toEqual([]);
    expect(res.modules.filter((m) => /\/node_modules\/(fastify|kysely|@electric-sql)\//.test(m))).toEqual([]);
  });

  it('help <command> shows that command’s own help', async () => {
    const res = await runCli(['help', 'mrz']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Usage: interlink mrz');
    expect(res.stdout).toMatch(/^ {2}parse\b/m);
    expect(res.stdout).toMatch(/^ {2}generate\b/m);
  });

  it('an unknown command is a usage error that suggests the nearest one', async () => {
    const res = await runCli(['mzr', 'parse']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("unknown command 'mzr'");
    expect(res.stderr).toContain('mrz');
  });
});

describe('the command registry', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s: its module registers a command of that name',
    async (_, c) => {
      const program = new Command('interlink');
      (await c.load())(program);
      expect(program.commands.map((x) => x.name())).toContain(c.name);
    },
  );

  it('names are unique', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  it('finds the command in the arguments, after `help` too', () => {
    expect(commandNamed(['mrz', 'parse', '--json'])?.name).toBe('mrz');
    expect(commandNamed(['help', 'stay'])?.name).toBe('stay');
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed(['help'])).toBeUndefined();
    expect(commandNamed(['nope'])).toBeUndefined();
  });
});
