import type { Changes } from '../../../platform/changes/index.ts';
import type { Executor } from '../../../platform/database/index.ts';
import type { RetentionRule } from '../../../platform/retention.ts';
import { APPLICATIONS_TOPIC } from '../context.ts';
import type { RecordPresence } from '../model.ts';
import type { EtiasTables } from '../tables.ts';

const q = (db: Executor) => db.withTables<EtiasTables>();

/** Files examined per batch: their hits' records are asked of each system in one call. */
const BATCH = 2000;

/** Statuses whose file is kept 5 years after the decision (art. 54(1)(b)). */
const DECIDED_AGAINST = ['refused', 'annulled', 'revoked'] as const;

/**
 * The 7-day rule of art. 54(1)(b), second subparagraph: a refused, annulled or revoked file is kept 5 years after
 * the decision, but when the records that gave rise to the decision (a SIS alert, an EES file, a watchlist entry,
 * a screening rule) are deleted earlier, the file is erased within 7 days; the central system checks this
 * regularly and automatically. The daily retention run is that check: the records of each such file's confirmed
 * hits (art. 22: the hits the decision rests on; not notify-only ones) are asked of the system their record belongs to, through the
 * {@link RecordPresence} each system's adapter provides, and a file none of whose records remains is erased in
 * the same run — well within the 7 days. A record of a system that has no presence port is counted as present:
 * the file is then kept its full period rather than erased on a guess.
 */
export class SourceDeletedRule {
  readonly #sources = new Map<string, RecordPresence>();
  readonly #changes: Changes | undefined;

  constructor(deps: { changes?: Changes } = {}) {
    this.#changes = deps.changes;
  }

  /** A system's answer to "which of these records do you no longer hold" (its adapter's `etiasRecords`). */
  addRecordSource(source: RecordPresence): void {
    if (this.#sources.has(source.system)) {
      throw new Error(`an ETIAS record source for ${source.system} is already registered`);
    }
    this.#sources.set(source.system, source);
  }

  /** The retention rule, to run with the other ETIAS rules. */
  rule(): RetentionRule {
    return {
      id: 'etias.source-deleted',
      system: 'etias',
      description:
        'Refused, annulled or revoked files whose records behind the decision were deleted (within 7 days)',
      legalBasis: 'Reg. (EU) 2018/1240 art. 54(1)(b), second subparagraph',
      erase: (trx) => this.#erase(trx),
    };
  }

  async #erase(trx: Executor): Promise<{ erased: number; refs: readonly string[] }> {
    const erased: string[] = [];
    let after = '';
    for (;;) {
      const files = await q(trx)
        .selectFrom('etias.application')
        .select('id')
        .where('status', 'in', DECIDED_AGAINST)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (files.length === 0) {
        break;
      }
      after = files.at(-1)!.id;
      const hits = await q(trx)
        .selectFrom('etias.hit')
        .select(['application_id', 'record_ref'])
        .where(
          'application_id',
          'in',
          files.map((f) => f.id),
        )
        // The hits the decision rests on: those the Central Unit confirmed (art. 22) before the National Unit
        // decided; open, false and notify-only hits gave rise to nothing.
        .where('state', '=', 'confirmed')
        .where('notify_only', '=', false)
        .execute();
      const bySystem = new Map<string, string[]>();
      for (const h of hits) {
        const system = h.record_ref.slice(0, h.record_ref.indexOf(':'));
        bySystem.set(system, [...(bySystem.get(system) ?? []), h.record_ref]);
      }
      const missing = new Set<string>();
      for (const [system, refs] of bySystem) {
        const source = this.#sources.get(system);
        if (source !== undefined) {
          for (const ref of await source.missing(trx, [...new Set(refs)])) {
            missing.add(ref);
          }
        }
      }
      const behind = new Map<string, string[]>();
      for (const h of hits) {
        behind.set(h.application_id, [...(behind.get(h.application_id) ?? []), h.record_ref]);
      }
      const gone = [...behind].filter(([, refs]) => refs.every((r) => missing.has(r))).map(([id]) => id);
      if (gone.length > 0) {
        // Hits and events go with the file (foreign keys on delete cascade).
        await q(trx).deleteFrom('etias.application').where('id', 'in', gone).execute();
        erased.push(...gone);
      }
    }
    await this.#changes?.record(trx, APPLICATIONS_TOPIC, erased);
    return { erased: erased.length, refs: erased };
  }
}
