import type { Command } from 'commander';
import { LANGUAGE_CODES, canonicalLanguage, transliterateToMrz } from '../../contexts/identity/index.ts';
import { CliFailure, EXIT, printJson, readStdin } from '../support.ts';

/**
 * The `name` command group, created on first use. Other files add their subcommands to the same group
 * (e.g. `nameGroup(program).command('compare')`), whichever registers first.
 */
export function nameGroup(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === 'name');
  if (existing !== undefined) {
    return existing;
  }
  return program.command('name').description('Names: ICAO 9303 transliteration and comparison');
}

/** Registers `interlink name transliterate`. */
export function registerNameCommands(program: Command): void {
  nameGroup(program)
    .command('transliterate')
    .description(
      'Transliterate native-script names (one per line on stdin) to the ICAO 9303 MRZ form; ' +
        'prints one JSON object per line: {"input","mrz","alternatives","script"}',
    )
    .option('--language <code>', `language of the names (${Object.keys(LANGUAGE_CODES).join(', ')})`)
    .action(async (options: { language?: string }) => {
      const language = options.language;
      if (language !== undefined && canonicalLanguage(language) === undefined) {
        throw new CliFailure(
          `unknown language '${language}': use one of ${Object.keys(LANGUAGE_CODES).join(', ')}, or leave --language out to guess it from the letters`,
          EXIT.usage,
        );
      }
      const input = await readStdin();
      for (const line of input.split(/\r?\n/)) {
        if (line.trim() === '') {
          continue;
        }
        const result = transliterateToMrz(line, language === undefined ? undefined : { language });
        printJson({ input: line, mrz: result.mrz, alternatives: result.alternatives, script: result.script });
      }
    });
}
