import type { Executor } from '../../platform/database/index.ts';

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
}

export interface PlateReadRow {
  id: string;
  hub_id: string;
  read_at: Date;
  received_at: Date;
  read: unknown;
  erase_after: string;
}

type Tables = { 'hubs.hub': HubRow; 'hubs.hit': HitRow; 'hubs.plate_read': PlateReadRow };
const q = (db: Executor) => db.withTables<Tables>();

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

  async recentHits(db: Executor, hubId: string, withPoliceOnly: boolean, limit: number): Promise<HitRow[]> {
    let query = q(db).selectFrom('hubs.hit').selectAll().where('hub_id', '=', hubId);
    if (!withPoliceOnly) {
      query = query.where('police_only', '=', false);
    }
    return query.orderBy('received_at', 'desc').orderBy('id').limit(limit).execute();
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
}
