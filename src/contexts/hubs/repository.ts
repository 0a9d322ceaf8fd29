import { sql, type Executor } from '../../platform/database/index.ts';
import type { SortOrder } from '../../platform/sorting.ts';

export interface HubRow {
  id: string;
  name: string;
  kind: string;
  member_state: string;
  locode: string | null;
  operator_authority_id: string;
  operator_authority_name: string;
  gates: unknown;
  policy: unknown;
  time_zone: string | null;
  created_at: Date;
}

export interface HitRow {
  id: string;
  hub_id: string;
  alert_id: string;
  police_only: boolean;
  confidence: number;
  read_at: Date;
  received_at: Date;
  event: unknown;
  read: unknown;
  sis_hit_id: string | null;
  /** `pending` until reported through the SIS hit procedure, then `reported`, or `alert-gone`. */
  sis_status: string;
  erase_after: string;
  /** `open`, `acknowledged`, `assigned` or `dismissed` (the desk's handling). */
  status: string;
  read_count: number;
  last_read_at: Date;
  matched_text: string;
  assigned_to: string | null;
  handled_by: string | null;
  handled_at: Date | null;
  dismiss_reason: string | null;
}

export interface PlateReadRow {
  id: string;
  hub_id: string;
  read_at: Date;
  received_at: Date;
  read: unknown;
  erase_after: string;
}

export interface PortCallRow {
  id: string;
  hub_id: string;
  imo: string;
  vessel_name: string;
  flag: string;
  vessel_type: string;
  arrived_at: Date;
  departed_at: Date | null;
  previous_ports: unknown;
  container_count: number;
  received_at: Date;
  erase_after: string;
}

export interface PortCallContainerRow {
  port_call_id: string;
  container_number: string;
}

type Tables = {
  'hubs.hub': HubRow;
  'hubs.hit': HitRow;
  'hubs.plate_read': PlateReadRow;
  'hubs.port_call': PortCallRow;
  'hubs.port_call_container': PortCallContainerRow;
};
const q = (db: Executor) => db.withTables<Tables>();

/** The fields a hub's hit list sorts by. */
export const HUB_HIT_SORT_FIELDS = ['receivedAt', 'lastReadAt', 'confidence'] as const;
export type HubHitSortField = (typeof HUB_HIT_SORT_FIELDS)[number];

/** Filters and page of a hub's hit list; null means "any". */
export interface HubHitFilter {
  hubId: string;
  withPoliceOnly: boolean;
  /** False: hits the desk has not handled yet (`open`); true: acknowledged, assigned or dismissed. */
  acknowledged: boolean | null;
  status: string | null;
  objectType: string | null;
  sort: SortOrder<HubHitSortField>;
  limit: number;
  offset: number;
}

/** Kysely over the `hubs` schema only. */
export class HubsRepository {
  async insertHub(trx: Executor, row: HubRow): Promise<boolean> {
    const r = await q(trx)
      .insertInto('hubs.hub')
      .values({ ...row, gates: JSON.stringify(row.gates), policy: JSON.stringify(row.policy) })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return r !== undefined;
  }

  async findHub(db: Executor, id: string): Promise<HubRow | undefined> {
    return q(db).selectFrom('hubs.hub').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listHubs(db: Executor): Promise<HubRow[]> {
    return q(db).selectFrom('hubs.hub').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  async insertHits(trx: Executor, rows: readonly HitRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    await q(trx)
      .insertInto('hubs.hit')
      .values(rows.map((r) => ({ ...r, event: JSON.stringify(r.event), read: JSON.stringify(r.read) })))
      .execute();
  }

  /**
   * The hit a repeat read folds into: at the hub, on the same alert and the same matched text, not dismissed,
   * last read on or after `since`; locked until the transaction ends.
   */
  async lockRepeat(
    trx: Executor,
    key: { hubId: string; alertId: string; matchedText: string; since: Date },
  ): Promise<HitRow | undefined> {
    return q(trx)
      .selectFrom('hubs.hit')
      .selectAll()
      .where('hub_id', '=', key.hubId)
      .where('alert_id', '=', key.alertId)
      .where('matched_text', '=', key.matchedText)
      .where('last_read_at', '>=', key.since)
      .where('status', '<>', 'dismissed')
      .orderBy('last_read_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
  }

  /** Records the repeat reads folded into a hit: their number and the latest read time. */
  async foldReads(trx: Executor, id: string, readCount: number, lastReadAt: Date): Promise<void> {
    await q(trx)
      .updateTable('hubs.hit')
      .set({ read_count: readCount, last_read_at: lastReadAt })
      .where('id', '=', id)
      .execute();
  }

  async lockHit(trx: Executor, hubId: string, id: string): Promise<HitRow | undefined> {
    return q(trx)
      .selectFrom('hubs.hit')
      .selectAll()
      .where('hub_id', '=', hubId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  async setHandling(
    trx: Executor,
    id: string,
    set: Pick<HitRow, 'status' | 'assigned_to' | 'handled_by' | 'handled_at' | 'dismiss_reason'>,
  ): Promise<HitRow> {
    return q(trx)
      .updateTable('hubs.hit')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async insertReads(trx: Executor, rows: readonly PlateReadRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    await q(trx)
      .insertInto('hubs.plate_read')
      .values(rows.map((r) => ({ ...r, read: JSON.stringify(r.read) })))
      .execute();
  }

  async setSisHit(db: Executor, id: string, sisHitId: string | null, status: string): Promise<void> {
    await q(db)
      .updateTable('hubs.hit')
      .set({ sis_hit_id: sisHitId, sis_status: status })
      .where('id', '=', id)
      .execute();
  }

  async pendingHits(db: Executor, limit: number): Promise<HitRow[]> {
    return q(db)
      .selectFrom('hubs.hit')
      .selectAll()
      .where('sis_status', '=', 'pending')
      .orderBy('received_at')
      .limit(limit)
      .execute();
  }

  /**
   * A page of a hub's hits and the number of all that match, sorted in SQL with the id as the last key. The
   * desk's views (newest first, the hits not yet handled, the latest reads) walk `hit_hub_received_idx`,
   * `hit_hub_open_received_idx` or `hit_hub_last_read_idx` instead of sorting every hit the hub ever had.
   */
  async hitPage(db: Executor, filter: HubHitFilter): Promise<{ rows: HitRow[]; total: number }> {
    let query = q(db).selectFrom('hubs.hit').where('hub_id', '=', filter.hubId);
    if (!filter.withPoliceOnly) {
      query = query.where('police_only', '=', false);
    }
    if (filter.acknowledged !== null) {
      query = query.where('status', filter.acknowledged ? '<>' : '=', 'open');
    }
    if (filter.status !== null) {
      query = query.where('status', '=', filter.status);
    }
    if (filter.objectType !== null) {
      query = query.where(sql<boolean>`event->>'objectType' = ${filter.objectType}`);
    }
    const counted = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const dir = filter.sort.descending ? 'desc' : 'asc';
    const keys: Record<HubHitSortField, Array<'received_at' | 'last_read_at' | 'confidence'>> = {
      receivedAt: ['received_at'],
      lastReadAt: ['last_read_at'],
      confidence: ['confidence', 'received_at'],
    };
    let page = query.selectAll();
    for (const key of keys[filter.sort.field]) {
      page = page.orderBy(key, dir);
    }
    const rows = await page.orderBy('id', dir).limit(filter.limit).offset(filter.offset).execute();
    return { rows, total: Number(counted.n) };
  }

  /**
   * Hits no desk officer has acknowledged yet (status `open`, the desk's own: no police-only ones) at the
   * hubs one authority operates; one COUNT over the partial open-hit index (0003).
   */
  async countOpenDeskHits(db: Executor, operatorAuthorityId: string): Promise<number> {
    const r = await q(db)
      .selectFrom('hubs.hit as h')
      .innerJoin('hubs.hub as b', 'b.id', 'h.hub_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('b.operator_authority_id', '=', operatorAuthorityId)
      .where('h.status', '=', 'open')
      .where('h.police_only', '=', false)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Hits whose read falls in `[from, to)`, oldest first, at most `limit` (the network map). */
  async hitsBetween(db: Executor, from: Date, to: Date, limit: number): Promise<HitRow[]> {
    return q(db)
      .selectFrom('hubs.hit')
      .selectAll()
      .where('read_at', '>=', from)
      .where('read_at', '<', to)
      .orderBy('read_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** The no-hit reads hubs keep under their policy, read in `[from, to)` (the network map filters them). */
  async readsBetween(db: Executor, from: Date, to: Date): Promise<PlateReadRow[]> {
    return q(db)
      .selectFrom('hubs.plate_read')
      .selectAll()
      .where('read_at', '>=', from)
      .where('read_at', '<', to)
      .orderBy('read_at')
      .orderBy('id')
      .execute();
  }

  async countReads(db: Executor, hubId: string): Promise<number> {
    const r = await q(db)
      .selectFrom('hubs.plate_read')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('hub_id', '=', hubId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async eraseHits(trx: Executor, day: string): Promise<string[]> {
    const rows = await q(trx).deleteFrom('hubs.hit').where('erase_after', '<', day).returning('id').execute();
    return rows.map((r) => r.id);
  }

  async eraseReads(trx: Executor, day: string): Promise<string[]> {
    const rows = await q(trx)
      .deleteFrom('hubs.plate_read')
      .where('erase_after', '<', day)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async insertPortCall(trx: Executor, row: PortCallRow, containers: readonly string[]): Promise<void> {
    await q(trx)
      .insertInto('hubs.port_call')
      .values({ ...row, previous_ports: JSON.stringify(row.previous_ports) })
      .execute();
    // In slices, so a call of thousands of containers stays within the bind-parameter limit.
    for (let i = 0; i < containers.length; i += 5000) {
      await q(trx)
        .insertInto('hubs.port_call_container')
        .values(containers.slice(i, i + 5000).map((c) => ({ port_call_id: row.id, container_number: c })))
        .execute();
    }
  }

  /** A page of a hub's port calls, the latest arrival first, and the number of all. */
  async portCallPage(
    db: Executor,
    hubId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: PortCallRow[]; total: number }> {
    const query = q(db).selectFrom('hubs.port_call').where('hub_id', '=', hubId);
    const counted = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('arrived_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return { rows, total: Number(counted.n) };
  }

  async findPortCall(db: Executor, hubId: string, id: string): Promise<PortCallRow | undefined> {
    return q(db)
      .selectFrom('hubs.port_call')
      .selectAll()
      .where('hub_id', '=', hubId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The containers each of these port calls discharged, in number order. */
  async containersOf(db: Executor, ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) {
      return out;
    }
    const rows = await q(db)
      .selectFrom('hubs.port_call_container')
      .selectAll()
      .where('port_call_id', 'in', [...ids])
      .orderBy('container_number')
      .execute();
    for (const r of rows) {
      out.get(r.port_call_id)?.push(r.container_number);
    }
    return out;
  }

  /**
   * The port calls that discharged any of these containers (arrived before `before` when given), each with
   * the container it discharged; the latest arrival first.
   */
  async callsOfContainers(
    db: Executor,
    numbers: readonly string[],
    before: Date | null,
  ): Promise<Array<PortCallRow & { container_number: string }>> {
    if (numbers.length === 0) {
      return [];
    }
    let query = q(db)
      .selectFrom('hubs.port_call_container as c')
      .innerJoin('hubs.port_call as p', 'p.id', 'c.port_call_id')
      .selectAll('p')
      .select('c.container_number')
      .where('c.container_number', 'in', [...numbers]);
    if (before !== null) {
      query = query.where('p.arrived_at', '<=', before);
    }
    return query.orderBy('p.arrived_at', 'desc').orderBy('p.id', 'desc').execute();
  }

  /** The port calls with an arrival in [from, to), the earliest first. */
  async callsInPeriod(db: Executor, from: Date, to: Date): Promise<PortCallRow[]> {
    return q(db)
      .selectFrom('hubs.port_call')
      .selectAll()
      .where('arrived_at', '>=', from)
      .where('arrived_at', '<', to)
      .orderBy('arrived_at')
      .orderBy('id')
      .execute();
  }

  async erasePortCalls(trx: Executor, day: string): Promise<string[]> {
    const rows = await q(trx)
      .deleteFrom('hubs.port_call')
      .where('erase_after', '<', day)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }
}
