import type { Command } from 'commander';
import { createDemoUsers, DEMO_PASSWORD, SYSTEM_ACTOR } from '../../contexts/access/index.ts';
import { createDemoWorld, formatDemoWorld } from '../../flows/demo/index.ts';
import { isAppError } from '../../platform/errors.ts';
import { HeapTooSmallError } from '../../platform/memory.ts';
import { startServer } from '../../server.ts';
import { cliConfig, withServices } from '../context.ts';
import { progressBar } from '../progress.ts';
import { CliFailure, EXIT, printJson, readStdin } from '../support.ts';

/** serve, demo, audit verify, retention run, users add. */
export function registerPlatformCommands(program: Command): void {
  program
    .command('serve')
    .description('Start the API and web UI (port from PORT, default 8080)')
    .action(async () => {
      const config = cliConfig();
      const server = await startServer(config).catch((err: unknown) => {
        // Too many records for this process's heap: a configuration matter, said in one line.
        throw err instanceof HeapTooSmallError ? new CliFailure(err.message, EXIT.config) : err;
      });
      const shown = server.url.replace('127.0.0.1', 'localhost').replace('0.0.0.0', 'localhost');
      process.stderr.write(
        `\nInterlink is running at ${shown} on Node.js ${process.version} (API reference: ${shown}/docs).\n${
          config.demo
            ? `Demo users are listed by \`npx interlink demo\`; their password is ${DEMO_PASSWORD}.\n`
            : ''
        }\n`,
      );
      const stop = () => {
        server.close().then(
          () => process.exit(EXIT.ok),
          () => process.exit(EXIT.software),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('demo')
    .description(
      'Create the demo users and the demo world (idempotent); print the users, what the world holds and what to try',
    )
    .option('--json', 'print the users and the demo world as JSON')
    .option('--scale <n>', 'travellers in all, written through the bulk importer (e.g. 100000)')
    .option('--alerts <n>', 'SIS alerts in all at scale (default: as many as travellers)')
    .action(async (opts: { json?: boolean; scale?: string; alerts?: string }) => {
      const count = (v: string | undefined, name: string) => {
        if (v === undefined) {
          return undefined;
        }
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 10_000_000) {
          throw new CliFailure(`${name} must be a whole number from 1 to 10000000`, EXIT.usage);
        }
        return n;
      };
      const scale = count(opts.scale, '--scale');
      const alerts = count(opts.alerts, '--alerts');
      const bar = progressBar('demo world');
      const { users, world } = await withServices(async (s) => ({
        users: await createDemoUsers(s.access),
        world: await createDemoWorld(s, {
          onProgress: (d, t) => bar.update(d, t),
          // The server builds its indexes from the tables when it starts; this process exits.
          ...(scale === undefined ? {} : { scale, applyInProcess: false }),
          ...(alerts === undefined ? {} : { scaleAlerts: alerts }),
        }),
      }));
      bar.stop();
      if (opts.json) {
        printJson({
          world,
          users: users.map((u) => ({
            username: u.username,
            password: DEMO_PASSWORD,
            displayName: u.displayName,
            authorityType: u.authority.type,
            authority: u.authority.name,
            memberState: u.authority.memberState,
            created: u.created,
          })),
        });
        return;
      }
      process.stdout.write(`Demo users (password for all: ${DEMO_PASSWORD})\n`);
      for (const u of users) {
        process.stdout.write(
          `  ${u.username.padEnd(16)} ${u.authority.type.padEnd(16)} ${u.authority.name} (${u.authority.memberState})${u.created ? '' : '  [existed]'}\n`,
        );
      }
      process.stdout.write(`\n${formatDemoWorld(world)}`);
    });

  const audit = program.command('audit').description('The access log');
  audit
    .command('verify')
    .description(
      'Walk the keyed hash chain of the access log and hold it against the signed checkpoints; exit 1 naming the first changed, inserted or removed record',
    )
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const bar = progressBar('verifying');
      const report = await withServices((s) => s.audit.verify((done, total) => bar.update(done, total)));
      bar.stop();
      if (opts.json) {
        printJson(report);
      } else if (report.ok) {
        process.stdout.write(
          `audit log intact: ${report.checked} records verified, against ${report.checkpoints} signed checkpoints\n`,
        );
      } else {
        process.stdout.write(
          `AUDIT LOG TAMPERED: ${report.problem} (first bad record: ${report.firstBadSeq})\n`,
        );
      }
      if (!report.ok) {
        process.exitCode = EXIT.checkFailed;
      }
    });

  const retention = program
    .command('retention')
    .description('Erasure of data whose retention period has ended');
  retention
    .command('run')
    .description('Erase everything that is due now, with cascades, and log an erasure record per rule')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const bar = progressBar('retention rules');
      const report = await withServices((s) => s.retention.run(SYSTEM_ACTOR, (d, t) => bar.update(d, t)));
      bar.stop();
      if (opts.json) {
        printJson(report);
        return;
      }
      process.stdout.write(`retention run for ${report.date}: ${report.totalErased} records erased\n`);
      for (const r of report.rules) {
        process.stdout.write(`  ${r.id.padEnd(32)} ${String(r.erased).padStart(8)}  ${r.legalBasis}\n`);
      }
    });

  const users = program.command('users').description('Users and authorities');
  users
    .command('add')
    .description(
      'Add a user (the authority is created when it does not exist yet); password read from standard input',
    )
    .requiredOption('--username <name>', 'user name')
    .requiredOption('--display-name <name>', 'name shown in the UI and logs')
    .requiredOption('--authority <name>', 'authority name, e.g. "Finnish Border Guard"')
    .requiredOption('--authority-type <type>', 'authority type, e.g. border, police, data-protection')
    .requiredOption('--member-state <code>', 'two-letter member state code, or EU')
    .option(
      '--confirms-users',
      "designate the user to confirm users that other authorities' administrators request for its authority",
    )
    .option('--json', 'print the user as JSON')
    .action(
      async (opts: {
        username: string;
        displayName: string;
        authority: string;
        authorityType: string;
        memberState: string;
        confirmsUsers?: boolean;
        json?: boolean;
      }) => {
        const password = (await readStdin()).replace(/\r?\n$/, '');
        try {
          const user = await withServices(async (s) => {
            const authority = await s.access.ensureAuthority(SYSTEM_ACTOR, {
              name: opts.authority,
              type: opts.authorityType as never,
              memberState: opts.memberState.toUpperCase(),
            });
            const { user: created } = await s.access.createUser({
              actor: SYSTEM_ACTOR,
              purpose: 'system-administration',
              user: {
                username: opts.username,
                displayName: opts.displayName,
                password,
                authorityId: authority.id,
                confirmsUsers: opts.confirmsUsers === true,
              },
            });
            return created;
          });
          if (opts.json) {
            printJson(user);
          } else {
            process.stdout.write(
              `user ${user.username} added to ${user.authority.name} (${user.authority.memberState})\n`,
            );
          }
        } catch (err) {
          if (isAppError(err)) {
            if (opts.json) {
              printJson({ error: { code: err.code, message: err.message } });
            }
            throw new CliFailure(`${err.code}: ${err.message}`, EXIT.dataError);
          }
          throw err;
        }
      },
    );
}
