import { pino, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { Config } from './config.ts';

export type { Logger };

/**
 * The one structured logger; contexts receive children of it. In a terminal each event is one short human
 * line (pino-pretty, in process); piped or in production it is one JSON object per line for a collector.
 */
export function createLogger(
  config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logFormat'>>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', '*.password', 'password'], censor: '[redacted]' },
  };
  if (config.logFormat === 'pretty') {
    return pino(
      options,
      PinoPretty({
        destination: destination ?? 1,
        colorize: destination === undefined && Boolean(process.stdout.isTTY),
        singleLine: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,reqId,method,url,statusCode,responseTime',
        sync: true,
      }),
    );
  }
  return destination ? pino(options, destination) : pino(options);
}
