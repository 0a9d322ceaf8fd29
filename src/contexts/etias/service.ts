import type { Actor } from '../access/index.ts';
import type { IndexChange } from '../matching/index.ts';
import type { BulkWriter } from '../../platform/database/bulk.ts';
import type { Executor } from '../../platform/database/index.ts';
import { forbidden } from '../../platform/errors.ts';
import type { RetentionRule } from '../../platform/retention.ts';
import { plusYears } from '../../platform/dates.ts';
import {
  applicationStatus,
  processPending,
  submitApplication,
  type StatusAnswer,
  type SubmitAnswer,
  type SubmittedApplication,
} from './applications.ts';
import { listQueue, verifyHit, viewApplication, type QueueOptions, type QueuePage } from './central-unit.ts';
import {
  insertPreparedApplications,
  prepareImportedApplication,
  storedApplicationIds,
  type ImportedApplication,
  type PreparedImportedApplication,
} from './bulk.ts';
import {
  APPLICATIONS_TOPIC,
  LEGAL_BASIS,
  log,
  today,
  type Call,
  type EtiasContext,
  type EtiasServiceDeps,
  type WriteCall,
} from './context.ts';
import type { ApplicationInput, AuthorisationFlag, EtiasCheck, EtiasSettings, Queue } from './model.ts';
import type { ApplicationFile } from './present.ts';
import {
  issueAuthorisation,
  midIdentity,
  moveToNationalUnit,
  recordEvent,
  responsibleState,
} from './processing.ts';
import { EtiasRepository } from './repository.ts';
import type { ApplicationRow, HitRow } from './tables.ts';
import { birthDateBounds } from './validate.ts';
import { harmoniseDocumentNumber, midVerdict, normaliseName, type IdentityData } from '../identity/index.ts';
import { lookupCountry } from '../reference/index.ts';
import {
  importProcessedBatch,
  prepareSubmittedImport,
  processSubmittedImport,
  type PreparedImport,
  type ProcessedImport,
  type SubmittedApplicationImport,
} from './bulk-processing.ts';

/** A valid travel authorisation as the border, carrier and portal see it. */
export interface ValidAuthorisation {
  applicationId: string;
  validFrom: string;
  validUntil: string;
  flags: AuthorisationFlag[];
  /** Null: valid for every member state; else the states of a limited territorial validity (art. 44). */
  territorialValidity: string[] | null;
  document: { number: string; issuingState: string; expiry: string };
  surname: string;
  givenNames: string;
  birthDate: string;
  /** With a search by identity: the MID verdict on the person (same or similar). */
  match?: 'same' | 'similar';
}

/** A past application as a screening rule's impact is measured on (art. 33): the permitted fields only. */
export interface ImpactApplication {
  id: string;
  status: string;
  submittedAt: string;
  /** Age in whole years on the day of submission (the lower bound when the date of birth has unknown parts). */
  age: number | null;
  sex: 'M' | 'F' | 'X';
  nationalities: string[];
  residence: { country: string; city: string };
  education: ApplicationInput['education'] | null;
  occupation: ApplicationInput['occupation'] | null;
}

function toValid(r: ApplicationRow, day: string): ValidAuthorisation {
  return {
    applicationId: r.id,
    validFrom: r.valid_from ?? day,
    validUntil: r.valid_until ?? day,
    flags: r.flags as AuthorisationFlag[],
    territorialValidity: r.territorial_validity,
    document: {
      number: r.document_number,
      issuingState: r.document_issuing_state,
      expiry: r.document_expiry,
    },
    surname: r.content.surname,
    givenNames: r.content.givenNames,
    birthDate: r.birth_date,
  };
}

function ageOn(birthDate: string, day: string): number | null {
  const bounds = birthDateBounds(birthDate);
  if (bounds === null) {
    return null;
  }
  let age = Number(day.slice(0, 4)) - Number(bounds.latest.slice(0, 4));
  if (plusYears(bounds.latest, age) > day) {
    age -= 1;
  }
  return age;
}

/**
 * The ETIAS context's use cases. Systems plug their part of automated processing in with {@link addCheck}
 * (through their adapters); the screening rules and the watchlist with {@link addInternalCheck}.
 */
export class EtiasService {
  readonly #ctx: EtiasContext;

  constructor(deps: EtiasServiceDeps) {
    this.#ctx = { ...deps, repo: new EtiasRepository(), checks: [], internalChecks: [] };
  }

  /** The topic of every change to an application (refs: application ids). */
  static readonly TOPIC = APPLICATIONS_TOPIC;

  /** Plugs a system's check into automated processing (art. 20); `Systems` calls it for each adapter. */
  addCheck(check: EtiasCheck): void {
    if ([...this.#ctx.checks, ...this.#ctx.internalChecks].some((c) => c.system === check.system)) {
      throw new Error(`ETIAS check ${check.system} added twice`);
    }
    this.#ctx.checks.push(check);
  }

  /** Plugs one of ETIAS's own checks (screening rules art. 33, watchlist art. 34) into automated processing. */
  addInternalCheck(check: EtiasCheck): void {
    if ([...this.#ctx.checks, ...this.#ctx.internalChecks].some((c) => c.system === check.system)) {
      throw new Error(`ETIAS check ${check.system} added twice`);
    }
    this.#ctx.internalChecks.push(check);
  }

  /** The periods in force (art. 35(5) review of watchlist entries, …). */
  get settings(): EtiasSettings {
    return this.#ctx.settings;
  }

  /** The systems' registered checks (the watchlist runs the SIS one before an insert, art. 35(2)(c)). */
  registeredChecks(): readonly EtiasCheck[] {
    return [...this.#ctx.checks];
  }

  /** The systems whose checks run, in order (systems first, then ETIAS's own). */
  get checkSystems(): string[] {
    return [...this.#ctx.checks, ...this.#ctx.internalChecks].map((c) => c.system);
  }

  /**
   * An application (arts. 17-19) processed in the request (art. 20): 201 `{ id, status, fee, submittedAt,
   * validFrom?, validUntil? }`. See {@link submitApplication}.
   */
  submit(
    call: { requestId?: string; idempotencyKey?: string | null },
    input: SubmittedApplication,
    options: { ip?: string | null } = {},
  ): Promise<{ value: SubmitAnswer; replayed: boolean }> {
    return submitApplication(this.#ctx, input, {
      ...options,
      ...(call.requestId === undefined ? {} : { requestId: call.requestId }),
      ...(call.idempotencyKey === undefined ? {} : { idempotencyKey: call.idempotencyKey }),
    });
  }

  /** The applicant's status (art. 31); an unknown id and a wrong document number give the same 404. */
  status(id: string, documentNumber: string, options: { requestId?: string } = {}): Promise<StatusAnswer> {
    return applicationStatus(this.#ctx, { id, documentNumber, ...options });
  }

  /** Runs automated processing again for applications left `pending` by a failed or late check. */
  processPending(options: { limit?: number } = {}): Promise<{ examined: number; concluded: number }> {
    return processPending(this.#ctx, options);
  }

  /** A page of the Central Unit's (`etias:verify`) or a National Unit's (`etias:decide`) queue. */
  queue(call: Call & QueueOptions & { queue: Queue }): Promise<QueuePage> {
    return listQueue(this.#ctx, call);
  }

  /** The full file with hits, records, events and deadlines (`etias:read`); logged. */
  view(call: Call & { id: string }): Promise<ApplicationFile> {
    return viewApplication(this.#ctx, call);
  }

  /** The Central Unit's verdict on one hit (art. 22); see {@link verifyHit}. */
  verifyHit(
    call: WriteCall & {
      applicationId: string;
      hitId: string;
      verdict: 'false' | 'confirmed';
      note?: string;
      version?: number;
    },
  ): Promise<{ value: ApplicationFile; replayed: boolean }> {
    return verifyHit(this.#ctx, call);
  }

  // ---- For the other parts of ETIAS and the systems around it (border, carrier, portal, rules, manual) ----

  /**
   * Authorisations valid today (or on `on`) for a travel document (number as printed or normalised, issuing
   * state as ICAO code), for application ids, or for a person (`identity`: candidates by surname and birth
   * year and from the identity index under `etias`, kept when the MID rules find them the same or similar,
   * `match` saying which). No access check and no log: the caller checks its own permission and logs its own
   * operation.
   */
  async findValidAuthorisations(
    db: Executor | null,
    by:
      | { documentNumber: string; issuingState: string }
      | { ids: readonly string[] }
      | {
          identity: {
            surname: string;
            givenNames?: string;
            birthDate: string;
            sex?: string;
            nationalities?: readonly string[];
          };
        },
    on?: string,
  ): Promise<ValidAuthorisation[]> {
    const day = on ?? today(this.#ctx);
    const exec = db ?? this.#ctx.database.db;
    const repo = this.#ctx.repo;
    if ('identity' in by) {
      const who = by.identity;
      const year = /^\d{4}/u.test(who.birthDate) ? Number(who.birthDate.slice(0, 4)) : null;
      const found = new Map<string, ApplicationRow>();
      for (const r of await repo.findBySurname(exec, normaliseName(who.surname), year || null, {
        statuses: ['issued'],
        limit: 100,
      })) {
        found.set(r.id, r);
      }
      const query = {
        surname: who.surname,
        ...(who.givenNames === undefined ? {} : { givenNames: who.givenNames }),
        birthDate: who.birthDate,
        ...(who.sex === undefined ? {} : { sex: who.sex }),
        ...(who.nationalities === undefined ? {} : { nationalities: who.nationalities }),
      };
      const proposed = this.#ctx.identityIndex?.propose(query, 'etias', new Set(found.keys()), 50) ?? [];
      for (const r of await repo.findApplications(exec, proposed)) {
        found.set(r.id, r);
      }
      const probe: IdentityData = { system: 'ETIAS', ...query };
      const out: ValidAuthorisation[] = [];
      for (const r of found.values()) {
        const valid =
          r.status === 'issued' &&
          r.valid_from !== null &&
          r.valid_until !== null &&
          r.valid_from <= day &&
          r.valid_until >= day;
        if (!valid) {
          continue;
        }
        const stored = midIdentity(r.content);
        const verdict = midVerdict(
          {
            ...probe,
            givenNames: probe.givenNames ?? stored.givenNames,
            sex: probe.sex ?? stored.sex,
            nationalities: probe.nationalities ?? stored.nationalities,
          },
          stored,
        ).verdict;
        if (verdict !== 'different') {
          out.push({ ...toValid(r, day), match: verdict });
        }
      }
      return out.sort((a, b) => (a.match === b.match ? 0 : a.match === 'same' ? -1 : 1));
    }
    const rows = await repo.validAuthorisations(
      exec,
      'ids' in by
        ? by
        : {
            documentNumberNorm: harmoniseDocumentNumber(by.documentNumber),
            issuingState: lookupCountry(by.issuingState)?.code ?? by.issuingState.trim().toUpperCase(),
          },
      day,
    );
    return rows.map((r) => toValid(r, day));
  }

  /**
   * Past applications submitted in the last `days` days (default 365), newest first, at most `limit` (default
   * 100 000), with the fields a screening rule may use (art. 33(4)): the rules part measures a rule's share.
   */
  async applicationsForImpact(
    db: Executor | null,
    options: { days?: number; limit?: number } = {},
  ): Promise<ImpactApplication[]> {
    const now = this.#ctx.clock.now();
    const since = new Date(now.getTime() - (options.days ?? 365) * 86_400_000);
    const rows = await this.#ctx.repo.recentApplications(
      db ?? this.#ctx.database.db,
      since,
      options.limit ?? 100_000,
    );
    return rows.map((r) => {
      const submitted = r.submitted_at.toISOString().slice(0, 10);
      return {
        id: r.id,
        status: r.status,
        submittedAt: r.submitted_at.toISOString(),
        age: ageOn(r.birth_date, submitted),
        sex: r.content.sex,
        nationalities: r.content.nationalities,
        residence: { country: r.content.residence.country, city: r.content.residence.city },
        education: r.content.education ?? null,
        occupation: r.content.occupation ?? null,
      };
    });
  }

  /** The stored row of an application (for the other parts of the context), or undefined. */
  findApplication(db: Executor | null, id: string): Promise<ApplicationRow | undefined> {
    return this.#ctx.repo.findApplication(db ?? this.#ctx.database.db, id);
  }

  /** The row locked for the rest of the caller's transaction, or undefined. */
  lockApplication(trx: Executor, id: string): Promise<ApplicationRow | undefined> {
    return this.#ctx.repo.lockApplication(trx, id);
  }

  /** The hits of an application (for the other parts of the context). */
  hitsOf(db: Executor | null, applicationId: string): Promise<HitRow[]> {
    return this.#ctx.repo.hitsOf(db ?? this.#ctx.database.db, applicationId);
  }

  /** The hits that rest on a source record (`<system>:<id>`): revocation and the art. 54 7-day rule. */
  hitsOfRecord(db: Executor | null, recordRef: string): Promise<HitRow[]> {
    return this.#ctx.repo.hitsOfRecord(db ?? this.#ctx.database.db, recordRef);
  }

  /** Adds an event to a file's history in the caller's transaction. */
  recordEvent(
    trx: Executor,
    applicationId: string,
    kind: string,
    actor: Actor,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return recordEvent(this.#ctx, trx, applicationId, kind, actor, details);
  }

  /** Appends `etias.applications` changes in the caller's transaction (after any write to a file). */
  async recordChanges(trx: Executor, applicationIds: readonly string[]): Promise<void> {
    await this.#ctx.changes?.record(trx, APPLICATIONS_TOPIC, [...new Set(applicationIds)]);
  }

  /**
   * Moves a file to the National Unit of `state` (art. 26) in the caller's transaction; `state` undefined
   * takes the art. 25 rule over the file's hits ({@link responsibleState}).
   */
  async moveToNationalUnit(
    trx: Executor,
    app: ApplicationRow,
    options: { actor: Actor; reason: string; state?: string | null },
  ): Promise<ApplicationRow> {
    const state =
      options.state !== undefined
        ? options.state
        : responsibleState(app, await this.#ctx.repo.hitsOf(trx, app.id));
    return moveToNationalUnit(this.#ctx, trx, app, { state, actor: options.actor, reason: options.reason });
  }

  /**
   * Issues the authorisation (art. 36) in the caller's transaction: validity 3 years or the document's expiry
   * (art. 36(5)), optional flags (art. 36(2)-(3)) and limited territorial validity (art. 44, with `validUntil`).
   */
  issue(
    trx: Executor,
    app: ApplicationRow,
    options: {
      decidedBy: Actor | null;
      flags?: readonly AuthorisationFlag[];
      territorialValidity?: readonly string[] | null;
      validUntil?: string;
    },
  ): Promise<ApplicationRow> {
    return issueAuthorisation(this.#ctx, trx, app, options);
  }

  /** Changes a file with optimistic concurrency (undefined when its version moved on). */
  updateApplication(
    trx: Executor,
    id: string,
    set: Parameters<EtiasRepository['updateApplication']>[2],
    expectedVersion?: number,
  ): Promise<ApplicationRow | undefined> {
    return this.#ctx.repo.updateApplication(trx, id, set, expectedVersion);
  }

  /**
   * Bulk import, step 1 (pure): one application checked and derived as {@link submit} does (fields as on its
   * submission day), with its validity and erasure day; throws the `ETIAS_*` error the API would answer. Only
   * the system itself imports (a migration, the demo world).
   */
  prepareImport(call: Pick<Call, 'actor'>, line: ImportedApplication): PreparedImportedApplication {
    return prepareImportedApplication(call.actor, line, {
      now: this.#ctx.clock.now(),
      settings: this.#ctx.settings,
    });
  }

  /** Bulk import: which of these application ids are stored already. */
  storedApplicationIds(trx: Executor, ids: readonly string[]): Promise<Set<string>> {
    return storedApplicationIds(trx, ids);
  }

  /**
   * Bulk import, step 2: writes prepared applications and their identities (identity index under `etias`) in
   * the writer's transaction, appends their `etias.applications` changes and one art. 69 log record for the
   * batch. Apply the returned index changes after the commit. Imported `pending` files are examined by
   * {@link processPending}.
   */
  async importBatch(
    writer: BulkWriter,
    call: Call,
    applications: readonly PreparedImportedApplication[],
    summary: string,
  ): Promise<IndexChange[]> {
    if (call.actor.kind !== 'system') {
      throw forbidden('ACCESS_PERMISSION_DENIED', 'Only the system itself imports ETIAS applications.');
    }
    if (applications.length === 0) {
      return [];
    }
    await insertPreparedApplications(writer, applications);
    const changes =
      (await this.#ctx.identityIndex?.stageMany(
        writer,
        applications.map((a) => a.identity),
        { skipInvalid: true },
      )) ?? [];
    await this.#ctx.changes?.record(
      writer.trx,
      APPLICATIONS_TOPIC,
      applications.map((a) => a.id),
    );
    await log(this.#ctx, writer.trx, call, {
      purpose: call.purpose,
      operation: 'etias.import',
      legalBasis: LEGAL_BASIS.application,
      recordRefs: applications.map((a) => a.id),
      resultSummary: summary,
      dataEraseAfter: applications
        .map((a) => a.row.erase_after ?? null)
        .reduce<string | null>((x, y) => (y === null ? x : x === null || y > x ? y : x), null),
    });
    return changes;
  }

  // ---- Bulk import with automated processing (`interlink import etias`; see bulk-processing.ts) ----

  /**
   * Bulk import with processing, step 1 (pure): a line in the public route's shape checked and derived as the
   * route does; throws the route's error.
   */
  prepareSubmittedImport(call: Call, line: SubmittedApplicationImport): PreparedImport {
    return prepareSubmittedImport(this.#ctx, call, line);
  }

  /** Bulk import with processing, step 2: automated processing (art. 20) of one application, reading only. */
  processImport(call: Call, prepared: PreparedImport): Promise<ProcessedImport> {
    return processSubmittedImport(this.#ctx, call, prepared);
  }

  /** Bulk import with processing, step 3: writes processed applications with one art. 69 log record. */
  importProcessedBatch(
    writer: BulkWriter,
    call: Call,
    apps: readonly ProcessedImport[],
    summary: string,
  ): Promise<{ changes: IndexChange[]; written: string[] }> {
    return importProcessedBatch(this.#ctx, writer, call, apps, summary);
  }

  /**
   * The retention rules of ETIAS (art. 54), in the order they run. This core rule erases files whose
   * `erase_after` has passed (issued: end of validity, art. 54(1)(a); refusals and others: set by the
   * decision, art. 54(1)(b)) with their hits and events, and their identities in the index (cascade by
   * system `etias`); the 7-day rule for a disappeared source record is for the retention part to add.
   */
  retentionRules(): RetentionRule[] {
    const ctx = this.#ctx;
    return [
      {
        id: 'etias.applications',
        system: 'etias',
        description: 'Application files past their retention period, with their hits and history',
        legalBasis: 'Reg. (EU) 2018/1240 art. 54',
        erase: async (trx, day) => {
          const rows = await trx
            .withTables<{ 'etias.application': { id: string; erase_after: string | null } }>()
            .deleteFrom('etias.application')
            .where('erase_after', '<', day)
            .returning('id')
            .execute();
          const refs = rows.map((r) => r.id);
          await ctx.changes?.record(trx, APPLICATIONS_TOPIC, refs);
          return { erased: refs.length, refs };
        },
      },
    ];
  }
}
