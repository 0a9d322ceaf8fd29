import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

/**
 * A pristine PGlite cluster (just after `initdb`), made once at install by `npm install` (`prepare`) and
 * unpacked into an empty data directory instead of running `initdb` again, which takes 5–15 s on two cores.
 * It holds no data, no keys and no date: only what `initdb` writes, so it is the same for every data directory.
 * Its name carries the PGlite version; a template for another version is ignored.
 */
export function pgliteTemplatePath(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const marker = `${path.sep}@electric-sql${path.sep}pglite${path.sep}`;
  const pkg = path.join(entry.slice(0, entry.lastIndexOf(marker) + marker.length), 'package.json');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
  return fileURLToPath(new URL(`../../../.cache/pglite/cluster-${version}.tar.gz`, import.meta.url));
}

/** Writes the template (when it is missing); returns its path. */
export async function makePgliteTemplate(): Promise<string> {
  const file = pgliteTemplatePath();
  if (existsSync(file)) {
    return file;
  }
  const pgl = await PGlite.create();
  try {
    const dump = await pgl.dumpDataDir('gzip');
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
    await fs.rename(tmp, file);
  } finally {
    await pgl.close();
  }
  return file;
}

/** The template to unpack into `dir`, when `dir` holds no cluster yet and a template was made at install. */
export async function pgliteTemplateFor(dir: string): Promise<Blob | undefined> {
  if (existsSync(path.join(dir, 'PG_VERSION'))) {
    return undefined;
  }
  const file = pgliteTemplatePath();
  return existsSync(file) ? new Blob([await fs.readFile(file)]) : undefined;
}
