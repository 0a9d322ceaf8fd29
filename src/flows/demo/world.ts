import { createDemoHubs } from '../../contexts/hubs/index.ts';
import { SyntheticBiometrics } from '../../contexts/sbms/index.ts';
import { migrate } from '../../platform/database/index.ts';
import { isoDate } from '../../platform/dates.ts';
import type { Services } from '../../services.ts';
import { demoActors, extraDemoUsers } from './authorities.ts';
import { claimMarker, DEMO_MIGRATION_SET, finishMarker, readMarker } from './marker.ts';
import {
  DEMO_WORLD_SEED,
  describePlan,
  planDemoWorld,
  thingsToTry,
  type DemoTry,
  type DemoWorldContents,
  type DemoWorldPlan,
} from './plan.ts';
import { captureTemplates } from './plan-biometrics.ts';
import { writeScaledWorld } from './scale.ts';
import { writeEtias } from './write-etias.ts';
import { writeTravellers } from './write-ees.ts';
import { writeMid, type WrittenMidCase } from './write-mid.ts';
import { writeEurodac } from './write-eurodac.ts';
import { writeRing } from './write-ring.ts';

/**
 * Where the hubs context adds its demo data (hubs, gates, cameras and the object alerts its traffic
 * simulator plants) once the EES and SIS parts exist; its result is reported as `hubs`. It must be
 * idempotent: it also runs when the world exists already, so that a world made before the hubs gets them.
 */
export type DemoHubsHook = (services: Services) => Promise<unknown>;

/** The default hook: the hubs context's own demo hubs. */
export const demoHubs: DemoHubsHook = (services) => createDemoHubs(services);

export interface CreateDemoWorldOptions {
  /** Any text; the same seed on the same day gives the same world. Default `DEMO_WORLD_SEED`. */
  seed?: string;
  /** Travellers besides the dozen that each show one situation (default 140). */
  genericTravellers?: number;
  /** Default {@link demoHubs}; null leaves the hubs out. */
  hubs?: DemoHubsHook | null;
  /** Called after each traveller and each alert (after each batch at scale). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Travellers in all: the world is then written through the bulk importer (see scale.ts), with as many
   * SIS alerts as travellers unless `scaleAlerts` says otherwise.
   */
  scale?: number;
  scaleAlerts?: number;
  /** Records per transaction of the bulk importer. */
  batchSize?: number;
  /**
   * At scale: apply imported identities to this process's identity index (default true; a command that
   * exits afterwards saves the memory with false).
   */
  applyInProcess?: boolean;
}

/**
 * - `created`: made now; `existing`: made before (described again, nothing written);
 * - `in-progress`: another process is making it; `incomplete`: an earlier attempt stopped part-way;
 * - `not-empty`: the database already holds EES data that are not a demo world, so none is added.
 */
export type DemoWorldStatus = 'created' | 'existing' | 'in-progress' | 'incomplete' | 'not-empty';

export interface DemoWorldReport {
  status: DemoWorldStatus;
  message: string;
  seed: string | null;
  /** The day the world was made; its crossings lie in the 180 days before. */
  plannedOn: string | null;
  /** Time taken to make it, when made now. */
  durationMs: number | null;
  contents: DemoWorldContents | null;
  tryThis: DemoTry[];
  /** The demo users this world adds to the standard ones (password as for all demo users). */
  users: Array<{ username: string; authority: string; authorityType: string; memberState: string }>;
  hubs: unknown;
  /**
   * The multiple-identity detector's cases with their records' CIR references (when made now): the fraud
   * the MID must link and the look-alikes it must not.
   */
  mid: WrittenMidCase[] | null;
  /** At scale: what the importer wrote and refused. */
  scale: {
    travellers: number;
    crossings: number;
    refusals: number;
    alerts: number;
    rejected: number;
  } | null;
}

const ALERT_PURPOSE = 'alert-management';

function report(
  status: DemoWorldStatus,
  message: string,
  plan: DemoWorldPlan | null,
  extra: {
    durationMs?: number;
    hubs?: unknown;
    scale?: DemoWorldReport['scale'];
    mid?: WrittenMidCase[];
  } = {},
): DemoWorldReport {
  return {
    status,
    message,
    seed: plan?.seed ?? null,
    plannedOn: plan?.today ?? null,
    durationMs: extra.durationMs ?? null,
    contents: plan === null ? null : describePlan(plan),
    tryThis: plan === null ? [] : thingsToTry(plan),
    users: extraDemoUsers().map((u) => ({
      username: u.username,
      authority: u.authority.name,
      authorityType: u.authority.type,
      memberState: u.authority.memberState,
    })),
    hubs: extra.hubs ?? null,
    mid: extra.mid ?? null,
    scale: extra.scale ?? null,
  };
}

/**
 * Makes the demo world through the services, as the authorities themselves would: border guards of ten
 * member states record files, entries, exits and refusals at their own crossing points over the last 180
 * days (EES), SIRENE bureaux and police services enter alerts (SIS), and the daily overstayer job runs.
 * Every write is validated and logged like any other. Idempotent: a world made before is described, not
 * made again; a database that already holds EES data gets none.
 */
export async function createDemoWorld(
  services: Services,
  options: CreateDemoWorldOptions = {},
): Promise<DemoWorldReport> {
  const { database, clock, ees, sis, writes, logger } = services;
  const db = database.db;
  await migrate(db, [DEMO_MIGRATION_SET], logger);
  const existing = await readMarker(db);
  if (existing !== null) {
    const plan = planDemoWorld({
      seed: existing.seed,
      today: existing.plannedOn,
      ...(options.genericTravellers === undefined ? {} : { genericTravellers: options.genericTravellers }),
    });
    if (existing.status === 'complete') {
      const hubs = await runHubs(services, options);
      return report(
        'existing',
        `The demo world was made on ${existing.plannedOn}; nothing was added.`,
        plan,
        {
          hubs,
        },
      );
    }
    return existing.status === 'creating'
      ? report('in-progress', 'The demo world is being made by another process.', null)
      : report(
          'incomplete',
          'Making the demo world stopped part-way earlier; start again with an empty database to get a whole one.',
          null,
        );
  }
  const counts = await ees.counts();
  if ((counts['ees.individual_file'] ?? 0) > 0) {
    return report(
      'not-empty',
      'The database already holds EES files that are not a demo world; no demo data were added to them.',
      null,
    );
  }
  const started = clock.now();
  const seed = options.seed ?? DEMO_WORLD_SEED;
  const today = isoDate(started);
  if (!(await claimMarker(db, { seed, plannedOn: today, at: started }))) {
    return createDemoWorld(services, options);
  }
  if (options.scale !== undefined) {
    return createScaledWorld(services, options, { seed, today, started });
  }
  try {
    const plan = planDemoWorld({
      seed,
      today,
      ...(options.genericTravellers === undefined ? {} : { genericTravellers: options.genericTravellers }),
    });
    const actors = await demoActors(services.access);
    const total = plan.travellers.length + plan.alerts.length;
    let done = 0;
    const step = () => {
      done += 1;
      options.onProgress?.(done, total);
    };
    // The demo's capture device: the synthetic generator at the matching service's template lengths.
    const capture = new SyntheticBiometrics({ dimensions: services.sbms.settings.dimensions });
    const eesCaptures = new Map(plan.biometrics.ees.map((x) => [x.travellerRef, x.capture]));
    const sisCaptures = new Map(plan.biometrics.sis.map((x) => [x.alertRef, x.capture]));
    await writeTravellers(services, plan.travellers, actors, step, (ref) => {
      const c = eesCaptures.get(ref);
      return c === undefined ? undefined : captureTemplates(c, capture);
    });
    // The daily overstayer job (EES art. 12(1)) flags the stays that ended without exit.
    const flagged = await writes.run(null, (trx) => ees.flagOverstayers(trx, today));
    const alertIds = new Map<string, string>();
    for (const a of plan.alerts) {
      const photograph = sisCaptures.get(a.ref);
      const { alert } = await sis.createAlert({
        actor: actors.alerts.get(a.author)!,
        purpose: ALERT_PURPOSE,
        alert: {
          ...a.input,
          ...(a.linkRefs.length > 0 ? { links: a.linkRefs.map((r) => alertIds.get(r)!) } : {}),
          ...(photograph === undefined ? {} : { biometrics: captureTemplates(photograph, capture) }),
        },
        ...(a.enteredOn === undefined ? {} : { enteredOn: a.enteredOn }),
      });
      alertIds.set(a.ref, alert.id);
      step();
    }
    // ETIAS: the visa-exempt travellers' applications, processed against what SIS and EES now hold.
    // Eurodac: the datasets of the asylum authorities, the persons registered twice making their hits.
    const eurodac = await writeEurodac(services.eurodac, plan.biometrics.eurodac, actors.asylum, capture);
    const etiasStarted = Date.now();
    const etias = await writeEtias(services, plan);
    const etiasMs = Date.now() - etiasStarted;
    // The MID's cases: fraud across the systems and innocent look-alikes, after everything else.
    const midStarted = Date.now();
    const mid = await writeMid(services, plan.mid, actors, capture);
    const midMs = Date.now() - midStarted;
    const hubs = await runHubs(services, options);
    // The smuggling ring the network map surfaces: its truck and containers pass through both demo hubs.
    const ring = options.hubs === null ? null : await writeRing(services, actors, today);
    const durationMs = clock.now().getTime() - started.getTime();
    await finishMarker(db, 'complete', clock.now());
    const made = report('created', `The demo world was made for ${today}.`, plan, {
      durationMs,
      hubs,
      mid,
    });
    logger.info(
      {
        seed,
        travellers: made.contents?.ees.travellers,
        crossings: (made.contents?.ees.entries ?? 0) + (made.contents?.ees.exits ?? 0),
        overstayersFlagged: flagged.value,
        alerts: made.contents?.sis.alerts,
        eurodacDatasets: eurodac.ids.size,
        eurodacHits: eurodac.hits,
        etiasApplications: etias.accepted,
        etiasByStatus: etias.byStatus,
        etiasMs,
        midMs,
        ringReads: ring?.reads ?? 0,
        durationMs,
      },
      'demo world created',
    );
    return made;
  } catch (err) {
    await finishMarker(db, 'failed', clock.now()).catch(() => undefined);
    throw err;
  }
}

/** The scale path: the world written through the bulk importer (the marker is claimed already). */
async function createScaledWorld(
  services: Services,
  options: CreateDemoWorldOptions,
  at: { seed: string; today: string; started: Date },
): Promise<DemoWorldReport> {
  const { clock, writes, logger, database } = services;
  try {
    // The demo users of the things to try (border guards, SIRENE bureaux) exist at scale too.
    const actors = await demoActors(services.access);
    const written = await writeScaledWorld(services, {
      seed: at.seed,
      today: at.today,
      travellers: options.scale ?? 0,
      ...(options.scaleAlerts === undefined ? {} : { alerts: options.scaleAlerts }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.applyInProcess === undefined ? {} : { applyInProcess: options.applyInProcess }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    // The daily overstayer job (EES art. 12(1)) flags the stays that ended without exit.
    await writes.run(null, (trx) => services.ees.flagOverstayers(trx, at.today));
    // Eurodac: the standard world's datasets (the importer carried the SIS photographs; EES files have none).
    await writeEurodac(
      services.eurodac,
      written.plan.biometrics.eurodac,
      actors.asylum,
      new SyntheticBiometrics({ dimensions: services.sbms.settings.dimensions }),
    );
    // ETIAS: the standard world's applications (the planted cases), processed against the loaded systems.
    await writeEtias(services, written.plan, {
      ...(options.applyInProcess === undefined ? {} : { applyInProcess: options.applyInProcess }),
    });
    const mid = await writeMid(
      services,
      written.plan.mid,
      actors,
      new SyntheticBiometrics({ dimensions: services.sbms.settings.dimensions }),
    );
    const hubs = await runHubs(services, options);
    if (options.hubs !== null) {
      await writeRing(services, actors, at.today);
    }
    const durationMs = clock.now().getTime() - at.started.getTime();
    await finishMarker(database.db, 'complete', clock.now());
    const scale = {
      travellers: written.ees.accepted + written.ees.skipped,
      crossings: written.ees.records,
      refusals: written.ees.refusals,
      alerts: written.sis.accepted + written.sis.skipped,
      rejected: written.ees.rejected + written.sis.rejected,
    };
    logger.info({ seed: at.seed, ...scale, durationMs }, 'demo world created at scale');
    return report('created', `The demo world was made for ${at.today} at scale.`, written.plan, {
      durationMs,
      hubs,
      scale,
      mid,
    });
  } catch (err) {
    await finishMarker(database.db, 'failed', clock.now()).catch(() => undefined);
    throw err;
  }
}

function runHubs(services: Services, options: CreateDemoWorldOptions): Promise<unknown> {
  const hook = options.hubs === undefined ? demoHubs : options.hubs;
  return hook === null ? Promise.resolve(null) : hook(services);
}
