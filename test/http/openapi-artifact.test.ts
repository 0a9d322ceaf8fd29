import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOpenApi } from '../support/openapi.ts';
import { repoRoot } from '../support/shared-data.ts';

describe('docs/openapi.json', () => {
  it('is the document the app generates (run `npm run openapi` after changing a route)', async () => {
    const committed = readFileSync(path.join(repoRoot, 'docs', 'openapi.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(await renderOpenApi()));
  });
});
