import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Path of a file in the external test data set, which lives next to the repository (`../shared/data`)
 * and is never copied into it.
 */
export function sharedDataPath(...parts: string[]): string {
  return path.resolve(repoRoot, '..', 'shared', 'data', ...parts);
}

export function readSharedText(...parts: string[]): string {
  const p = sharedDataPath(...parts);
  if (!existsSync(p)) {
    throw new Error(`external test data missing: ${p} (expected ../shared/data next to the repository)`);
  }
  return readFileSync(p, 'utf8');
}

export function readSharedJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readSharedText(...parts)) as T;
}
