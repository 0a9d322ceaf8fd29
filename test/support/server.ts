import { createDemoUsers } from '../../src/contexts/access/index.ts';
import { buildApp, type RouteInfo } from '../../src/app.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, testConfig, type TierName } from './db.ts';

/**
 * The API over real HTTP on an ephemeral port, on a fresh database with the demo users.
 * Used by the HTTP and browser tests.
 */
export async function startTestServer(
  options: {
    tier?: TierName;
    demo?: boolean;
    /** Replaces parts of the services before the app is built (e.g. a search portal with a broken source). */
    adapt?: (services: Services) => Services;
    /** Extra environment for the configuration (e.g. INTERLINK_METRICS_TOKEN). */
    env?: Record<string, string>;
  } = {},
): Promise<{ url: string; services: Services; routes: RouteInfo[]; close(): Promise<void> }> {
  const testDb = await createTestDatabase(options.tier ?? 'pglite');
  const services = await createServices(testConfig(testDb, options.env));
  if (options.demo !== false) {
    await createDemoUsers(services.access);
  }
  const { app, routes } = await buildApp(options.adapt ? options.adapt(services) : services);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    services,
    routes,
    async close() {
      await app.close();
      await services.close();
      await testDb.drop();
    },
  };
}
