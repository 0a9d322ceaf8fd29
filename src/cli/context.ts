import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { createServices, type Services } from '../services.ts';
import { CliFailure, EXIT } from './support.ts';

/** The CLI's only read of the environment: the same validated configuration as the server. */
export function cliConfig(overrides: Partial<Record<string, string>> = {}): Config {
  try {
    return loadConfig({ ...process.env, ...overrides });
  } catch (err) {
    if (err instanceof ConfigError) {
      throw new CliFailure(err.message, EXIT.config);
    }
    throw err;
  }
}

/** Opens the services quietly (logs at warn), runs `fn`, and always closes the database. */
export async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const config = cliConfig();
  let services: Services;
  try {
    services = await createServices(
      {
        ...config,
        logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
      },
      // A command reads the tables; the in-memory read models are for the server's hot paths.
      { readModels: false },
    );
  } catch (err) {
    throw new CliFailure(
      `cannot open the database: ${err instanceof Error ? err.message : String(err)}${
        err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : ''
      }`,
      EXIT.unavailable,
    );
  }
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}
