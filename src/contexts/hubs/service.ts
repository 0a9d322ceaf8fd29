import type { Actor, Purpose } from '../access/index.ts';
import type { ErasureCascade, RetentionRule } from '../../platform/retention.ts';
import { HUB_LEGAL_BASIS, type Call, type HubsContext, type HubsServiceDeps } from './context.ts';
import {
  countUnacknowledged,
  deskUsers,
  handleHit,
  openLive,
  recentHits,
  subscribe,
  type HubHitListOptions,
  type LiveGrant,
} from './hits.ts';
import { createHub, findHub, getHub, listHubs } from './hubs.ts';
import { ingestBatch, ingestLines, openStream, reportPendingHits, type IngestResult } from './ingest.ts';
import { LiveHits, type LiveSubscriber } from './live.ts';
import { HubMatcher } from './matcher.ts';
import type { HitAction, Hub, HubHit, HubInput, PortCall, PortCallSummary } from './model.ts';
import { getPortCall, listPortCalls, recordPortCall } from './port-calls.ts';
import { HubsRepository } from './repository.ts';
import type { ReadIssue } from './validate.ts';
import { networkFacts, type HubsNetworkFacts } from './network.ts';

export type { Call, HubsServiceDeps, IngestResult, LiveGrant };

/**
 * The logistics-hub vehicle checks: hubs with gates and cameras, the ingestion of plate reads (batches and a
 * continuous stream), matching against SIS vehicle, plate, trailer and container alerts with ONE live object
 * index per process, the hit record (reported through the SIS hit procedure, so the SIRENE exchange opens),
 * and the live feeds of the hub desk and the police.
 */
export class HubsService {
  readonly #deps: HubsServiceDeps;
  readonly #repo = new HubsRepository();
  readonly #live = new LiveHits();
  readonly #ctx: HubsContext;
  #matcher: HubMatcher | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(deps: HubsServiceDeps) {
    this.#deps = deps;
    this.#ctx = { ...deps, repo: this.#repo, live: this.#live, matcher: () => this.matcher };
  }

  /**
   * Builds the live object index from SIS and follows every later alert change. Changes announced while the
   * index is being built are applied after it, in order, so none is lost.
   */
  async start(): Promise<void> {
    const early: Parameters<HubMatcher['apply']>[0][] = [];
    this.#unsubscribe = this.#deps.sis.onAlertChange((change) => {
      if (this.#matcher === null) {
        early.push(change);
      } else {
        this.#matcher.apply(change);
      }
    });
    const matcher = new HubMatcher(await this.#deps.sis.buildObjectIndex());
    for (const change of early) {
      matcher.apply(change);
    }
    this.#matcher = matcher;
    // Hits recorded before a crash but not yet reported to SIS are reported now.
    await this.reportPendingHits();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** The matcher (for the benchmark and diagnostics); the service must have been started. */
  get matcher(): HubMatcher {
    if (this.#matcher === null) {
      throw new Error('HubsService.start() was not awaited');
    }
    return this.#matcher;
  }

  /** The live feeds (for tests and diagnostics). */
  get live(): LiveHits {
    return this.#live;
  }

  /** Erased SIS alerts leave the live index when their erasure commits (product principle 5). */
  erasureCascade(): ErasureCascade {
    return {
      id: 'hubs.object-index',
      onErased: () => Promise.resolve(0),
      afterCommit: (system, refs) => {
        if (system === 'sis') {
          this.#matcher?.remove(refs);
        }
      },
    };
  }

  retentionRules(): RetentionRule[] {
    return [
      {
        id: 'hubs.hits',
        system: 'hubs',
        description:
          "Hub records of hits past their hub's retention period (the SIS hit follows the SIS rules)",
        legalBasis: HUB_LEGAL_BASIS,
        erase: async (trx, day) => {
          const refs = await this.#repo.eraseHits(trx, day);
          return { erased: refs.length, refs };
        },
      },
      {
        id: 'hubs.port-calls',
        system: 'hubs',
        description:
          "Port calls with the containers discharged, past the hub's hit retention counted from the departure",
        legalBasis: HUB_LEGAL_BASIS,
        erase: async (trx, day) => {
          const refs = await this.#repo.erasePortCalls(trx, day);
          return { erased: refs.length, refs };
        },
      },
      {
        id: 'hubs.plate-reads',
        system: 'hubs',
        description: "Plain no-hit plate reads kept under a hub's policy, past their retention period",
        legalBasis: HUB_LEGAL_BASIS,
        erase: async (trx, day) => {
          const refs = await this.#repo.eraseReads(trx, day);
          return { erased: refs.length, refs };
        },
      },
    ];
  }

  // Hubs (hubs.ts).

  /** Enters a hub with its gates, cameras and policy (administrators). */
  createHub(call: Call & { hub: HubInput }): Promise<Hub> {
    return createHub(this.#ctx, call);
  }

  /** The hub if it exists, else null; for idempotent set-up (the demo world). */
  findHub(id: string): Promise<Hub | null> {
    return findHub(this.#ctx, id);
  }

  /** The hubs the actor works at or oversees: a hub operator its own, the police those of its state. */
  listHubs(call: Call): Promise<{ hubs: Hub[] }> {
    return listHubs(this.#ctx, call);
  }

  getHub(call: Call & { hubId: string }): Promise<Hub> {
    return getHub(this.#ctx, call);
  }

  // Reads (ingest.ts).

  /**
   * Checks a batch of reads from a hub's cameras and matches every candidate of every read against the SIS
   * object alerts; the whole batch is refused when a read is not valid. With an `Idempotency-Key` a retry gets
   * the first answer and nothing is matched twice.
   */
  ingestBatch(call: Call & { hubId: string; reads: unknown; idempotencyKey?: string | null }): Promise<{
    result: IngestResult;
    replayed: boolean;
  }> {
    return ingestBatch(this.#ctx, call);
  }

  /** Checks access to a hub's continuous read stream before the stream is opened. */
  openStream(call: Call & { hubId: string }): Promise<{ hub: Hub; purpose: Purpose | null }> {
    return openStream(this.#ctx, call);
  }

  /** One chunk of a continuous stream: a bad line is answered and skipped, the valid reads are matched. */
  ingestLines(
    call: Call,
    stream: { hub: Hub; purpose: Purpose | null },
    lines: ReadonlyArray<{ line: number; value: unknown }>,
  ): Promise<{ result: IngestResult; issues: ReadIssue[] }> {
    return ingestLines(this.#ctx, call, stream, lines);
  }

  /** Reports hits left pending (e.g. by a crash between recording and reporting). */
  reportPendingHits(): Promise<number> {
    return reportPendingHits(this.#ctx);
  }

  // Port calls (port-calls.ts).

  /**
   * Records a port call at a seaport hub (the port's own system or the simulator): the vessel, arrival and
   * departure, previous ports of call and the containers discharged. With an `Idempotency-Key` a retry gets
   * the first answer and records nothing twice.
   */
  recordPortCall(
    call: Call & { hubId: string; portCall: unknown; idempotencyKey?: string | null },
  ): Promise<{ portCall: PortCall; replayed: boolean }> {
    return recordPortCall(this.#ctx, call);
  }

  /** A page of a hub's port calls, the latest arrival first. */
  listPortCalls(
    call: Call & { hubId: string; limit?: number; offset?: number },
  ): Promise<{ portCalls: PortCallSummary[]; total: number }> {
    return listPortCalls(this.#ctx, call);
  }

  /** One port call with the containers it discharged. */
  getPortCall(call: Call & { hubId: string; portCallId: string }): Promise<PortCall> {
    return getPortCall(this.#ctx, call);
  }

  // Hits and live feeds (hits.ts).

  /** A page of a hub's hits: the desk sees its own without police-only ones; the police see all. */
  recentHits(call: Call & { hubId: string } & HubHitListOptions): Promise<{ hits: HubHit[]; total: number }> {
    return recentHits(this.#ctx, call);
  }

  /** Checks access to a hub's live feed and logs its opening; subscribe with {@link subscribe} afterwards. */
  openLive(call: Call & { hubId: string }): Promise<LiveGrant> {
    return openLive(this.#ctx, call);
  }

  subscribe(grant: LiveGrant, deliver: LiveSubscriber['deliver']): () => void {
    return subscribe(this.#ctx, grant, deliver);
  }

  /** The desk's handling of a hit: acknowledge, assign to a desk officer, or dismiss with the reason. */
  handleHit(
    call: Call & { hubId: string; hitId: string; action: HitAction; assignee?: string; reason?: string },
  ): Promise<HubHit> {
    return handleHit(this.#ctx, call);
  }

  /** The desk officers a hit can be assigned to: the active hub-operator users of the hub's authority. */
  deskUsers(
    call: Call & { hubId: string },
  ): Promise<{ users: Array<{ username: string; displayName: string }> }> {
    return deskUsers(this.#ctx, call);
  }

  /** Hits not yet acknowledged at the hubs the actor's authority operates, as a figure (home counter). */
  countUnacknowledged(actor: Actor): Promise<number> {
    return countUnacknowledged(this.#ctx, actor);
  }

  /**
   * The hub passages (hits, and kept reads of the given objects) of a period, for the network map. Internal:
   * the network flow checks access and logs the answer.
   */
  networkFacts(query: {
    from: Date;
    to: Date;
    objects: ReadonlySet<string>;
    limit: number;
  }): Promise<HubsNetworkFacts> {
    return networkFacts(this.#ctx, query);
  }

  /** Number of no-hit reads a hub keeps under its policy (diagnostics and tests). */
  storedReadCount(hubId: string): Promise<number> {
    return this.#repo.countReads(this.#deps.database.db, hubId);
  }
}
