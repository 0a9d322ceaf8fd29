import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOpenApi, renderWebApiTypes } from '../support/openapi.ts';
import { repoRoot } from '../support/shared-data.ts';

describe('docs/openapi.json', () => {
  it('is the document the app generates (run `npm run openapi` after changing a route)', async () => {
    const committed = readFileSync(path.join(repoRoot, 'docs', 'openapi.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(await renderOpenApi()));
  });
});

describe('web/src/api/schema.d.ts', () => {
  it('holds the types generated from docs/openapi.json (run `npm run openapi` after changing a route)', async () => {
    const document = readFileSync(path.join(repoRoot, 'docs', 'openapi.json'), 'utf8');
    const file = path.join(repoRoot, 'web', 'src', 'api', 'schema.d.ts');
    expect(readFileSync(file, 'utf8')).toBe(await renderWebApiTypes(document, file));
  });
});
