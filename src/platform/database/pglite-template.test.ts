import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './index.ts';
import { makePgliteTemplate, pgliteTemplateFor } from './pglite-template.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'interlink-template-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('PGlite cluster template', () => {
  it('an empty data directory is opened from the template and works like a fresh cluster', async () => {
    const file = await makePgliteTemplate();
    expect(existsSync(file)).toBe(true);
    const dataDir = path.join(root, 'a');
    expect(await pgliteTemplateFor(path.join(dataDir, 'pglite'))).toBeInstanceOf(Blob);

    const database = await openDatabase({ databaseUrl: null, dataDir, databasePoolSize: 1 });
    try {
      await sql`create extension if not exists pg_trgm`.execute(database.db);
      await sql`create table t (name text)`.execute(database.db);
      await sql`insert into t values ('ERIKSSON')`.execute(database.db);
      const { rows } = await sql<{ s: number }>`select similarity(name, 'ERIKSON') as s from t`.execute(
        database.db,
      );
      expect(rows[0]!.s).toBeGreaterThan(0.5);
    } finally {
      await database.close();
    }
    // Opened again, the cluster is the one written above, not a new template.
    expect(await pgliteTemplateFor(path.join(dataDir, 'pglite'))).toBeUndefined();
    const again = await openDatabase({ databaseUrl: null, dataDir, databasePoolSize: 1 });
    try {
      const { rows } = await sql<{ name: string }>`select name from t`.execute(again.db);
      expect(rows).toEqual([{ name: 'ERIKSSON' }]);
    } finally {
      await again.close();
    }
  });
});
