import type { Command } from 'commander';
import { registerPlatformCommands } from './platform.ts';
import { registerMrzCommands } from './mrz.ts';
import { registerNameCommands } from './name.ts';
import { registerNameCompareCommand } from './name-compare.ts';
import { registerLinkageCommands } from './linkage.ts';
import { registerGenerateCommands } from './generate.ts';
import { registerStayCommand } from './stay.ts';
import { registerHubCommands } from './hub.ts';
import { registerImportCommand } from './import.ts';

/** Each command group lives in its own file and registers itself here. */
export function registerCommands(program: Command): void {
  registerPlatformCommands(program);
  registerMrzCommands(program);
  registerNameCommands(program);
  registerNameCompareCommand(program);
  registerLinkageCommands(program);
  registerGenerateCommands(program);
  registerStayCommand(program);
  registerHubCommands(program);
  registerImportCommand(program);
}
