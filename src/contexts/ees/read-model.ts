import type { Executor } from '../../platform/database/index.ts';
import type { EesRepository, FileBundle } from './repository.ts';

const PAGE = 5000;
const docKey = (issuingState: string, numberNorm: string) => `${issuingState}\u0000${numberNorm}`;

/**
 * The EES files in memory, for the hot reads of the border check (EES art. 23): travel document → file and
 * file → its documents, entry/exit records, refusals and art. 19 decisions (what the 90/180 calculator
 * needs). Built from the tables at start and then changed only by the change feed's `ees.files` topic,
 * which reloads the changed files by id; a file that is no longer stored (erased) leaves the model. The
 * database stays the truth: rows are held exactly as the repository reads them.
 */
export class EesReadModel {
  readonly #repo: EesRepository;
  readonly #db: Executor;
  readonly #files = new Map<string, FileBundle>();
  readonly #byDocument = new Map<string, string>();

  constructor(repo: EesRepository, db: Executor) {
    this.#repo = repo;
    this.#db = db;
  }

  get size(): number {
    return this.#files.size;
  }

  /** Loads every file, page by page (keyset on id). */
  async build(): Promise<number> {
    let after = '';
    for (;;) {
      const page = await this.#repo.bundlePage(this.#db, after, PAGE);
      for (const bundle of page) {
        this.#put(bundle);
      }
      if (page.length < PAGE) {
        return this.#files.size;
      }
      after = page.at(-1)!.file.id;
    }
  }

  /** Reloads these files from the database (one query per table per batch); missing ones are removed. */
  async reload(fileIds: readonly string[]): Promise<void> {
    for (let i = 0; i < fileIds.length; i += PAGE) {
      const chunk = fileIds.slice(i, i + PAGE);
      const found = await this.#repo.bundlesOf(this.#db, chunk);
      const present = new Set<string>();
      for (const bundle of found) {
        present.add(bundle.file.id);
        this.#put(bundle);
      }
      for (const id of chunk) {
        if (!present.has(id)) {
          this.#remove(id);
        }
      }
    }
  }

  fileIdByDocument(issuingState: string, numberNorm: string): string | undefined {
    return this.#byDocument.get(docKey(issuingState, numberNorm));
  }

  bundle(fileId: string): FileBundle | undefined {
    return this.#files.get(fileId);
  }

  #put(bundle: FileBundle): void {
    this.#remove(bundle.file.id);
    this.#files.set(bundle.file.id, bundle);
    for (const d of bundle.documents) {
      this.#byDocument.set(docKey(d.issuing_state, d.number_norm), bundle.file.id);
    }
  }

  #remove(fileId: string): void {
    const old = this.#files.get(fileId);
    if (old === undefined) {
      return;
    }
    this.#files.delete(fileId);
    for (const d of old.documents) {
      const key = docKey(d.issuing_state, d.number_norm);
      if (this.#byDocument.get(key) === fileId) {
        this.#byDocument.delete(key);
      }
    }
  }
}
