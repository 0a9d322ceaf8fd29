import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { CirRepository, type CirChangeListener, type CirFilesChanged, type CirRef } from '../cir/index.ts';
import type { IdentityIndexService } from '../matching/index.ts';
import type { BiometricMatching } from '../sbms/index.ts';
import { Detection, type DetectionReport } from './detection.ts';
import type { MidLink } from './model.ts';
import { MidRepository } from './repository.ts';
import type { DEFAULT_VERIFY_WITHIN_HOURS } from './rules/verifier.ts';

export interface MidServiceDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  biometrics: BiometricMatching;
  identityIndex: IdentityIndexService;
  verifyWithinHours?: typeof DEFAULT_VERIFY_WITHIN_HOURS;
}

/**
 * The multiple-identity detector (2019/817 and 2019/818 arts. 25-36): the CIR's listener that detects links
 * for every created or updated file and removes the links of erased ones (art. 35), and the reads of the
 * stored links. Verification and notices join this facade as methods of their own.
 */
export class MidService {
  protected readonly deps: MidServiceDeps;
  protected readonly repo = new MidRepository();
  readonly #detection: Detection;

  constructor(deps: MidServiceDeps) {
    this.deps = deps;
    this.#detection = new Detection({
      biometrics: deps.biometrics,
      identityIndex: deps.identityIndex,
      cirFiles: new CirRepository(),
      audit: deps.audit,
      clock: deps.clock,
      ...(deps.verifyWithinHours ? { verifyWithinHours: deps.verifyWithinHours } : {}),
    });
  }

  /** The CIR listener: detection for the files created or updated, link removal for the files removed. */
  readonly listener: CirChangeListener = async (trx, changed) => {
    await this.onFilesChanged(trx, changed);
  };

  async onFilesChanged(
    trx: Executor,
    changed: CirFilesChanged,
  ): Promise<DetectionReport & { removed: number }> {
    // Art. 35: a link exists only while both linked records are held.
    const removed = changed.removed.length === 0 ? [] : await this.repo.deleteOfRecords(trx, changed.removed);
    const report = await this.detect(trx, changed.upserted);
    return { ...report, removed: removed.length };
  }

  /** Detection for the given files (arts. 27-28), in the caller's transaction. */
  detect(trx: Executor, files: CirFilesChanged['upserted']): Promise<DetectionReport> {
    return this.#detection.detect(trx, files);
  }

  /** One stored link, or null. */
  link(id: string, db: Executor = this.deps.database.db): Promise<MidLink | null> {
    return this.repo.byId(db, id);
  }

  /** The stored links either of whose records is one of the refs, oldest first. */
  linksOf(refs: readonly CirRef[], db: Executor = this.deps.database.db): Promise<MidLink[]> {
    return this.repo.ofRecords(db, refs);
  }
}
