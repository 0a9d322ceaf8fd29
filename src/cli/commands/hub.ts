import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import {
  confuse,
  DEMO_HUB_ALERTS,
  garble,
  randomContainer,
  randomPlate,
  randomPortCall,
  seededRandom,
  type DemoHubAlert,
  type Hub,
  type PlateRead,
} from '../../contexts/hubs/index.ts';
import { compactIdentifier } from '../../contexts/sis/index.ts';
import { CliFailure, EXIT, printJson } from '../support.ts';

export interface SimulateOptions {
  url: string;
  user: string;
  password: string;
  hub?: string;
  /** Reads per second. */
  rate: number;
  /** Seconds of traffic. */
  duration: number;
  /** Share of reads of alerted vehicles, trailers or containers. */
  alerted: number;
  /** Share of reads whose best reading has a look-alike error (a tenth of them drop a character instead). */
  misread: number;
  seed: number;
}

export interface SimulationReport {
  reads: number;
  expectedHits: number;
  detectedHits: number;
  falseHits: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
}

interface Planted {
  alert: DemoHubAlert | null;
  /**
   * Whether the desk must see a hit: an alert it may see, with its true identifier among the reader's
   * candidates (the recall target). Misreads without the truth may still be recovered by look-alike folding.
   */
  expected: boolean;
}

/** Batches are sent every tick; more than this many unanswered batches make the simulator wait (back-pressure). */
const TICK_MS = 100;
const MAX_IN_FLIGHT = 16;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * One vehicle passing a plate camera: a plate in its state's format, often a trailer, at container gates a
 * box; some belong to demo alerts, some are misread. The truth is returned beside the read.
 */
export function planRead(
  rnd: () => number,
  seq: number,
  camera: { gateId: string; cameraId: string; direction: 'in' | 'out'; containers: boolean },
  options: Pick<SimulateOptions, 'alerted' | 'misread'>,
  at: Date,
  discharged: readonly string[] = [],
): { read: PlateRead; planted: Planted } {
  const vehicle = randomPlate(rnd);
  const read: PlateRead = {
    id: `sim-${seq}`,
    at: at.toISOString(),
    gateId: camera.gateId,
    cameraId: camera.cameraId,
    direction: camera.direction,
    country: vehicle.country,
    plate: { text: vehicle.text, confidence: 0.85 + rnd() * 0.14 },
  };
  if (rnd() < 0.4) {
    const trailer = randomPlate(rnd);
    read.trailer = { text: trailer.text, country: trailer.country, confidence: 0.8 + rnd() * 0.15 };
  }
  if (camera.containers && rnd() < 0.5) {
    // At a seaport the boxes leaving by road are the ones the vessels discharged.
    const text =
      discharged.length > 0 ? discharged[Math.floor(rnd() * discharged.length)]! : randomContainer(rnd);
    read.container = { text, confidence: 0.9 + rnd() * 0.09 };
  }
  let alert: DemoHubAlert | null = null;
  if (rnd() < options.alerted) {
    alert = DEMO_HUB_ALERTS[Math.floor(rnd() * DEMO_HUB_ALERTS.length)]!;
    const text = { text: alert.value, confidence: 0.85 + rnd() * 0.14 };
    if (alert.kind === 'plate') {
      read.plate = text;
      read.country = alert.country ?? undefined;
    } else if (alert.kind === 'trailer-plate') {
      read.trailer = { ...text, ...(alert.country ? { country: alert.country } : {}) };
    } else {
      read.container = text;
    }
  }
  // A misread of the field that matters (the alerted one, else the plate), as a reader gets it wrong.
  let truthRead = true;
  if (rnd() < options.misread) {
    const key =
      alert?.kind === 'container' ? 'container' : alert?.kind === 'trailer-plate' ? 'trailer' : 'plate';
    const field = read[key]!;
    const truth = field.text;
    const hard = rnd() < 0.1;
    const wrong = hard ? garble(truth, rnd) : confuse(truth, rnd, 1 + Math.floor(rnd() * 2));
    const keepTruth = rnd() < 0.5;
    field.text = wrong;
    field.confidence = 0.55 + rnd() * 0.3;
    field.candidates = keepTruth ? [{ text: truth, confidence: 0.3 + rnd() * 0.25 }] : [];
    truthRead = keepTruth || wrong === truth;
  }
  const visible = alert !== null && !alert.discreet;
  return { read, planted: { alert, expected: visible && truthRead } };
}

async function json(
  url: string,
  init: RequestInit & { token?: string; purpose?: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) {
    headers.authorization = `Bearer ${init.token}`;
  }
  if (init.purpose) {
    headers['x-interlink-purpose'] = init.purpose;
  }
  let r: Response;
  try {
    r = await fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  } catch (err) {
    throw new CliFailure(
      `cannot reach ${url}: ${err instanceof Error ? err.message : String(err)} (is \`interlink serve\` running?)`,
      EXIT.unavailable,
    );
  }
  const text = await r.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: r.status, body };
}

/**
 * At a seaport with container gates, the port's system first reports a vessel that has just discharged a few
 * hundred boxes and the demo alerts' containers, so that the boxes read at the gates came off a ship and a
 * container hit shows its vessel. Returns the boxes for the plain traffic (none elsewhere).
 */
async function dischargeForSimulation(
  base: string,
  token: string,
  hub: Hub,
  rnd: () => number,
  containerGates: boolean,
): Promise<string[]> {
  if (hub.kind !== 'seaport' || !containerGates) {
    return [];
  }
  const others = Array.from({ length: 300 }, () => randomContainer(rnd));
  const boxes = [...DEMO_HUB_ALERTS.filter((a) => a.kind === 'container').map((a) => a.value), ...others];
  const now = new Date();
  const r = await json(`${base}/api/v1/hubs/${hub.id}/port-calls`, {
    method: 'POST',
    token,
    purpose: 'hub-vehicle-check',
    headers: { 'idempotency-key': randomUUID() },
    body: JSON.stringify(randomPortCall(rnd, boxes, new Date(now.getTime() - 6 * 3_600_000), now)),
  });
  if (r.status !== 201) {
    throw new CliFailure(
      `the port call was refused: ${typeof r.body.detail === 'string' ? r.body.detail : `HTTP ${r.status}`}`,
      EXIT.unavailable,
    );
  }
  // The plain traffic reads the other boxes; the alerted ones are read where the plan plants them.
  return others;
}

/**
 * Runs the camera simulator against a running server: logs in as a hub operator, sends `rate` reads a second
 * for `duration` seconds in batches every 100 ms, and compares the hits answered with the alerts it planted.
 * Latency is from a batch sent to its answer with the hits (the network included).
 */
export async function simulate(
  options: SimulateOptions,
  onProgress?: (sent: number) => void,
): Promise<SimulationReport & { hub: string; errors: number; discreetShown: number; recovered: number }> {
  const base = options.url.replace(/\/+$/u, '');
  const login = await json(`${base}/api/v1/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ username: options.user, password: options.password }),
  });
  if (login.status !== 200) {
    throw new CliFailure(
      `login as ${options.user} refused: ${typeof login.body.detail === 'string' ? login.body.detail : `HTTP ${login.status}`}`,
      EXIT.usage,
    );
  }
  const token = String(login.body.token);
  const listed = await json(`${base}/api/v1/hubs`, { token });
  const hubs = (listed.body.hubs as Hub[] | undefined) ?? [];
  const hub = options.hub === undefined ? hubs[0] : hubs.find((h) => h.id === options.hub);
  if (hub === undefined) {
    throw new CliFailure(
      options.hub === undefined
        ? `${options.user} operates no hub; create the demo world first (\`interlink demo\`).`
        : `hub "${options.hub}" is not one that ${options.user} operates (${hubs.map((h) => h.id).join(', ') || 'none'}).`,
      EXIT.usage,
    );
  }
  const cameras = hub.gates.flatMap((g) =>
    g.cameras
      .filter((c) => c.kind === 'plate')
      .map((c) => ({
        gateId: g.id,
        cameraId: c.id,
        direction: c.direction,
        containers: g.cameras.some((x) => x.kind === 'container'),
      })),
  );
  const rnd = seededRandom(options.seed);
  const discharged = await dischargeForSimulation(
    base,
    token,
    hub,
    rnd,
    cameras.some((c) => c.containers),
  );
  const total = Math.max(1, Math.round(options.rate * options.duration));
  const perTick = (options.rate * TICK_MS) / 1000;
  const planted = new Map<string, Planted>();
  const latencies: number[] = [];
  const tally = { detected: 0, falseHits: 0, errors: 0, discreetShown: 0, recovered: 0 };
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let owed = 0;
  const started = performance.now();
  for (let tick = 0; sent < total; tick++) {
    owed += perTick;
    const count = Math.min(total - sent, Math.floor(owed));
    owed -= count;
    if (count > 0) {
      const reads: PlateRead[] = [];
      for (let i = 0; i < count; i++) {
        const camera = cameras[Math.floor(rnd() * cameras.length)]!;
        const p = planRead(rnd, sent + i, camera, options, new Date(), discharged);
        planted.set(p.read.id!, p.planted);
        reads.push(p.read);
      }
      sent += count;
      const t0 = performance.now();
      const request = json(`${base}/api/v1/hubs/${hub.id}/reads`, {
        method: 'POST',
        token,
        purpose: 'hub-vehicle-check',
        headers: { 'idempotency-key': randomUUID() },
        body: JSON.stringify({ reads }),
      }).then((r) => {
        latencies.push(performance.now() - t0);
        if (r.status !== 200) {
          tally.errors += 1;
          return;
        }
        const hits = (r.body.hits as Array<{ readId: string | null; storedText: string }>) ?? [];
        // A repeat read of a vehicle the hub saw moments ago is folded into the earlier hit, which the answer
        // returns with its first read's id: a read counts as detected when the answer holds a hit on its alert.
        const found = new Set<string>();
        for (const h of hits) {
          const truth = planted.get(h.readId ?? '');
          const right = truth?.alert && compactIdentifier(truth.alert.value) === h.storedText;
          if (right && truth.alert?.discreet) {
            tally.discreetShown += 1;
          } else if (right) {
            found.add(h.storedText);
            if (!truth.expected) {
              tally.recovered += 1;
            }
          } else {
            tally.falseHits += 1;
          }
        }
        for (const read of reads) {
          const truth = planted.get(read.id!);
          if (truth?.expected && truth.alert && found.has(compactIdentifier(truth.alert.value))) {
            tally.detected += 1;
          }
        }
      });
      const tracked = request.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      onProgress?.(sent);
      if (inFlight.size >= MAX_IN_FLIGHT) {
        await Promise.race(inFlight);
      }
    }
    const wait = started + (tick + 1) * TICK_MS - performance.now();
    if (wait > 0) {
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    hub: hub.id,
    reads: sent,
    expectedHits: [...planted.values()].filter((p) => p.expected).length,
    detectedHits: tally.detected,
    falseHits: tally.falseHits,
    p50LatencyMs: round(percentile(latencies, 50)),
    p99LatencyMs: round(percentile(latencies, 99)),
    errors: tally.errors,
    discreetShown: tally.discreetShown,
    recovered: tally.recovered,
  };
}

function positive(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) {
    throw new CliFailure(`--${name} must be a number above 0 and at most ${max}`, EXIT.usage);
  }
  return n;
}

function share(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new CliFailure(`--${name} must be a share between 0 and 1`, EXIT.usage);
  }
  return n;
}

/** `interlink hub simulate`: the gate camera simulator. */
export function registerHubCommands(program: Command): void {
  const hub = program.command('hub').description('Logistics-hub vehicle checks');
  hub
    .command('simulate')
    .description(
      'Send realistic gate traffic (plates, trailers, containers, misreads, alerted vehicles) to a running server and report detected/expected hits and latency',
    )
    .option('--hub <id>', 'hub id (default: the first hub the user operates)')
    .option('--rate <n>', 'reads per second', '50')
    .option('--duration <s>', 'seconds of traffic', '10')
    .option('--url <url>', 'server address', 'http://localhost:8080')
    .option('--user <name>', 'hub operator user', 'hub.be')
    .option('--password <password>', 'password', 'interlink-demo')
    .option('--alerted <share>', 'share of reads of alerted vehicles, trailers or containers', '0.02')
    .option('--misread <share>', 'share of reads with a reader error on the field that matters', '0.15')
    .option('--seed <n>', 'random seed (the same seed sends the same traffic)', '1')
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        hub?: string;
        rate: string;
        duration: string;
        url: string;
        user: string;
        password: string;
        alerted: string;
        misread: string;
        seed: string;
        json?: boolean;
      }) => {
        const options: SimulateOptions = {
          url: opts.url,
          user: opts.user,
          password: opts.password,
          ...(opts.hub === undefined ? {} : { hub: opts.hub }),
          rate: positive('rate', opts.rate, 100_000),
          duration: positive('duration', opts.duration, 86_400),
          alerted: share('alerted', opts.alerted),
          misread: share('misread', opts.misread),
          seed: Math.trunc(Number(opts.seed)) || 1,
        };
        const report = await simulate(options, (sent) => {
          if (!opts.json && process.stderr.isTTY) {
            process.stderr.write(`\r${sent} reads sent`);
          }
        });
        if (opts.json) {
          const { reads, expectedHits, detectedHits, falseHits, p50LatencyMs, p99LatencyMs } = report;
          printJson({ reads, expectedHits, detectedHits, falseHits, p50LatencyMs, p99LatencyMs });
        } else {
          process.stdout.write(
            [
              `hub ${report.hub}: ${report.reads} reads at ${options.rate}/s for ${options.duration} s`,
              `hits detected ${report.detectedHits} of ${report.expectedHits} expected (alerted, true identifier among the candidates); false hits ${report.falseHits}; discreet checks shown to the desk ${report.discreetShown}`,
              `also recovered from look-alike misreads without the true identifier among the candidates: ${report.recovered}`,
              `batch latency p50 ${report.p50LatencyMs} ms, p99 ${report.p99LatencyMs} ms; failed batches ${report.errors}`,
              '',
            ].join('\n'),
          );
        }
        if (report.errors > 0) {
          throw new CliFailure(
            `${report.errors} batch(es) were refused; see the server log`,
            EXIT.checkFailed,
          );
        }
      },
    );
}
