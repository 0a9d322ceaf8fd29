import v8 from 'node:v8';
import vm from 'node:vm';
import pg from 'pg';
import {
  generateIdentityStream,
  normaliseName,
  type GeneratedIdentity,
} from '../src/contexts/identity/index.ts';
import {
  IdentityIndex,
  IndexKeys,
  compileModel,
  defaultParameters,
  identityConfig,
  identityFromGenerated,
  queryFromGenerated,
  type IdentityQuery,
} from '../src/contexts/matching/index.ts';
import { startThrowawayCluster } from '../test/support/postgres-cluster.ts';
import { percentile, type Bench, type BenchResult } from './harness.ts';

/** Generated identity records (originals and variants); `-- identity-search --size N` overrides it. */
const DEFAULT_SIZE = 1_000_000;
/** Variant records held out of the index and used as queries. */
const QUERIES = 2000;
/** Queries run against PostgreSQL pg_trgm and the exhaustive scan (both are far slower). */
const PG_QUERIES = 300;
const SCAN_QUERIES = 40;
const K = 10;
const SYSTEMS = ['ees'];

function sizeArgument(): number {
  const i = process.argv.indexOf('--size');
  const n = i >= 0 ? Number(process.argv[i + 1]) : DEFAULT_SIZE;
  if (!Number.isInteger(n) || n < 10_000) {
    throw new Error('--size takes a whole number of at least 10000');
  }
  return n;
}

/** Forces a full garbage collection, so that heap figures measure what is live. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => gc();
}

const mib = (bytes: number) => bytes / 2 ** 20;

/** Names-and-birth-date-only form of a query: the partial identity a border guard often types. */
function namesAndDate(q: GeneratedIdentity): IdentityQuery {
  return { surname: q.surname, givenNames: q.givenNames, birthDate: q.birthDate };
}

interface Measured {
  latencies: number[];
  recall: number;
  found: number;
}

function measure(queries: readonly GeneratedIdentity[], run: (q: GeneratedIdentity) => string[]): Measured {
  const latencies: number[] = [];
  let found = 0;
  for (const q of queries) {
    const t = performance.now();
    const clusters = run(q);
    latencies.push(performance.now() - t);
    if (clusters.includes(q.cluster)) {
      found += 1;
    }
  }
  latencies.sort((a, b) => a - b);
  return { latencies, recall: found / queries.length, found };
}

async function measureAsync(
  queries: readonly GeneratedIdentity[],
  run: (q: GeneratedIdentity) => Promise<string[]>,
): Promise<Measured> {
  const latencies: number[] = [];
  let found = 0;
  for (const q of queries) {
    const t = performance.now();
    const clusters = await run(q);
    latencies.push(performance.now() - t);
    if (clusters.includes(q.cluster)) {
      found += 1;
    }
  }
  latencies.sort((a, b) => a - b);
  return { latencies, recall: found / queries.length, found };
}

const fullName = (r: { surname: string; givenNames: string }) =>
  normaliseName(`${r.surname} ${r.givenNames}`);

/** The same identities in PostgreSQL with a GIN trigram index on the full name, searched by similarity. */
async function pgTrgm(
  records: readonly GeneratedIdentity[],
  held: ReadonlySet<string>,
  queries: readonly GeneratedIdentity[],
  size: string,
  ours: { p95: number; recall: number },
): Promise<BenchResult[]> {
  const cluster = await startThrowawayCluster();
  if ('unavailable' in cluster) {
    return [
      {
        bench: 'identity-search',
        case: 'pg_trgm',
        size,
        value: Number.NaN,
        unit: '',
        note: `skipped: ${cluster.unavailable}`,
      },
    ];
  }
  const pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
  try {
    await pool.query('create extension pg_trgm');
    await pool.query(
      'create table person (id text primary key, cluster text not null, full_name text not null, birth_date text not null)',
    );
    let t = performance.now();
    const batch = 20_000;
    for (let i = 0; i < records.length; i += batch) {
      const rows = records.slice(i, i + batch).filter((r) => !held.has(r.id));
      await pool.query(
        'insert into person select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])',
        [rows.map((r) => r.id), rows.map((r) => r.cluster), rows.map(fullName), rows.map((r) => r.birthDate)],
      );
    }
    const loadSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await pool.query('create index person_name_trgm on person using gin (full_name gin_trgm_ops)');
    await pool.query('analyze person');
    const indexSeconds = (performance.now() - t) / 1000;
    const byName = await measureAsync(queries, async (q) => {
      const r = await pool.query<{ cluster: string }>(
        'select cluster from person where full_name % $1 order by similarity(full_name, $1) desc limit 10',
        [fullName(q)],
      );
      return r.rows.map((x) => x.cluster);
    });
    // With the birth year (±1, so that a typo in the day or month or a swap does not exclude the record).
    const byNameYear = await measureAsync(queries, async (q) => {
      const year = Number(q.birthDate.slice(0, 4));
      const r = await pool.query<{ cluster: string }>(
        `select cluster from person where full_name % $1 and left(birth_date, 4)::int between $2 and $3
         order by similarity(full_name, $1) desc limit 10`,
        [fullName(q), year - 1, year + 1],
      );
      return r.rows.map((x) => x.cluster);
    });
    const sizeNote = `${size}; ${queries.length} queries`;
    const row = (name: string, m: Measured): BenchResult[] => [
      {
        bench: 'identity-search',
        case: `pg_trgm ${name}: p95 latency`,
        size: sizeNote,
        value: percentile(m.latencies, 95),
        unit: 'ms',
        ratio: { peer: 'identity index p95', value: percentile(m.latencies, 95) / ours.p95 },
        note: `p50 ${percentile(m.latencies, 50).toFixed(2)} ms`,
      },
      {
        bench: 'identity-search',
        case: `pg_trgm ${name}: recall@10`,
        size: sizeNote,
        value: m.recall,
        unit: '',
        ratio: { peer: 'identity index recall@10', value: m.recall / ours.recall },
        note: `${m.found} of ${queries.length} (${m.recall.toFixed(4)})`,
      },
    ];
    return [
      {
        bench: 'identity-search',
        case: 'pg_trgm: load (batched inserts) + GIN trigram index',
        size,
        value: loadSeconds + indexSeconds,
        unit: 's',
        note: `load ${loadSeconds.toFixed(1)} s, index ${indexSeconds.toFixed(1)} s (PostgreSQL 15, default settings)`,
      },
      ...row('name similarity (% , order by similarity)', byName),
      ...row('name similarity + birth year ±1', byNameYear),
    ];
  } finally {
    await pool.end();
    cluster.stop();
  }
}

/**
 * Identity search: generated identities in the live identity index, queried with held-out labelled variants
 * (typos, OCR errors, other transliterations, swapped names, partial dates, aliases, …); latency, recall@10,
 * build time and memory, against PostgreSQL pg_trgm and an exhaustive scan in the same run.
 */
const bench: Bench = {
  name: 'identity-search',
  async run() {
    const gc = collector();
    const n = sizeArgument();
    process.stderr.write(`  generating ${n} identities...\n`);
    const records: GeneratedIdentity[] = [];
    for (const r of generateIdentityStream({ count: n, seed: 'identity-search-bench' })) {
      records.push(r);
    }
    const variants = records.filter((r) => r.variantOf !== null);
    const step = variants.length / QUERIES;
    const queries = Array.from(
      { length: Math.min(QUERIES, variants.length) },
      (_, i) => variants[Math.floor(i * step)]!,
    );
    const held = new Set(queries.map((q) => q.id));
    const clusterOf = new Map<string, string>();

    const model = compileModel(identityConfig());
    const index = new IdentityIndex(model, new IndexKeys(model), defaultParameters(model));
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    process.stderr.write('  building the identity index...\n');
    const t = performance.now();
    for (const r of records) {
      if (!held.has(r.id)) {
        index.put(identityFromGenerated('ees', r));
      }
    }
    const buildSeconds = (performance.now() - t) / 1000;
    for (const r of records) {
      clusterOf.set(r.id, r.cluster);
    }
    gc();
    const heapIndex = process.memoryUsage().heapUsed - heapBefore;
    const rss = process.memoryUsage().rss;

    const search = (q: IdentityQuery) =>
      index.search(q, { systems: SYSTEMS, limit: K }).map((c) => clusterOf.get(c.recordRef) ?? '');
    for (const q of queries.slice(0, 200)) {
      search(queryFromGenerated(q));
    }
    process.stderr.write('  querying...\n');
    const full = measure(queries, (q) => search(queryFromGenerated(q)));
    const partial = measure(queries, (q) => search(namesAndDate(q)));
    const scanQueries = queries.slice(0, SCAN_QUERIES);
    const scan = measure(scanQueries, (q) =>
      index
        .scanAll(queryFromGenerated(q), { systems: SYSTEMS, limit: K })
        .map((c) => clusterOf.get(c.recordRef) ?? ''),
    );
    const oursOnScan = measure(scanQueries, (q) => search(queryFromGenerated(q)));
    const p95 = percentile(full.latencies, 95);
    const indexed = `${index.size.toLocaleString('en')} identities indexed`;
    const results: BenchResult[] = [
      {
        bench: 'identity-search',
        case: 'identity index: build (prepare + blocking keys)',
        size: indexed,
        value: buildSeconds,
        unit: 's',
        note: `${Math.round(index.size / buildSeconds).toLocaleString('en')} identities/s; ${index.keyCount.toLocaleString('en')} distinct keys`,
      },
      {
        bench: 'identity-search',
        case: 'identity index: memory',
        size: indexed,
        value: mib(heapIndex),
        unit: 'MiB heap',
        note: `process RSS ${mib(rss).toFixed(0)} MiB (includes the ${n.toLocaleString('en')} generated records)`,
      },
      {
        bench: 'identity-search',
        case: 'identity index, variant queries (all fields): p95 latency',
        size: `${indexed}; ${queries.length} queries`,
        value: p95,
        unit: 'ms',
        note: `p50 ${percentile(full.latencies, 50).toFixed(3)} ms, max ${full.latencies.at(-1)?.toFixed(2)} ms`,
      },
      {
        bench: 'identity-search',
        case: 'identity index, variant queries (all fields): recall@10',
        size: `${indexed}; ${queries.length} queries`,
        value: full.recall,
        unit: '',
        note: `${full.found} of ${queries.length} (${full.recall.toFixed(4)})`,
      },
      {
        bench: 'identity-search',
        case: 'identity index, names + birth date only: p95 latency',
        size: `${indexed}; ${queries.length} queries`,
        value: percentile(partial.latencies, 95),
        unit: 'ms',
        note: `p50 ${percentile(partial.latencies, 50).toFixed(3)} ms`,
      },
      {
        bench: 'identity-search',
        case: 'identity index, names + birth date only: recall@10',
        size: `${indexed}; ${queries.length} queries`,
        value: partial.recall,
        unit: '',
        note: `${partial.found} of ${queries.length} (${partial.recall.toFixed(4)})`,
      },
      {
        bench: 'identity-search',
        case: 'exhaustive scan (every identity scored): p95 latency',
        size: `${indexed}; ${scanQueries.length} queries`,
        value: percentile(scan.latencies, 95),
        unit: 'ms',
        ratio: {
          peer: 'identity index p95 (same queries)',
          value: percentile(scan.latencies, 95) / percentile(oursOnScan.latencies, 95),
        },
      },
      {
        bench: 'identity-search',
        case: 'exhaustive scan: recall@10',
        size: `${indexed}; ${scanQueries.length} queries`,
        value: scan.recall,
        unit: '',
        note: `${scan.found} of ${scanQueries.length}; identity index on the same queries: ${oursOnScan.found} of ${scanQueries.length}`,
      },
    ];
    process.stderr.write('  loading PostgreSQL (pg_trgm)...\n');
    const pgQueries = queries.filter((_, i) => i % Math.ceil(queries.length / PG_QUERIES) === 0);
    const oursOnPg = measure(pgQueries, (q) => search(queryFromGenerated(q)));
    results.push(
      {
        bench: 'identity-search',
        case: 'identity index on the pg_trgm query subset: p95 / recall@10',
        size: `${indexed}; ${pgQueries.length} queries`,
        value: percentile(oursOnPg.latencies, 95),
        unit: 'ms',
        note: `recall@10 ${oursOnPg.recall.toFixed(4)}`,
      },
      ...(await pgTrgm(records, held, pgQueries, indexed, {
        p95: percentile(oursOnPg.latencies, 95),
        recall: oursOnPg.recall,
      })),
    );
    return results;
  },
};
export default bench;
