import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  midBirthDateOutcomes,
  midVerdict,
  type IdentityData,
  type MidSystem,
} from '../src/contexts/identity/index.ts';
import type { NewFileInput } from '../src/contexts/ees/index.ts';
import type { TemplateInput } from '../src/contexts/sbms/index.ts';
import { IMPORT_ACTOR, importFile, type ImportSummary } from '../src/flows/import/index.ts';
import type { CirSyncReport } from '../src/contexts/cir/index.ts';
import { MID_DETECTION_SETTINGS, MidService } from '../src/contexts/mid/index.ts';
import { Changes, LockedFollower, type ChangeApplier } from '../src/platform/changes/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { sql } from '../src/platform/database/index.ts';
import { isoDate } from '../src/platform/dates.ts';
import { createServices, type Services } from '../src/services.ts';
import { startThrowawayCluster } from '../test/support/postgres-cluster.ts';
import { numberOption, option, percentile, type Bench, type BenchResult } from './harness.ts';
import { midBenchRecords, type BenchRecord, type BenchSystem, type LabelledPair } from './mid-data.ts';

/**
 * The multiple-identity detector at scale (issue 16 targets: ≥ 2,000 identities/s on insert with 1 M loaded on
 * the bulk path, p95 ≤ 20 ms per record on the single-record path, precision of yellow links on the
 * generator's hard negatives ≥ 0.99).
 *
 * Data (`bench/mid-data.ts`): N records over EES, ETIAS and SIS person alerts (about 60 / 20 / 20 %: the
 * variants and related persons go to another system than their person), a slice with faces (10 % of EES
 * files, 30 % of SIS alerts, every twin pair), planted multiple identities and labelled hard negatives.
 *
 * Steps, on PostgreSQL (a throwaway local cluster, or `DATABASE_URL`):
 * 1. the first N − T records imported through the bulk path (`importFile`, one change row per batch; the
 *    EES files' faces enrolled in the same batch transaction), then the change feed applied: the CIR loads
 *    the files and the MID runs its detection (timed: "bulk, base");
 * 2. the last T records (default min(N/10, 100,000)) the same way (timed: the bulk figure, files/s);
 * 3. `--single` (default 200) EES files created one by one through the service (`createFile`: the write,
 *    the change feed applied on this node, so the CIR file and its links are stored when it returns);
 * 4. the stored links against the labels: recall of the planted pairs, false links between hard negatives,
 *    precision of yellow and white links;
 * 5. peers on the candidate step: for the planted pairs, is the partner among the identity index's
 *    candidates, and among PostgreSQL pg_trgm's (surname similarity, the same step in SQL); and for a few
 *    probes an exact scan (`midVerdict` against every record of the other systems) to count what both miss.
 *
 * `npm run bench -- mid --n=100000` (options: `--tail=`, `--single=`, `--scan-probes=`, `--trgm-probes=`).
 */

const N = numberOption('n', 10_000);
const TAIL = numberOption('tail', Math.min(100_000, Math.round(N / 10)));
const SINGLE = numberOption('single', 200);
/** Probes of the exact scan: each judges every record of the other systems as the detection judges a pair. */
const SCAN_PROBES = numberOption('scan-probes', N > 200_000 ? 5 : 20);
const TRGM_PROBES = numberOption('trgm-probes', 500);
const SEED = option('seed') ?? 'mid-bench';

const MID_SYSTEM: Record<BenchSystem, MidSystem> = { ees: 'EES', etias: 'ETIAS', sis: 'SIS' };

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  for (const l of lines) {
    if (!out.write(`${l}\n`)) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

/** The identity data of a generated record as the MID rules read it (what the CIR file holds). */
function identityOf(rec: BenchRecord): IdentityData {
  const line = rec.line as Record<string, unknown>;
  const person =
    rec.system === 'ees'
      ? (line.file as Record<string, unknown>)
      : rec.system === 'sis'
        ? ((line.alert as Record<string, unknown>).person as Record<string, unknown>)
        : line;
  const documentNumber =
    rec.system === 'ees'
      ? (person.documents as Array<{ number: string }>)[0]?.number
      : rec.system === 'sis'
        ? (person.documents as Array<{ number: string }> | undefined)?.[0]?.number
        : (person.document as { number: string }).number;
  return {
    system: MID_SYSTEM[rec.system],
    surname: person.surname as string,
    givenNames: person.givenNames as string,
    birthDate: person.birthDate as string,
    sex: person.sex as string,
    nationalities: person.nationalities as string[],
    ...(typeof person.placeOfBirth === 'string' ? { placeOfBirth: person.placeOfBirth } : {}),
    ...(documentNumber === undefined ? {} : { documentNumber }),
  };
}

/**
 * Time spent in each change-feed applier (by name), counted by wrapping every applier at registration: the
 * CIR's synchronisation and the MID's detection run in the feed's appliers while the import writes, so the
 * time after the import alone would miss most of it.
 */
const applierTime = new Map<string, { ms: number; refs: number; calls: number }>();
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with `this` below
const register = Changes.prototype.register;
Changes.prototype.register = function (this: Changes, topic: string, applier: ChangeApplier): void {
  register.call(this, topic, {
    name: applier.name,
    async apply(refs) {
      const started = performance.now();
      try {
        await applier.apply(refs);
      } finally {
        const key = `${applier.name} (${topic})`;
        const x = applierTime.get(key) ?? { ms: 0, refs: 0, calls: 0 };
        x.ms += performance.now() - started;
        x.refs += refs.length;
        x.calls += 1;
        applierTime.set(key, x);
      }
    },
  });
};
const takeApplierTime = () => {
  const copy = new Map([...applierTime].map(([k, v]) => [k, { ...v }]));
  applierTime.clear();
  return copy;
};
/**
 * Time in the CIR's synchronisation (a follower of the change feed, run after each page the node applied:
 * files loaded from the sources and written, then the MID's detection in the same transaction) and, within
 * it, in the MID's listener.
 */
const stepTime = { cir: 0, mid: 0, cirFiles: 0, midCalls: 0 };
// The CIR's follower runs its steps through `LockedFollower.sync` (the feed calls it, not `CirService.sync`).
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with `this` below
const followerSync = LockedFollower.prototype.sync;
LockedFollower.prototype.sync = async function <R extends object>(this: LockedFollower<R>, upTo?: number) {
  if (this.name !== 'CIR') {
    return followerSync.call(this, upTo) as Promise<R>;
  }
  const started = performance.now();
  try {
    const report = (await followerSync.call(this, upTo)) as unknown as CirSyncReport;
    stepTime.cirFiles += report.upserted + report.removed;
    return report;
  } finally {
    stepTime.cir += performance.now() - started;
  }
};
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with `this` below
const midListener = MidService.prototype.onFilesChanged;
MidService.prototype.onFilesChanged = async function (this: MidService, ...args) {
  const started = performance.now();
  try {
    return await midListener.apply(this, args);
  } finally {
    stepTime.mid += performance.now() - started;
    stepTime.midCalls += 1;
  }
};
const takeStepTime = () => {
  const copy = { ...stepTime };
  Object.assign(stepTime, { cir: 0, mid: 0, cirFiles: 0, midCalls: 0 });
  return copy;
};
const describe = (m: Map<string, { ms: number; refs: number; calls: number }>) =>
  [...m]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([k, v]) => `${k} ${(v.ms / 1000).toFixed(1)} s / ${v.refs} refs`)
    .join('; ');

const ref = (system: BenchSystem, id: string) => `${system}:${id}`;
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** A stored link as the bench reads it. */
interface StoredLink {
  records: readonly [string, string];
  color: string;
  rules: readonly string[];
}

/**
 * What the bench asks of the core (CIR store, MID detection, links store).
 */
const core = {
  /** Every stored link. */
  async links(s: Services): Promise<StoredLink[]> {
    const r = await sql<{ record_a: string; record_b: string; color: string; rules: string[] }>`
      select record_a, record_b, color, rules from mid.link`.execute(s.database.db);
    return r.rows.map((x) => ({
      records: [x.record_a, x.record_b] as const,
      color: x.color,
      rules: x.rules,
    }));
  },
};

const bench: Bench = {
  name: 'mid',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-mid-'));
    const cluster = process.env.DATABASE_URL === undefined ? await startThrowawayCluster() : null;
    if (cluster !== null && 'unavailable' in cluster) {
      throw new Error(cluster.unavailable);
    }
    const databaseUrl = cluster?.url ?? process.env.DATABASE_URL!;
    const results: BenchResult[] = [];
    const size = `${N.toLocaleString('en')} records`;
    const push = (r: Omit<BenchResult, 'bench'>) => {
      results.push({ bench: 'mid', ...r });
      process.stderr.write(`  ${r.case}: ${r.value} ${r.unit} ${r.note ?? ''}\n`);
    };
    try {
      const today = isoDate(new Date());
      // 1. Data: N records, the last T of them (and the single-record ones) apart.
      const t0 = performance.now();
      const planted: LabelledPair[] = [];
      const negatives: LabelledPair[] = [];
      const identities = new Map<string, IdentityData>();
      const person = new Map<string, string>();
      const faces = new Map<string, TemplateInput[]>();
      const single: BenchRecord[] = [];
      const parts = { base: new Map<BenchSystem, string[]>(), tail: new Map<BenchSystem, string[]>() };
      let i = 0;
      const bySystem: Record<BenchSystem, number> = { ees: 0, etias: 0, sis: 0 };
      let withFace = 0;
      for (const rec of midBenchRecords(
        {
          seed: SEED,
          today,
          count: N + SINGLE * 3,
          shares: { ees: 0.6, etias: 0.3, sis: 0.1 },
          eesFaceShare: 0.1,
          sisFaceShare: 0.3,
          variantRate: 0.03,
          hardNegativeRate: 0.05,
          faceTwoNamesRate: 0.005,
          sharedDocumentRate: 0.005,
          ocrDocumentRate: 0.005,
          twinFaceShare: numberOption('twin-share', 0.2),
          submittedAt: new Date(Date.now() - 3_600_000).toISOString(),
        },
        planted,
        negatives,
      )) {
        const r = ref(rec.system, rec.id);
        if (i >= N) {
          // Beyond N: EES files for the single-record path only.
          if (rec.system === 'ees' && single.length < SINGLE) {
            single.push(rec);
            identities.set(r, identityOf(rec));
            person.set(r, rec.person);
          }
          continue;
        }
        i += 1;
        bySystem[rec.system] += 1;
        identities.set(r, identityOf(rec));
        person.set(r, rec.person);
        if (rec.face !== undefined) {
          faces.set(rec.id, rec.face);
        }
        if (rec.face !== undefined || (rec.line as { alert?: { biometrics?: unknown } }).alert?.biometrics) {
          withFace += 1;
        }
        const part = i <= N - TAIL ? parts.base : parts.tail;
        const list = part.get(rec.system) ?? [];
        list.push(JSON.stringify(rec.line));
        part.set(rec.system, list);
      }
      const files: Record<'base' | 'tail', Array<{ system: BenchSystem; file: string }>> = {
        base: [],
        tail: [],
      };
      for (const which of ['base', 'tail'] as const) {
        // SIS first, then EES, then ETIAS (its automated processing reads the other two).
        for (const system of ['sis', 'ees', 'etias'] as const) {
          const lines = parts[which].get(system) ?? [];
          const file = path.join(dir, `${which}-${system}.ndjson`);
          await writeLines(file, lines);
          files[which].push({ system, file });
        }
      }
      parts.base.clear();
      parts.tail.clear();
      const generateS = (performance.now() - t0) / 1000;
      const count = (l: LabelledPair[]) =>
        Object.entries(
          l.reduce<Record<string, number>>((m, p) => ({ ...m, [p.kind]: (m[p.kind] ?? 0) + 1 }), {}),
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
      push({
        case: 'data: generated records (EES / ETIAS / SIS; with a face)',
        size,
        value: generateS,
        unit: 's',
        note: `EES ${bySystem.ees}, ETIAS ${bySystem.etias}, SIS ${bySystem.sis}; faces ${withFace}; planted: ${count(planted)}; hard negatives: ${count(negatives)}`,
      });

      const s = await createServices(
        loadConfig({
          INTERLINK_DATA_DIR: dir,
          LOG_LEVEL: 'silent',
          INTERLINK_DEMO: '0',
          INTERLINK_MAX_EVENT_LOOP_DELAY_MS: '0',
          DATABASE_URL: databaseUrl,
        }),
      );
      try {
        const importPart = async (which: 'base' | 'tail') => {
          const summaries: ImportSummary[] = [];
          const rejected: Record<string, number> = {};
          for (const { system, file } of files[which]) {
            summaries.push(
              await importFile(s, file, {
                system,
                applyInProcess: false,
                onReject: (x) => {
                  rejected[x.code] = (rejected[x.code] ?? 0) + 1;
                },
                ...(system === 'ees'
                  ? {
                      // The EES import takes no templates: the slice's faces are enrolled in the batch's
                      // transaction, as the file route enrols them with the file.
                      onBatch: async (trx, batch) => {
                        for (const id of batch.ids) {
                          const face = faces.get(id);
                          if (face !== undefined) {
                            await s.sbms.enrol(trx, 'ees', id, s.sbms.decode(face));
                          }
                        }
                      },
                    }
                  : {}),
              }),
            );
          }
          return { summaries, rejected };
        };
        const syncAll = async (): Promise<number> => {
          const started = performance.now();
          await s.changes.sync();
          return (performance.now() - started) / 1000;
        };

        const bulk = async (which: 'base' | 'tail', loaded: number) => {
          takeApplierTime();
          takeStepTime();
          const started = performance.now();
          const imported = await importPart(which);
          const importS = (performance.now() - started) / 1000;
          const syncS = await syncAll();
          const wallS = (performance.now() - started) / 1000;
          const times = takeApplierTime();
          const steps = takeStepTime();
          const accepted = imported.summaries.reduce((t, x) => t + x.accepted, 0);
          const cirS = steps.cir / 1000;
          push({
            case: `bulk: CIR sync + MID detection (time in the CIR's synchronisation), ${which === 'base' ? 'first load' : `the last ${accepted.toLocaleString('en')} with ${loaded.toLocaleString('en')} loaded`}`,
            size: `${accepted.toLocaleString('en')} records (${imported.summaries.map((x) => `${x.system} ${x.accepted}`).join(', ')})`,
            value: accepted / cirS,
            unit: 'records/s',
            note: `CIR + MID ${cirS.toFixed(1)} s, of which the MID's detection ${(steps.mid / 1000).toFixed(1)} s in ${steps.midCalls} runs (${steps.cirFiles} files synchronised); import ${importS.toFixed(1)} s, then the feed ${syncS.toFixed(1)} s (wall ${wallS.toFixed(1)} s, ${(accepted / wallS).toFixed(0)} records/s end to end); rejected ${JSON.stringify(imported.rejected)}; read-model appliers: ${describe(times)}${which === 'tail' ? '; target ≥ 2,000/s' : ''}`,
          });
          return accepted;
        };

        // 2. Base, then 3. the tail: the measured bulk insert with N − T loaded.
        const baseFiles = await bulk('base', 0);
        const tailFiles = await bulk('tail', baseFiles);

        // 4. Single-record path: EES files through the service.
        const latencies: number[] = [];
        const cirLatencies: number[] = [];
        const midLatencies: number[] = [];
        const call = { actor: IMPORT_ACTOR, purpose: 'border-control' };
        const renamed = new Map<string, string>();
        for (const rec of single) {
          const line = rec.line as { file: NewFileInput };
          const input: NewFileInput = {
            ...line.file,
            ...(rec.face === undefined ? {} : { biometrics: rec.face }),
          };
          takeStepTime();
          const started = performance.now();
          const created = await s.ees.createFile({ ...call, input });
          latencies.push(performance.now() - started);
          const steps = takeStepTime();
          cirLatencies.push(steps.cir);
          midLatencies.push(steps.mid);
          renamed.set(ref('ees', rec.id), ref('ees', created.value.id));
        }
        latencies.sort((a, b) => a - b);
        cirLatencies.sort((a, b) => a - b);
        midLatencies.sort((a, b) => a - b);
        push({
          case: 'single record: EES file created through the service → CIR file and links stored, p95',
          size: `${single.length} files; ${(baseFiles + tailFiles).toLocaleString('en')} loaded`,
          value: percentile(latencies, 95),
          unit: 'ms',
          note: `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; target p95 ≤ 20 ms`,
        });
        push({
          case: 'single record: of which the CIR sync + MID detection, p95',
          size: `${single.length} files; ${(baseFiles + tailFiles).toLocaleString('en')} loaded`,
          value: percentile(cirLatencies, 95),
          unit: 'ms',
          note: `p50 ${percentile(cirLatencies, 50).toFixed(1)} ms, p99 ${percentile(cirLatencies, 99).toFixed(1)} ms; the MID's detection alone p50 ${percentile(midLatencies, 50).toFixed(1)} ms, p95 ${percentile(midLatencies, 95).toFixed(1)} ms`,
        });
        const rename = (r: string) => renamed.get(r) ?? r;
        for (const [from, to] of renamed) {
          identities.set(to, identities.get(from)!);
          person.set(to, person.get(from)!);
        }

        // 5. Links against the labels.
        const links = await core.links(s);
        const linked = new Map(links.map((l) => [pairKey(l.records[0], l.records[1]), l]));
        const systemOf = new Map<string, BenchSystem>();
        for (const r of identities.keys()) {
          systemOf.set(r.slice(r.indexOf(':') + 1), r.slice(0, r.indexOf(':')) as BenchSystem);
        }
        const full = (id: string) => rename(ref(systemOf.get(id)!, id));
        // What the CIR holds (a record the import refused is in no pair), with the identity data it holds.
        const held = new Map<string, IdentityData>();
        const documentNumbers = new Map<string, string[]>();
        for (let after = ''; ;) {
          const page = await sql<{
            ref: string;
            identity: IdentityData;
            documents: Array<{ number: string }>;
          }>`
            select ref, identity, documents from cir.file where ref > ${after} order by ref limit 20000`.execute(
            s.database.db,
          );
          for (const row of page.rows) {
            held.set(row.ref, row.identity);
            documentNumbers.set(
              row.ref,
              row.documents.map((d) => d.number.toUpperCase().replace(/[^A-Z0-9]/gu, '')),
            );
          }
          if (page.rows.length < 20_000) {
            break;
          }
          after = page.rows.at(-1)!.ref;
        }
        const present = (p: LabelledPair) => held.has(full(p.a)) && held.has(full(p.b));
        const recallBy = new Map<string, { found: number; all: number }>();
        for (const p of planted.filter(present)) {
          const x = recallBy.get(p.kind) ?? { found: 0, all: 0 };
          x.all += 1;
          if (linked.has(pairKey(full(p.a), full(p.b)))) {
            x.found += 1;
          }
          recallBy.set(p.kind, x);
        }
        const falseBy = new Map<string, { linked: number; all: number }>();
        for (const p of negatives.filter(present)) {
          const x = falseBy.get(p.kind) ?? { linked: 0, all: 0 };
          x.all += 1;
          if (linked.has(pairKey(full(p.a), full(p.b)))) {
            x.linked += 1;
          }
          falseBy.set(p.kind, x);
        }
        const same = (l: StoredLink) => {
          const x = person.get(l.records[0]);
          return x !== undefined && x === person.get(l.records[1]);
        };
        const plantedPairs = new Set(planted.map((p) => pairKey(full(p.a), full(p.b))));
        const documentsOf = (r: string) => new Set((documentNumbers.get(r) ?? []).filter((x) => x !== ''));
        /** Different persons whom the rules rightly link: a planted shared document, or the same number by chance. */
        const rightly = (l: StoredLink) =>
          plantedPairs.has(pairKey(l.records[0], l.records[1])) ||
          (l.rules.includes('document') &&
            [...documentsOf(l.records[0])].some((d) => documentsOf(l.records[1]).has(d)));
        const wrong = links.filter((l) => !same(l) && !rightly(l));
        for (const color of ['yellow', 'white'] as const) {
          const of = links.filter((l) => l.color === color);
          const bad = of.filter((l) => !same(l) && !rightly(l)).length;
          const shared = of.filter((l) => !same(l) && rightly(l)).length;
          push({
            case: `precision of ${color} links`,
            size: `${of.length} ${color} links`,
            value: of.length === 0 ? Number.NaN : (of.length - bad) / of.length,
            unit: '',
            note: `${of.length - bad} of ${of.length} right: ${of.length - bad - shared} same person, ${shared} one document used by two persons (planted or by chance); ${bad} wrong${color === 'yellow' ? '; target ≥ 0.99' : ''}`,
          });
        }
        const hnLinks = wrong;
        for (const l of wrong.slice(0, 10)) {
          process.stderr.write(
            `  wrong link ${l.color} ${l.records.join(' ')} ${l.rules.join('+')}: ${JSON.stringify(held.get(l.records[0]))} / ${JSON.stringify(held.get(l.records[1]))}\n`,
          );
        }
        const onNegatives = [...falseBy.values()].reduce((t, x) => t + x.linked, 0);
        push({
          case: 'false links between the labelled hard negatives',
          size: `${[...falseBy.values()].reduce((t, x) => t + x.all, 0)} hard-negative pairs`,
          value: onNegatives,
          unit: 'links',
          note: `${[...falseBy].map(([k, x]) => `${k} ${x.linked}/${x.all}`).join(', ')}; wrong links in all (different persons, no shared document) ${hnLinks.length}`,
        });
        const plantedFound = [...recallBy.values()].reduce((t, x) => t + x.found, 0);
        const plantedAll = [...recallBy.values()].reduce((t, x) => t + x.all, 0);
        push({
          case: 'recall of the planted multiple identities',
          size: `${plantedAll} planted pairs`,
          value: plantedFound / plantedAll,
          unit: '',
          note: [...recallBy].map(([k, x]) => `${k} ${x.found}/${x.all}`).join(', '),
        });
        const byColorRules = new Map<string, number>();
        for (const l of links) {
          const k = `${l.color}: ${[...l.rules].filter((x) => !/^[NDP]-/u.test(x)).join('+')}`;
          byColorRules.set(k, (byColorRules.get(k) ?? 0) + 1);
        }
        push({
          case: 'links stored, by colour and what fired',
          size,
          value: links.length,
          unit: 'links',
          note: [...byColorRules].map(([k, v]) => `${k} ${v}`).join('; '),
        });

        // 6. Peers on the candidate step.
        for (const r of await candidatePeers(s, databaseUrl, held, planted.filter(present), full)) {
          push(r);
        }
      } finally {
        await s.close();
      }
    } finally {
      cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return results;
  },
};

/**
 * The candidate step against two peers: PostgreSQL pg_trgm on the surname (the same step in SQL) and the
 * exact scan (every record of the other systems judged by the MID rules).
 */
async function candidatePeers(
  s: Services,
  databaseUrl: string,
  identities: Map<string, IdentityData>,
  planted: LabelledPair[],
  full: (id: string) => string,
): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const systemOfRef = (r: string) => r.slice(0, r.indexOf(':'));
  const others = (r: string) => ['ees', 'etias', 'sis'].filter((x) => x !== systemOfRef(r));
  const queryOf = (d: IdentityData) => ({
    surname: typeof d.surname === 'string' ? d.surname : (d.surname ?? []).join(' '),
    givenNames: typeof d.givenNames === 'string' ? d.givenNames : (d.givenNames ?? []).join(' '),
    ...(d.birthDate === undefined ? {} : { birthDate: d.birthDate }),
    ...(d.sex === undefined ? {} : { sex: d.sex }),
    ...(d.nationalities === undefined ? {} : { nationalities: d.nationalities }),
    ...(d.documentNumber === undefined ? {} : { documentNumber: d.documentNumber }),
  });
  // Variants only: a face under two names or a shared document is another person's identity, found by the
  // biometric and document steps.
  const identityPlanted = planted.filter((p) => p.kind === 'variant');
  const probes = identityPlanted.slice(0, TRGM_PROBES);
  // The identity index's candidates (blocking keys), as the detection asks for them.
  const indexTimes: number[] = [];
  let indexFound = 0;
  let indexCandidates = 0;
  for (const p of probes) {
    const b = full(p.b);
    const started = performance.now();
    const c = s.identityIndex.search(queryOf(identities.get(b)!), { systems: others(b), limit: 20 });
    indexTimes.push(performance.now() - started);
    indexCandidates += c.length;
    if (c.some((x) => `${x.system}:${x.recordRef}` === full(p.a))) {
      indexFound += 1;
    }
  }
  indexTimes.sort((a, b) => a - b);
  // pg_trgm on the surname over the same identities, in the bench's own table.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await pool.query('create extension if not exists pg_trgm');
    await pool.query(
      'create table bench_mid_identity (ref text primary key, system text not null, surname text not null)',
    );
    const all = [...identities];
    let t0 = performance.now();
    for (let i = 0; i < all.length; i += 20_000) {
      const rows = all.slice(i, i + 20_000);
      await pool.query(
        'insert into bench_mid_identity select * from unnest($1::text[], $2::text[], $3::text[])',
        [
          rows.map(([r]) => r),
          rows.map(([r]) => systemOfRef(r)),
          rows.map(([, d]) => String(d.surname ?? '')),
        ],
      );
    }
    await pool.query('create index on bench_mid_identity using gin (surname gin_trgm_ops)');
    await pool.query('analyze bench_mid_identity');
    const loadS = (performance.now() - t0) / 1000;
    const trgmTimes: number[] = [];
    let trgmFound = 0;
    let trgmCandidates = 0;
    for (const p of probes) {
      const b = full(p.b);
      const started = performance.now();
      const r = await pool.query<{ ref: string }>(
        'select ref from bench_mid_identity where surname % $1 and system <> $2',
        [String(identities.get(b)!.surname ?? ''), systemOfRef(b)],
      );
      trgmTimes.push(performance.now() - started);
      trgmCandidates += r.rows.length;
      if (r.rows.some((x) => x.ref === full(p.a))) {
        trgmFound += 1;
      }
    }
    trgmTimes.sort((a, b) => a - b);
    const sizeNote = `${identities.size.toLocaleString('en')} identities; ${probes.length} planted variant pairs`;
    out.push(
      {
        bench: 'mid',
        case: 'candidate step, identity index: planted partner among the candidates',
        size: sizeNote,
        value: indexFound / probes.length,
        unit: '',
        note: `${indexFound} of ${probes.length}; ${(indexCandidates / probes.length).toFixed(1)} candidates a probe; p95 ${percentile(indexTimes, 95).toFixed(2)} ms`,
      },
      {
        bench: 'mid',
        case: 'peer: pg_trgm surname similarity: planted partner among the candidates',
        size: sizeNote,
        value: trgmFound / probes.length,
        unit: '',
        ratio: { peer: 'identity index', value: trgmFound / Math.max(1, indexFound) },
        note: `${trgmFound} of ${probes.length}; ${(trgmCandidates / probes.length).toFixed(1)} candidates a probe; p95 ${percentile(trgmTimes, 95).toFixed(2)} ms (${(percentile(trgmTimes, 95) / percentile(indexTimes, 95)).toFixed(0)}× the index); load + GIN index ${loadS.toFixed(1)} s`,
      },
    );
    // Exact scan: every record of the other systems judged by the MID rules, for a few probes.
    if (SCAN_PROBES > 0) {
      let truth = 0;
      let byIndex = 0;
      let byTrgm = 0;
      const scanTimes: number[] = [];
      const scanProbes = probes.slice(0, SCAN_PROBES);
      for (const p of scanProbes) {
        const b = full(p.b);
        const probe = identities.get(b)!;
        t0 = performance.now();
        const hits = new Set<string>();
        for (const [r, d] of identities) {
          // The detection's own judgement: the birth-date outcomes first (exact: a pair whose dates differ
          // on every identity pair is different), then the verdict.
          if (
            systemOfRef(r) !== systemOfRef(b) &&
            midBirthDateOutcomes(probe, d, MID_DETECTION_SETTINGS).some((o) => o !== 'different') &&
            midVerdict(probe, d, MID_DETECTION_SETTINGS).verdict !== 'different'
          ) {
            hits.add(r);
          }
        }
        scanTimes.push(performance.now() - t0);
        const c = new Set(
          s.identityIndex
            .search(queryOf(probe), { systems: others(b), limit: 20 })
            .map((x) => `${x.system}:${x.recordRef}`),
        );
        const t = await pool.query<{ ref: string }>(
          'select ref from bench_mid_identity where surname % $1 and system <> $2',
          [String(probe.surname ?? ''), systemOfRef(b)],
        );
        const trgm = new Set(t.rows.map((x) => x.ref));
        truth += hits.size;
        byIndex += [...hits].filter((h) => c.has(h)).length;
        byTrgm += [...hits].filter((h) => trgm.has(h)).length;
      }
      scanTimes.sort((a, b) => a - b);
      out.push({
        bench: 'mid',
        case: 'peer: exact scan (MID rules on every record): same/similar records found by the candidate steps',
        size: `${identities.size.toLocaleString('en')} identities; ${scanProbes.length} probes`,
        value: truth === 0 ? Number.NaN : byIndex / truth,
        unit: 'recall (index)',
        ratio: { peer: 'pg_trgm recall', value: byTrgm === 0 ? Number.NaN : byIndex / byTrgm },
        note: `${truth} same/similar records; identity index ${byIndex}, pg_trgm ${byTrgm}; scan p50 ${(percentile(scanTimes, 50) / 1000).toFixed(1)} s a probe`,
      });
    }
    await pool.query('drop table bench_mid_identity');
  } finally {
    await pool.end();
  }
  return out;
}

export default bench;
