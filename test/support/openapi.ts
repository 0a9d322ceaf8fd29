import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import * as prettier from 'prettier';
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

/**
 * The web app's API types (`web/src/api/schema.d.ts`), generated from an OpenAPI document by openapi-typescript
 * and formatted with the project's prettier settings, so that the committed file passes `prettier --check`.
 */
export async function renderWebApiTypes(openApiText: string, filepath: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(openApiText) as Parameters<typeof openapiTS>[0]);
  const header = COMMENT_HEADER.replace(
    'Do not make direct changes to the file.',
    'Do not make direct changes to the file: run `npm run openapi` after changing a route.',
  );
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(`${header}${astToString(ast)}`, { ...options, filepath });
}
