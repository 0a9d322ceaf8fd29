import { sql } from 'kysely';
import type { Executor } from '../../platform/database/index.ts';
import type { AuditEvent, AuditFilter, AuditSortColumn } from './model.ts';

type EventRow = {
  seq: number;
  id: string;
  at: Date;
  system: string;
  component: string | null;
  operation: string;
  outcome: string;
  actor_kind: string;
  user_id: string | null;
  username: string;
  authority_id: string | null;
  authority_name: string;
  authority_type: string;
  member_state: string;
  profile: string;
  purpose: string | null;
  legal_basis: string | null;
  query_data_types: string;
  query_data_hash: string | null;
  result_summary: string | null;
  record_refs: string;
  link_changes: string | null;
  request_id: string | null;
  client_request_id: string | null;
  retain_until: string;
  prev_hash: string;
  hash: string;
};

export type ChainRow = {
  id: number;
  head_seq: number;
  head_hash: string;
  anchor_seq: number;
  anchor_hash: string;
  /** HMAC of the anchor; null only for the genesis anchor or one that predates the keyed chain. */
  anchor_mac: string | null;
  /** First record hashed with the key; earlier ones carry the first (unkeyed) scheme. */
  keyed_from_seq: number;
};

export type AuditTables = {
  'audit.event': EventRow;
  'audit.chain': ChainRow;
};

const q = (db: Executor) => db.withTables<AuditTables>();

/** The table column of each sort column of the API (a closed list: nothing else reaches ORDER BY). */
const SORT_COLUMN = {
  time: 'seq',
  user: 'username',
  operation: 'operation',
  system: 'system',
  outcome: 'outcome',
  purpose: 'purpose',
} as const satisfies Record<AuditSortColumn, keyof EventRow>;

function toEvent(r: EventRow): AuditEvent {
  return {
    seq: r.seq,
    id: r.id,
    at: r.at.toISOString(),
    system: r.system,
    component: r.component,
    operation: r.operation,
    outcome: r.outcome as AuditEvent['outcome'],
    actorKind: r.actor_kind as AuditEvent['actorKind'],
    userId: r.user_id,
    username: r.username,
    authorityId: r.authority_id,
    authorityName: r.authority_name,
    authorityType: r.authority_type,
    memberState: r.member_state,
    profile: r.profile,
    purpose: r.purpose,
    legalBasis: r.legal_basis,
    queryDataTypes: r.query_data_types as unknown as string[],
    queryDataHash: r.query_data_hash,
    resultSummary: r.result_summary,
    recordRefs: r.record_refs as unknown as string[],
    linkChanges: r.link_changes ?? null,
    requestId: r.request_id,
    clientRequestId: r.client_request_id,
    retainUntil: r.retain_until,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export class AuditRepository {
  /** Locks the chain head for the rest of the transaction: writers append one at a time. */
  async lockChain(trx: Executor): Promise<ChainRow> {
    return q(trx)
      .selectFrom('audit.chain')
      .selectAll()
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirstOrThrow();
  }

  async readChain(db: Executor): Promise<ChainRow> {
    return q(db).selectFrom('audit.chain').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  }

  async append(trx: Executor, e: AuditEvent): Promise<void> {
    await this.appendMany(trx, [e]);
  }

  /** Appends records that follow the head in order (one statement for the rows) and moves the head. */
  async appendMany(trx: Executor, events: readonly AuditEvent[]): Promise<void> {
    const last = events.at(-1);
    if (last === undefined) {
      return;
    }
    await q(trx)
      .insertInto('audit.event')
      .values(
        events.map((e) => ({
          seq: e.seq,
          id: e.id,
          at: new Date(e.at),
          system: e.system,
          component: e.component,
          operation: e.operation,
          outcome: e.outcome,
          actor_kind: e.actorKind,
          user_id: e.userId,
          username: e.username,
          authority_id: e.authorityId,
          authority_name: e.authorityName,
          authority_type: e.authorityType,
          member_state: e.memberState,
          profile: e.profile,
          purpose: e.purpose,
          legal_basis: e.legalBasis,
          query_data_types: JSON.stringify(e.queryDataTypes),
          query_data_hash: e.queryDataHash,
          result_summary: e.resultSummary,
          record_refs: JSON.stringify(e.recordRefs),
          link_changes:
            e.linkChanges === null || e.linkChanges === undefined ? null : JSON.stringify(e.linkChanges),
          request_id: e.requestId,
          client_request_id: e.clientRequestId,
          retain_until: e.retainUntil,
          prev_hash: e.prevHash,
          hash: e.hash,
        })),
      )
      .execute();
    await q(trx)
      .updateTable('audit.chain')
      .set({ head_seq: last.seq, head_hash: last.hash })
      .where('id', '=', 1)
      .execute();
  }

  /** A page of events matching the filter, in the order asked for. */
  async list(db: Executor, f: AuditFilter): Promise<AuditEvent[]> {
    const direction = f.order ?? 'desc';
    const column = SORT_COLUMN[f.sort ?? 'time'];
    let query = this.#filtered(db, f).selectAll().orderBy(column, direction);
    if (column !== 'seq') {
      // A complete order: equal values keep the chain order, newest first, so pages never overlap.
      query = query.orderBy('seq', 'desc');
    }
    query = query.limit(f.limit).offset(f.offset ?? 0);
    return (await query.execute()).map(toEvent);
  }

  /**
   * How many events match the filter (paging aside), counted up to `cap` and no further (`capped` says there
   * are more): an exact count of a million records costs about 180 ms (docs/benchmarks.md, "Lists"), a
   * capped one a walk of `cap` index entries. With the newest matching event.
   */
  async countMatching(
    db: Executor,
    f: AuditFilter,
    cap: number,
  ): Promise<{ total: number; capped: boolean; latestSeq: number | null }> {
    const [counted, latest] = await Promise.all([
      db
        .selectFrom(
          this.#filtered(db, f)
            .select(sql<number>`1`.as('one'))
            .limit(cap + 1)
            .as('m'),
        )
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      this.#filtered(db, f).select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst(),
    ]);
    const n = Number(counted.n);
    return {
      total: Math.min(n, cap),
      capped: n > cap,
      latestSeq: latest === undefined ? null : Number(latest.seq),
    };
  }

  #filtered(db: Executor, f: AuditFilter) {
    let query = q(db).selectFrom('audit.event');
    if (f.username !== undefined) {
      query = query.where('username', '=', f.username);
    }
    if (f.recordRef !== undefined) {
      query = query.where(sql<boolean>`record_refs @> ${JSON.stringify([f.recordRef])}::jsonb`);
    }
    if (f.system !== undefined) {
      query = query.where('system', '=', f.system);
    }
    if (f.purpose !== undefined) {
      query = query.where('purpose', '=', f.purpose);
    }
    if (f.operation !== undefined) {
      query = query.where('operation', '=', f.operation);
    }
    if (f.from !== undefined) {
      query = query.where('at', '>=', new Date(f.from));
    }
    if (f.to !== undefined) {
      query = query.where('at', '<=', new Date(f.to));
    }
    if (f.before !== undefined) {
      query = query.where('seq', '<', f.before);
    }
    return query;
  }

  /** Events in chain order, a page at a time, for verification. */
  async page(db: Executor, afterSeq: number, limit: number): Promise<AuditEvent[]> {
    const rows = await q(db)
      .selectFrom('audit.event')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  /**
   * Removes the oldest events whose retention has ended, as one prefix of the chain (a record is never
   * removed while an older one is still kept), and moves the anchor to the last removed record.
   */
  async prune(
    trx: Executor,
    today: string,
    signAnchor: (seq: number, hash: string) => string,
  ): Promise<{ erased: number; fromSeq: number; toSeq: number } | null> {
    const chain = await this.lockChain(trx);
    const firstKept = await q(trx)
      .selectFrom('audit.event')
      .select('seq')
      .where('retain_until', '>=', today)
      .orderBy('seq', 'asc')
      .limit(1)
      .executeTakeFirst();
    const limitSeq = firstKept ? firstKept.seq : chain.head_seq + 1;
    const last = await q(trx)
      .selectFrom('audit.event')
      .select(['seq', 'hash'])
      .where('seq', '<', limitSeq)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last) {
      return null;
    }
    // The trigger on audit.event refuses DELETE unless this transaction says it is retention.
    await sql`select set_config('audit.pruning', 'on', true)`.execute(trx);
    const deleted = await q(trx).deleteFrom('audit.event').where('seq', '<=', last.seq).executeTakeFirst();
    await sql`select set_config('audit.pruning', 'off', true)`.execute(trx);
    await q(trx)
      .updateTable('audit.chain')
      .set({ anchor_seq: last.seq, anchor_hash: last.hash, anchor_mac: signAnchor(last.seq, last.hash) })
      .where('id', '=', 1)
      .execute();
    return { erased: Number(deleted.numDeletedRows), fromSeq: chain.anchor_seq + 1, toSeq: last.seq };
  }

  /** Stored hashes of the given records (to compare with checkpoints). */
  async hashesOf(db: Executor, seqs: readonly number[]): Promise<Map<number, string>> {
    if (seqs.length === 0) {
      return new Map();
    }
    const rows = await q(db)
      .selectFrom('audit.event')
      .select(['seq', 'hash'])
      .where('seq', 'in', seqs)
      .execute();
    return new Map(rows.map((r) => [Number(r.seq), r.hash]));
  }

  /** Records written at or after `since`, counted over `event_at_idx`. */
  async countSince(db: Executor, since: Date): Promise<number> {
    const r = await q(db)
      .selectFrom('audit.event')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    return r.n;
  }

  async count(db: Executor): Promise<number> {
    const r = await q(db)
      .selectFrom('audit.event')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return r.n;
  }
}
