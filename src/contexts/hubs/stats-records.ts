import { sql, type Executor } from '../../platform/database/index.ts';

/**
 * What the statistics repository reads of the hubs: hits (hub, the alert's object type, the hub's local day) and
 * the read counters (2019/817 art. 39). Refs are hit ids (`hubhit_…`) and counter refs (`count:…`).
 */
export type HubsStatsRecord =
  | { ref: string; kind: 'hit'; hubId: string; memberState: string; day: string; objectType: string }
  | {
      ref: string;
      kind: 'reads';
      hubId: string;
      memberState: string;
      day: string;
      objectType: string;
      n: number;
    };

const COUNT = 'count:';

export async function hubsStatsRecords(db: Executor, refs: readonly string[]): Promise<HubsStatsRecord[]> {
  const counters = refs.filter((r) => r.startsWith(COUNT));
  const hits = refs.filter((r) => !r.startsWith(COUNT));
  const out: HubsStatsRecord[] = [];
  if (hits.length > 0) {
    const { rows } = await sql<{
      id: string;
      hub_id: string;
      member_state: string;
      day: string;
      object_type: string;
    }>`
      select h.id, h.hub_id, b.member_state,
        to_char(h.received_at at time zone coalesce(b.time_zone, 'UTC'), 'YYYY-MM-DD') as day,
        coalesce(h.event->>'objectType', 'unknown') as object_type
      from hubs.hit h join hubs.hub b on b.id = h.hub_id where h.id = any(${hits}::text[])`.execute(db);
    out.push(
      ...rows.map((r) => ({
        ref: r.id,
        kind: 'hit' as const,
        hubId: r.hub_id,
        memberState: r.member_state,
        day: r.day,
        objectType: r.object_type,
      })),
    );
  }
  if (counters.length > 0) {
    const { rows } = await sql<{
      hub_id: string;
      member_state: string;
      day: string;
      object_type: string;
      n: string;
    }>`
      select c.hub_id, b.member_state, to_char(c.day, 'YYYY-MM-DD') as day, c.object_type, c.n
      from hubs.read_count c join hubs.hub b on b.id = c.hub_id
      where ('count:' || c.hub_id || '|' || to_char(c.day, 'YYYY-MM-DD') || '|' || c.object_type) =
        any(${counters}::text[])`.execute(db);
    out.push(
      ...rows.map((r) => ({
        ref: `${COUNT}${r.hub_id}|${r.day}|${r.object_type}`,
        kind: 'reads' as const,
        hubId: r.hub_id,
        memberState: r.member_state,
        day: r.day,
        objectType: r.object_type,
        n: Number(r.n),
      })),
    );
  }
  return out;
}

/** Counter refs, then hit ids, in order after `after`, for a build of the repository. */
export async function hubsStatsScan(db: Executor, after: string | null, limit: number): Promise<string[]> {
  const out: string[] = [];
  if (after === null || after.startsWith(COUNT)) {
    const { rows } = await sql<{ ref: string }>`select ref from (select 'count:' || hub_id || '|' ||
        to_char(day, 'YYYY-MM-DD') || '|' || object_type as ref from hubs.read_count) c
      where ${after === null ? sql`true` : sql`ref > ${after}`} order by ref limit ${limit}`.execute(db);
    out.push(...rows.map((r) => r.ref));
  }
  if (out.length < limit) {
    const from = after !== null && !after.startsWith(COUNT) ? after : null;
    const { rows } = await sql<{ id: string }>`select id from hubs.hit
      where ${from === null ? sql`true` : sql`id > ${from}`} order by id limit ${limit - out.length}`.execute(
      db,
    );
    out.push(...rows.map((r) => r.id));
  }
  return out;
}
