import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

const COMMANDS = ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'SELECT', 'COMMIT', 'ROLLBACK'] as const;

/**
 * Presents one PGlite instance to Kysely's PostgresDialect as a pool of size one.
 * PGlite is a single connection, so a connection is handed out to one user at a time
 * (a transaction keeps it until commit or rollback); other callers queue.
 */
export class PGlitePool implements PostgresPool {
  readonly #pg: PGlite;
  #tail: Promise<void> = Promise.resolve();

  constructor(pg: PGlite) {
    this.#pg = pg;
  }

  connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.#tail;
    this.#tail = this.#tail.then(() => held);
    const pg = this.#pg;
    const client = {
      async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
        const result = await pg.query<R>(sql, parameters as unknown[]);
        const head = /^\s*(?:with\b[\s\S]*?\)\s*)?([a-z]+)/i.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
        const command = (COMMANDS as readonly string[]).includes(head) ? head : 'SELECT';
        return {
          command: command as PostgresQueryResult<R>['command'],
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      },
      release,
    };
    return ready.then(() => client as unknown as PostgresPoolClient);
  }

  async end(): Promise<void> {
    await this.#tail;
    await this.#pg.close();
  }
}
