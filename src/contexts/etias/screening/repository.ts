import type { ColumnType } from 'kysely';
import type { Executor } from '../../../platform/database/index.ts';
import type { RulePredicates } from './rule.ts';

type Json<T> = ColumnType<T, string, string>;

/** What an impact measure found (stored with the version it was measured for). */
export interface RuleImpact {
  /** The version measured: activation needs the impact of the version activated. */
  version: number;
  computedAt: string;
  /** The period of applications read, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Applications in the period. */
  total: number;
  /** Of them, those the rule hits. */
  matched: number;
  /** Of the matched, those issued automatically: the ones the rule would newly send to a person. */
  matchedIssued: number;
  /** matched / total (0 when there were none). */
  share: number;
}

export interface RuleRow {
  id: string;
  version: number;
  name: string;
  risk_type: string;
  legal_basis: string;
  predicates: Json<RulePredicates>;
  board_reference: string;
  author: string;
  created_at: Date;
  review_due: string;
  status: string;
  impact: Json<RuleImpact | null>;
  activated_at: Date | null;
  activated_by: string | null;
  retired_at: Date | null;
  retired_by: string | null;
}

type Tables = { 'etias.screening_rule': RuleRow };
const q = (db: Executor) => db.withTables<Tables>();

export type StoredRule = Omit<RuleRow, 'predicates' | 'impact'> & {
  predicates: RulePredicates;
  impact: RuleImpact | null;
};

/** Kysely over `etias.screening_rule`. Rows in, rows out. */
export class RulesRepository {
  async insert(trx: Executor, row: StoredRule): Promise<void> {
    await q(trx)
      .insertInto('etias.screening_rule')
      .values({ ...row, predicates: JSON.stringify(row.predicates), impact: JSON.stringify(row.impact) })
      .execute();
  }

  /** Every version of a rule, latest first; locked when asked (a change is decided on the latest). */
  async versions(db: Executor, id: string, lock = false): Promise<StoredRule[]> {
    let query = q(db)
      .selectFrom('etias.screening_rule')
      .selectAll()
      .where('id', '=', id)
      .orderBy('version', 'desc');
    if (lock) {
      query = query.forUpdate();
    }
    return await query.execute();
  }

  async version(db: Executor, id: string, version: number): Promise<StoredRule | undefined> {
    return await q(db)
      .selectFrom('etias.screening_rule')
      .selectAll()
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  /** The latest version of each rule, newest rule first. */
  async latest(db: Executor, status: string | null): Promise<StoredRule[]> {
    const rows = (await q(db)
      .selectFrom('etias.screening_rule as r')
      .selectAll('r')
      .where((eb) =>
        eb(
          'r.version',
          '=',
          eb
            .selectFrom('etias.screening_rule as v')
            .select(({ fn }) => fn.max('v.version').as('m'))
            .whereRef('v.id', '=', 'r.id'),
        ),
      )
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .execute()) as StoredRule[];
    return status === null ? rows : rows.filter((r) => r.status === status);
  }

  /** The versions that run in automated processing. */
  async active(db: Executor): Promise<StoredRule[]> {
    return await q(db)
      .selectFrom('etias.screening_rule')
      .selectAll()
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
  }

  async setImpact(trx: Executor, id: string, version: number, impact: RuleImpact): Promise<void> {
    await q(trx)
      .updateTable('etias.screening_rule')
      .set({ impact: JSON.stringify(impact) })
      .where('id', '=', id)
      .where('version', '=', version)
      .execute();
  }

  async activate(trx: Executor, id: string, version: number, by: string, at: Date): Promise<void> {
    // The version that ran until now is retired: one version of a rule runs at a time.
    await q(trx)
      .updateTable('etias.screening_rule')
      .set({ status: 'retired', retired_at: at, retired_by: by })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .execute();
    await q(trx)
      .updateTable('etias.screening_rule')
      .set({ status: 'active', activated_at: at, activated_by: by })
      .where('id', '=', id)
      .where('version', '=', version)
      .execute();
  }

  async retire(trx: Executor, id: string, by: string, at: Date): Promise<void> {
    await q(trx)
      .updateTable('etias.screening_rule')
      .set({ status: 'retired', retired_at: at, retired_by: by })
      .where('id', '=', id)
      .where('status', '!=', 'retired')
      .execute();
  }
}
