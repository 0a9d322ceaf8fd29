import type { SystemCode } from '../contexts/access/index.ts';
import type { CirSource } from '../contexts/cir/index.ts';
import type { EspService, SearchSource } from '../contexts/esp/index.ts';
import type { EtiasCheck, RecordPresence } from '../contexts/etias/index.ts';
import type { IdentityIndexService } from '../contexts/matching/index.ts';
import type { BiometricMatching, Partition } from '../contexts/sbms/index.ts';
import type { StatsSource } from '../contexts/stats/index.ts';
import type { BorderCheck, BorderCheckStep } from '../flows/border-check/index.ts';
import type { Retention } from '../flows/retention.ts';
import type { ErasureCascade, RetentionRule } from '../platform/retention.ts';

/**
 * How a system's records take part in the shared identity index (matching context; MID and CIR build on it).
 * The system stages its identities with `IdentityIndexService.stage`/`stageRemoval` inside its own write
 * transactions and applies them after the commit (the context receives the index as a dependency); when the
 * retention run erases its records, their identities leave the index in the same transaction.
 */
export interface IdentityHooks {
  /**
   * The system its identities are filed under in the index (`matching.identity.system`, the record reference
   * being the erased record's id); absent for a system that files none.
   */
  readonly indexSystem?: string;
  /** Holders of copies of other systems' records in this system, which forget them when those are erased. */
  readonly erasureCascades?: readonly ErasureCascade[];
}

/**
 * One system as it plugs into the installation: its part of the search portal, of the border check, of the
 * identity index and of the retention run. Each part is optional (a hub has no portal source; ETIAS will have
 * no vehicle search). A new system is one module exporting one of these and one `systems.register(...)` call
 * in `src/services.ts`; no flow changes.
 */
export interface SystemAdapter {
  readonly system: SystemCode;
  /** Answers portal queries (2019/817 art. 9). */
  readonly searchSource?: SearchSource;
  /** Its part of the check at the border (SBC art. 8). */
  readonly borderStep?: BorderCheckStep;
  /** Its part of ETIAS automated processing (2018/1240 art. 20): compares an application with its records. */
  readonly etiasCheck?: EtiasCheck;
  /** Which of its records hit by ETIAS it no longer holds (2018/1240 art. 54(1)(b): the 7-day rule). */
  readonly etiasRecords?: RecordPresence;
  readonly identity?: IdentityHooks;
  /**
   * Its partition of the shared biometric matching service (2019/817 art. 13(1)): the system enrols its
   * records' templates there with `BiometricMatching.enrol` in its own write transactions, and the retention
   * run's erasure of its records removes their templates in the same transaction (art. 15 [K]).
   */
  readonly biometrics?: { readonly partition: Partition };
  /**
   * Its individual files in the common identity repository (2019/817 and 2019/818 art. 18; SIS person alerts
   * for the multiple-identity detector, art. 27): the CIR follows the named change-feed topics and reads the
   * files through `load`, so that files and MID links follow every create, update and erasure of the source.
   */
  readonly cir?: CirSource;
  /**
   * Its anonymous facts for the central repository for reporting and statistics (2019/817 art. 39): the
   * repository follows the named change-feed topics and keeps its aggregates current from them.
   */
  readonly stats?: StatsSource;
  /** Its retention rules, in the order they must run. */
  readonly retentionRules?: readonly RetentionRule[];
}

/** The flows a system plugs into. */
export interface SystemHosts {
  readonly esp: EspService;
  readonly borderCheck: BorderCheck;
  readonly retention: Retention;
  /** ETIAS automated processing, which every system with an `etiasCheck` joins (absent without ETIAS). */
  readonly etias?: { addCheck(check: EtiasCheck): void; addRecordSource?(source: RecordPresence): void };
  /** The common identity repository, which every system with a `cir` source feeds (absent without it). */
  readonly cir?: { addSource(source: CirSource): void };
  /** The statistics repository, which every system with a `stats` source feeds (absent without it). */
  readonly stats?: { addSource(source: StatsSource): void };
}

/**
 * The systems of the installation, plugged into the flows one adapter at a time. Erasure of an indexed
 * system's records reaches the identity index through one cascade (product principle 5).
 */
export class Systems {
  readonly #hosts: SystemHosts;
  readonly #indexed = new Set<string>();
  readonly #adapters: SystemAdapter[] = [];

  readonly #partitions = new Map<string, Partition>();

  constructor(hosts: SystemHosts & { identityIndex?: IdentityIndexService; biometrics?: BiometricMatching }) {
    this.#hosts = hosts;
    if (hosts.biometrics !== undefined) {
      hosts.retention.registerCascade(
        hosts.biometrics.erasureCascade((system) => this.#partitions.get(system)),
      );
    }
    const index = hosts.identityIndex?.erasureCascade();
    if (index !== undefined) {
      hosts.retention.registerCascade({
        id: index.id,
        onErased: (trx, system, refs) =>
          this.#indexed.has(system) ? index.onErased(trx, system, refs) : Promise.resolve(0),
        afterCommit: (system, refs) =>
          this.#indexed.has(system) ? index.afterCommit(system, refs) : undefined,
      });
    }
  }

  /** Plugs one system into the portal, the border check, the identity index's erasure and the retention run. */
  register(adapter: SystemAdapter): void {
    if (this.#adapters.some((a) => a.system === adapter.system)) {
      throw new Error(`system ${adapter.system} registered twice`);
    }
    this.#adapters.push(adapter);
    const { esp, borderCheck, retention } = this.#hosts;
    if (adapter.searchSource) {
      esp.register(adapter.searchSource);
    }
    if (adapter.borderStep) {
      borderCheck.addStep(adapter.borderStep);
    }
    if (adapter.etiasCheck) {
      if (this.#hosts.etias === undefined) {
        throw new Error(`system ${adapter.system} brings an ETIAS check but ETIAS is not installed`);
      }
      this.#hosts.etias.addCheck(adapter.etiasCheck);
    }
    if (adapter.etiasRecords) {
      this.#hosts.etias?.addRecordSource?.(adapter.etiasRecords);
    }
    if (adapter.cir !== undefined) {
      this.#hosts.cir?.addSource(adapter.cir);
    }
    if (adapter.stats !== undefined) {
      this.#hosts.stats?.addSource(adapter.stats);
    }
    if (adapter.biometrics !== undefined) {
      this.#partitions.set(adapter.system, adapter.biometrics.partition);
    }
    if (adapter.identity?.indexSystem !== undefined) {
      this.#indexed.add(adapter.identity.indexSystem);
    }
    for (const cascade of adapter.identity?.erasureCascades ?? []) {
      retention.registerCascade(cascade);
    }
    for (const rule of adapter.retentionRules ?? []) {
      retention.register(rule);
    }
  }

  /** The systems plugged in, in the order they were registered. */
  get registered(): readonly SystemAdapter[] {
    return this.#adapters;
  }
}
