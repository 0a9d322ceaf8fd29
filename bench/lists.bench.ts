import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoUsers, type Actor } from '../src/contexts/access/index.ts';
import type { AuditFilter } from '../src/contexts/audit/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { sql } from '../src/platform/database/index.ts';
import { createServices } from '../src/services.ts';
import { percentile, type Bench, type BenchResult } from './harness.ts';

/**
 * The audit log's table at scale: a page of 50 with the total of matching records, sorted and filtered on the
 * server, over 1 M records, as the data protection officer's screen asks for it (each read is itself
 * logged). The peer is the same page read without the count, in the same run: the ratio is what the total
 * costs. The records are written straight into the table (numbered below the chain, so that the reads'
 * own records still join the chain): listing does not verify, so their hashes do not matter here.
 */
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const RUNS = 30;

const CASES: Array<{ name: string; filter: Omit<AuditFilter, 'limit'> }> = [
  { name: 'newest first (the default view)', filter: {} },
  { name: 'one user (about 0.5 % of records)', filter: { username: 'officer.42' } },
  { name: 'one system, sorted by user', filter: { system: 'sis', sort: 'user', order: 'asc' } },
  { name: 'page 200 (offset 10,000)', filter: { offset: 10_000 } },
];

const bench: Bench = {
  name: 'audit log list at scale',
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-lists-'));
    const config = loadConfig({
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      INTERLINK_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    });
    const kind = config.databaseUrl === null ? 'embedded' : 'PostgreSQL';
    const s = await createServices(config);
    try {
      await createDemoUsers(s.access);
      const loadAt = performance.now();
      await sql`insert into audit.event (seq, id, at, system, operation, outcome, actor_kind, user_id, username,
            authority_id, authority_name, authority_type, member_state, profile, purpose, legal_basis,
            query_data_types, result_summary, record_refs, retain_until, prev_hash, hash)
          select -i, 'bench_' || i, now() - make_interval(secs => i * 3),
            (array['ees','sis','esp','hubs','access'])[1 + i % 5],
            (array['ees.files.read','sis.alerts.list','esp.search','hubs.hits.list','auth.login'])[1 + i % 5],
            case when i % 97 = 0 then 'denied' else 'success' end, 'user', 'usr_' || (i % 200),
            'officer.' || (i % 200), 'auth_' || (i % 20), 'Authority ' || (i % 20), 'border',
            (array['FI','DE','FR','IT','ES'])[1 + i % 5], 'border', 'border-control', 'Reg. (EU) 2017/2226',
            '["identity"]'::jsonb, 'bench record', jsonb_build_array('ees:' || i), current_date + 1095, '', ''
          from generate_series(1, ${EVENTS}) as i`.execute(s.database.db);
      await sql`analyze audit.event`.execute(s.database.db);
      const loadSeconds = (performance.now() - loadAt) / 1000;
      const { token } = await s.access.login({ username: 'dpo.de', password: 'interlink-demo' });
      const dpo: Actor = await s.access.authenticate(token);

      const results: BenchResult[] = [
        {
          bench: 'lists',
          case: `load ${EVENTS.toLocaleString('en')} audit records (SQL insert)`,
          size: kind,
          value: loadSeconds,
          unit: 's',
        },
      ];
      for (const c of CASES) {
        const filter: AuditFilter = { ...c.filter, limit: 50 };
        const listed: number[] = [];
        const peer: number[] = [];
        let total = 0;
        for (let i = 0; i < RUNS; i++) {
          let t = performance.now();
          const page = await s.audit.list({ actor: dpo, purpose: 'data-protection-audit', filter });
          listed.push(performance.now() - t);
          total = page.total;
          t = performance.now();
          // The peer: the same page without the count (the query the list ran before it had a total).
          await sql`select * from audit.event
              where (${filter.username ?? null}::text is null or username = ${filter.username ?? null})
                and (${filter.system ?? null}::text is null or system = ${filter.system ?? null})
              order by ${filter.sort === 'user' ? sql`username, seq desc` : sql`seq desc`}
              limit 50 offset ${filter.offset ?? 0}`.execute(s.database.read);
          peer.push(performance.now() - t);
        }
        listed.sort((a, b) => a - b);
        peer.sort((a, b) => a - b);
        const p95 = percentile(listed, 95);
        results.push({
          bench: 'lists',
          case: `audit log page of 50 with total: ${c.name}`,
          size: `${EVENTS.toLocaleString('en')} records, ${kind}`,
          value: p95,
          unit: 'ms p95',
          ratio: { peer: 'same page without the total', value: p95 / percentile(peer, 95) },
          note: `p50 ${percentile(listed, 50).toFixed(1)} ms; total ${total.toLocaleString('en')}`,
        });
      }
      return results;
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
