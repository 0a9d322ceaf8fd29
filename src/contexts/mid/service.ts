import type { Changes } from '../../platform/changes/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/database/index.ts';
import type { Logger } from '../../platform/logger.ts';
import type { AuditLog } from '../audit/index.ts';
import { CirRepository, type CirChangeListener, type CirFilesChanged, type CirRef } from '../cir/index.ts';
import type { IdentityIndexService } from '../matching/index.ts';
import type { BiometricMatching } from '../sbms/index.ts';
import { Detection, MID_DETECTION_SETTINGS, type DetectionReport } from './detection.ts';
import type { Actor } from '../access/index.ts';
import type { Call } from '../../platform/calls.ts';
import { LINKS_TOPIC, type LinkNotice, type MidLink, type MidLinkNotices } from './model.ts';
import { noticesFor, recordLinks } from './notices.ts';
import { MidRepository } from './repository.ts';
import type { DEFAULT_VERIFY_WITHIN_HOURS } from './rules/verifier.ts';
import type { Writes } from '../../platform/writes.ts';
import { MidVerification } from './verification/service.ts';

export interface MidServiceDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  biometrics: BiometricMatching;
  identityIndex: IdentityIndexService;
  logger?: Logger;
  verifyWithinHours?: typeof DEFAULT_VERIFY_WITHIN_HOURS;
  /** Idempotent writes of the manual verification. */
  writes: Writes;
  /** The change feed: every write to links appends their ids under {@link LINKS_TOPIC} in its transaction. */
  changes?: Changes;
}

/**
 * The multiple-identity detector (2019/817 and 2019/818 arts. 25-36): the CIR's listener that detects links
 * for every created or updated file and removes the links of erased ones (art. 35), and the reads of the
 * stored links. Verification and notices join this facade as methods of their own.
 */
export class MidService implements MidLinkNotices {
  protected readonly deps: MidServiceDeps;
  protected readonly repo = new MidRepository();
  readonly #detection: Detection;
  readonly #verification: MidVerification;

  constructor(deps: MidServiceDeps) {
    this.deps = deps;
    this.#detection = new Detection({
      biometrics: deps.biometrics,
      identityIndex: deps.identityIndex,
      cirFiles: new CirRepository(),
      audit: deps.audit,
      clock: deps.clock,
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.verifyWithinHours ? { verifyWithinHours: deps.verifyWithinHours } : {}),
      ...(deps.changes ? { changes: deps.changes } : {}),
    });
    this.#verification = new MidVerification({
      database: deps.database,
      clock: deps.clock,
      audit: deps.audit,
      writes: deps.writes,
      biometrics: deps.biometrics,
      midSettings: MID_DETECTION_SETTINGS,
      ...(deps.changes ? { changes: deps.changes } : {}),
    });
  }

  /** The verifying authority's queue (art. 29), sorted, filtered and paged; see {@link MidVerification.links}. */
  links(...args: Parameters<MidVerification['links']>): ReturnType<MidVerification['links']> {
    return this.#verification.links(...args);
  }

  /** A link for its verifying authority, both records side by side (arts. 21, 26(1)). */
  linkDetail(...args: Parameters<MidVerification['linkDetail']>): ReturnType<MidVerification['linkDetail']> {
    return this.#verification.linkDetail(...args);
  }

  /** The manual verification of a yellow link into white, green or red (arts. 29-33). */
  verify(...args: Parameters<MidVerification['verify']>): ReturnType<MidVerification['verify']> {
    return this.#verification.verify(...args);
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
    if (removed.length > 0) {
      await this.deps.changes?.record(
        trx,
        LINKS_TOPIC,
        removed.map((r) => r.id),
      );
    }
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

  /**
   * What the border check, the portal and the SIS search show of the links of the records they return: the
   * notices the actor may see under art. 26, per record (see `notices.ts`). One read, none without links to
   * see.
   */
  noticesFor(
    actor: Actor,
    records: readonly CirRef[],
    options?: { matched?: readonly CirRef[] },
  ): Promise<Map<CirRef, LinkNotice[]>> {
    return noticesFor({ linksOf: (refs) => this.linksOf(refs) }, actor, records, options);
  }

  /** The links of one record the caller may see (art. 26), logged; `GET /api/v1/mid/records/{ref}/links`. */
  recordLinks(call: Call<Actor> & { ref: string }): Promise<{ record: CirRef; links: LinkNotice[] }> {
    return recordLinks({ linksOf: (refs) => this.linksOf(refs), audit: this.deps.audit }, call);
  }
}
