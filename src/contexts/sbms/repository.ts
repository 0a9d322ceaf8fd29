import type { ColumnType, Generated } from 'kysely';
import type { Executor } from '../../platform/database/index.ts';
import type { Modality, Partition, StoredTemplate, Template } from './model.ts';

/** Row type of `sbms.template` (see migrations.ts). */
interface TemplateTable {
  id: Generated<string>;
  partition: string;
  record_ref: string;
  modality: string;
  position: number;
  quality: number;
  vector: Uint8Array;
  created_at: ColumnType<Date, never, never>;
}

interface SettingTable {
  name: string;
  value: string;
}

type SbmsTables = { 'sbms.template': TemplateTable; 'sbms.setting': SettingTable };

const q = (db: Executor) => db.withTables<SbmsTables>();

/** Rows are written and read in batches of this many (PostgreSQL allows 65,535 parameters per statement). */
const BATCH = 5000;

/** A template's vector as stored: its float32 values' bytes (little-endian on every platform Node runs on). */
export function vectorBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** The vector of stored bytes (copied: a driver's buffer need not be aligned for a Float32Array). */
export function bytesVector(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

type Row = Omit<TemplateTable, 'id' | 'created_at'> & { id: unknown };

function fromRow(row: Row): StoredTemplate {
  return {
    id: String(row.id),
    partition: row.partition as Partition,
    recordRef: row.record_ref,
    modality: row.modality as Modality,
    position: Number(row.position),
    quality: Number(row.quality),
    vector: bytesVector(row.vector),
  };
}

const COLUMNS = ['id', 'partition', 'record_ref', 'modality', 'position', 'quality', 'vector'] as const;

/** Kysely over the `sbms` schema; every method takes the executor (database or transaction) it runs in. */
export class SbmsRepository {
  /** Writes a record's templates (after its old ones were deleted); returns the new template ids in order. */
  async insert(
    trx: Executor,
    partition: Partition,
    recordRef: string,
    templates: readonly Template[],
  ): Promise<string[]> {
    if (templates.length === 0) {
      return [];
    }
    const rows = await q(trx)
      .insertInto('sbms.template')
      .values(
        templates.map((t) => ({
          partition,
          record_ref: recordRef,
          modality: t.modality,
          position: t.position,
          quality: t.quality,
          vector: vectorBytes(t.vector),
        })),
      )
      .returning('id')
      .execute();
    return rows.map((r) => String(r.id));
  }

  /** Deletes every template of the records; returns how many templates were deleted. */
  async removeRecords(trx: Executor, partition: Partition, recordRefs: readonly string[]): Promise<number> {
    let removed = 0;
    for (let i = 0; i < recordRefs.length; i += BATCH) {
      const result = await q(trx)
        .deleteFrom('sbms.template')
        .where('partition', '=', partition)
        .where('record_ref', 'in', recordRefs.slice(i, i + BATCH))
        .executeTakeFirst();
      removed += Number(result.numDeletedRows);
    }
    return removed;
  }

  /** The templates of the records, vectors included. */
  async findByRecords(
    db: Executor,
    partition: Partition,
    recordRefs: readonly string[],
  ): Promise<StoredTemplate[]> {
    const out: StoredTemplate[] = [];
    for (let i = 0; i < recordRefs.length; i += BATCH) {
      const rows = await q(db)
        .selectFrom('sbms.template')
        .select(COLUMNS)
        .where('partition', '=', partition)
        .where('record_ref', 'in', recordRefs.slice(i, i + BATCH))
        .orderBy('id')
        .execute();
      out.push(...rows.map(fromRow));
    }
    return out;
  }

  /** What the records hold, without the vectors. */
  async holdings(
    db: Executor,
    partition: Partition,
    recordRefs: readonly string[],
  ): Promise<Array<{ recordRef: string; modality: Modality; position: number; quality: number }>> {
    const out: Array<{ recordRef: string; modality: Modality; position: number; quality: number }> = [];
    for (let i = 0; i < recordRefs.length; i += BATCH) {
      const rows = await q(db)
        .selectFrom('sbms.template')
        .select(['record_ref', 'modality', 'position', 'quality'])
        .where('partition', '=', partition)
        .where('record_ref', 'in', recordRefs.slice(i, i + BATCH))
        .orderBy('record_ref')
        .orderBy('modality')
        .orderBy('position')
        .execute();
      out.push(
        ...rows.map((r) => ({
          recordRef: r.record_ref,
          modality: r.modality as Modality,
          position: Number(r.position),
          quality: Number(r.quality),
        })),
      );
    }
    return out;
  }

  /** The templates of the given ids that are still stored, vectors included. */
  async findByIds(db: Executor, ids: readonly string[]): Promise<StoredTemplate[]> {
    const out: StoredTemplate[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = await q(db)
        .selectFrom('sbms.template')
        .select(COLUMNS)
        .where('id', 'in', ids.slice(i, i + BATCH))
        .orderBy('id')
        .execute();
      out.push(...rows.map(fromRow));
    }
    return out;
  }

  /** How many templates of each modality are stored. */
  async countByModality(db: Executor): Promise<Record<Modality, number>> {
    const rows = await q(db)
      .selectFrom('sbms.template')
      .select(['modality', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('modality')
      .execute();
    const out: Record<Modality, number> = { face: 0, finger: 0 };
    for (const r of rows) {
      out[r.modality as Modality] = Number(r.n);
    }
    return out;
  }

  /** The random identity of this database's templates (made by the migration). */
  async instance(db: Executor): Promise<string> {
    const r = await q(db)
      .selectFrom('sbms.setting')
      .select('value')
      .where('name', '=', 'instance')
      .executeTakeFirstOrThrow();
    return r.value;
  }

  /** Every stored template, in pages (keyset order by id), vectors included: the full build. */
  async *all(db: Executor, pageSize = 10_000): AsyncGenerator<StoredTemplate[]> {
    let after: string | null = null;
    for (;;) {
      let query = q(db).selectFrom('sbms.template').select(COLUMNS).orderBy('id').limit(pageSize);
      if (after !== null) {
        query = query.where('id', '>', after);
      }
      const rows = await query.execute();
      if (rows.length === 0) {
        return;
      }
      yield rows.map(fromRow);
      after = String(rows[rows.length - 1]!.id);
      if (rows.length < pageSize) {
        return;
      }
    }
  }

  /** Every stored template id, in pages (keyset order): what a restart reconciles its snapshot with. */
  async *ids(db: Executor, pageSize = 100_000): AsyncGenerator<string[]> {
    let after: string | null = null;
    for (;;) {
      let query = q(db).selectFrom('sbms.template').select('id').orderBy('id').limit(pageSize);
      if (after !== null) {
        query = query.where('id', '>', after);
      }
      const rows = await query.execute();
      if (rows.length === 0) {
        return;
      }
      const ids = rows.map((r) => String(r.id));
      yield ids;
      after = ids[ids.length - 1]!;
      if (rows.length < pageSize) {
        return;
      }
    }
  }
}
