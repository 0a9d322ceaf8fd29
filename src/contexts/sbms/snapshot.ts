import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  MODALITIES,
  PARTITIONS,
  type Modality,
  type Partition,
  type VectorIndex,
  type VectorIndexFactory,
} from './model.ts';

/** One template of the snapshot: its id (the index key), where it belongs, and its vector unless its index keeps it. */
export interface SnapshotEntry {
  readonly key: number;
  readonly partition: Partition;
  readonly recordRef: string;
  readonly modality: Modality;
  readonly position: number;
  readonly quality: number;
  readonly vector: Float32Array | undefined;
}

export interface Snapshot {
  /** The database's template identity (`sbms.setting` 'instance'): a snapshot of another database is not used. */
  readonly instance: string;
  /** The kind of index saved (e.g. `exact`): another kind cannot load its files. */
  readonly kind: string;
  readonly dimensions: Record<Modality, number>;
  readonly indexes: ReadonlyArray<{ readonly name: string; readonly index: VectorIndex }>;
  readonly entries: readonly SnapshotEntry[];
}

interface Manifest {
  version: 1;
  instance: string;
  kind: string;
  dimensions: Record<Modality, number>;
  generation: number;
  indexes: Array<{ name: string; modality: Modality; file: string; size: number }>;
  templates: { file: string; count: number };
}

const MANIFEST = 'manifest.json';
const CHUNK = 1 << 24;

/**
 * Writes the snapshot of the biometric indexes under `dir`: each index's own file (`VectorIndex.save`), the
 * templates file (id, partition, record, modality, position, quality, and the exact vector of templates whose
 * index does not keep it) and, last and atomically, `manifest.json` naming them. Files of the previous snapshot are
 * deleted once the manifest names the new ones, so a crash leaves the previous snapshot whole.
 *
 * Templates file, little-endian, one record per template: f64 id, u8 partition, u8 modality, u8 position,
 * f64 quality, u16 length + UTF-8 record reference, u8 has-vector, then the f32 vector if it has one.
 */
export function saveSnapshot(dir: string, snapshot: Snapshot): void {
  mkdirSync(dir, { recursive: true });
  let previous: Manifest | null = null;
  try {
    previous = readManifest(dir);
  } catch {
    // A damaged manifest is replaced; its files stay behind.
  }
  const generation = (previous?.generation ?? 0) + 1;
  // Unique per writer: another process saving under the same directory never overwrites these files.
  const token = `${generation}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const manifest: Manifest = {
    version: 1,
    instance: snapshot.instance,
    kind: snapshot.kind,
    dimensions: snapshot.dimensions,
    generation,
    indexes: [],
    templates: { file: `templates.${token}.bin`, count: snapshot.entries.length },
  };
  for (const { name, index } of snapshot.indexes) {
    const file = `${name}.${token}.index`;
    index.save!(path.join(dir, file));
    const modality = name.split('-')[1] as Modality;
    manifest.indexes.push({ name, modality, file, size: index.size });
  }
  writeTemplates(path.join(dir, manifest.templates.file), snapshot.entries);
  const tmp = path.join(dir, `${MANIFEST}.tmp`);
  writeFileSync(tmp, JSON.stringify(manifest));
  renameSync(tmp, path.join(dir, MANIFEST));
  // The previous snapshot's files go once the manifest names the new ones.
  const keep = new Set([manifest.templates.file, ...manifest.indexes.map((i) => i.file)]);
  for (const file of previous === null
    ? []
    : [previous.templates.file, ...previous.indexes.map((i) => i.file)]) {
    if (!keep.has(file)) {
      rmSync(path.join(dir, file), { force: true });
    }
  }
}

/**
 * Reads the snapshot under `dir`, null when there is none; throws when its files are damaged. A snapshot of
 * another kind of index comes back without its indexes and templates (its files are not opened).
 */
export function loadSnapshot(dir: string, kind: string, factory: VectorIndexFactory): Snapshot | null {
  const manifest = readManifest(dir);
  if (manifest === null) {
    return null;
  }
  if (manifest.kind !== kind) {
    return {
      instance: manifest.instance,
      kind: manifest.kind,
      dimensions: manifest.dimensions,
      indexes: [],
      entries: [],
    };
  }
  const indexes = manifest.indexes.map(({ name, modality, file, size }) => {
    const index = factory(manifest.dimensions[modality], path.join(dir, file));
    if (index.size !== size) {
      throw new Error(`index ${name} holds ${index.size} templates, its manifest says ${size}`);
    }
    return { name, index };
  });
  const entries = readTemplates(path.join(dir, manifest.templates.file), manifest.dimensions);
  if (entries.length !== manifest.templates.count) {
    throw new Error(
      `templates file holds ${entries.length} templates, the manifest says ${manifest.templates.count}`,
    );
  }
  return { instance: manifest.instance, kind, dimensions: manifest.dimensions, indexes, entries };
}

function readManifest(dir: string): Manifest | null {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) {
    return null;
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (manifest.version !== 1) {
    throw new Error(`snapshot manifest version ${String(manifest.version)} is not known`);
  }
  return manifest;
}

function writeTemplates(file: string, entries: readonly SnapshotEntry[]): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    let buffer = Buffer.alloc(CHUNK);
    let at = 0;
    const flush = () => {
      writeSync(fd, buffer, 0, at);
      at = 0;
    };
    for (const e of entries) {
      const ref = Buffer.from(e.recordRef, 'utf8');
      if (ref.length > 0xffff) {
        throw new Error(`record reference of ${ref.length} bytes cannot be written`);
      }
      const size = 8 + 3 + 8 + 2 + ref.length + 1 + (e.vector?.byteLength ?? 0);
      if (at + size > buffer.length) {
        flush();
        if (size > buffer.length) {
          buffer = Buffer.alloc(size);
        }
      }
      buffer.writeDoubleLE(e.key, at);
      buffer.writeUInt8(PARTITIONS.indexOf(e.partition), at + 8);
      buffer.writeUInt8(MODALITIES.indexOf(e.modality), at + 9);
      buffer.writeUInt8(e.position, at + 10);
      buffer.writeDoubleLE(e.quality, at + 11);
      buffer.writeUInt16LE(ref.length, at + 19);
      ref.copy(buffer, at + 21);
      at += 21 + ref.length;
      buffer.writeUInt8(e.vector === undefined ? 0 : 1, at);
      at += 1;
      if (e.vector !== undefined) {
        Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength).copy(buffer, at);
        at += e.vector.byteLength;
      }
    }
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function readTemplates(file: string, dimensions: Record<Modality, number>): SnapshotEntry[] {
  const bytes = readFileSync(file);
  const entries: SnapshotEntry[] = [];
  let at = 0;
  while (at < bytes.length) {
    const key = bytes.readDoubleLE(at);
    const partition = PARTITIONS[bytes.readUInt8(at + 8)];
    const modality = MODALITIES[bytes.readUInt8(at + 9)];
    if (partition === undefined || modality === undefined) {
      throw new Error(`${file} is damaged at byte ${at}`);
    }
    const position = bytes.readUInt8(at + 10);
    const quality = bytes.readDoubleLE(at + 11);
    const length = bytes.readUInt16LE(at + 19);
    const recordRef = bytes.toString('utf8', at + 21, at + 21 + length);
    at += 21 + length;
    const hasVector = bytes.readUInt8(at) === 1;
    at += 1;
    let vector: Float32Array | undefined;
    if (hasVector) {
      const n = dimensions[modality] * 4;
      const copy = new Uint8Array(n);
      copy.set(bytes.subarray(at, at + n));
      vector = new Float32Array(copy.buffer);
      at += n;
    }
    entries.push({ key, partition, recordRef, modality, position, quality, vector });
  }
  return entries;
}
