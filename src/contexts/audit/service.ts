import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import client from 'prom-client';
import { isPurpose, requireAccess, type Actor, type SystemCode } from '../access/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import { addYears, isoDate } from '../../platform/dates.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import { currentRequest } from '../../platform/request-context.ts';
import {
  anchorMac,
  canonicalJson,
  canonicalText,
  checkpointMac,
  hashEvent,
  type Checkpoint,
} from './chain.ts';
import { CheckpointFile, resolveAuditKey } from './checkpoints.ts';
import { GENESIS } from './migrations.ts';
import type { AuditEntry, AuditEvent, AuditFilter, VerifyReport } from './model.ts';
import { operationLabel } from './operations.ts';
import { AuditBatcher, type AuditCommit, type AuditCommitResult, type PreparedEntry } from './batcher.ts';
import { AuditRepository, type ChainRow } from './repository.ts';

/**
 * Default log retention when a context does not set one: three years, the longest of the minimum periods in
 * regulations digest §8.1 for logs (SIS national logs, 2018/1862 art. 12(4)). Contexts pass their own
 * `retainUntil` where their rule differs (e.g. EES art. 46(4): one year after the data's retention ends).
 */
export const DEFAULT_LOG_RETENTION_YEARS = 3;

/** How many of the newest records {@link AuditLog.chainStatus} checks link by link. */
export const STATUS_RECORDS = 1000;

/** The chain's state at a glance (see {@link AuditLog.chainStatus}). */
export interface ChainStatus {
  status: 'verified' | 'broken';
  /** Newest records whose links and keyed hashes were checked. */
  checked: number;
  /** When the newest signed checkpoint was written, if there is one. */
  lastCheckpointAt: string | null;
}

/** Most records one CSV export holds. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

/** Filter keys that page or order the list rather than select records (not logged as query data). */
const PAGING_KEYS = new Set(['limit', 'before', 'offset', 'sort', 'order']);

export interface AuditLogDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  config: Pick<
    Config,
    | 'auditKey'
    | 'dataDir'
    | 'databaseUrl'
    | 'auditCheckpointFile'
    | 'auditCheckpointEvery'
    | 'auditCheckpointSeconds'
  > &
    Partial<Pick<Config, 'auditBatchMax' | 'auditBatchWaitMs'>>;
}

/** Defaults of the group commit when the configuration does not set them. */
export const DEFAULT_AUDIT_BATCH_MAX = 256;
export const DEFAULT_AUDIT_BATCH_WAIT_MS = 0;

const str = (s: string): string => canonicalText(s);
const strOrNull = (s: string | null | undefined): string | null =>
  s === null || s === undefined ? null : canonicalText(s);

/**
 * The append-only, keyed hash chain shared by every system. Tampering by someone who can write the database
 * is detectable three ways: each hash is an HMAC with a key kept outside the database; signed checkpoints of
 * the head are published outside it (a file, the log stream, `/metrics`); and the start of the retained chain
 * (the anchor) is signed, so only retention can move it. The database itself refuses UPDATE and DELETE.
 */
/** How many of the newest records the start-up key check tries. */
const KEY_CHECK_RECORDS = 20;

/** How far the audit log's list counts its matches; past it the total reads "more than" (as GitLab's lists). */
export const AUDIT_TOTAL_CAP = 10_000;

export class AuditLog {
  readonly #repo = new AuditRepository();
  readonly #deps: AuditLogDeps;
  readonly #key: string;
  readonly #checkpoints: CheckpointFile;
  /** Records written since the last checkpoint, and the highest sequence number handed out. */
  #pending = 0;
  #highestRecorded = 0;
  #lastCheckpointSeq: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #pendingReason: Checkpoint['reason'] = 'writes';
  readonly #batcher: AuditBatcher;
  /** Read records collected by `collectReads`, for the async context of its function. */
  readonly #collected = new AsyncLocalStorage<AuditEntry[]>();
  readonly #batchSize = new client.Histogram({
    name: 'interlink_audit_batch_size',
    help: 'Audit records appended per group-commit transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000],
    registers: [],
  });
  readonly #batchWait = new client.Histogram({
    name: 'interlink_audit_batch_wait_seconds',
    help: 'Time the first record of an audit batch waited before its transaction began',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [],
  });
  readonly #batchCommit = new client.Histogram({
    name: 'interlink_audit_batch_commit_seconds',
    help: 'Duration of an audit batch transaction, from begin to commit',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [],
  });

  constructor(deps: AuditLogDeps) {
    this.#deps = deps;
    this.#key = resolveAuditKey(deps.config.auditKey, deps.config.dataDir);
    if (deps.config.auditKey === null && deps.config.databaseUrl !== null) {
      // Info, not warn: the CLI logs at warn to stdout, where `--json` reports must stay parseable.
      deps.logger.info(
        { keyFile: `${deps.config.dataDir}/audit.key` },
        'INTERLINK_AUDIT_KEY is not set: the audit key was taken from the data directory; with PostgreSQL set it (the same on every node)',
      );
    }
    this.#checkpoints = new CheckpointFile(deps.config.auditCheckpointFile, this.#key);
    this.#batcher = new AuditBatcher({
      database: deps.database,
      maxSize: deps.config.auditBatchMax ?? DEFAULT_AUDIT_BATCH_MAX,
      maxWaitMs: deps.config.auditBatchWaitMs ?? DEFAULT_AUDIT_BATCH_WAIT_MS,
      prepare: (entry) => {
        const request = currentRequest();
        return {
          entry,
          requestId: entry.requestId ?? request?.requestId ?? null,
          clientRequestId: entry.clientRequestId ?? request?.clientRequestId ?? null,
        };
      },
      appender: {
        appendBatch: (trx, entries) => this.#appendBatch(trx, entries),
        committed: (events) => {
          for (const e of events) {
            this.#afterRecord(e.seq);
          }
        },
      },
    });
    this.#batcher.observe({
      batch: (size, wait, commit) => {
        this.#batchSize.observe(size);
        this.#batchWait.observe(wait);
        this.#batchCommit.observe(commit);
      },
    });
  }

  /**
   * Refuses to run with another key than the one the chain is written with. With several API nodes each
   * generating its own `<dataDir>/audit.key` (INTERLINK_AUDIT_KEY unset), or after a data directory is lost,
   * a node would append records that no other node's key verifies: it must not start (docs/operations.md).
   */
  async assertKeyMatchesChain(): Promise<void> {
    const { db } = this.#deps.database;
    const chain = await this.#repo.readChain(db);
    // The newest keyed records: when not one of them verifies, the key is another one. A record changed by
    // hand leaves its neighbours verifying; finding it is `audit verify`'s job, which must still start.
    const from = Math.max(chain.anchor_seq, chain.keyed_from_seq - 1, chain.head_seq - KEY_CHECK_RECORDS);
    const recent = (await this.#repo.page(db, from, KEY_CHECK_RECORDS)).filter(
      (e) => e.seq >= chain.keyed_from_seq,
    );
    if (recent.length === 0) {
      return;
    }
    const verifies = recent.some(
      ({ hash, ...rest }) => hashEvent(this.#key, chain.keyed_from_seq, rest) === hash,
    );
    if (!verifies) {
      throw new Error(
        `None of the newest audit records (${recent[0]!.seq} to ${recent.at(-1)!.seq}) verifies with this node's audit key: the log is written with another key. Set INTERLINK_AUDIT_KEY to the same value on every node (or restore this node's audit.key).`,
      );
    }
  }

  /**
   * Appends one record inside the caller's transaction, so that the record exists exactly when the
   * operation it describes was committed. For writes; reads hand their records to `append` or `commit`.
   */
  async record(trx: Executor, entry: AuditEntry): Promise<AuditEvent> {
    const request = currentRequest();
    const [event] = await this.#appendBatch(trx, [
      {
        entry,
        requestId: entry.requestId ?? request?.requestId ?? null,
        clientRequestId: entry.clientRequestId ?? request?.clientRequestId ?? null,
      },
    ]);
    this.#afterRecord(event!.seq);
    return event!;
  }

  /**
   * Locks the chain head (for the rest of the transaction), chains the records after it in order and
   * appends them in one statement.
   */
  async #appendBatch(trx: Executor, entries: readonly PreparedEntry[]): Promise<AuditEvent[]> {
    if (entries.length === 0) {
      return [];
    }
    const chain = await this.#repo.lockChain(trx);
    const now = this.#deps.clock.now();
    let seq = chain.head_seq;
    let prevHash = chain.head_hash;
    const events: AuditEvent[] = [];
    for (const { entry, requestId, clientRequestId } of entries) {
      const a = entry.actor;
      seq += 1;
      // Every text is brought to its canonical form first: what is hashed is exactly what the database keeps.
      const base: Omit<AuditEvent, 'hash'> = {
        seq,
        id: randomUUID(),
        at: now.toISOString(),
        system: str(entry.system),
        component: strOrNull(entry.component),
        operation: str(entry.operation),
        outcome: entry.outcome,
        actorKind: a.kind,
        userId: strOrNull(a.userId),
        username: str(a.username),
        authorityId: strOrNull(a.authorityId),
        authorityName: str(a.authorityName),
        authorityType: str(a.authorityType),
        memberState: str(a.memberState),
        profile: str(a.profile.name),
        purpose: strOrNull(entry.purpose),
        legalBasis: strOrNull(entry.legalBasis),
        queryDataTypes: (entry.queryDataTypes ?? []).map(str),
        queryDataHash: strOrNull(entry.queryDataHash),
        resultSummary: strOrNull(entry.resultSummary),
        recordRefs: (entry.recordRefs ?? []).map(str),
        linkChanges:
          entry.linkChanges === null || entry.linkChanges === undefined
            ? null
            : canonicalJson(entry.linkChanges),
        requestId: strOrNull(requestId),
        clientRequestId: strOrNull(clientRequestId),
        retainUntil: entry.retainUntil ?? isoDate(addYears(now, DEFAULT_LOG_RETENTION_YEARS)),
        prevHash,
      };
      const event: AuditEvent = { ...base, hash: hashEvent(this.#key, chain.keyed_from_seq, base) };
      events.push(event);
      prevHash = event.hash;
    }
    await this.#repo.appendMany(trx, events);
    return events;
  }

  /**
   * Runs a read outside any transaction, then writes the log records it added by group commit (with the
   * records of concurrent operations) and returns only once they are committed: no access without a log
   * record. A read that throws writes none; so does a caller that stopped waiting (an aborted `signal`), who
   * received nothing. `toEntry` turns a system's own log entry into the audit record.
   */
  async readThenLog<C extends { signal?: AbortSignal | undefined }, E, T>(
    db: Executor,
    toEntry: (call: C, entry: E) => AuditEntry,
    read: (db: Executor, logs: ReadLog<C, E>) => Promise<T>,
  ): Promise<T> {
    const entries: AuditEntry[] = [];
    const value = await read(db, {
      add: (call, entry) => {
        call.signal?.throwIfAborted();
        entries.push(toEntry(call, entry));
      },
    });
    if (entries.length > 0) {
      await this.commit({ entries, read: true });
    }
    return value;
  }

  /**
   * Group commit of a read's record: appended with the records of concurrent operations in one transaction;
   * resolves once that transaction committed (answer the read only then: no access without a log record),
   * rejects when it failed.
   */
  async append(entry: AuditEntry): Promise<AuditEvent> {
    const { events } = await this.#batcher.commit({ entries: [entry] });
    return events[0]!;
  }

  /**
   * Group commit of records with work that must be committed with them (e.g. the hits a border check
   * reports). The work runs in the batch's transaction under a savepoint of its own: when it throws, only
   * this call fails (with that error) and its records are not written; the other participants commit.
   */
  async commit<T = void>(commit: AuditCommit<T>): Promise<AuditCommitResult<T>> {
    const collected = this.#collected.getStore();
    if (collected !== undefined) {
      const { entries } = commit;
      if (commit.read === true && commit.work === undefined && typeof entries !== 'function') {
        collected.push(...entries);
        return { value: undefined as T, events: [] };
      }
      if (collected.length > 0) {
        const reads = collected.splice(0);
        return this.#batcher.commit({
          ...commit,
          entries:
            typeof entries === 'function'
              ? (value: T) => [...reads, ...entries(value)]
              : [...reads, ...entries],
        });
      }
    }
    return this.#batcher.commit(commit);
  }

  /**
   * Runs an operation made of several reads (a border check) so that their records are written in one batch:
   * the reads' records (`read: true`) are collected and join the next commit the operation makes; any left
   * over are committed before this returns. The operation must not answer anyone before it returns. When it
   * throws, nothing was answered and the collected records are dropped with it.
   */
  async collectReads<T>(operation: () => Promise<T>): Promise<T> {
    const collected: AuditEntry[] = [];
    const value = await this.#collected.run(collected, operation);
    if (collected.length > 0) {
      await this.#batcher.commit({ entries: collected.splice(0) });
    }
    return value;
  }

  /** Records one operation that writes nothing else (a read): group commit, see `append`. */
  async recordNow(entry: AuditEntry): Promise<AuditEvent> {
    return this.append(entry);
  }

  /**
   * A checkpoint is due after `auditCheckpointEvery` records, or `auditCheckpointSeconds` after the first
   * record not yet covered. It is written from the committed head, read after the writer's transaction.
   */
  #afterRecord(seq: number): void {
    this.#pending += 1;
    this.#highestRecorded = Math.max(this.#highestRecorded, seq);
    const { auditCheckpointEvery, auditCheckpointSeconds } = this.#deps.config;
    if (this.#pending >= auditCheckpointEvery) {
      this.#schedule(0);
    } else if (this.#timer === null) {
      this.#schedule(auditCheckpointSeconds * 1000);
    }
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== null) {
      if (delayMs > 0) {
        return;
      }
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.checkpoint().catch((err: unknown) => {
        this.#deps.logger.warn({ err }, 'audit checkpoint could not be written');
      });
    }, delayMs);
    this.#timer.unref();
  }

  /**
   * Writes a signed checkpoint of the committed head now (if it moved since the last one): to the
   * checkpoint file, to the log stream and to the `/metrics` gauge.
   */
  async checkpoint(reason: Checkpoint['reason'] = 'writes'): Promise<Checkpoint | null> {
    const run = this.#flushing.then(() => this.#writeCheckpoint(reason));
    this.#flushing = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async #writeCheckpoint(reason: Checkpoint['reason']): Promise<Checkpoint | null> {
    const chain = await this.#repo.readChain(this.#deps.database.db);
    const why = this.#pendingReason === 'prune' ? 'prune' : reason;
    if (chain.head_seq === 0 || (chain.head_seq === this.#lastCheckpointSeq && why !== 'prune')) {
      return null;
    }
    const body: Omit<Checkpoint, 'hmac'> = {
      seq: chain.head_seq,
      hash: chain.head_hash,
      anchorSeq: chain.anchor_seq,
      keyedFrom: chain.keyed_from_seq,
      at: this.#deps.clock.now().toISOString(),
      reason: why,
    };
    const cp: Checkpoint = { ...body, hmac: checkpointMac(this.#key, body) };
    await this.#checkpoints.append(cp);
    this.#deps.logger.info({ auditCheckpoint: cp }, 'audit checkpoint');
    this.#lastCheckpointSeq = cp.seq;
    this.#pendingReason = 'writes';
    this.#pending = Math.max(0, this.#highestRecorded - cp.seq);
    if (this.#pending > 0) {
      // Records handed out but not yet committed (or rolled back): look once more later.
      this.#schedule(this.#deps.config.auditCheckpointSeconds * 1000);
    }
    return cp;
  }

  /** Writes the last checkpoint before the process stops. */
  async flush(): Promise<void> {
    await this.#batcher.drain();
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    try {
      if (this.#pending > 0 || this.#pendingReason === 'prune') {
        await this.checkpoint();
      }
      await this.#flushing;
    } catch (err) {
      this.#deps.logger.warn({ err }, 'last audit checkpoint could not be written');
    }
  }

  /**
   * `interlink_audit_checkpoint_seq`: the sequence number of the last published checkpoint; the group
   * commit's batch size, wait and commit time.
   */
  registerMetrics(registry: client.Registry): void {
    registry.registerMetric(this.#batchSize);
    registry.registerMetric(this.#batchWait);
    registry.registerMetric(this.#batchCommit);
    const lastSeq = async (): Promise<number> => {
      if (this.#lastCheckpointSeq === null) {
        const { checkpoints } = await this.#checkpoints.readAll();
        this.#lastCheckpointSeq = checkpoints.at(-1)?.seq ?? 0;
      }
      return this.#lastCheckpointSeq;
    };
    new client.Gauge({
      name: 'interlink_audit_checkpoint_seq',
      help: 'Sequence number of the last signed audit checkpoint',
      registers: [registry],
      async collect() {
        this.set(await lastSeq());
      },
    });
  }

  /**
   * The data protection officer's view of the log, newest first. The total is counted up to
   * {@link AUDIT_TOTAL_CAP} ("more than 10,000"): past that an auditor narrows the filters rather than pages.
   */
  async list(input: {
    actor: Actor;
    purpose: string | null;
    filter: AuditFilter;
    requestId?: string;
  }): Promise<{
    events: Array<AuditEvent & { operationLabel: string }>;
    nextBefore: number | null;
    total: number;
    totalCapped: boolean;
    latestSeq: number | null;
  }> {
    const purpose = requireAccess({ actor: input.actor, permission: 'audit:read', purpose: input.purpose });
    // A streaming replica may answer (Database.read); the audit.read record itself is written on the primary.
    const db = this.#deps.database.read;
    const [page, { total, capped, latestSeq }] = await Promise.all([
      this.#repo.list(db, input.filter),
      this.#repo.countMatching(db, input.filter, AUDIT_TOTAL_CAP),
    ]);
    const events = page.map((e) => ({ ...e, operationLabel: operationLabel(e.operation) }));
    await this.recordNow({
      actor: input.actor,
      system: 'audit',
      operation: 'audit.read',
      outcome: 'success',
      purpose,
      queryDataTypes: Object.entries(input.filter)
        .filter(([k, v]) => v !== undefined && !PAGING_KEYS.has(k))
        .map(([k]) => k),
      resultSummary: `${events.length} records`,
      requestId: input.requestId ?? null,
    });
    const last = events.at(-1);
    // The `before` cursor follows the chain newest first; another order pages by offset.
    const newestFirst = (input.filter.sort ?? 'time') === 'time' && (input.filter.order ?? 'desc') === 'desc';
    return {
      events,
      nextBefore: newestFirst && events.length === input.filter.limit && last ? last.seq : null,
      total,
      totalCapped: capped,
      latestSeq,
    };
  }

  /**
   * Every record matching the filter (newest first) as CSV for an auditor's own tools; the export is itself
   * logged. Cells that a spreadsheet would run as a formula are escaped.
   */
  async exportCsv(input: {
    actor: Actor;
    purpose: string | null;
    filter: Omit<AuditFilter, 'limit' | 'before'>;
    /** Most records the export may hold; more is refused with a request to narrow the filters. */
    maxRows?: number;
  }): Promise<string> {
    const maxRows = input.maxRows ?? AUDIT_EXPORT_MAX_ROWS;
    const purpose = requireAccess({ actor: input.actor, permission: 'audit:read', purpose: input.purpose });
    // A streaming replica may answer (Database.read); verification of the chain always reads the primary.
    const db = this.#deps.database.read;
    const rows: unknown[][] = [];
    let before: number | undefined;
    for (;;) {
      const page = await this.#repo.list(db, { ...input.filter, before, limit: 1000 });
      if (rows.length + page.length > maxRows) {
        // The export is built in memory: a log of millions of records is exported a filtered slice at a time.
        throw new AppError(
          'TooLarge',
          'AUDIT_EXPORT_TOO_LARGE',
          `More than ${maxRows} records match: narrow the export by user, record, system, operation or time range.`,
        );
      }
      for (const e of page) {
        rows.push([
          e.seq,
          e.at,
          e.username,
          e.authorityName,
          e.authorityType,
          e.memberState,
          e.profile,
          e.purpose,
          e.legalBasis,
          e.operation,
          operationLabel(e.operation),
          e.system,
          e.component,
          e.outcome,
          e.queryDataTypes.join(' '),
          e.resultSummary,
          e.recordRefs.join(' '),
          e.requestId,
          e.clientRequestId,
          e.retainUntil,
          e.hash,
        ]);
      }
      if (page.length < 1000) {
        break;
      }
      before = page.at(-1)!.seq;
    }
    await this.recordNow({
      actor: input.actor,
      system: 'audit',
      operation: 'audit.export',
      outcome: 'success',
      purpose,
      queryDataTypes: Object.entries(input.filter)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k),
      resultSummary: `${rows.length} records exported as CSV`,
    });
    return stringify(rows, {
      header: true,
      columns: [
        'seq',
        'at',
        'user',
        'authority',
        'authority_type',
        'member_state',
        'profile',
        'purpose',
        'legal_basis',
        'operation',
        'operation_label',
        'system',
        'component',
        'outcome',
        'query_data_types',
        'result_summary',
        'record_refs',
        'request_id',
        'client_request_id',
        'retain_until',
        'hash',
      ],
      escape_formulas: true,
      cast: { boolean: String },
    });
  }

  /**
   * Records that a user exported the rows of a list shown on screen as CSV (the browser builds the file from
   * what it shows and saves it only once this record exists). Any signed-in user may export what they were
   * allowed to see; the purpose is the one the list was read for, so it must be one of the user's profile.
   * The record names the screen, the filters and their values (the data used for the query: 2018/1862 art.
   * 12(2), 2017/2226 art. 46(1)), the sort, the columns and the number of rows.
   */
  async logExport(input: {
    actor: Actor;
    purpose: string | null;
    requestId?: string;
    export: {
      screen: string;
      system: SystemCode;
      filters: Readonly<Record<string, string>>;
      sort?: string | undefined;
      page?: number | undefined;
      columns: readonly string[];
      rows: number;
    };
  }): Promise<{ id: string; seq: number; at: string }> {
    const { actor, purpose } = input;
    if (purpose === null || purpose === '') {
      throw invalid(
        'ACCESS_PURPOSE_REQUIRED',
        'An export holds personal data: name the purpose the list was read for in the X-Interlink-Purpose header.',
        { allowed: actor.profile.purposes },
      );
    }
    if (!isPurpose(purpose) || !actor.profile.purposes.includes(purpose)) {
      throw forbidden(
        'ACCESS_PURPOSE_DENIED',
        `Your profile (${actor.profile.name}) may not act for the purpose "${purpose}".`,
        { allowed: actor.profile.purposes },
      );
    }
    const e = input.export;
    const filters = Object.entries(e.filters);
    const parts = [
      `${e.rows} row(s) of ${e.screen} exported as CSV`,
      `columns ${e.columns.join(', ')}`,
      filters.length === 0 ? 'no filters' : `filters ${filters.map(([k, v]) => `${k}=${v}`).join(', ')}`,
      ...(e.sort === undefined ? [] : [`sorted by ${e.sort}`]),
      ...(e.page === undefined ? [] : [`page ${e.page}`]),
    ];
    const event = await this.recordNow({
      actor,
      system: e.system,
      component: e.screen,
      operation: 'export',
      outcome: 'success',
      purpose,
      queryDataTypes: filters.map(([k]) => k),
      resultSummary: parts.join('; '),
      requestId: input.requestId ?? null,
    });
    return { id: event.id, seq: event.seq, at: event.at };
  }

  /** Verification requested by a person; the request is itself logged. */
  async verifyAs(input: { actor: Actor; purpose: string | null; requestId?: string }): Promise<VerifyReport> {
    const purpose = requireAccess({ actor: input.actor, permission: 'audit:verify', purpose: input.purpose });
    const report = await this.verify();
    await this.recordNow({
      actor: input.actor,
      system: 'audit',
      operation: 'audit.verify',
      outcome: 'success',
      purpose,
      resultSummary: report.ok
        ? `chain intact (${report.checked} records)`
        : `chain broken at ${report.firstBadSeq}`,
      requestId: input.requestId ?? null,
    });
    return report;
  }

  /**
   * Walks the chain from its anchor and names the first record that was changed, inserted or removed; then
   * holds it against the signed checkpoints published outside the database, which reveals a rewritten or
   * truncated log even when the chain itself was made consistent again. `onProgress` is called with the
   * number of records checked so far.
   */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyReport> {
    const { db } = this.#deps.database;
    const chain = await this.#repo.readChain(db);
    const total = await this.#repo.count(db);
    const { checkpoints, badLine } = await this.#checkpoints.readAll();
    let expectedSeq = chain.anchor_seq + 1;
    let prevHash = chain.anchor_hash;
    let checked = 0;
    const fail = (seq: number | null, problem: string): VerifyReport => ({
      ok: false,
      checked,
      firstBadSeq: seq,
      problem,
      checkpoints: checkpoints.length,
    });
    if (badLine !== null) {
      return fail(
        null,
        `checkpoint ${badLine} of ${this.#checkpoints.file} is not signed with the audit key`,
      );
    }
    const anchorProblem = this.#anchorProblem(chain);
    if (anchorProblem !== null) {
      return fail(chain.anchor_seq, anchorProblem);
    }
    const moved = checkpoints.find((cp) => cp.keyedFrom !== chain.keyed_from_seq);
    if (moved) {
      return fail(
        Math.min(moved.keyedFrom, chain.keyed_from_seq),
        `the keyed chain starts at record ${chain.keyed_from_seq}, but the checkpoint of ${moved.at} says ${moved.keyedFrom}: the log was rewritten without the key`,
      );
    }
    const bySeq = new Map<number, Checkpoint[]>();
    for (const cp of checkpoints) {
      bySeq.set(cp.seq, [...(bySeq.get(cp.seq) ?? []), cp]);
    }
    const againstCheckpoints = (seq: number, hash: string): string | null => {
      const differs = bySeq.get(seq)?.find((cp) => cp.hash !== hash);
      return differs
        ? `record ${seq} is not the one the checkpoint of ${differs.at} saw: the log was rewritten`
        : null;
    };
    const atAnchor = againstCheckpoints(chain.anchor_seq, chain.anchor_hash);
    if (chain.anchor_seq > 0 && atAnchor !== null) {
      return fail(chain.anchor_seq, atAnchor);
    }
    for (;;) {
      const page = await this.#repo.page(db, expectedSeq - 1, 1000);
      if (page.length === 0) {
        break;
      }
      for (const e of page) {
        if (e.seq !== expectedSeq) {
          return fail(expectedSeq, `record ${expectedSeq} is missing (next present record is ${e.seq})`);
        }
        if (e.prevHash !== prevHash) {
          return fail(
            e.seq,
            `record ${e.seq} does not follow record ${e.seq - 1}: a record was removed or inserted`,
          );
        }
        const { hash, ...rest } = e;
        if (hashEvent(this.#key, chain.keyed_from_seq, rest) !== hash) {
          return fail(e.seq, `record ${e.seq} was changed after it was written`);
        }
        const seen = againstCheckpoints(e.seq, hash);
        if (seen !== null) {
          return fail(e.seq, seen);
        }
        prevHash = hash;
        expectedSeq += 1;
        checked += 1;
      }
      onProgress?.(checked, total);
    }
    if (expectedSeq - 1 !== chain.head_seq || prevHash !== chain.head_hash) {
      return fail(
        expectedSeq,
        `the log ends at record ${expectedSeq - 1} but ${chain.head_seq} records were written: records were removed from its end`,
      );
    }
    const latest = checkpoints.reduce<Checkpoint | null>(
      (m, cp) => (m === null || cp.seq > m.seq ? cp : m),
      null,
    );
    if (latest !== null && latest.seq > chain.head_seq) {
      return fail(
        chain.head_seq + 1,
        `the log ends at record ${chain.head_seq} but the checkpoint of ${latest.at} saw record ${latest.seq}: records were removed from its end`,
      );
    }
    if (total !== checked) {
      return fail(chain.anchor_seq, `${total - checked} records lie outside the retained chain`);
    }
    return { ok: true, checked, firstBadSeq: null, problem: null, checkpoints: checkpoints.length };
  }

  /**
   * The state of the chain at a glance, for the data protection officer's home screen, with bounded work at
   * any log size: the anchor's signature, the newest signed checkpoint (read from the end of its file) held
   * against the record it saw and the chain's head, and the links and keyed hashes of the newest
   * {@link STATUS_RECORDS} records. The full walk stays {@link verify} (`audit verify`, the audit screen).
   * Nothing personal is read or shown, so no purpose is asked and nothing is logged (docs/decisions.md).
   */
  async chainStatus(actor: Actor): Promise<ChainStatus> {
    requireAccess({ actor, permission: 'audit:verify' });
    const { db } = this.#deps.database;
    // The checkpoint first: one written after the head is read could name a record this read cannot see.
    const { checkpoint, forged } = await this.#checkpoints.last();
    const chain = await this.#repo.readChain(db);
    const at = checkpoint?.at ?? null;
    const broken = (checked: number): ChainStatus => ({ status: 'broken', checked, lastCheckpointAt: at });
    if (forged || this.#anchorProblem(chain) !== null) {
      return broken(0);
    }
    if (checkpoint !== null) {
      if (checkpoint.keyedFrom !== chain.keyed_from_seq || checkpoint.seq > chain.head_seq) {
        return broken(0);
      }
      if (checkpoint.seq > chain.anchor_seq) {
        const seen = (await this.#repo.hashesOf(db, [checkpoint.seq])).get(checkpoint.seq);
        if (seen !== checkpoint.hash) {
          return broken(0);
        }
      }
    }
    const from = Math.max(chain.anchor_seq, chain.head_seq - STATUS_RECORDS);
    const page = await this.#repo.page(db, from, chain.head_seq - from);
    let expectedSeq = from + 1;
    let prevHash = from === chain.anchor_seq ? chain.anchor_hash : (page[0]?.prevHash ?? '');
    for (const e of page) {
      const { hash, ...rest } = e;
      if (
        e.seq !== expectedSeq ||
        e.prevHash !== prevHash ||
        hashEvent(this.#key, chain.keyed_from_seq, rest) !== hash
      ) {
        return broken(expectedSeq - from - 1);
      }
      prevHash = hash;
      expectedSeq += 1;
    }
    if (expectedSeq - 1 !== chain.head_seq || prevHash !== chain.head_hash) {
      return broken(page.length);
    }
    return { status: 'verified', checked: page.length, lastCheckpointAt: at };
  }

  /** Records written in the last `hours` hours (24 by default): a figure for the home screen, not logged. */
  async countRecent(actor: Actor, hours = 24): Promise<number> {
    requireAccess({ actor, permission: 'audit:read' });
    const since = new Date(this.#deps.clock.now().getTime() - hours * 3_600_000);
    return this.#repo.countSince(this.#deps.database.read, since);
  }

  /**
   * The anchor may only be moved by retention, which signs it. Unsigned are only the genesis anchor and an
   * anchor set before the keyed chain existed (records older than the switch-over keep the guarantees of the
   * first scheme).
   */
  #anchorProblem(chain: ChainRow): string | null {
    if (chain.anchor_mac === null) {
      const genesis = chain.anchor_seq === 0 && chain.anchor_hash === GENESIS;
      return genesis || chain.anchor_seq < chain.keyed_from_seq
        ? null
        : `the log starts after record ${chain.anchor_seq} but that start is not signed: records were removed outside retention`;
    }
    return anchorMac(this.#key, chain.anchor_seq, chain.anchor_hash) === chain.anchor_mac
      ? null
      : `the log starts after record ${chain.anchor_seq} but that start is not signed with the audit key: records were removed outside retention`;
  }

  /** Retention of the log itself: drops the expired prefix of the chain. */
  async prune(trx: Executor, today: string): Promise<number> {
    const pruned = await this.#repo.prune(trx, today, (seq, hash) => anchorMac(this.#key, seq, hash));
    if (pruned === null) {
      return 0;
    }
    // The next checkpoint (after this transaction) publishes the new anchor outside the database.
    this.#deps.logger.info(
      { auditPrune: { fromSeq: pruned.fromSeq, toSeq: pruned.toSeq, erased: pruned.erased } },
      'audit log pruned',
    );
    this.#pendingReason = 'prune';
    this.#schedule(this.#deps.config.auditCheckpointSeconds * 1000);
    return pruned.erased;
  }
}

/** The log records a read adds while it runs (see {@link AuditLog.readThenLog}); they are written once it is done. */
export interface ReadLog<C, E> {
  add(call: C, entry: E): void;
}
