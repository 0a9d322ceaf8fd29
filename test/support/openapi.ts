import { buildApp } from '../../src/app.ts';
import { createServices } from '../../src/services.ts';
import { createTestDatabase, testConfig } from './db.ts';

/** The OpenAPI document as the app generates it, in a stable textual form. */
export async function renderOpenApi(): Promise<string> {
  const db = await createTestDatabase('pglite');
  const services = await createServices(testConfig(db));
  try {
    const { app } = await buildApp(services);
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await services.close();
    await db.drop();
  }
}
