import { sql, type RawBuilder } from 'kysely';
import { direction, type SortOrder } from '../../platform/sorting.ts';
import type { Executor } from '../../platform/database/index.ts';
import type { IndexedIdentifier, IndexedName } from './validate.ts';
import type { AlertSortColumn } from './model.ts';
import { NAME_SIMILARITY } from './read-model.ts';

export interface AlertRow {
  id: string;
  kind: string;
  category: string;
  covert: boolean;
  urgent: boolean;
  object_type: string | null;
  /** The alert as entered (`AlertInput`), JSON. */
  content: unknown;
  action: string;
  warning_markers: unknown;
  surname_norm: string | null;
  birth_year: number | null;
  issuing_state: string;
  issuing_authority: string;
  issuing_authority_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
  review_due: string;
  review_basis: string;
}

export interface NameRow {
  alert_id: string;
  role: string;
  name_norm: string;
  birth_year: number | null;
}

/** The fields the SIRENE exchange queue sorts by. */
export const HIT_SORT_FIELDS = [
  'deadline',
  'replyDueAt',
  'createdAt',
  'category',
  'issuingState',
  'reportingState',
] as const;
export type HitSortField = (typeof HIT_SORT_FIELDS)[number];

/** The fields the review queue sorts by. */
export const REVIEW_SORT_FIELDS = ['reviewDue', 'createdAt', 'category', 'issuingState'] as const;
export type ReviewSortField = (typeof REVIEW_SORT_FIELDS)[number];

/** Filters and page of the review queue; null means "any". */
export interface ReviewPageFilter {
  /** The end of the advance-warning window: the queue holds the alerts due on or before it. */
  until: string;
  issuingState: string | null;
  category: string | null;
  /** Review date on or after this day. */
  dueFrom: string | null;
  /** Review date before this day. */
  dueBefore: string | null;
  sort: SortOrder<ReviewSortField>;
  limit: number;
  offset: number;
}

/** Filters and page of the SIRENE exchange queue; null means "any". */
export interface HitPageFilter {
  /** The member state whose hits are listed (as issuer or reporter); null for all. */
  state: string | null;
  status: 'open' | 'closed' | null;
  deadline: 'overdue' | 'soon' | null;
  /** The clock now, and the end of the `soon` window. */
  now: Date;
  dueBefore: Date;
  alertId: string | null;
  category: string | null;
  issuingState: string | null;
  reportingState: string | null;
  /** True when the reader may not see the category of a discreet hit. */
  maskCovert: boolean;
  sort: SortOrder<HitSortField>;
  limit: number;
  offset: number;
}

export interface IdentifierRow {
  alert_id: string;
  kind: string;
  owner: string;
  country: string | null;
  raw: string;
  norm: string;
  folded: string;
}

interface LinkRow {
  a: string;
  b: string;
  created_at: Date;
}

/** Filters of the alert list; null means "any". */
export interface AlertListFilter {
  category: string | null;
  issuingState: string | null;
  reviewDueFrom: string | null;
  reviewDueTo: string | null;
  /** Free text, matched case-insensitively inside the alert. */
  text: string | null;
  /** The text as an identifier key (upper case, letters and digits only), or '' when it has none. */
  compactText: string;
  /** Sort column and direction; ties are broken by the id in the same direction. */
  sort: AlertSortColumn;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** The table column of each sort column of the API (a closed list: nothing else reaches ORDER BY). */
const ALERT_SORT = {
  entered: 'a.created_at',
  reviewDue: 'a.review_due',
  category: 'a.category',
  issuingState: 'a.issuing_state',
} as const satisfies Record<AlertSortColumn, string>;

export interface NoticeRow {
  id: string;
  alert_id: string;
  review_due: string;
  issuing_state: string;
  issuing_authority: string;
  created_at: Date;
}

export interface ExtensionRow {
  id: string;
  alert_id: string;
  previous_due: string;
  new_due: string;
  assessment: string;
  decided_by: string;
  decided_at: Date;
}

export interface HitRow {
  id: string;
  alert_id: string;
  category: string;
  covert: boolean;
  issuing_state: string;
  reported_by: string;
  reporting_authority: string;
  reporting_state: string;
  place: string;
  checked: unknown;
  information: unknown;
  created_at: Date;
  reply_due_at: Date;
  urgent: boolean;
  replied_at: Date | null;
  alert_deleted_on: string | null;
  erase_after: string | null;
}

export interface MessageRow {
  id: string;
  hit_id: string;
  direction: string;
  from_state: string;
  to_state: string;
  author: string;
  body: string;
  created_at: Date;
}

export type SisTables = {
  'sis.alert': AlertRow;
  'sis.alert_name': NameRow;
  'sis.alert_identifier': IdentifierRow;
  'sis.alert_link': LinkRow;
  'sis.review_notice': NoticeRow;
  'sis.extension': ExtensionRow;
  'sis.hit': HitRow;
  'sis.exchange_message': MessageRow;
};

const q = (db: Executor) => db.withTables<SisTables>();
const json = (v: unknown) => JSON.stringify(v);

/** Kysely over the `sis` schema. Rows in, rows out; no rules. */
export class SisRepository {
  async insertAlert(trx: Executor, row: AlertRow): Promise<void> {
    await q(trx)
      .insertInto('sis.alert')
      .values({ ...row, content: json(row.content), warning_markers: json(row.warning_markers) })
      .execute();
  }

  async updateAlert(
    trx: Executor,
    id: string,
    set: Partial<Omit<AlertRow, 'id' | 'created_at' | 'created_by'>>,
  ): Promise<void> {
    const values = {
      ...set,
      ...(set.content === undefined ? {} : { content: json(set.content) }),
      ...(set.warning_markers === undefined ? {} : { warning_markers: json(set.warning_markers) }),
    };
    await q(trx).updateTable('sis.alert').set(values).where('id', '=', id).execute();
  }

  async findAlert(db: Executor, id: string): Promise<AlertRow | undefined> {
    return q(db).selectFrom('sis.alert').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async lockAlert(trx: Executor, id: string): Promise<AlertRow | undefined> {
    return q(trx).selectFrom('sis.alert').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async alertCount(db: Executor): Promise<number> {
    const r = await q(db)
      .selectFrom('sis.alert')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * Open exchanges of one state (as issuer or reporter): all, those due before `now` (overdue) and those due
   * from `now` until before `soonUntil` (the hit list's `deadline` filter draws the same lines). One COUNT with filters over the partial open-hit indexes (0003).
   */
  async countOpenHits(
    db: Executor,
    filter: { state: string | null; now: Date; soonUntil: Date },
  ): Promise<{ open: number; overdue: number; soon: number }> {
    let query = q(db)
      .selectFrom('sis.hit')
      .where('replied_at', 'is', null)
      .where('alert_deleted_on', 'is', null);
    if (filter.state !== null) {
      const state = filter.state;
      query = query.where((eb) =>
        eb.or([eb('issuing_state', '=', state), eb('reporting_state', '=', state)]),
      );
    }
    const r = await query
      .select((eb) => [
        eb.fn.countAll<string>().as('open'),
        eb.fn.countAll<string>().filterWhere('reply_due_at', '<', filter.now).as('overdue'),
        eb.fn
          .countAll<string>()
          .filterWhere((w) =>
            w.and([w('reply_due_at', '>=', filter.now), w('reply_due_at', '<', filter.soonUntil)]),
          )
          .as('soon'),
      ])
      .executeTakeFirstOrThrow();
    return { open: Number(r.open), overdue: Number(r.overdue), soon: Number(r.soon) };
  }

  /**
   * Alerts of one issuing state (or one issuing authority), and those of them whose review date falls from
   * `reviewDueFrom` to `reviewDueUntil` (both included: the review queue's `due=soon`); one COUNT over the
   * (issuing_state | issuing_authority_id, review_due) indexes (0003).
   */
  async countAlerts(
    db: Executor,
    filter: {
      issuingState?: string;
      issuingAuthorityId?: string;
      reviewDueFrom: string;
      reviewDueUntil: string;
    },
  ): Promise<{ all: number; reviewDue: number }> {
    let query = q(db).selectFrom('sis.alert');
    if (filter.issuingState !== undefined) {
      query = query.where('issuing_state', '=', filter.issuingState);
    }
    if (filter.issuingAuthorityId !== undefined) {
      query = query.where('issuing_authority_id', '=', filter.issuingAuthorityId);
    }
    const r = await query
      .select((eb) => [
        eb.fn.countAll<string>().as('all'),
        eb.fn
          .countAll<string>()
          .filterWhere((w) =>
            w.and([
              w('review_due', '>=', filter.reviewDueFrom),
              w('review_due', '<=', filter.reviewDueUntil),
            ]),
          )
          .as('due'),
      ])
      .executeTakeFirstOrThrow();
    return { all: Number(r.all), reviewDue: Number(r.due) };
  }

  /** Alert ids after `after` in id order (keyset pages), for building the read model. */
  async alertIdsAfter(db: Executor, after: string, limit: number): Promise<string[]> {
    const rows = await q(db)
      .selectFrom('sis.alert')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async findAlerts(db: Executor, ids: readonly string[]): Promise<AlertRow[]> {
    if (ids.length === 0) {
      return [];
    }
    return q(db).selectFrom('sis.alert').selectAll().where('id', 'in', ids).execute();
  }

  /**
   * A page of alerts in the order asked for (newest first by default), with the number of all that match. Text matches the alert's id, its
   * content as entered (names, reasons, references, identifiers as typed) or an identifier's compact form
   * (`FK123XT` finds `FK 123 XT`); `LIKE` wildcards in the text are taken literally.
   */
  async listAlerts(db: Executor, filter: AlertListFilter): Promise<{ rows: AlertRow[]; total: number }> {
    let query = q(db).selectFrom('sis.alert as a');
    if (filter.category !== null) {
      query = query.where('a.category', '=', filter.category);
    }
    if (filter.issuingState !== null) {
      query = query.where('a.issuing_state', '=', filter.issuingState);
    }
    if (filter.reviewDueFrom !== null) {
      query = query.where('a.review_due', '>=', filter.reviewDueFrom);
    }
    if (filter.reviewDueTo !== null) {
      query = query.where('a.review_due', '<=', filter.reviewDueTo);
    }
    if (filter.text !== null) {
      const like = `%${filter.text.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
      const compact = filter.compactText;
      query = query.where((eb) =>
        eb.or([
          eb(sql<string>`a.id`, 'ilike', like),
          eb(sql<string>`a.content::text`, 'ilike', like),
          ...(compact === ''
            ? []
            : [
                eb.exists(
                  eb
                    .selectFrom('sis.alert_identifier as i')
                    .select('i.alert_id')
                    .whereRef('i.alert_id', '=', 'a.id')
                    .where('i.norm', 'like', `%${compact}%`),
                ),
              ]),
        ]),
      );
    }
    const counted = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll('a')
      .orderBy(ALERT_SORT[filter.sort], filter.order)
      .orderBy('a.id', filter.order)
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { rows, total: Number(counted.n) };
  }

  async deleteAlerts(trx: Executor, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    const r = await q(trx).deleteFrom('sis.alert').where('id', 'in', ids).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Replaces the search keys of an alert (names and identifiers) with the ones given. */
  async replaceKeys(
    trx: Executor,
    alertId: string,
    names: readonly IndexedName[],
    identifiers: readonly IndexedIdentifier[],
  ): Promise<void> {
    await q(trx).deleteFrom('sis.alert_name').where('alert_id', '=', alertId).execute();
    await q(trx).deleteFrom('sis.alert_identifier').where('alert_id', '=', alertId).execute();
    if (names.length > 0) {
      await q(trx)
        .insertInto('sis.alert_name')
        .values(
          names.map((n) => ({ alert_id: alertId, role: n.role, name_norm: n.norm, birth_year: n.birthYear })),
        )
        .execute();
    }
    if (identifiers.length > 0) {
      await q(trx)
        .insertInto('sis.alert_identifier')
        .values(
          identifiers.map((i) => ({
            alert_id: alertId,
            kind: i.kind,
            owner: i.owner,
            country: i.country,
            raw: i.raw,
            norm: i.norm,
            folded: i.folded,
          })),
        )
        .execute();
    }
  }

  /** The searchable names of these alerts (with their birth year), for the read model's person search. */
  async namesOf(db: Executor, alertIds: readonly string[]): Promise<NameRow[]> {
    if (alertIds.length === 0) {
      return [];
    }
    return q(db)
      .selectFrom('sis.alert_name')
      .select(['alert_id', 'role', 'name_norm', 'birth_year'])
      .where('alert_id', 'in', alertIds)
      .execute();
  }

  async identifiersOf(db: Executor, alertIds: readonly string[]): Promise<IdentifierRow[]> {
    if (alertIds.length === 0) {
      return [];
    }
    return q(db).selectFrom('sis.alert_identifier').selectAll().where('alert_id', 'in', alertIds).execute();
  }

  async replaceLinks(trx: Executor, alertId: string, linked: readonly string[], now: Date): Promise<void> {
    await q(trx)
      .deleteFrom('sis.alert_link')
      .where((eb) => eb.or([eb('a', '=', alertId), eb('b', '=', alertId)]))
      .execute();
    if (linked.length > 0) {
      await q(trx)
        .insertInto('sis.alert_link')
        .values(
          linked.map((other) => {
            const [a, b] = alertId < other ? [alertId, other] : [other, alertId];
            return { a, b, created_at: now };
          }),
        )
        .onConflict((oc) => oc.columns(['a', 'b']).doNothing())
        .execute();
    }
  }

  /** Every art. 63 link, oldest first, at most `limit` (the network map). */
  async allLinks(db: Executor, limit: number): Promise<LinkRow[]> {
    return q(db)
      .selectFrom('sis.alert_link')
      .selectAll()
      .orderBy('created_at')
      .orderBy('a')
      .orderBy('b')
      .limit(limit)
      .execute();
  }

  /** Hits reported in `[from, to)`, oldest first, at most `limit` (the network map). */
  async hitsBetween(db: Executor, from: Date, to: Date, limit: number): Promise<HitRow[]> {
    return q(db)
      .selectFrom('sis.hit')
      .selectAll()
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** The alerts holding an object identifier whose normalised form is `norm`. */
  async alertIdsWithIdentifier(db: Executor, norm: string): Promise<string[]> {
    const rows = await q(db)
      .selectFrom('sis.alert_identifier')
      .select('alert_id')
      .distinct()
      .where('norm', '=', norm)
      .where('kind', 'in', ['plate', 'vin', 'container'])
      .orderBy('alert_id')
      .execute();
    return rows.map((r) => r.alert_id);
  }

  /** The alerts linked to each of the given alerts. */
  async linksOf(db: Executor, alertIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (alertIds.length === 0) {
      return out;
    }
    const rows = await q(db)
      .selectFrom('sis.alert_link')
      .selectAll()
      .where((eb) => eb.or([eb('a', 'in', alertIds), eb('b', 'in', alertIds)]))
      .execute();
    const add = (from: string, to: string) => out.set(from, [...(out.get(from) ?? []), to]);
    for (const r of rows) {
      add(r.a, r.b);
      add(r.b, r.a);
    }
    return out;
  }

  /**
   * Candidate retrieval for a person search, until the identity index replaces it: alerts holding a name
   * equal to the normalised surname or trigram-similar to it, narrowed to the birth year (alerts whose year
   * is unknown stay in). Ranking and explanation happen in the service, with the MID comparators.
   */
  async personCandidates(
    db: Executor,
    query: { nameNorm: string; birthYear: number | null; limit: number },
  ): Promise<AlertRow[]> {
    let names = q(db)
      .selectFrom('sis.alert_name')
      .select('alert_id')
      .where((eb) =>
        eb.or([
          eb('name_norm', '=', query.nameNorm),
          eb(sql<number>`similarity(name_norm, ${query.nameNorm})`, '>=', NAME_SIMILARITY),
        ]),
      );
    if (query.birthYear !== null) {
      names = names
        .where((eb) => eb.or([eb('birth_year', '>=', query.birthYear! - 1), eb('birth_year', 'is', null)]))
        .where((eb) => eb.or([eb('birth_year', '<=', query.birthYear! + 1), eb('birth_year', 'is', null)]));
    }
    return q(db)
      .selectFrom('sis.alert')
      .selectAll()
      .where('id', 'in', names)
      .where('kind', '=', 'person')
      .orderBy('id')
      .limit(query.limit)
      .execute();
  }

  /** Identifiers whose folded key equals one of the keys given, with their alert. */
  async identifierMatches(
    db: Executor,
    query: { kinds: readonly string[]; folded: readonly string[]; limit: number },
  ): Promise<IdentifierRow[]> {
    if (query.kinds.length === 0 || query.folded.length === 0) {
      return [];
    }
    return q(db)
      .selectFrom('sis.alert_identifier')
      .selectAll()
      .where('kind', 'in', query.kinds)
      .where('folded', 'in', query.folded)
      .orderBy('alert_id')
      .limit(query.limit)
      .execute();
  }

  /** Every identifier of object alerts that readers can see (plates, VINs, containers), for the in-memory index. */
  async objectIdentifiers(
    db: Executor,
  ): Promise<Array<IdentifierRow & { category: string; object_type: string | null; covert: boolean }>> {
    return q(db)
      .selectFrom('sis.alert_identifier as i')
      .innerJoin('sis.alert as a', 'a.id', 'i.alert_id')
      .selectAll('i')
      .select(['a.category', 'a.object_type', 'a.covert'])
      .where('a.kind', '=', 'object')
      .where('i.kind', 'in', ['plate', 'vin', 'container'])
      .orderBy('i.alert_id')
      .execute();
  }

  // Review and deletion.

  /** Alerts due for review on or before `until` that have no advance warning for that due date yet. */
  async alertsNeedingNotice(db: Executor, until: string, limit: number): Promise<AlertRow[]> {
    return q(db)
      .selectFrom('sis.alert as a')
      .selectAll('a')
      .where('a.review_due', '<=', until)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('sis.review_notice as n')
              .select('n.id')
              .whereRef('n.alert_id', '=', 'a.id')
              .whereRef('n.review_due', '=', 'a.review_due'),
          ),
        ),
      )
      .orderBy('a.review_due')
      .limit(limit)
      .execute();
  }

  async insertNotice(trx: Executor, row: NoticeRow): Promise<void> {
    await q(trx)
      .insertInto('sis.review_notice')
      .values(row)
      .onConflict((oc) => oc.columns(['alert_id', 'review_due']).doNothing())
      .execute();
  }

  async noticesOf(db: Executor, alertIds: readonly string[]): Promise<NoticeRow[]> {
    if (alertIds.length === 0) {
      return [];
    }
    return q(db).selectFrom('sis.review_notice').selectAll().where('alert_id', 'in', alertIds).execute();
  }

  /** The review queue: alerts due on or before `until`, soonest first, optionally of one issuing state. */
  /**
   * A page of the review queue (alerts whose review date is on or before `until`) and the number of all that
   * match, sorted in SQL with the id as the last key.
   */
  async reviewPage(db: Executor, filter: ReviewPageFilter): Promise<{ rows: AlertRow[]; total: number }> {
    let query = q(db).selectFrom('sis.alert').where('review_due', '<=', filter.until);
    if (filter.issuingState !== null) {
      query = query.where('issuing_state', '=', filter.issuingState);
    }
    if (filter.category !== null) {
      query = query.where('category', '=', filter.category);
    }
    if (filter.dueFrom !== null) {
      query = query.where('review_due', '>=', filter.dueFrom);
    }
    if (filter.dueBefore !== null) {
      query = query.where('review_due', '<', filter.dueBefore);
    }
    const counted = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const dir = direction(filter.sort);
    const keys: Record<ReviewSortField, Array<'review_due' | 'created_at' | 'category' | 'issuing_state'>> = {
      reviewDue: ['review_due'],
      createdAt: ['created_at'],
      category: ['category', 'review_due'],
      issuingState: ['issuing_state', 'review_due'],
    };
    let page = query.selectAll();
    for (const key of keys[filter.sort.field]) {
      page = page.orderBy(key, dir);
    }
    const rows = await page.orderBy('id', dir).limit(filter.limit).offset(filter.offset).execute();
    return { rows, total: Number(counted.n) };
  }

  /** Ids of alerts whose review date has passed without an extension (locked for deletion). */
  async expiredAlerts(
    trx: Executor,
    today: string,
    limit: number,
  ): Promise<Array<{ id: string; category: string }>> {
    return q(trx)
      .selectFrom('sis.alert')
      .select(['id', 'category'])
      .where('review_due', '<', today)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  }

  async insertExtension(trx: Executor, row: ExtensionRow): Promise<void> {
    await q(trx).insertInto('sis.extension').values(row).execute();
  }

  async extensionsOf(db: Executor, alertId: string): Promise<ExtensionRow[]> {
    return q(db)
      .selectFrom('sis.extension')
      .selectAll()
      .where('alert_id', '=', alertId)
      .orderBy('decided_at')
      .execute();
  }

  // Hits and the supplementary-information exchange.

  async insertHit(trx: Executor, row: HitRow): Promise<void> {
    await q(trx)
      .insertInto('sis.hit')
      .values({
        ...row,
        checked: json(row.checked),
        information: row.information === null ? null : json(row.information),
      })
      .execute();
  }

  /** The latest hit one user reported on an alert at a place since a given time (a re-check of the same person). */
  async latestHitBy(
    db: Executor,
    by: { alertId: string; reportedBy: string; place: string; since: Date },
  ): Promise<HitRow | undefined> {
    return q(db)
      .selectFrom('sis.hit')
      .selectAll()
      .where('alert_id', '=', by.alertId)
      .where('reported_by', '=', by.reportedBy)
      .where('place', '=', by.place)
      .where('created_at', '>=', by.since)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async findHit(db: Executor, id: string): Promise<HitRow | undefined> {
    return q(db).selectFrom('sis.hit').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async lockHit(trx: Executor, id: string): Promise<HitRow | undefined> {
    return q(trx).selectFrom('sis.hit').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async setHitInformation(trx: Executor, id: string, information: unknown): Promise<void> {
    await q(trx)
      .updateTable('sis.hit')
      .set({ information: json(information) })
      .where('id', '=', id)
      .execute();
  }

  async markReplied(trx: Executor, id: string, at: Date): Promise<void> {
    await q(trx)
      .updateTable('sis.hit')
      .set({ replied_at: at })
      .where('id', '=', id)
      .where('replied_at', 'is', null)
      .execute();
  }

  /** Hits of the exchange queue: open ones first by due time, optionally only those of one state. */
  /**
   * A page of the SIRENE exchange queue and the number of all hits that match. A hit is open while no reply
   * came and its alert stands; `deadline` narrows to open hits past their due time (`overdue`) or due before
   * `dueBefore` (`soon`). Sorted in SQL with the id as the last key, so pages neither skip nor repeat hits.
   */
  async hitPage(db: Executor, filter: HitPageFilter): Promise<{ rows: HitRow[]; total: number }> {
    let query = q(db).selectFrom('sis.hit');
    if (filter.state !== null) {
      const state = filter.state;
      query = query.where((eb) =>
        eb.or([eb('issuing_state', '=', state), eb('reporting_state', '=', state)]),
      );
    }
    if (filter.status === 'closed') {
      query = query.where((eb) =>
        eb.or([eb('replied_at', 'is not', null), eb('alert_deleted_on', 'is not', null)]),
      );
    }
    if (filter.status === 'open' || filter.deadline !== null) {
      query = query.where('replied_at', 'is', null).where('alert_deleted_on', 'is', null);
    }
    if (filter.deadline === 'overdue') {
      query = query.where('reply_due_at', '<', filter.now);
    } else if (filter.deadline === 'soon') {
      query = query.where('reply_due_at', '>=', filter.now).where('reply_due_at', '<', filter.dueBefore);
    }
    if (filter.alertId !== null) {
      query = query.where('alert_id', '=', filter.alertId);
    }
    if (filter.category !== null) {
      query = query.where('category', '=', filter.category);
      if (filter.maskCovert) {
        // The category of a discreet hit is withheld from this reader, so it cannot be found by it either.
        query = query.where('covert', '=', false);
      }
    }
    if (filter.issuingState !== null) {
      query = query.where('issuing_state', '=', filter.issuingState);
    }
    if (filter.reportingState !== null) {
      query = query.where('reporting_state', '=', filter.reportingState);
    }
    const counted = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const dir = direction(filter.sort);
    const keys: Record<HitSortField, Array<RawBuilder<unknown>>> = {
      // Open first, then answered, then closed by the deletion of the alert; each by due time.
      deadline: [
        sql`case when replied_at is null and alert_deleted_on is null then 0 when replied_at is not null then 1 else 2 end`,
        sql`reply_due_at`,
      ],
      replyDueAt: [sql`reply_due_at`],
      createdAt: [sql`created_at`],
      category: [filter.maskCovert ? sql`case when covert then null else category end` : sql`category`],
      issuingState: [sql`issuing_state`, sql`reply_due_at`],
      reportingState: [sql`reporting_state`, sql`reply_due_at`],
    };
    let page = query.selectAll();
    for (const key of keys[filter.sort.field]) {
      page = page.orderBy(key, dir);
    }
    const rows = await page.orderBy('id', dir).limit(filter.limit).offset(filter.offset).execute();
    return { rows, total: Number(counted.n) };
  }

  async insertMessage(trx: Executor, row: MessageRow): Promise<void> {
    await q(trx).insertInto('sis.exchange_message').values(row).execute();
  }

  async messagesOf(db: Executor, hitIds: readonly string[]): Promise<MessageRow[]> {
    if (hitIds.length === 0) {
      return [];
    }
    return q(db)
      .selectFrom('sis.exchange_message')
      .selectAll()
      .where('hit_id', 'in', hitIds)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** Starts the art. 64 clock of the SIRENE files of deleted alerts. */
  async markHitsOfDeletedAlerts(
    trx: Executor,
    alertIds: readonly string[],
    deletedOn: string,
    eraseAfter: string,
  ): Promise<number> {
    if (alertIds.length === 0) {
      return 0;
    }
    const r = await q(trx)
      .updateTable('sis.hit')
      .set({ alert_deleted_on: deletedOn, erase_after: eraseAfter })
      .where('alert_id', 'in', alertIds)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Erases SIRENE files whose period after their alert's deletion has ended; messages go with their hit. */
  async eraseExpiredHits(trx: Executor, today: string): Promise<string[]> {
    const rows = await q(trx)
      .deleteFrom('sis.hit')
      .where('erase_after', '<', today)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }
}
