import type { Actor } from '../access/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { Call } from '../../platform/calls.ts';
import type { Changes } from '../../platform/changes/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { plusYears } from '../../platform/dates.ts';
import type { Logger } from '../../platform/logger.ts';
import type { RetentionRule } from '../../platform/retention.ts';
import type { BarometerAnswer, FigureDefinition, StatsAnswer, StatsSource } from './model.ts';
import { StatsQueries, type FigureQuery } from './queries.ts';
import { StatsRepository } from './repository.ts';
import { StatsSync, type StatsSyncReport } from './sync.ts';

/**
 * How long the aggregates are kept. Art. 39 of 2019/817 and 2019/818 and the repository's rules (Commission
 * Delegated Regulation (EU) 2021/2223) were not found to fix a period for anonymous statistical data [K]; the
 * systems' own statistics provisions (EES art. 63, ETIAS art. 84) let eu-LISA keep the data for reports over
 * several years. Default five years, `INTERLINK_STATS_RETENTION_YEARS`.
 */
export const DEFAULT_STATS_RETENTION_YEARS = 5;

export interface StatsServiceDeps {
  database: Database;
  changes: Changes;
  logger: Logger;
  clock: Clock;
  audit: AuditLog;
  settings: { minCell: number; retentionYears: number };
}

/**
 * The central repository for reporting and statistics (2019/817 and 2019/818 art. 39): the aggregates kept
 * current from every system's change feed ({@link StatsSync}), the analyst's queries over them
 * ({@link StatsQueries}), and their retention.
 */
export class StatsService {
  readonly #sync: StatsSync;
  readonly #queries: StatsQueries;
  readonly #deps: StatsServiceDeps;

  constructor(deps: StatsServiceDeps) {
    this.#deps = deps;
    this.#sync = new StatsSync(deps);
    this.#queries = new StatsQueries({ ...deps, minCell: deps.settings.minCell });
  }

  /** Plugs in one system's facts (the adapter's `stats` hook). */
  addSource(source: StatsSource): void {
    this.#sync.addSource(source);
  }

  /** Brings the cells up to this node's feed position (the follower does it after every change). */
  sync(upTo?: number): Promise<StatsSyncReport> {
    return this.#sync.sync(upTo);
  }

  get minCell(): number {
    return this.#deps.settings.minCell;
  }

  catalogue(call: Call<Actor>): Promise<{ figures: FigureDefinition[]; minCell: number }> {
    return this.#queries.catalogue(call);
  }

  figure(call: Call<Actor>, query: FigureQuery): Promise<StatsAnswer> {
    return this.#queries.figure(call, query);
  }

  barometer(
    call: Call<Actor>,
    query: { from?: string | undefined; to?: string | undefined; memberState?: string | undefined },
  ): Promise<BarometerAnswer> {
    return this.#queries.barometer(call, query);
  }

  /** An answer as CSV. */
  csv(answer: StatsAnswer): string {
    return StatsQueries.csv(answer);
  }

  /** An answer without access check or log, for tests and benchmarks. */
  answer(query: FigureQuery, db: Executor = this.#deps.database.db): Promise<StatsAnswer> {
    return this.#queries.answer(db, query);
  }

  /** The retention of the aggregates: cells whose day is older than the period (see above) are erased. */
  retentionRule(): RetentionRule {
    const repo = new StatsRepository();
    const years = this.#deps.settings.retentionYears;
    return {
      id: 'stats.cells',
      system: 'stats',
      description: `Statistical cells and their bookkeeping older than ${years} years`,
      legalBasis: 'Reg. (EU) 2019/817 and 2019/818 art. 39 [K]; INTERLINK_STATS_RETENTION_YEARS',
      erase: async (trx, today) => ({
        erased: await repo.eraseBefore(trx, plusYears(today, -years)),
        refs: [],
      }),
    };
  }
}
