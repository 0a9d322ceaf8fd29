import type { Command } from 'commander';

/** Adds a module's commands (with their options, subcommands and actions) to the program. */
export type RegisterCommands = (program: Command) => void;

/** A top-level command, known by name and summary; its module is imported only when the command runs. */
export interface LazyCommand {
  /** What is typed after `interlink`. */
  readonly name: string;
  /** Its line in `interlink --help` (the module's own description shows in `interlink <name> --help`). */
  readonly summary: string;
  /** Imports the module that registers the command (a module may register several). */
  readonly load: () => Promise<RegisterCommands>;
}

// One loader per module: `import()` keeps a command's dependencies (contexts, database, server) out of every
// other command's start-up, and out of `interlink --help`.
const platform = async () => (await import('./platform.ts')).registerPlatformCommands;
const mrz = async () => (await import('./mrz.ts')).registerMrzCommands;
const name = async (): Promise<RegisterCommands> => {
  const [names, compare] = await Promise.all([import('./name.ts'), import('./name-compare.ts')]);
  return (program) => {
    names.registerNameCommands(program);
    compare.registerNameCompareCommand(program);
  };
};
const linkage = async () => (await import('./linkage.ts')).registerLinkageCommands;
const generate = async () => (await import('./generate.ts')).registerGenerateCommands;
const stay = async () => (await import('./stay.ts')).registerStayCommand;
const hub = async () => (await import('./hub.ts')).registerHubCommands;
const importer = async () => (await import('./import.ts')).registerImportCommand;
const biometrics = async () => (await import('./biometrics.ts')).registerBiometricsCommands;
const stats = async () => (await import('./stats.ts')).registerStatsCommands;

/** Every top-level command, in the order `interlink --help` lists them: one line each. */
export const COMMANDS: readonly LazyCommand[] = [
  { name: 'serve', summary: 'Start the API and web UI (port from PORT, default 8080)', load: platform },
  { name: 'demo', summary: 'Create the demo users and the demo world (idempotent)', load: platform },
  { name: 'audit', summary: 'The access log', load: platform },
  { name: 'retention', summary: 'Erasure of data whose retention period has ended', load: platform },
  { name: 'users', summary: 'Users and authorities', load: platform },
  { name: 'mrz', summary: 'Machine-readable zones of travel documents (ICAO Doc 9303)', load: mrz },
  { name: 'name', summary: 'Names: ICAO 9303 transliteration and comparison', load: name },
  { name: 'link', summary: 'Link the records of two CSV files', load: linkage },
  { name: 'dedupe', summary: 'Find the records of one CSV file that are the same person', load: linkage },
  { name: 'generate', summary: 'Generate seeded, realistic test data', load: generate },
  { name: 'stay', summary: 'Schengen 90/180-day short-stay calculator (JSON lines in and out)', load: stay },
  { name: 'hub', summary: 'Logistics-hub vehicle checks', load: hub },
  {
    name: 'import',
    summary: 'Bulk-load EES files or SIS alerts from NDJSON (one record per line)',
    load: importer,
  },
  {
    name: 'biometrics',
    summary: 'Synthetic capture files of the demo world’s persons (the demo’s capture device)',
    load: biometrics,
  },
  { name: 'stats', summary: 'Anonymous statistics: the figures, one figure by its dimensions', load: stats },
];

/**
 * The top-level command that `args` (the arguments after `interlink`) run, or undefined for the program's own
 * help. The program has no options of its own that take a value, so the first word that is not an option is
 * the command; `help <command>` asks for that command.
 */
export function commandNamed(args: readonly string[]): LazyCommand | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  const wanted = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((c) => c.name === wanted);
}

/**
 * Registers what `args` need: the chosen command's module only, or, for the program's help and for an unknown
 * command (which commander answers with a suggestion), every command by name and summary without loading any.
 */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  const chosen = commandNamed(args);
  if (chosen !== undefined) {
    (await chosen.load())(program);
    return;
  }
  for (const c of COMMANDS) {
    program.command(c.name).summary(c.summary);
  }
}
