import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { EXIT, CliFailure } from './support.ts';

// A reader that stops early (`interlink … | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') {
    process.exit(0);
  }
  throw err;
});

const program = new Command('interlink')
  .description('Interlink: EU border and security information systems, self-hosted')
  .showHelpAfterError()
  .exitOverride();

try {
  // Only the module of the command being run is imported (see commands/index.ts).
  await registerCommands(program, process.argv.slice(2));
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (err instanceof CliFailure) {
    process.stderr.write(`interlink: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(
      `interlink: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = EXIT.software;
  }
}
