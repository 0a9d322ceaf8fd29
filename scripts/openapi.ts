import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderOpenApi } from '../test/support/openapi.ts';

/** Writes docs/openapi.json, the committed API contract (checked for staleness by the test suite). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, 'docs', 'openapi.json'), await renderOpenApi());
process.stdout.write('docs/openapi.json written\n');
