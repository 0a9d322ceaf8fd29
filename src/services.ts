import path from 'node:path';

import { AccessService, ACCESS_SCHEMA, accessMigrations } from './contexts/access/index.ts';
import { AuditLog, AUDIT_SCHEMA, auditMigrations } from './contexts/audit/index.ts';
import {
  CIR_SCHEMA,
  CirQueries,
  CirService,
  cirLookup,
  cirMigrations,
  cirQueryMigrations,
} from './contexts/cir/index.ts';
import { EesService, EES_SCHEMA, eesMigrations } from './contexts/ees/index.ts';
import { DEFAULT_SEARCH_PROFILES, EspService } from './contexts/esp/index.ts';
import {
  createRulesParts,
  DEFAULT_ETIAS_SETTINGS,
  ETIAS_SCHEMA,
  EtiasQueries,
  EtiasService,
  etiasMigrations,
  EtiasManualService,
  type ScreeningRules,
  type Watchlist,
  RetentionConsent,
  SourceDeletedRule,
} from './contexts/etias/index.ts';
import { EurodacService, EURODAC_SCHEMA, eurodacMigrations } from './contexts/eurodac/index.ts';
import { IdentityIndexService, MATCHING_SCHEMA, matchingMigrations } from './contexts/matching/index.ts';
import { MID_SCHEMA, MidService, midMigrations, type MidLinkNotices } from './contexts/mid/index.ts';
import {
  createUsearchIndex,
  DEFAULT_SBMS_SETTINGS,
  SbmsService,
  SBMS_SCHEMA,
  sbmsMigrations,
} from './contexts/sbms/index.ts';
import { DEFAULT_SIS_SETTINGS, SisService, SIS_SCHEMA, sisMigrations } from './contexts/sis/index.ts';
import { BorderCheck } from './flows/border-check/index.ts';
import { HubsService, HUBS_SCHEMA, hubsMigrations } from './contexts/hubs/index.ts';
import { HomeCounters } from './flows/home/index.ts';
import { NetworkMap } from './flows/network/index.ts';
import { Retention } from './flows/retention.ts';
import { Changes } from './platform/changes/index.ts';
import { assertHeapFits } from './platform/memory.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { migrate, openDatabase, type Database, type MigrationSet } from './platform/database/index.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { PLATFORM_SCHEMA, platformMigrations, Writes } from './platform/writes.ts';
import {
  eesSystem,
  etiasSystem,
  eurodacSystem,
  followSisRefusalAlerts,
  hubsSystem,
  midSystem,
  sisSystem,
  Systems,
} from './systems/index.ts';

/** Every context's migrations, in the order they run (a context after the ones it references). */
export const MIGRATION_SETS: readonly MigrationSet[] = Object.freeze([
  { schema: PLATFORM_SCHEMA, migrations: platformMigrations },
  { schema: AUDIT_SCHEMA, migrations: auditMigrations },
  { schema: ACCESS_SCHEMA, migrations: accessMigrations },
  { schema: MATCHING_SCHEMA, migrations: matchingMigrations },
  { schema: SBMS_SCHEMA, migrations: sbmsMigrations },
  { schema: EES_SCHEMA, migrations: eesMigrations },
  { schema: SIS_SCHEMA, migrations: sisMigrations },
  { schema: HUBS_SCHEMA, migrations: hubsMigrations },
  { schema: ETIAS_SCHEMA, migrations: etiasMigrations },
  { schema: EURODAC_SCHEMA, migrations: eurodacMigrations },
  { schema: CIR_SCHEMA, migrations: { ...cirMigrations, ...cirQueryMigrations } },
  { schema: MID_SCHEMA, migrations: midMigrations },
]);

export interface Services {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly writes: Writes;
  /** The change feed that keeps every node's in-process read models current. */
  readonly changes: Changes;
  readonly audit: AuditLog;
  readonly access: AccessService;
  readonly ees: EesService;
  readonly borderCheck: BorderCheck;
  readonly retention: Retention;
  readonly esp: EspService;
  /** The live identity index (matching context), built from the database at start. */
  readonly identityIndex: IdentityIndexService;
  /** The shared biometric matching service (templates of EES, SIS and Eurodac; 1:1 and 1:N). */
  readonly sbms: SbmsService;
  readonly sis: SisService;
  /** Logistics-hub vehicle checks, with the one live SIS object index of the process. */
  readonly hubs: HubsService;
  /** ETIAS travel authorisations: applications, automated processing against every system, queues. */
  readonly etias: EtiasService;
  /** The ETIAS National Units' manual processing (arts. 26-44): queue, requests, consultations, decisions. */
  readonly etiasManual: EtiasManualService;
  /** Art. 41(3): new SIS refusal alerts sent to revocation review; `idle()` resolves once all are handled. */
  readonly etiasSisRevocation: { stop(): void; idle(): Promise<void> };
  /** ETIAS screening rules (art. 33) and watchlist (arts. 34-35), their checks plugged into `etias`. */
  readonly etiasRules: ScreeningRules;
  readonly etiasWatchlist: Watchlist;
  /** ETIAS as the border, carriers, immigration and the search portal consult it (arts. 45, 47, 49). */
  readonly etiasQueries: EtiasQueries;
  /** The applicant's consent to keep the file after the authorisation expires (ETIAS art. 54(2)). */
  readonly etiasRetentionConsent: RetentionConsent;
  /** Eurodac (Reg. (EU) 2024/1358): datasets compared through `sbms`, hits, marking, law-enforcement access. */
  readonly eurodac: EurodacService;
  /** The common identity repository: one file per source record, following the sources (2019/817 arts. 17-18). */
  readonly cir: CirService;
  /** The CIR's own queries: police identification (art. 20), the law-enforcement flag search (art. 22). */
  readonly cirQueries: CirQueries;
  /** The multiple-identity detector: links between records of different systems (2019/817 arts. 25-36). */
  readonly mid: MidService;
  /** The figures of each role's home screen, asked of the contexts above. */
  readonly home: HomeCounters;
  /** The network map of linked alerts, hits, hub reads and MID links (SIRENE and police). */
  readonly network: NetworkMap;
  close(): Promise<void>;
}

/**
 * The composition root: opens the database, applies migrations and wires every service with exactly the
 * dependencies it uses. The HTTP app and the CLI both start from here.
 */
export async function createServices(
  config: Config,
  overrides: {
    clock?: Clock;
    logger?: Logger;
    database?: Database;
    /**
     * Build the EES and SIS read models (default true). A command-line process (import, demo, retention)
     * writes and reads the tables and skips them: at a million files they take minutes and gigabytes.
     */
    readModels?: boolean;
  } = {},
): Promise<Services> {
  const logger = overrides.logger ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;
  const database = overrides.database ?? (await openDatabase(config, logger));
  try {
    await migrate(database.db, MIGRATION_SETS, logger);
  } catch (err) {
    await database.close();
    throw err;
  }
  const changes = new Changes({ database, logger, listenUrl: config.databaseUrl });
  const writes = new Writes({
    database,
    clock,
    idempotencyTtlHours: config.idempotencyTtlHours,
    changes,
  });
  const audit = new AuditLog({ database, clock, logger, config });
  // Several nodes append to one chain: a node with another audit key must not start (docs/operations.md).
  try {
    await audit.assertKeyMatchesChain();
  } catch (err) {
    await database.close();
    throw err;
  }
  const access = new AccessService({
    database,
    clock,
    audit,
    writes,
    tokenTtlSeconds: config.tokenTtlSeconds,
    tokenSecret: config.tokenSecret,
    loginThrottle: config.loginThrottle,
  });
  const identityIndex = new IdentityIndexService({ database, audit, logger, changes });
  const sbms = new SbmsService({
    database,
    changes,
    logger,
    settings: { ...DEFAULT_SBMS_SETTINGS, ...config.biometrics },
    // The approximate graph index (usearch, i8), its candidates re-ranked exactly (docs/biometrics.md).
    indexFactory: createUsearchIndex,
    indexKind: 'usearch',
    snapshotDir: path.join(config.dataDir, 'sbms'),
  });
  const ees = new EesService({
    database,
    clock,
    audit,
    writes,
    logger,
    identityIndex,
    changes,
    appealTexts: config.refusalAppealTexts,
    // Files' face and finger templates, in the `ees` partition (2019/817 art. 13(1)).
    biometrics: sbms,
  });
  const borderCheck = new BorderCheck({ audit, clock, database, biometrics: sbms });
  const retention = new Retention({ database, clock, audit, logger, changes });
  // The MID's notices (art. 26) for the portal and the SIS person search; the MID itself is built below, with
  // the CIR it follows, and is asked only once requests arrive.
  const linkNotices: MidLinkNotices = { noticesFor: (...args) => mid.noticesFor(...args) };
  const sis = new SisService({
    database,
    clock,
    audit,
    writes,
    settings: DEFAULT_SIS_SETTINGS,
    identityIndex,
    changes,
    biometrics: sbms,
    linkNotices,
  });
  const esp = new EspService({
    audit,
    logger,
    profiles: DEFAULT_SEARCH_PROFILES,
    sourceTimeoutMs: config.espSourceTimeoutMs,
    biometrics: sbms,
    linkNotices,
  });
  const etias = new EtiasService({
    database,
    clock,
    audit,
    writes,
    logger,
    settings: DEFAULT_ETIAS_SETTINGS,
    identityIndex,
    changes,
  });
  const etiasManual = new EtiasManualService({
    database,
    clock,
    audit,
    writes,
    logger,
    settings: DEFAULT_ETIAS_SETTINGS,
    identityIndex,
    changes,
  });
  const { rules: etiasRules, watchlist: etiasWatchlist } = createRulesParts(etias, {
    database,
    clock,
    audit,
    writes,
    identityIndex,
  });
  // Art. 41(4): a new watchlist entry matching a valid authorisation opens a revocation review at the
  // National Unit of the state that entered it (for Europol's, the applicant's state of intended first stay).
  etiasWatchlist.onWatchlistMatchOfValidAuthorisation(async (m) => {
    await etiasManual.reviewForRevocation(m.applicationId, {
      trigger: 'watchlist-entry',
      recordRef: `watchlist:${m.entryId}`,
      memberState: m.memberState,
    });
  });
  // The border, carrier and portal queries of ETIAS (arts. 45, 47, 49), and its 7-day rule (art. 54(1)(b)).
  const etiasQueries = new EtiasQueries({
    etias,
    database,
    clock,
    audit,
    settings: DEFAULT_ETIAS_SETTINGS,
    identityIndex,
  });
  const etiasSourceDeleted = new SourceDeletedRule({ changes });
  // The CIR follows the sources through the change feed; the MID detects links in each of its steps.
  const cir = new CirService({ database, changes, logger });
  const mid = new MidService({ database, clock, audit, logger, writes, biometrics: sbms, identityIndex });
  cir.onFilesChanged(mid.listener);
  const cirQueries = new CirQueries({
    database,
    clock,
    audit,
    writes,
    biometrics: sbms,
    lookup: cirLookup({ files: cir, identityIndex }),
    // Red links shown with every CIR query's matches (art. 26(2)).
    linkNotices,
  });
  // Erasure in an indexed system removes that system's identities from the index (product principle 5).
  const systems = new Systems({
    esp,
    borderCheck,
    retention,
    identityIndex,
    biometrics: sbms,
    etias: {
      addCheck: (check) => etias.addCheck(check),
      addRecordSource: (source) => etiasSourceDeleted.addRecordSource(source),
    },
    cir,
  });
  retention.register({
    id: 'audit.log',
    system: 'audit',
    description: 'Access-log records whose own retention period has ended',
    legalBasis: 'Reg. (EU) 2018/1862 art. 12(4); Reg. (EU) 2017/2226 art. 46(4)',
    erase: async (trx, today) => ({ erased: await audit.prune(trx, today), refs: [] }),
  });
  retention.register({
    id: 'access.revoked-tokens',
    system: 'access',
    description: 'Revocations of tokens that have expired anyway',
    legalBasis: 'Interlink configuration INTERLINK_TOKEN_TTL_SECONDS',
    erase: async (trx) => ({ erased: await access.purgeRevokedTokens(trx), refs: [] }),
  });
  retention.register({
    id: 'access.login-throttle',
    system: 'access',
    description:
      'Collapsed audit records of failed logins whose window closed; ended locks and rate-limit windows',
    legalBasis:
      'Interlink configuration INTERLINK_LOGIN_AUDIT_WINDOW_SECONDS, INTERLINK_RATE_LIMIT_WINDOW_SECONDS',
    erase: async (trx) => ({ erased: await access.purgeLoginThrottles(trx), refs: [] }),
  });
  retention.register({
    id: 'platform.idempotency-keys',
    system: 'platform',
    description: 'Idempotency keys older than their time to live',
    legalBasis: 'Interlink configuration INTERLINK_IDEMPOTENCY_TTL_HOURS',
    erase: async (trx) => ({ erased: await writes.expire(trx), refs: [] }),
  });
  retention.register({
    id: 'platform.change-feed',
    system: 'platform',
    description: 'Changes of the change feed older than a day (every node has applied them long before)',
    legalBasis: 'Interlink operation: the database stays the truth; the feed only carries references',
    erase: async (trx) => ({ erased: await changes.prune(trx), refs: [] }),
  });
  // Each system plugs into the portal, the border check, the identity index and the retention run through
  // its adapter (src/systems/, see docs/architecture.md); its retention rules run after the platform's.
  systems.register(eesSystem(ees, sbms));
  systems.register(sisSystem(sis, identityIndex, sbms));
  const eurodac = new EurodacService({
    database,
    clock,
    audit,
    writes,
    biometrics: sbms,
    changes,
    identityIndex,
  });
  systems.register(eurodacSystem(eurodac));
  // After EES, SIS and ETIAS in the border check: the links of the records they found (SBC art. 8(4a)).
  systems.register(midSystem(mid));
  systems.register(
    etiasSystem(etias, {
      queries: etiasQueries,
      sourceDeleted: etiasSourceDeleted,
      border: { transitionalUntil: config.etiasTransitionalUntil },
    }),
  );
  const hubs = new HubsService({ database, clock, audit, writes, access, sis, logger, changes });
  // A start that cannot hold its read models says so now, with the heap it needs, rather than minutes later.
  try {
    assertHeapFits([
      await identityIndex.footprint(),
      ...(await sbms.footprint()),
      ...(overrides.readModels === false
        ? []
        : [await ees.readModelFootprint(), await sis.readModelFootprint()]),
    ]);
  } catch (err) {
    await database.close();
    throw err;
  }
  // The read models load from the tables after the feed's head is noted, then follow the feed from there.
  await changes.start(async () => {
    await identityIndex.start();
    await sbms.start();
    if (overrides.readModels !== false) {
      await ees.buildReadModel();
      await sis.buildReadModel();
    }
  });
  // The files catch up with what the feed brought during the start (built from the sources the first time).
  await cir.sync();
  await hubs.start();
  systems.register(hubsSystem(hubs));
  const etiasSisRevocation = followSisRefusalAlerts({
    sis,
    etias,
    manual: etiasManual,
    logger,
  });
  return {
    config,
    database,
    clock,
    logger,
    writes,
    changes,
    audit,
    access,
    ees,
    borderCheck,
    retention,
    esp,
    identityIndex,
    sbms,
    sis,
    hubs,
    etias,
    etiasManual,
    etiasSisRevocation,
    etiasRules,
    etiasWatchlist,
    etiasQueries,
    etiasRetentionConsent: new RetentionConsent({ database, audit, etias }),
    eurodac,
    cir,
    cirQueries,
    mid,
    home: new HomeCounters({ access, sis, hubs, ees, audit }),
    network: new NetworkMap({ sis, hubs, mid, audit, clock }),
    close: async () => {
      hubs.stop();
      etiasSisRevocation.stop();
      await etiasSisRevocation.idle();
      await changes.close();
      sbms.close();
      await audit.flush();
      return database.close();
    },
  };
}
