import type { Actor } from '../access/index.ts';
import type { Executor } from '../../platform/database/index.ts';
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
  APPLICATIONS_TOPIC,
  today,
  type Call,
  type EtiasContext,
  type EtiasServiceDeps,
  type WriteCall,
} from './context.ts';
import type { ApplicationInput, AuthorisationFlag, EtiasCheck, EtiasSettings, Queue } from './model.ts';
import type { ApplicationFile } from './present.ts';
import { issueAuthorisation, moveToNationalUnit, recordEvent, responsibleState } from './processing.ts';
import { EtiasRepository } from './repository.ts';
import type { ApplicationRow, HitRow } from './tables.ts';
import { birthDateBounds } from './validate.ts';
import { harmoniseDocumentNumber } from '../identity/index.ts';
import type { IndexChange } from '../matching/index.ts';
import type { BulkWriter } from '../../platform/database/bulk.ts';
import {
  importApplicationBatch,
  prepareImportedApplication,
  processImportedApplication,
  storedApplicationIds,
  type ImportedApplication,
  type PreparedImport,
  type ProcessedImport,
} from './bulk.ts';

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
   * state as ICAO code) or for application ids. No access check and no log: the caller checks its own
   * permission and logs its own operation.
   */
  async findValidAuthorisations(
    db: Executor | null,
    by: { documentNumber: string; issuingState: string } | { ids: readonly string[] },
    on?: string,
  ): Promise<ValidAuthorisation[]> {
    const day = on ?? today(this.#ctx);
    const rows = await this.#ctx.repo.validAuthorisations(
      db ?? this.#ctx.database.db,
      'ids' in by
        ? by
        : {
            documentNumberNorm: harmoniseDocumentNumber(by.documentNumber),
            issuingState: by.issuingState.trim().toUpperCase(),
          },
      day,
    );
    return rows.map((r) => ({
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
    }));
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

  // ---- Bulk import (`interlink import etias`; see bulk.ts) ----

  /** Bulk import, step 1 (pure): the line checked and derived as the route does; throws the route's error. */
  prepareImport(call: Call, line: ImportedApplication): PreparedImport {
    return prepareImportedApplication(this.#ctx, call, line);
  }

  /** Bulk import: which of these application ids are stored already. */
  storedApplicationIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
    return storedApplicationIds(db, ids);
  }

  /** Bulk import, step 2: automated processing (art. 20) of one application, reading only. */
  processImport(call: Call, prepared: PreparedImport): Promise<ProcessedImport> {
    return processImportedApplication(this.#ctx, call, prepared);
  }

  /** Bulk import, step 3: writes processed applications with one art. 69 log record for the batch. */
  importBatch(
    writer: BulkWriter,
    call: Call,
    apps: readonly ProcessedImport[],
    summary: string,
  ): Promise<{ changes: IndexChange[]; written: string[] }> {
    return importApplicationBatch(this.#ctx, writer, call, apps, summary);
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
