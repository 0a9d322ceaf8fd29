import type { RetentionRule } from '../../platform/retention.ts';
import { requireAccess, SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import * as alerts from './alerts.ts';
import { sisCatalogue, type SisCatalogue } from './catalogue.ts';
import type { IndexChange } from '../matching/index.ts';
import type { BulkWriter } from '../../platform/database/bulk.ts';
import type { Executor } from '../../platform/database/index.ts';
import {
  insertPreparedAlerts,
  prepareImportedAlert,
  storedAlertIds,
  type ImportedAlert,
  type PreparedImportedAlert,
} from './bulk.ts';
import {
  ALERTS_TOPIC,
  ALERT_MANAGEMENT,
  recordAlertChanges,
  log,
  today,
  type Call,
  type SisContext,
  type SisServiceDeps,
  type WriteCall,
} from './context.ts';
import * as counts from './counts.ts';
import * as hits from './hits.ts';
import type { AlertInput, CheckInformation, HitLocation } from './model.ts';
import { ObjectIndex, type IndexedKind } from './object-index.ts';
import { presentAlert, summariseAlert, type AlertSummary, type AlertView } from './present.ts';
import { SisReadModel } from './read-model.ts';
import type { Footprint } from '../../platform/memory.ts';
import { SisRepository } from './repository.ts';
import * as review from './review.ts';
import { searchDocuments, searchVehicles, type VehicleQuery } from './search-objects.ts';
import { searchPersons, type PersonQuery } from './search-persons.ts';
import { withLinks } from './links.ts';
import { searchBiometric } from './search-biometric.ts';
import { alertsWithIdentifier, networkFacts, type SisNetworkFacts } from './network.ts';
import type { Template } from '../sbms/index.ts';
import type { AlertCategory, ObjectType } from './model.ts';

/** A committed change of an alert: its content after the change, or null once it is deleted. */
export interface AlertChange {
  alertId: string;
  alert: AlertView | null;
}

/**
 * The SIS use cases: alerts (enter, change, delete, read), searches (persons, documents, vehicles and
 * containers), the hit procedure with the SIRENE supplementary-information exchange, and review and
 * deletion. Each method checks access first and logs in the same transaction; the work is done in the
 * use-case modules.
 */
export class SisService {
  readonly #ctx: SisContext;
  readonly #listeners = new Set<(change: AlertChange) => void>();
  readonly #model: SisReadModel | null = null;

  constructor(deps: SisServiceDeps) {
    const repo = new SisRepository();
    this.#ctx = { ...deps, repo, reads: repo };
    if (deps.changes !== undefined) {
      const model = new SisReadModel(repo, deps.database.db);
      this.#model = model;
      // Until it is built (never, in a command-line process) the model ignores changes: it is not read.
      deps.changes.register(ALERTS_TOPIC, {
        name: 'sis.read-model',
        apply: (ids) => (this.#ctx.readModel === model ? model.reload(ids) : Promise.resolve()),
      });
      // Alert changes are announced from the feed: on every node, and erasures too.
      deps.changes.register(ALERTS_TOPIC, {
        name: 'sis.alert-changes',
        apply: (ids) => this.#announce(ids),
      });
    }
  }

  /**
   * Loads the read model of alerts and identifiers (at start, before the change feed is followed); the
   * searches use it from then on, and read the tables until then (or in a process that never builds it).
   */
  async buildReadModel(): Promise<number> {
    const model = this.#model;
    if (model === null) {
      return 0;
    }
    const n = await model.build();
    this.#ctx.readModel = model;
    this.#ctx.reads = model;
    return n;
  }

  /**
   * What the read model holds once built: every alert, about 2.5 KB of heap each with its identifiers, names
   * and trigrams (measured at a million alerts of the demo's mix; docs/benchmarks.md).
   */
  async readModelFootprint(): Promise<Footprint> {
    const alerts = await this.#ctx.repo.alertCount(this.#ctx.database.db);
    return { what: 'SIS alerts', items: alerts, bytesPerItem: 2_500 };
  }

  /** Reloads the changed alerts by id (one query per table) and tells the listeners; a missing one is deleted. */
  async #announce(ids: readonly string[]): Promise<void> {
    if (this.#listeners.size === 0) {
      return;
    }
    const db = this.#ctx.database.db;
    for (let i = 0; i < ids.length; i += 5000) {
      const chunk = ids.slice(i, i + 5000);
      const rows = await this.#ctx.repo.findAlerts(db, chunk);
      const links = await this.#ctx.repo.linksOf(db, chunk);
      const found = new Map(rows.map((r) => [r.id, presentAlert(r, links.get(r.id) ?? [])]));
      for (const alertId of chunk) {
        const change: AlertChange = { alertId, alert: found.get(alertId) ?? null };
        for (const listener of this.#listeners) {
          listener(change);
        }
      }
    }
  }

  /**
   * Tells `listener` about every alert entered, changed or deleted, after the transaction committed
   * (in-memory copies such as the hub checks' object index follow it). With a change feed the announcements
   * come from the feed, so writes on other nodes and erasures by the retention rules arrive too; without
   * one, only writes through this service are announced. Returns the unsubscribe function.
   */
  onAlertChange(listener: (change: AlertChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(change: AlertChange, replayed: boolean): void {
    // A replayed answer may be older than the alert's current state: only a fresh write is announced. With a
    // change feed the feed announces it (this node's included), once the write has committed.
    if (!replayed && this.#ctx.changes === undefined) {
      for (const listener of this.#listeners) {
        listener(change);
      }
    }
  }

  /** The choices of the alert model (no personal data, so no purpose): the alert form offers exactly these. */
  catalogue(actor: Actor): SisCatalogue {
    requireAccess({ actor, permission: 'sis:alerts:read' });
    return sisCatalogue();
  }

  /** Enters an alert; see {@link alerts.createAlert}. */
  async createAlert(call: WriteCall & { alert: AlertInput; enteredOn?: string }) {
    const r = await alerts.createAlert(this.#ctx, call);
    this.#changed({ alertId: r.alert.id, alert: r.alert }, r.replayed);
    return r;
  }

  /** Replaces an alert's content (the issuing state only). */
  async updateAlert(call: WriteCall & { alertId: string; alert: AlertInput; version?: number }) {
    const r = await alerts.updateAlert(this.#ctx, call);
    this.#changed({ alertId: r.alert.id, alert: r.alert }, r.replayed);
    return r;
  }

  /** Deletes an alert (the issuing state only); its SIRENE files follow the art. 64 period. */
  async deleteAlert(call: WriteCall & { alertId: string; reason: string }) {
    const r = await alerts.deleteAlert(this.#ctx, call);
    this.#changed({ alertId: r.deleted.alertId, alert: null }, r.replayed);
    return r;
  }

  /**
   * What a reader at a gate needs to show for alerts it matched (action, warning markers, object), for
   * in-process consumers such as the hub checks. Internal: no access check and no log — the caller decides
   * what each viewer sees and records the hit through {@link reportHit}.
   */
  async alertSummaries(alertIds: readonly string[]): Promise<Map<string, AlertSummary>> {
    const rows = await this.#ctx.repo.findAlerts(this.#ctx.database.db, [...new Set(alertIds)]);
    return new Map(rows.map((r) => [r.id, summariseAlert(SYSTEM_ACTOR, r)]));
  }

  /**
   * Bulk import, step 1 (pure): one alert checked and derived exactly as {@link createAlert} does; throws the
   * `SIS_*` error the API would answer. Links are checked by the importer against earlier lines and
   * {@link storedAlertIds}.
   */
  prepareImport(call: Call, line: ImportedAlert): PreparedImportedAlert {
    requireAccess({
      actor: call.actor,
      permission: 'sis:alerts:write',
      purpose: call.purpose,
      forPurposes: ALERT_MANAGEMENT,
    });
    const ctx = this.#ctx;
    const prepared = prepareImportedAlert(line, {
      actor: call.actor,
      now: ctx.clock.now(),
      today: today(ctx),
      settings: ctx.settings,
    });
    const templates = alerts.decodeAlertBiometrics(ctx, line.alert.biometrics);
    return templates === undefined || templates.length === 0 ? prepared : { ...prepared, templates };
  }

  /** Bulk import: which of these alert ids are stored already. */
  storedAlertIds(trx: Executor, ids: readonly string[]): Promise<Set<string>> {
    return storedAlertIds(trx, ids);
  }

  /**
   * Bulk import, step 2: writes prepared alerts (rows, search keys, links, identity index rows) in the
   * writer's transaction with one log record for the batch (2018/1862 art. 12). Apply the returned index
   * changes after the commit.
   */
  async importBatch(
    writer: BulkWriter,
    call: Call,
    alerts: readonly PreparedImportedAlert[],
    summary: string,
  ): Promise<IndexChange[]> {
    const purpose = requireAccess({
      actor: call.actor,
      permission: 'sis:alerts:write',
      purpose: call.purpose,
      forPurposes: ALERT_MANAGEMENT,
    });
    if (alerts.length === 0) {
      return [];
    }
    await insertPreparedAlerts(writer, alerts, this.#ctx.clock.now());
    // The persons' templates, in the batch's transaction (2018/1862 arts. 20(3)(w), (y)).
    for (const a of alerts) {
      if (a.templates !== undefined && a.templates.length > 0) {
        await this.#ctx.biometrics?.enrol(writer.trx, 'sis', a.id, a.templates);
      }
    }
    const identities = alerts.flatMap((a) => (a.identity === null ? [] : [a.identity]));
    const changes =
      (await this.#ctx.identityIndex?.stageMany(writer, identities, { skipInvalid: true })) ?? [];
    // Every node's read models (alerts, identity index, the hubs' object index) load the batch from the feed.
    await recordAlertChanges(
      this.#ctx,
      writer.trx,
      alerts.map((a) => a.id),
    );
    await log(this.#ctx, writer.trx, call, {
      purpose,
      operation: 'sis.import',
      legalBasis: 'Reg. (EU) 2018/1862 art. 20; Reg. (EU) 2018/1861 art. 20',
      recordRefs: alerts.map((a) => a.id),
      resultSummary: summary,
      alertReviewDue: alerts.map((a) => a.row.review_due).reduce((x, y) => (y > x ? y : x)),
    });
    return changes;
  }

  /** The alert list with its filters; see {@link alerts.listAlerts}. */
  listAlerts(call: Call & { query: alerts.AlertListQuery }) {
    return alerts.listAlerts(this.#ctx, call);
  }

  getAlert(call: Call & { alertId: string }) {
    return alerts.getAlert(this.#ctx, call);
  }

  /**
   * Searches person alerts by identity (see {@link searchPersons}); with `links`, each result carries the MID
   * links of its alert that the officer may see (art. 26), as the officer's own search shows them.
   */
  async searchPersons(call: Call & { query: PersonQuery; links?: boolean }) {
    const found = await searchPersons(this.#ctx, call);
    return call.links === true ? withLinks(this.#ctx, call.actor, found) : found;
  }

  /** 1:N with a live capture in the person alerts' templates; see {@link searchBiometric}. */
  searchBiometric(call: Call & { probe: readonly Template[]; limit?: number }) {
    return searchBiometric(this.#ctx, call);
  }

  searchDocuments(call: Call & { query: { number: string; issuingCountry?: string } }) {
    return searchDocuments(this.#ctx, call);
  }

  searchVehicles(call: Call & { query: VehicleQuery }) {
    return searchVehicles(this.#ctx, call);
  }

  reportHit(
    call: WriteCall & {
      alertId: string;
      location: HitLocation;
      checked: hits.HitChecked;
      information?: CheckInformation;
    },
  ) {
    return hits.reportHit(this.#ctx, call);
  }

  /** {@link reportHit} in the caller's transaction (a flow that logs its own work with the hit). */
  reportHitIn(
    trx: Executor,
    call: Call & {
      alertId: string;
      location: HitLocation;
      checked: hits.HitChecked;
      information?: CheckInformation;
      foldWithinMs?: number;
    },
  ) {
    return hits.reportHitIn(this.#ctx, trx, call);
  }

  recordCheckInformation(call: WriteCall & { hitId: string; information: CheckInformation }) {
    return hits.recordCheckInformation(this.#ctx, call);
  }

  addExchangeMessage(call: WriteCall & { hitId: string; body: string }) {
    return hits.addExchangeMessage(this.#ctx, call);
  }

  /** A page of the SIRENE exchange queue; see {@link hits.listHits}. */
  listHits(call: Call & hits.HitListOptions) {
    return hits.listHits(this.#ctx, call);
  }

  getHit(call: Call & { hitId: string }) {
    return hits.getHit(this.#ctx, call);
  }

  /** A page of the review queue; see {@link review.reviewQueue}. */
  reviewQueue(call: Call & review.ReviewQueueOptions) {
    return review.reviewQueue(this.#ctx, call);
  }

  extendAlert(call: WriteCall & { alertId: string; assessment: string }) {
    return review.extendAlert(this.#ctx, call);
  }

  /** Open exchanges of the actor's state, overdue and due soon, as figures (home counters; nothing logged). */
  countOpenExchanges(actor: Actor) {
    return counts.countOpenExchanges(this.#ctx, actor);
  }

  /** Alerts of the actor's state due for review within the advance-warning window, as a figure. */
  countReviewDue(actor: Actor) {
    return counts.countReviewDue(this.#ctx, actor);
  }

  /** Alerts the actor's authority issued, and those of them due for review soon, as figures. */
  countOwnAlerts(actor: Actor) {
    return counts.countOwnAlerts(this.#ctx, actor);
  }

  /**
   * The alerts, art. 63 links and hits the network map draws (see {@link networkFacts}). Internal: the
   * network flow checks access, applies the visibility rules and logs the answer.
   */
  networkFacts(query: { from: Date; to: Date; alertIds?: readonly string[] }): Promise<SisNetworkFacts> {
    return networkFacts(this.#ctx, query);
  }

  /** The alerts holding an object identifier (compacted); for the network map's focus. Internal. */
  alertsWithIdentifier(value: string): Promise<string[]> {
    return alertsWithIdentifier(this.#ctx, value);
  }

  /**
   * Builds the in-memory index of vehicle, plate, trailer and container alerts from the database (for the
   * logistics-hub checks). Internal: the caller is a flow, not a person, so there is no access check here.
   */
  async buildObjectIndex(): Promise<ObjectIndex> {
    const rows = await this.#ctx.repo.objectIdentifiers(this.#ctx.database.db);
    const byAlert = new Map<
      string,
      {
        category: AlertCategory;
        objectType: ObjectType;
        covert: boolean;
        ids: Array<{ kind: IndexedKind; value: string; country: string | null }>;
      }
    >();
    for (const r of rows) {
      const entry = byAlert.get(r.alert_id) ?? {
        category: r.category as AlertCategory,
        objectType: r.object_type as ObjectType,
        covert: r.covert,
        ids: [],
      };
      entry.ids.push({ kind: r.kind as IndexedKind, value: r.norm, country: r.country });
      byAlert.set(r.alert_id, entry);
    }
    return ObjectIndex.build(
      [...byAlert].map(([alertId, e]) => ({
        alertId,
        category: e.category,
        objectType: e.objectType,
        covert: e.covert,
        identifiers: e.ids,
      })),
    );
  }

  /**
   * The retention rules of SIS, for the composition root to register: automatic deletion of alerts not
   * extended by their review date (with the advance warnings stored first), and erasure of the SIRENE files
   * of deleted alerts once their period has ended.
   */
  retentionRules(): RetentionRule[] {
    const ctx = this.#ctx;
    return [
      {
        id: 'sis.alerts',
        system: 'sis',
        description:
          'Alerts whose review date passed without an extension (advance warnings are stored first)',
        legalBasis:
          'Reg. (EU) 2018/1862 arts. 53 and 55; Reg. (EU) 2018/1861 art. 39; Reg. (EU) 2018/1860 art. 14',
        erase: (trx, day) => review.eraseExpiredAlerts(ctx, trx, day),
      },
      {
        id: 'sis.sirene-files',
        system: 'sis',
        description: 'Hits and supplementary-information messages of deleted alerts, once their period ended',
        legalBasis: 'Reg. (EU) 2018/1862 art. 64 [K]',
        erase: (trx, day) => review.eraseExpiredSireneFiles(ctx, trx, day),
      },
    ];
  }
}
