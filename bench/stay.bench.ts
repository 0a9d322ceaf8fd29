import {
  controlStayDays,
  formatDay,
  parseStayRequest,
  stayFiguresDays,
  type DayStay,
  type DayStayRequest,
} from '../src/contexts/ees/index.ts';
import type { Bench, BenchResult } from './harness.ts';

const TRAVELLERS = 10_000;
const STAYS = 20;
const TARGET = 100_000;

/** Small seeded generator (mulberry32) so every run measures the same records. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Frequent travellers: 20 stays of 1–14 days with 3–40 days between them; a third still present. */
function travellers(): DayStayRequest[] {
  const rnd = random(20_250_412);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  return Array.from({ length: TRAVELLERS }, () => {
    const stays: DayStay[] = [];
    let day = 19_000 + int(0, 365);
    for (let i = 0; i < STAYS; i++) {
      const length = int(1, 14);
      stays.push({ entry: day, exit: day + length - 1 });
      day += length + int(3, 40);
    }
    const last = stays[STAYS - 1]!;
    if (rnd() < 1 / 3) {
      last.exit = null;
      return { stays, date: last.entry + int(0, 30) };
    }
    return { stays, date: last.exit! + int(0, 20) };
  });
}

/** The peer: the rule of the digest taken literally, a set of days and a recount of the window per day. */
function naiveControl({ stays, date }: DayStayRequest) {
  const days = new Set<number>();
  for (const s of stays) {
    for (let d = s.entry; d <= Math.min(s.exit ?? date, date); d++) {
      days.add(d);
    }
  }
  const used = (set: Set<number>, d: number) => {
    let n = 0;
    for (let x = d - 179; x <= d; x++) {
      if (set.has(x)) {
        n++;
      }
    }
    return n;
  };
  const longestFrom = (start: number) => {
    const set = new Set([...days].filter((d) => d < start));
    let n = 0;
    while (n <= 90) {
      set.add(start + n);
      if (used(set, start + n) > 90) {
        break;
      }
      n++;
    }
    return n;
  };
  let daysInBreach = 0;
  for (const d of days) {
    if (used(days, d) > 90) {
      daysInBreach++;
    }
  }
  const last = stays.reduce((a, b) => (b.entry > a.entry ? b : a));
  let latestExit: number | null = null;
  if (last.entry <= date && (last.exit === null || last.exit >= date)) {
    const end = last.entry + longestFrom(last.entry) - 1;
    latestExit = end < date ? null : end;
  }
  return { daysUsed: used(days, date), maxStayFrom: longestFrom(date), latestExit, daysInBreach };
}

/** Calls `fn` over the records, round after round, for about `ms` milliseconds; returns calls per second. */
function rate(records: readonly DayStayRequest[], ms: number, fn: (r: DayStayRequest) => unknown): number {
  let calls = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < records.length && (i & 255 || performance.now() - start < ms); i++) {
      sink += fn(records[i]!) === null ? 1 : 0;
      calls++;
    }
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  if (sink < 0) {
    throw new Error('unreachable');
  }
  return calls / (elapsed / 1000);
}

const bench: Bench = {
  name: 'stay',
  run() {
    const records = travellers();
    // Both implementations must agree before their speeds are compared.
    for (const r of records.slice(0, 200)) {
      const fast = controlStayDays(r);
      const slow = naiveControl(r);
      if (
        fast.daysUsed !== slow.daysUsed ||
        fast.maxStayFrom !== slow.maxStayFrom ||
        fast.latestExit !== slow.latestExit ||
        fast.daysInBreach !== slow.daysInBreach
      ) {
        throw new Error(`stay calculator and day-by-day recount disagree on ${JSON.stringify(r)}`);
      }
    }
    const asText = records.map((r) => ({
      stays: r.stays.map((s) => ({
        entry: formatDay(s.entry),
        exit: s.exit === null ? null : formatDay(s.exit),
      })),
      date: formatDay(r.date),
    }));
    let textIndex = 0;
    const parseAndFigure = () => {
      textIndex = (textIndex + 1) % asText.length;
      return stayFiguresDays(parseStayRequest(asText[textIndex]));
    };

    rate(records, 300, controlStayDays);
    const control = rate(records, 2000, controlStayDays);
    const figures = rate(records, 1000, stayFiguresDays);
    const text = rate(records, 1000, parseAndFigure);
    const naive = rate(records, 2000, naiveControl);
    const size = `${TRAVELLERS} travellers × ${STAYS} stays`;
    const results: BenchResult[] = [
      {
        bench: 'stay',
        case: 'control: days used, remaining, longest stay, latest exit, every day of the record checked',
        size,
        value: control,
        unit: 'computations/s',
        ratio: { peer: 'day-by-day Set recount', value: control / naive },
        note: `target ≥ ${TARGET.toLocaleString('en')}/s: ${control >= TARGET ? 'met' : 'NOT met'}`,
      },
      {
        bench: 'stay',
        case: 'figures only (the CLI line), from day numbers',
        size,
        value: figures,
        unit: 'computations/s',
        ratio: { peer: 'day-by-day Set recount', value: figures / naive },
      },
      {
        bench: 'stay',
        case: 'figures from a request written with YYYY-MM-DD dates (parse + check + figures)',
        size,
        value: text,
        unit: 'computations/s',
        ratio: { peer: 'day-by-day Set recount', value: text / naive },
      },
      {
        bench: 'stay',
        case: 'peer: day-by-day Set recount of the same control figures',
        size,
        value: naive,
        unit: 'computations/s',
      },
    ];
    return Promise.resolve(results);
  },
};
export default bench;
