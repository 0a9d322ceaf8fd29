import type { ColumnType } from 'kysely';
import type { BulkWriter } from '../../../platform/database/bulk.ts';
import { sql, type Executor } from '../../../platform/database/index.ts';
import type { IndexedIdentity } from './identity.ts';
import type { ProbeKey } from './keys.ts';
import type { PreparedIdentity } from './memory.ts';

/** Row types of the `matching` schema (see migrations.ts). */
interface IdentityTable {
  system: string;
  record_ref: string;
  surname: string;
  given_names: string;
  surname_native: string;
  given_names_native: string;
  birth_date: string;
  sex: string;
  nationalities: string;
  place_of_birth: string;
  document_number: string;
}

interface BlockingKeyTable {
  key: string;
  system: string;
  record_ref: string;
}

type IdentityRef = Pick<BlockingKeyTable, 'system' | 'record_ref'>;

interface SettingTable {
  name: string;
  value: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, never, never>;
}

type MatchingTables = {
  'matching.identity': IdentityTable;
  'matching.blocking_key': BlockingKeyTable;
  'matching.setting': SettingTable;
};

const q = (db: Executor) => db.withTables<MatchingTables>();

/** Rows are written in batches of this many (PostgreSQL allows 65,535 parameters per statement). */
const BATCH = 5000;

function toRow(identity: IndexedIdentity): IdentityTable {
  return {
    system: identity.system,
    record_ref: identity.recordRef,
    surname: identity.surname,
    given_names: identity.givenNames,
    surname_native: identity.surnameNative ?? '',
    given_names_native: identity.givenNamesNative ?? '',
    birth_date: identity.birthDate,
    sex: identity.sex,
    nationalities: identity.nationalities.join(';'),
    place_of_birth: identity.placeOfBirth,
    document_number: identity.documentNumber,
  };
}

function fromRow(row: IdentityTable): IndexedIdentity {
  return {
    system: row.system,
    recordRef: row.record_ref,
    surname: row.surname,
    givenNames: row.given_names,
    surnameNative: row.surname_native,
    givenNamesNative: row.given_names_native,
    birthDate: row.birth_date,
    sex: row.sex,
    nationalities: row.nationalities === '' ? [] : row.nationalities.split(';'),
    placeOfBirth: row.place_of_birth,
    documentNumber: row.document_number,
  };
}

/** Kysely over the `matching` schema; every method takes the executor (database or transaction) it runs in. */
export class MatchingRepository {
  /** Writes an identity and replaces its blocking keys. */
  async upsert(trx: Executor, identity: IndexedIdentity, prepared: PreparedIdentity): Promise<void> {
    const row = toRow(identity);
    const { system: _s, record_ref: _r, ...changes } = row;
    await q(trx)
      .insertInto('matching.identity')
      .values(row)
      .onConflict((oc) => oc.columns(['system', 'record_ref']).doUpdateSet(changes))
      .execute();
    await q(trx)
      .deleteFrom('matching.blocking_key')
      .where('system', '=', identity.system)
      .where('record_ref', '=', identity.recordRef)
      .execute();
    await this.insertKeys(trx, [prepared]);
  }

  /**
   * Bulk path (imports): writes new identities and their blocking keys with the writer's `COPY` or multi-row
   * inserts. The identities must not be stored yet (the importer skips records it finds stored).
   */
  async insertMany(
    writer: BulkWriter,
    identities: readonly IndexedIdentity[],
    prepared: readonly PreparedIdentity[],
  ): Promise<void> {
    const columns = [
      'system',
      'record_ref',
      'surname',
      'given_names',
      'surname_native',
      'given_names_native',
      'birth_date',
      'sex',
      'nationalities',
      'place_of_birth',
      'document_number',
    ] as const satisfies ReadonlyArray<keyof IdentityTable>;
    await writer.insert(
      'matching.identity',
      columns,
      identities.map((i) => {
        const row = toRow(i);
        return columns.map((c) => row[c]);
      }),
    );
    const keys: string[][] = [];
    for (const p of prepared) {
      for (const key of new Set(p.keys)) {
        keys.push([key, p.system, p.recordRef]);
      }
    }
    await writer.insert('matching.blocking_key', ['key', 'system', 'record_ref'], keys);
  }

  /** Inserts the blocking keys of prepared identities. */
  async insertKeys(trx: Executor, prepared: readonly PreparedIdentity[]): Promise<void> {
    let rows: BlockingKeyTable[] = [];
    const flush = async () => {
      if (rows.length > 0) {
        await q(trx)
          .insertInto('matching.blocking_key')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .execute();
        rows = [];
      }
    };
    for (const p of prepared) {
      for (const key of p.keys) {
        rows.push({ key, system: p.system, record_ref: p.recordRef });
        if (rows.length === BATCH) {
          await flush();
        }
      }
    }
    await flush();
  }

  /** Deletes identities of one system and their keys; returns how many identities were deleted. */
  async remove(trx: Executor, system: string, refs: readonly string[]): Promise<number> {
    let removed = 0;
    for (let i = 0; i < refs.length; i += BATCH) {
      const chunk = refs.slice(i, i + BATCH);
      await q(trx)
        .deleteFrom('matching.blocking_key')
        .where('system', '=', system)
        .where('record_ref', 'in', chunk)
        .execute();
      const result = await q(trx)
        .deleteFrom('matching.identity')
        .where('system', '=', system)
        .where('record_ref', 'in', chunk)
        .executeTakeFirst();
      removed += Number(result.numDeletedRows);
    }
    return removed;
  }

  /** Every stored identity, in pages (keyset order), for building the in-memory index. */
  async count(db: Executor): Promise<number> {
    const r = await q(db)
      .selectFrom('matching.identity')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async *all(db: Executor, pageSize = 10_000): AsyncGenerator<IndexedIdentity[]> {
    let after: { system: string; ref: string } | null = null;
    for (;;) {
      let query = q(db)
        .selectFrom('matching.identity')
        .selectAll()
        .orderBy('system')
        .orderBy('record_ref')
        .limit(pageSize);
      if (after !== null) {
        const { system, ref } = after;
        query = query.where((eb) =>
          eb.or([eb('system', '>', system), eb.and([eb('system', '=', system), eb('record_ref', '>', ref)])]),
        );
      }
      const rows = await query.execute();
      if (rows.length === 0) {
        return;
      }
      yield rows.map(fromRow);
      const last = rows[rows.length - 1] as IdentityTable;
      after = { system: last.system, ref: last.record_ref };
    }
  }

  /** The stored identities of one system among `refs` (one query per 5,000 refs). */
  async findMany(db: Executor, system: string, refs: readonly string[]): Promise<IndexedIdentity[]> {
    const out: IndexedIdentity[] = [];
    for (let i = 0; i < refs.length; i += BATCH) {
      const rows = await q(db)
        .selectFrom('matching.identity')
        .selectAll()
        .where('system', '=', system)
        .where('record_ref', 'in', refs.slice(i, i + BATCH))
        .execute();
      out.push(...rows.map(fromRow));
    }
    return out;
  }

  /** The stored identity, or null. */
  async find(db: Executor, system: string, recordRef: string): Promise<IndexedIdentity | null> {
    const row = await q(db)
      .selectFrom('matching.identity')
      .selectAll()
      .where('system', '=', system)
      .where('record_ref', '=', recordRef)
      .executeTakeFirst();
    return row === undefined ? null : fromRow(row);
  }

  async countKeys(db: Executor, system: string, recordRef: string): Promise<number> {
    const row = await q(db)
      .selectFrom('matching.blocking_key')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('system', '=', system)
      .where('record_ref', '=', recordRef)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Candidate retrieval as SQL: the identities of the allowed systems sharing a blocking key with the
   * query. The same keys as the in-memory index, so the same candidates; on distributed PostgreSQL the
   * lookup by key goes to the shards that hold those keys. A capped key whose stored block (across every
   * system, as in memory) holds more identities than its cap retrieves nothing; the count stops at cap + 1.
   */
  async candidates(
    db: Executor,
    keys: readonly ProbeKey[],
    systems: readonly string[],
  ): Promise<Array<{ system: string; recordRef: string }>> {
    if (keys.length === 0 || systems.length === 0) {
      return [];
    }
    // Keys first (a capped key whose block is too large drops out), then one index lookup by key.
    const { rows } = await sql<IdentityRef>`
      with probe(key, cap) as (
        select * from unnest(${sql.val(keys.map((k) => k.key))}::text[], ${sql.val(
          keys.map((k) => k.cap),
        )}::int[])
      ), allowed as (
        select p.key from probe p
        where p.cap is null
           or (select count(*) from (select 1 from matching.blocking_key c where c.key = p.key
               limit p.cap + 1) as s) <= p.cap
      )
      select distinct b.system, b.record_ref
      from matching.blocking_key b join allowed a on a.key = b.key
      where b.system = any(${sql.val([...systems])}::text[])`.execute(db);
    return rows.map((r) => ({ system: r.system, recordRef: r.record_ref }));
  }

  /** Removes every blocking key (before they are rebuilt under new key specifications). */
  async clearKeys(trx: Executor): Promise<void> {
    await q(trx).deleteFrom('matching.blocking_key').execute();
  }

  async getSetting<T>(db: Executor, name: string): Promise<T | null> {
    const row = await q(db)
      .selectFrom('matching.setting')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    return row === undefined ? null : (row.value as T);
  }

  async putSetting(trx: Executor, name: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value);
    await q(trx)
      .insertInto('matching.setting')
      .values({ name, value: json })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: json }))
      .execute();
  }
}
