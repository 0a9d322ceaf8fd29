import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { Executor } from '../../platform/database/index.ts';
import { direction, type SortOrder } from '../../platform/sorting.ts';
import type { Queue } from './model.ts';
import type {
  ApplicationRow,
  ApplicationTable,
  EtiasTables,
  EventRow,
  EventTable,
  HitRow,
  HitTable,
} from './tables.ts';

const q = (db: Executor) => db.withTables<EtiasTables>();

/** The fields the verification and National Unit queues sort by. */
export const QUEUE_SORT_FIELDS = ['deadline', 'submittedAt', 'decisionDueAt', 'nationality', 'hits'] as const;
export type QueueSortField = (typeof QUEUE_SORT_FIELDS)[number];

/** One page of a queue (statuses `manual`), with the filters of the list. */
export interface QueuePageFilter {
  queue: Queue;
  /** National Unit queue: only the files of this state; null: any. */
  responsibleState: string | null;
  deadline: 'overdue' | 'soon' | null;
  now: Date;
  dueBefore: Date;
  nationality: string | null;
  rule: string | null;
  sort: SortOrder<QueueSortField>;
  limit: number;
  offset: number;
}

/** A queue row: the file and how many routing hits are still open. */
export type QueueRow = ApplicationRow & { open_hits: number; rules: string[] };

/** Statuses under which a further application for the same document is a duplicate. */
export const OPEN_STATUSES = ['pending', 'manual'] as const;
/** Statuses of an earlier negative decision (art. 20(2)(h) [K]: refused, revoked or annulled). */
export const NEGATIVE_STATUSES = ['refused', 'revoked', 'annulled'] as const;

/** Storage of applications, their hits and history. Every method takes the executor it runs on. */
export class EtiasRepository {
  async insertApplication(trx: Executor, row: Insertable<ApplicationTable>): Promise<ApplicationRow> {
    return q(trx).insertInto('etias.application').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async findApplication(db: Executor, id: string): Promise<ApplicationRow | undefined> {
    return q(db).selectFrom('etias.application').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The application, locked for the rest of the transaction (writes that read-modify-write). */
  async lockApplication(trx: Executor, id: string): Promise<ApplicationRow | undefined> {
    return q(trx)
      .selectFrom('etias.application')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  async findApplications(db: Executor, ids: readonly string[]): Promise<ApplicationRow[]> {
    if (ids.length === 0) {
      return [];
    }
    return q(db)
      .selectFrom('etias.application')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  }

  /**
   * Changes an application and raises its version; with `expectedVersion`, only when the row still has it
   * (optimistic concurrency). Returns the new row, or undefined when the row is gone or was changed since.
   */
  async updateApplication(
    trx: Executor,
    id: string,
    set: Updateable<ApplicationTable>,
    expectedVersion?: number,
  ): Promise<ApplicationRow | undefined> {
    let query = q(trx)
      .updateTable('etias.application')
      .set({ ...set, version: sql<number>`version + 1` })
      .where('id', '=', id);
    if (expectedVersion !== undefined) {
      query = query.where('version', '=', expectedVersion);
    }
    return query.returningAll().executeTakeFirst();
  }

  /** Applications with this travel document (normalised number and issuing state), newest first. */
  async findByDocument(db: Executor, numberNorm: string, issuingState: string): Promise<ApplicationRow[]> {
    return q(db)
      .selectFrom('etias.application')
      .selectAll()
      .where('document_number_norm', '=', numberNorm)
      .where('document_issuing_state', '=', issuingState)
      .orderBy('submitted_at', 'desc')
      .limit(200)
      .execute();
  }

  /**
   * Candidates by normalised surname and birth year (the SQL side of "same person" next to the identity
   * index), only with one of `statuses` when given.
   */
  async findBySurname(
    db: Executor,
    surnameNorm: string,
    birthYear: number | null,
    options: { statuses?: readonly string[]; limit?: number } = {},
  ): Promise<ApplicationRow[]> {
    let query = q(db).selectFrom('etias.application').selectAll().where('surname_norm', '=', surnameNorm);
    if (birthYear !== null) {
      query = query.where('birth_year', '=', birthYear);
    }
    if (options.statuses !== undefined) {
      query = query.where('status', 'in', [...options.statuses]);
    }
    return query.limit(options.limit ?? 200).execute();
  }

  /**
   * Issued authorisations valid on `today` (valid_from ≤ today ≤ valid_until) for a travel document or for
   * applications by id.
   */
  async validAuthorisations(
    db: Executor,
    by: { documentNumberNorm: string; issuingState: string } | { ids: readonly string[] },
    today: string,
  ): Promise<ApplicationRow[]> {
    let query = q(db)
      .selectFrom('etias.application')
      .selectAll()
      .where('status', '=', 'issued')
      .where('valid_from', '<=', today)
      .where('valid_until', '>=', today);
    if ('ids' in by) {
      if (by.ids.length === 0) {
        return [];
      }
      query = query.where('id', 'in', [...by.ids]);
    } else {
      query = query
        .where('document_number_norm', '=', by.documentNumberNorm)
        .where('document_issuing_state', '=', by.issuingState);
    }
    return query.orderBy('valid_until', 'desc').execute();
  }

  /** Applications still waiting for automated processing (oldest first). */
  async pendingIds(db: Executor, limit: number): Promise<string[]> {
    const rows = await q(db)
      .selectFrom('etias.application')
      .select('id')
      .where('status', '=', 'pending')
      .orderBy('submitted_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Past applications submitted from `since`, newest first, at most `limit` (a screening rule's measured
   * impact, art. 33(4) [K]).
   */
  async recentApplications(db: Executor, since: Date, limit: number): Promise<ApplicationRow[]> {
    return q(db)
      .selectFrom('etias.application')
      .selectAll()
      .where('submitted_at', '>=', since)
      .orderBy('submitted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async insertHits(trx: Executor, rows: readonly Insertable<HitTable>[]): Promise<void> {
    if (rows.length > 0) {
      await q(trx)
        .insertInto('etias.hit')
        .values([...rows])
        .execute();
    }
  }

  async hitsOf(db: Executor, applicationId: string): Promise<HitRow[]> {
    return q(db)
      .selectFrom('etias.hit')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  async updateHit(trx: Executor, id: string, set: Updateable<HitTable>): Promise<void> {
    await q(trx).updateTable('etias.hit').set(set).where('id', '=', id).execute();
  }

  /** Hits that point at a source record (`<system>:<id>`), for revocation and retention. */
  async hitsOfRecord(db: Executor, recordRef: string): Promise<HitRow[]> {
    return q(db).selectFrom('etias.hit').selectAll().where('record_ref', '=', recordRef).execute();
  }

  async insertEvent(trx: Executor, row: Insertable<EventTable>): Promise<void> {
    await q(trx).insertInto('etias.event').values(row).execute();
  }

  async eventsOf(db: Executor, applicationId: string): Promise<EventRow[]> {
    return q(db)
      .selectFrom('etias.event')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  /**
   * A page of a queue of `manual` files and how many match. `deadline` narrows to files past their deadline
   * (`overdue`) or due before `dueBefore` (`soon`); the deadline is the Central Unit's 12 hours in its queue
   * and the 96-hour decision in the National Units'. Sorted in SQL with the id as the last key.
   */
  async queuePage(db: Executor, filter: QueuePageFilter): Promise<{ rows: QueueRow[]; total: number }> {
    const due = filter.queue === 'central-unit' ? 'central_due_at' : 'decision_due_at';
    let query = q(db)
      .selectFrom('etias.application as a')
      .where('a.status', '=', 'manual')
      .where('a.queue', '=', filter.queue);
    if (filter.responsibleState !== null) {
      query = query.where('a.responsible_state', '=', filter.responsibleState);
    }
    if (filter.deadline === 'overdue') {
      query = query.where(`a.${due}`, '<', filter.now);
    } else if (filter.deadline === 'soon') {
      query = query.where(`a.${due}`, '>=', filter.now).where(`a.${due}`, '<', filter.dueBefore);
    }
    if (filter.nationality !== null) {
      query = query.where('a.nationality', '=', filter.nationality);
    }
    if (filter.rule !== null) {
      const rule = filter.rule;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('etias.hit as r')
            .select('r.id')
            .whereRef('r.application_id', '=', 'a.id')
            .where('r.rule', '=', rule),
        ),
      );
    }
    const counted = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const dir = direction(filter.sort);
    const openHits = sql<number>`(select count(*)::int from etias.hit h where h.application_id = a.id and h.state = 'open')`;
    const keys: Record<QueueSortField, Array<RawBuilder<unknown>>> = {
      deadline: [sql.ref(`a.${due}`)],
      submittedAt: [sql`a.submitted_at`],
      decisionDueAt: [sql`a.decision_due_at`],
      nationality: [sql`a.nationality`, sql.ref(`a.${due}`)],
      hits: [openHits, sql.ref(`a.${due}`)],
    };
    let page = query
      .selectAll('a')
      .select(openHits.as('open_hits'))
      .select(
        sql<
          string[]
        >`coalesce((select json_agg(distinct h.rule) from etias.hit h where h.application_id = a.id and h.state <> 'notified'), '[]'::json)`.as(
          'rules',
        ),
      );
    for (const key of keys[filter.sort.field]) {
      page = page.orderBy(key, dir);
    }
    const rows = await page.orderBy('a.id', dir).limit(filter.limit).offset(filter.offset).execute();
    return { rows, total: Number(counted.n) };
  }
}
