import { sql, type Executor } from '../../platform/database/index.ts';
import type { CirRef } from '../cir/index.ts';
import type { LinkColor, LinkEvidence, LinkRule, MidLink, Verifier } from './model.ts';

export interface LinkRow {
  id: string;
  icf: string;
  pair: string;
  color: string;
  record_a: string;
  record_b: string;
  system_a: string;
  system_b: string;
  rules: LinkRule[];
  evidence: LinkEvidence;
  verifier_type: string;
  verifier_state: string;
  verifier: Verifier;
  verify_by: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  verification: MidLink['verification'] | null;
}

const iso = (d: Date | string): string => new Date(d).toISOString();

export function linkOf(row: LinkRow): MidLink {
  return {
    id: row.id,
    icf: row.icf,
    color: row.color as LinkColor,
    records: [row.record_a as CirRef, row.record_b as CirRef],
    rules: row.rules,
    evidence: row.evidence,
    verifier: row.verifier,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(row.verify_by === null ? {} : { verifyBy: iso(row.verify_by) }),
    ...(row.verification === null ? {} : { verification: row.verification }),
  };
}

/** The pair key of two refs: unordered, so a pair is linked once. */
export const pairOf = (a: string, b: string): string => (a < b ? `${a} ${b}` : `${b} ${a}`);

const COLUMNS = sql`id, icf, pair, color, record_a, record_b, system_a, system_b, rules, evidence,
  verifier_type, verifier_state, verifier, verify_by, created_at, updated_at, verification`;

/** A link as detection writes it (new, or the refreshed evidence of an existing pair). */
export interface LinkWrite {
  id: string;
  icf: string;
  pair: string;
  color: LinkColor;
  record_a: string;
  record_b: string;
  system_a: string;
  system_b: string;
  rules: readonly LinkRule[];
  evidence: LinkEvidence;
  verifier_type: string;
  verifier_state: string;
  verifier: Verifier;
  verify_by: string | null;
  at: string;
}

const CHUNK = 2000;

/** The `mid` schema's links, in the caller's transaction. */
export class MidRepository {
  async byId(db: Executor, id: string): Promise<MidLink | null> {
    const { rows } = await sql<LinkRow>`select ${COLUMNS} from mid.link where id = ${id}`.execute(db);
    return rows[0] === undefined ? null : linkOf(rows[0]);
  }

  async byPairs(db: Executor, pairs: readonly string[]): Promise<LinkRow[]> {
    const out: LinkRow[] = [];
    const unique = [...new Set(pairs)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const { rows } = await sql<LinkRow>`select ${COLUMNS} from mid.link
        where pair = any(${unique.slice(i, i + CHUNK)}::text[])`.execute(db);
      out.push(...rows);
    }
    return out;
  }

  /** The links either of whose records is one of the refs. */
  async ofRecords(db: Executor, refs: readonly string[]): Promise<MidLink[]> {
    if (refs.length === 0) {
      return [];
    }
    const unique = [...new Set(refs)];
    const { rows } = await sql<LinkRow>`select ${COLUMNS} from mid.link
      where record_a = any(${unique}::text[]) or record_b = any(${unique}::text[])
      order by created_at, id`.execute(db);
    return rows.map(linkOf);
  }

  /**
   * Inserts new links and refreshes existing pairs. A verified link (`verification` set) keeps its colour
   * and verifier: only its evidence and rules are refreshed (arts. 31-33: a person's decision stands). An
   * unverified link whose colour stays keeps its first record and verifier; one whose colour changes is
   * given to the record whose update changed it (art. 29(1)).
   */
  async upsert(db: Executor, links: readonly LinkWrite[]): Promise<void> {
    for (let i = 0; i < links.length; i += CHUNK) {
      const chunk = links.slice(i, i + CHUNK);
      await sql`insert into mid.link (id, icf, pair, color, record_a, record_b, system_a, system_b, rules,
          evidence, verifier_type, verifier_state, verifier, verify_by, created_at, updated_at)
        select r.id, r.icf, r.pair, r.color, r.record_a, r.record_b, r.system_a, r.system_b, r.rules,
          r.evidence, r.verifier_type, r.verifier_state, r.verifier, r.verify_by, r.at, r.at
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(id text, icf text, pair text, color text,
          record_a text, record_b text, system_a text, system_b text, rules jsonb, evidence jsonb,
          verifier_type text, verifier_state text, verifier jsonb, verify_by timestamptz, at timestamptz)
        on conflict (pair) do update set
          rules = excluded.rules,
          evidence = excluded.evidence,
          updated_at = excluded.updated_at,
          color = case when mid.link.verification is null then excluded.color else mid.link.color end,
          record_a = case when mid.link.verification is null and mid.link.color <> excluded.color then excluded.record_a else mid.link.record_a end,
          record_b = case when mid.link.verification is null and mid.link.color <> excluded.color then excluded.record_b else mid.link.record_b end,
          system_a = case when mid.link.verification is null and mid.link.color <> excluded.color then excluded.system_a else mid.link.system_a end,
          system_b = case when mid.link.verification is null and mid.link.color <> excluded.color then excluded.system_b else mid.link.system_b end,
          verifier_type = case when mid.link.verification is null and mid.link.color <> excluded.color then excluded.verifier_type
            else mid.link.verifier_type end,
          verifier_state = case when mid.link.verification is null and mid.link.color <> excluded.color then excluded.verifier_state
            else mid.link.verifier_state end,
          verifier = case when mid.link.verification is null and mid.link.color <> excluded.color then excluded.verifier else mid.link.verifier end,
          verify_by = case when mid.link.verification is null and mid.link.color <> excluded.color then excluded.verify_by
            else mid.link.verify_by end`.execute(db);
    }
  }

  /** Deletes links by pair (an updated record no longer matches) and returns their ids. */
  async deletePairs(db: Executor, pairs: readonly string[]): Promise<string[]> {
    if (pairs.length === 0) {
      return [];
    }
    const { rows } = await sql<{
      id: string;
    }>`delete from mid.link where pair = any(${[...new Set(pairs)]}::text[])
      returning id`.execute(db);
    return rows.map((r) => r.id);
  }

  /** Deletes every link of the records (art. 35: a link exists only while both records are held). */
  async deleteOfRecords(db: Executor, refs: readonly string[]): Promise<Array<{ id: string; icf: string }>> {
    const out: Array<{ id: string; icf: string }> = [];
    const unique = [...new Set(refs)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const part = unique.slice(i, i + CHUNK);
      const { rows } = await sql<{ id: string; icf: string }>`delete from mid.link
        where record_a = any(${part}::text[]) or record_b = any(${part}::text[]) returning id, icf`.execute(
        db,
      );
      out.push(...rows);
    }
    return out;
  }
}
