import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationLabel } from './operations.ts';

const SRC = path.resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) {
      return sourceFiles(full);
    }
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('operation labels', () => {
  it('names every operation code the code base writes to the log', () => {
    const codes = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/operation: '([a-z][\w.-]*)'/g)) {
        // `operation: 'operation'` names the log's own column (the sort columns), not an operation.
        if (m[1] !== 'operation') {
          codes.add(m[1]!);
        }
      }
    }
    expect(codes.size).toBeGreaterThan(20);
    expect([...codes].filter((c) => operationLabel(c) === c)).toEqual([]);
  });
});
