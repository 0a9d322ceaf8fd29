import { sql, type Executor } from '../../platform/database/index.ts';
import { MAX_DIMENSIONS } from './figures.ts';

/** What one record contributed to one cell, as stored (hashed keys only). */
export interface ContributionRow {
  recordHash: string;
  factHash: string;
  figure: string;
  kind: 'event' | 'state';
  day: string;
  dimsKey: string;
  n: number;
}

/** A change of one cell's count. */
export interface CellDelta {
  figure: string;
  day: string;
  dimsKey: string;
  delta: number;
}

export interface SyncState {
  secret: string | null;
  position: number | null;
  generation: number;
  syncedAt: string | null;
}

/** Separates the dimension values in a cell's key (codes never hold it). */
export const KEY_SEPARATOR = '\u001f';

const CHUNK = 5000;

const toNumber = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

/** The repository's tables (`stats` schema), in the caller's transaction; batch statements over `unnest`. */
export class StatsRepository {
  async lockState(db: Executor): Promise<SyncState> {
    const { rows } = await sql<{
      secret: string | null;
      position: string | null;
      generation: number;
      synced_at: Date | string | null;
    }>`select secret, position, generation, synced_at from stats.sync_state where id = 1 for update`.execute(
      db,
    );
    const r = rows[0]!;
    return {
      secret: r.secret,
      position: toNumber(r.position),
      generation: r.generation,
      syncedAt: r.synced_at === null ? null : new Date(r.synced_at).toISOString(),
    };
  }

  async state(db: Executor): Promise<{ position: number | null; syncedAt: string | null }> {
    const { rows } = await sql<{ position: string | null; synced_at: Date | string | null }>`select position,
        synced_at from stats.sync_state where id = 1`.execute(db);
    const r = rows[0];
    return {
      position: toNumber(r?.position),
      syncedAt:
        r?.synced_at === null || r?.synced_at === undefined ? null : new Date(r.synced_at).toISOString(),
    };
  }

  async setSecret(db: Executor, secret: string): Promise<void> {
    await sql`update stats.sync_state set secret = ${secret} where id = 1 and secret is null`.execute(db);
  }

  async setPosition(db: Executor, position: number, generation?: number): Promise<void> {
    await (
      generation === undefined
        ? sql`update stats.sync_state set position = ${position}, synced_at = now() where id = 1`
        : sql`update stats.sync_state set position = ${position}, generation = ${generation},
            synced_at = now(), built_at = now() where id = 1`
    ).execute(db);
  }

  /** The sources whose records were read by a build (a source plugged in later is built on its own). */
  async builtSources(db: Executor): Promise<string[]> {
    const { rows } = await sql<{ built_sources: string[] }>`select built_sources from stats.sync_state
      where id = 1`.execute(db);
    return rows[0]?.built_sources ?? [];
  }

  async markBuilt(db: Executor, systems: readonly string[]): Promise<void> {
    await sql`update stats.sync_state set built_sources = (select array_agg(distinct s) from
        unnest(built_sources || ${[...systems]}::text[]) as s) where id = 1`.execute(db);
  }

  async contributions(db: Executor, recordHashes: readonly string[]): Promise<ContributionRow[]> {
    const out: ContributionRow[] = [];
    for (let i = 0; i < recordHashes.length; i += CHUNK) {
      const { rows } = await sql<{
        record_hash: string;
        fact_hash: string;
        figure: string;
        kind: 'event' | 'state';
        day: string;
        dims_key: string;
        n: string;
      }>`select record_hash, fact_hash, figure, kind, to_char(day, 'YYYY-MM-DD') as day, dims_key, n
        from stats.contribution
        where record_hash = any(${recordHashes.slice(i, i + CHUNK)}::text[])`.execute(db);
      out.push(
        ...rows.map((r) => ({
          recordHash: r.record_hash,
          factHash: r.fact_hash,
          figure: r.figure,
          kind: r.kind,
          day: r.day,
          dimsKey: r.dims_key,
          n: Number(r.n),
        })),
      );
    }
    return out;
  }

  /** Replaces the contributions of the records with `rows` (records absent from `rows` keep none). */
  async replaceContributions(
    db: Executor,
    recordHashes: readonly string[],
    rows: readonly ContributionRow[],
    generation: number,
  ): Promise<void> {
    for (let i = 0; i < recordHashes.length; i += CHUNK) {
      await sql`delete from stats.contribution
        where record_hash = any(${recordHashes.slice(i, i + CHUNK)}::text[])`.execute(db);
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const c = rows.slice(i, i + CHUNK);
      await sql`insert into stats.contribution (record_hash, fact_hash, figure, kind, day, dims_key, n, generation)
        select r, f, fig, k, d::date, dk, n, ${generation}
        from unnest(${c.map((x) => x.recordHash)}::text[], ${c.map((x) => x.factHash)}::text[],
          ${c.map((x) => x.figure)}::text[], ${c.map((x) => x.kind)}::text[], ${c.map((x) => x.day)}::text[],
          ${c.map((x) => x.dimsKey)}::text[], ${c.map((x) => x.n)}::bigint[]) as t(r, f, fig, k, d, dk, n)`.execute(
        db,
      );
    }
  }

  /** Marks the records as seen by build `generation` (a rebuild that found them unchanged). */
  async touch(db: Executor, recordHashes: readonly string[], generation: number): Promise<void> {
    for (let i = 0; i < recordHashes.length; i += CHUNK) {
      await sql`update stats.contribution set generation = ${generation}
        where record_hash = any(${recordHashes.slice(i, i + CHUNK)}::text[])`.execute(db);
    }
  }

  /**
   * After a rebuild: removes the bookkeeping of records no source holds any more (not seen by `generation`),
   * and answers the states they still counted, to be taken off the cells (their events stay counted).
   */
  async dropUnseen(db: Executor, generation: number): Promise<CellDelta[]> {
    const { rows } = await sql<{
      figure: string;
      kind: string;
      day: string;
      dims_key: string;
      n: string;
    }>`delete
      from stats.contribution where generation < ${generation}
      returning figure, kind, to_char(day, 'YYYY-MM-DD') as day, dims_key, n`.execute(db);
    return rows
      .filter((r) => r.kind === 'state')
      .map((r) => ({ figure: r.figure, day: r.day, dimsKey: r.dims_key, delta: -Number(r.n) }));
  }

  /** Adds the deltas to the cells (creating them) and drops the cells that reach zero. */
  async applyDeltas(db: Executor, deltas: readonly CellDelta[]): Promise<void> {
    for (let i = 0; i < deltas.length; i += CHUNK) {
      const c = deltas.slice(i, i + CHUNK);
      const dims = Array.from({ length: MAX_DIMENSIONS }, (_, d) =>
        c.map((x) => x.dimsKey.split(KEY_SEPARATOR)[d] ?? ''),
      );
      await sql`insert into stats.cell as c (figure, day, dims_key, d1, d2, d3, d4, d5, d6, count)
        select fig, d::date, dk, x1, x2, x3, x4, x5, x6, n
        from unnest(${c.map((x) => x.figure)}::text[], ${c.map((x) => x.day)}::text[],
          ${c.map((x) => x.dimsKey)}::text[], ${dims[0]!}::text[], ${dims[1]!}::text[], ${dims[2]!}::text[],
          ${dims[3]!}::text[], ${dims[4]!}::text[], ${dims[5]!}::text[], ${c.map((x) => x.delta)}::bigint[])
          as t(fig, d, dk, x1, x2, x3, x4, x5, x6, n)
        on conflict (figure, day, dims_key) do update set count = c.count + excluded.count`.execute(db);
      await sql`delete from stats.cell where count <= 0 and (figure, day, dims_key) in (
          select fig, d::date, dk from unnest(${c.map((x) => x.figure)}::text[], ${c.map((x) => x.day)}::text[],
            ${c.map((x) => x.dimsKey)}::text[]) as t(fig, d, dk))`.execute(db);
    }
  }

  /** Erases the cells and bookkeeping of days before `before` (the retention of the aggregates). */
  async eraseBefore(db: Executor, before: string): Promise<number> {
    // Under the synchronisation's lock, taken first as a step takes it (no deadlock with a running step).
    await sql`select 1 from stats.sync_state where id = 1 for update`.execute(db);
    const cells = await sql`delete from stats.cell where day < ${before}::date`.execute(db);
    await sql`delete from stats.contribution where day < ${before}::date`.execute(db);
    return Number(cells.numAffectedRows ?? 0);
  }
}
