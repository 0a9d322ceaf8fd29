import { createDemoUsers, SYSTEM_ACTOR } from './contexts/access/index.ts';
import { buildApp } from './app.ts';
import { createDemoWorld } from './flows/demo/index.ts';
import type { Config } from './platform/config.ts';
import { createServices, type Services } from './services.ts';

export interface RunningServer {
  readonly url: string;
  readonly services: Services;
  close(): Promise<void>;
}

/**
 * Starts Interlink: services, the demo world on an empty database (unless INTERLINK_DEMO=0), the retention
 * scheduler and the HTTP listener.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const services = await createServices(config);
  const { logger } = services;
  if (config.demo && (await services.access.userCount()) === 0) {
    const created = await createDemoUsers(services.access);
    logger.info({ users: created.map((u) => u.username) }, 'demo users created (password: interlink-demo)');
    // Demo data are a convenience: a failure is logged and the server starts all the same.
    await createDemoWorld(services).catch((err: unknown) => logger.error({ err }, 'demo world not created'));
  }
  const { app } = await buildApp(services);
  let timer: NodeJS.Timeout | null = null;
  if (config.retentionIntervalMinutes > 0) {
    timer = setInterval(() => {
      services.retention
        .run(SYSTEM_ACTOR)
        .catch((err: unknown) => logger.error({ err }, 'scheduled retention run failed'));
    }, config.retentionIntervalMinutes * 60_000);
    timer.unref();
  }
  const address = await app.listen({ port: config.port, host: config.host });
  logger.info({ address, node: process.version }, 'Interlink is listening');
  let closing: Promise<void> | null = null;
  return {
    url: address,
    services,
    close() {
      closing ??= (async () => {
        if (timer) {
          clearInterval(timer);
        }
        await app.close();
        await services.close();
      })();
      return closing;
    },
  };
}
