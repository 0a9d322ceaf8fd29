import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** The one structured logger; contexts receive children of it. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', '*.password', 'password'], censor: '[redacted]' },
  });
}
