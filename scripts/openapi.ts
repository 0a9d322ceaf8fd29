import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderOpenApi, renderWebApiTypes } from '../test/support/openapi.ts';

/**
 * Writes docs/openapi.json, the committed API contract, and web/src/api/schema.d.ts, the web app's API types
 * generated from it (both checked for staleness by the test suite).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const document = await renderOpenApi();
writeFileSync(path.join(root, 'docs', 'openapi.json'), document);
process.stdout.write('docs/openapi.json written\n');
const typesFile = path.join(root, 'web', 'src', 'api', 'schema.d.ts');
writeFileSync(typesFile, await renderWebApiTypes(document, typesFile));
process.stdout.write('web/src/api/schema.d.ts written\n');
