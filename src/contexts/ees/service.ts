import { requireAccess, type Actor } from '../access/index.ts';
import type { IndexChange } from '../matching/index.ts';
import type { BulkWriter } from '../../platform/database/bulk.ts';
import type { Executor } from '../../platform/database/index.ts';
import {
  documentHolders,
  insertPreparedFiles,
  prepareImportedFile,
  storedFileIds,
  type ImportedFile,
  type PreparedFile,
} from './bulk.ts';
import {
  carrierService,
  countOverstayers,
  listOverstayers,
  travellerService,
  verifyInCountry,
  type OverstayerListOptions,
  type OverstayerView,
  type TravellerAnswer,
  type TravellerDocument,
  type VerificationResult,
} from './checks.ts';
import {
  FILES_TOPIC,
  LEGAL_BASIS,
  recordFileChanges,
  today,
  type Call,
  type EesContext,
  type EesServiceDeps,
  type WriteCall,
} from './context.ts';
import { EesReadModel } from './read-model.ts';
import type { Footprint } from '../../platform/memory.ts';
import { recordEntry, recordExit, recordRefusal } from './crossings.ts';
import { identifyByBiometrics, verifyBiometrics, type BiometricCandidate } from './biometrics.ts';
import { recordDecision } from './decisions.ts';
import { refusalNotice, type RefusalNotice } from './notices.ts';
import {
  createFile,
  searchByDocument,
  searchByIdentity,
  viewFile,
  type FileDetails,
  type IdentityCandidate,
} from './files.ts';
import { eesRetentionRules, flagOverstayers, sendErasureNotices } from './jobs.ts';
import type {
  DecisionInput,
  DocumentQuery,
  EntryInput,
  ExitInput,
  IdentityQuery,
  NewFileInput,
  RefusalInput,
} from './model.ts';
import type { FileView, RecordView, RefusalView } from './present.ts';
import { EesRepository, type NoticeRow } from './repository.ts';
import type { Template, VerificationResult as BiometricVerification } from '../sbms/index.ts';
import { logRetainUntil } from './retention-periods.ts';

type Written<T> = Promise<{ value: T; replayed: boolean }>;

/**
 * The Entry/Exit System (Reg. (EU) 2017/2226): individual files, entry/exit and refusal records, art. 19
 * decisions, searches, in-country verification, the overstayer mechanism, the traveller and carrier web
 * services and the retention rules. Each use case checks access first and logs in its own transaction.
 */
export class EesService {
  readonly #ctx: EesContext;
  readonly #model: EesReadModel | null = null;

  constructor(deps: EesServiceDeps) {
    const repo = new EesRepository();
    this.#ctx = { ...deps, repo };
    if (deps.changes !== undefined) {
      const model = new EesReadModel(repo, deps.database.db);
      this.#model = model;
      // Until it is built (never, in a command-line process) the model ignores changes: it is not read.
      deps.changes.register(FILES_TOPIC, {
        name: 'ees.read-model',
        apply: (ids) => (this.#ctx.readModel === model ? model.reload(ids) : Promise.resolve()),
      });
    }
  }

  /**
   * Loads the read model of files from the tables (at start, before the change feed is followed); reads use
   * it from then on. Until then (and in a process that never builds it, such as a command-line import) they
   * read the tables.
   */
  async buildReadModel(): Promise<number> {
    const model = this.#model;
    if (model === null) {
      return 0;
    }
    const n = await model.build();
    this.#ctx.readModel = model;
    this.#ctx.logger.info({ files: n }, 'EES read model built');
    return n;
  }

  /** Creates an individual file (arts. 16(1), 17(1)); border authorities. */
  createFile(call: WriteCall & { input: NewFileInput }): Written<FileView> {
    return createFile(this.#ctx, call);
  }

  /** A file with its travel history and the calculator's figures on `date` (default today). */
  viewFile(call: Call & { fileId: string; date?: string }): Promise<FileDetails> {
    return viewFile(this.#ctx, call);
  }

  /** Search by travel document number and issuing state (art. 23(2)). */
  searchByDocument(call: Call & { query: DocumentQuery }): Promise<FileView[]> {
    return searchByDocument(this.#ctx, call);
  }

  /** Search by identity data, ranked and explained with the MID rules (art. 23(2)). */
  searchByIdentity(call: Call & { query: IdentityQuery }): Promise<IdentityCandidate[]> {
    return searchByIdentity(this.#ctx, call);
  }

  /**
   * 1:1 verification of a live capture (decoded templates) against a file's templates (art. 23(2)); logged
   * with the types of biometric data used. `compared` is false when the file holds none of the probe's kinds.
   */
  verifyBiometrics(
    call: Call & { fileId: string; probe: readonly Template[] },
  ): Promise<BiometricVerification> {
    return verifyBiometrics(this.#ctx, call);
  }

  /** 1:N identification in the EES partition (arts. 23(4), 27): the matching files, best first. */
  identifyByBiometrics(
    call: Call & { probe: readonly Template[]; limit?: number },
  ): Promise<BiometricCandidate[]> {
    return identifyByBiometrics(this.#ctx, call);
  }

  /**
   * The matching engine's calibrated probability that each given file is the person described (values left
   * out count as unknown). Returns numbers only, for files the caller already found; files the identity
   * index does not hold are left out.
   */
  matchProbabilities(
    call: Call & {
      query: {
        surname?: string;
        givenNames?: string;
        birthDate?: string;
        sex?: string;
        nationalities?: string[];
        documentNumber?: string;
      };
      fileIds: readonly string[];
    },
  ): Map<string, number> {
    requireAccess({ actor: call.actor, permission: 'ees:read' });
    const out = new Map<string, number>();
    for (const [ref, c] of this.#ctx.identityIndex?.score(call.query, 'ees', call.fileIds) ?? []) {
      out.set(ref, c.probability);
    }
    return out;
  }

  /** Records an entry (art. 16(2)); refuses a second stay without exit. */
  recordEntry(call: WriteCall & { fileId: string; input: EntryInput }): Written<RecordView> {
    return recordEntry(this.#ctx, call);
  }

  /** Records the exit closing the open stay (art. 16(3)). */
  recordExit(call: WriteCall & { fileId: string; input: ExitInput }): Written<RecordView> {
    return recordExit(this.#ctx, call);
  }

  /** Records a refusal of entry with its Annex V Part B grounds (art. 18). */
  recordRefusal(call: WriteCall & { fileId: string; input: RefusalInput }): Written<RefusalView> {
    return recordRefusal(this.#ctx, call);
  }

  /**
   * The refusal of entry notice (SBC art. 14(2), Annex V Part B) as a PDF: in `lang` when given, else the first
   * language of `acceptLanguage` the form is printed in, else English. Only the refusing authority prints it.
   */
  refusalNotice(
    call: Call & { refusalId: string; lang?: string; acceptLanguage?: string },
  ): Promise<RefusalNotice> {
    return refusalNotice(this.#ctx, call);
  }

  /** Adds a revocation, annulment or extension to an entry record (art. 19). */
  recordDecision(call: WriteCall & { recordId: string; input: DecisionInput }): Written<RecordView> {
    return recordDecision(this.#ctx, call);
  }

  /** In-country verification by immigration authorities (art. 26). */
  verifyInCountry(call: Call & { query: DocumentQuery }): Promise<VerificationResult> {
    return verifyInCountry(this.#ctx, call);
  }

  /** The list of overstayers (art. 12(3)). */
  listOverstayers(
    call: Call & OverstayerListOptions,
  ): Promise<{ overstayers: OverstayerView[]; total: number }> {
    return listOverstayers(this.#ctx, call);
  }

  /** How many overstayers entered through a member state (the list's size, as a figure; nothing logged). */
  countOverstayers(actor: Actor, memberState: string): Promise<number> {
    return countOverstayers(this.#ctx, actor, memberState);
  }

  /**
   * Traveller web service (art. 13(1)): OK / NOT_OK and the remaining days, or CANNOT_ANSWER when no file holds
   * the document (number, issuing state and expiry must all match) or the calculator does not apply.
   */
  travellerService(input: {
    document: TravellerDocument;
    intendedEntry: string;
    intendedExit?: string;
    requestId?: string;
  }): Promise<TravellerAnswer> {
    return travellerService(this.#ctx, input);
  }

  /** Carrier web service (art. 13(3)): `{ status }` and nothing else. */
  carrierService(
    call: Call & { document: DocumentQuery; intendedEntry: string; visaStickerNumber?: string },
  ): Promise<{ status: 'OK' | 'NOT_OK' }> {
    return carrierService(this.#ctx, call);
  }

  /** The overstayer job (art. 12(1)), in the caller's transaction; returns how many stays it flagged. */
  flagOverstayers(trx: Executor, today: string): Promise<number> {
    return flagOverstayers(this.#ctx, trx, today);
  }

  /** The art. 34(3) notices due on `today`, in the caller's transaction. */
  sendErasureNotices(trx: Executor, today: string): Promise<string[]> {
    return sendErasureNotices(this.#ctx, trx, today);
  }

  /** Notices sent so far (for a file, or all). */
  notices(fileId?: string): Promise<NoticeRow[]> {
    return this.#ctx.repo.notices(this.#ctx.database.db, fileId);
  }

  /**
   * Bulk import, step 1 (pure): one line checked and derived exactly as the file and crossing routes would
   * (see {@link prepareImportedFile}); throws the `EES_*` error the API would answer.
   */
  prepareImport(call: Call, line: ImportedFile): PreparedFile {
    requireAccess({ actor: call.actor, permission: 'ees:write', purpose: call.purpose });
    return prepareImportedFile(line, {
      actor: call.actor,
      now: this.#ctx.clock.now(),
      today: today(this.#ctx),
    });
  }

  /** Bulk import: which of these file ids are stored, and which stored files hold these documents. */
  async importConflicts(
    trx: Executor,
    ids: readonly string[],
    documentKeys: readonly string[],
  ): Promise<{ stored: Set<string>; holders: Map<string, string> }> {
    return { stored: await storedFileIds(trx, ids), holders: await documentHolders(trx, documentKeys) };
  }

  /**
   * Bulk import, step 2: writes prepared files (rows, identity index rows and blocking keys) in the writer's
   * transaction with one log record for the batch (EES art. 46: operator, counts, the files' ids). Apply the
   * returned index changes after the commit.
   */
  async importBatch(
    writer: BulkWriter,
    call: Call,
    files: readonly PreparedFile[],
    summary: string,
  ): Promise<IndexChange[]> {
    const purpose = requireAccess({ actor: call.actor, permission: 'ees:write', purpose: call.purpose });
    if (files.length === 0) {
      return [];
    }
    await insertPreparedFiles(writer, files);
    const changes =
      (await this.#ctx.identityIndex?.stageMany(
        writer,
        files.map((f) => f.identity),
      )) ?? [];
    // Every node's read models (files, identity index) load the batch from the change feed.
    await recordFileChanges(
      this.#ctx,
      writer.trx,
      files.map((f) => f.id),
    );
    const latest = files.map((f) => f.file.erase_after).reduce((a, b) => (b > a ? b : a));
    await this.#ctx.audit.record(writer.trx, {
      actor: call.actor,
      system: 'ees',
      operation: 'ees.import',
      outcome: 'success',
      purpose,
      legalBasis: LEGAL_BASIS.file,
      recordRefs: files.map((f) => f.id),
      resultSummary: summary,
      requestId: call.requestId ?? null,
      retainUntil: logRetainUntil(latest, today(this.#ctx)),
    });
    return changes;
  }

  /**
   * What the read model holds once built: every file, about 3.5 KB of heap each with its documents and
   * crossings (measured at a million files with 1.7 crossings each; docs/benchmarks.md).
   */
  async readModelFootprint(): Promise<Footprint> {
    const files = await this.#ctx.repo.fileCount(this.#ctx.database.db);
    return { what: 'EES files', items: files, bytesPerItem: 3_500 };
  }

  /** Rows per EES table (operations and tests; no personal data). */
  counts(): Promise<Record<string, number>> {
    return this.#ctx.repo.counts(this.#ctx.database.db);
  }

  /** The retention rules of art. 34, to be registered with the retention flow in this order. */
  retentionRules() {
    return eesRetentionRules(this.#ctx);
  }
}
