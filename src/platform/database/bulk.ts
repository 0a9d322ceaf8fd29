import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Executor } from './index.ts';

/** A value of one column of a bulk-written row; jsonb columns take their JSON text. */
export type BulkValue = string | number | boolean | Date | null;

/**
 * Appends rows inside one open transaction: `COPY … FROM STDIN` on PostgreSQL, multi-row `INSERT`s on PGlite.
 * `trx` runs any other statement of the same transaction (checks, the audit record).
 */
export interface BulkWriter {
  readonly trx: Executor;
  readonly kind: 'copy' | 'insert';
  insert(table: string, columns: readonly string[], rows: ReadonlyArray<readonly BulkValue[]>): Promise<void>;
}

/** Runs batches, each in a transaction of its own, on one connection kept for the whole session. */
export interface BulkSession {
  transaction<T>(fn: (writer: BulkWriter) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const IDENT = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/u;
/** PostgreSQL allows 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

function checkNames(table: string, columns: readonly string[]): void {
  for (const name of [table, ...columns]) {
    if (!IDENT.test(name)) {
      throw new Error(`not a plain SQL name: ${name}`);
    }
  }
}

const COPY_SPECIAL = /[\\\n\r\t]/u;
const COPY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** One field in COPY's text format (backslash escapes, `\N` for null). */
export function copyField(v: BulkValue): string {
  if (v === null) {
    return '\\N';
  }
  if (v instanceof Date) {
    return v.toISOString();
  }
  if (typeof v === 'boolean') {
    return v ? 't' : 'f';
  }
  const s = String(v);
  return COPY_SPECIAL.test(s) ? s.replace(/[\\\n\r\t]/gu, (c) => COPY_ESCAPES[c]!) : s;
}

function multiRowWriter(trx: Executor): BulkWriter {
  return {
    trx,
    kind: 'insert',
    async insert(table, columns, rows) {
      checkNames(table, columns);
      const per = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        await sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(', '))}) values ${sql.join(
          chunk.map((r) => sql`(${sql.join(r.map((v) => (v instanceof Date ? v.toISOString() : v)))})`),
        )}`.execute(trx);
      }
    },
  };
}

/** Parsers as in `openDatabase`: int8 and numeric as numbers, dates as `YYYY-MM-DD` text. */
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === OID.INT8 || oid === OID.NUMERIC) {
      return Number;
    }
    if (oid === OID.DATE) {
      return (v: string) => v;
    }
    return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
  }) as typeof pg.types.getTypeParser,
};

/** Kysely over one connected client (the session's own transaction is opened and closed by hand). */
function kyselyOver(client: pg.Client): Kysely<object> {
  const pool: PostgresPool = {
    connect: () =>
      Promise.resolve({
        query: client.query.bind(client),
        release: () => undefined,
      } as unknown as PostgresPoolClient),
    end: () => Promise.resolve(),
  };
  return new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
}

function copyWriter(client: pg.Client, trx: Executor): BulkWriter {
  return {
    trx,
    kind: 'copy',
    async insert(table, columns, rows) {
      checkNames(table, columns);
      if (rows.length === 0) {
        return;
      }
      const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
      const lines = function* () {
        let chunk = '';
        for (const r of rows) {
          chunk += `${r.map(copyField).join('\t')}\n`;
          if (chunk.length > 256 * 1024) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk !== '') {
          yield chunk;
        }
      };
      await pipeline(Readable.from(lines()), stream);
    },
  };
}

/**
 * Opens a bulk session: on PostgreSQL a connection of its own (from `databaseUrl`), whose transactions
 * write with `COPY`; on PGlite the database's one connection, with multi-row inserts.
 */
export async function openBulkSession(database: Database, databaseUrl: string | null): Promise<BulkSession> {
  if (database.kind === 'pglite' || databaseUrl === null) {
    return {
      transaction: (fn) => database.db.transaction().execute((trx) => fn(multiRowWriter(trx))),
      close: () => Promise.resolve(),
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl, types: pgTypes });
  await client.connect();
  const db = kyselyOver(client);
  let tail: Promise<unknown> = Promise.resolve();
  return {
    transaction<T>(fn: (writer: BulkWriter) => Promise<T>): Promise<T> {
      const run = async (): Promise<T> => {
        await client.query('begin');
        try {
          const out = await fn(copyWriter(client, db));
          await client.query('commit');
          return out;
        } catch (err) {
          await client.query('rollback').catch(() => undefined);
          throw err;
        }
      };
      const result = tail.then(run, run);
      tail = result.catch(() => undefined);
      return result;
    },
    async close() {
      await tail;
      await client.end();
    },
  };
}
