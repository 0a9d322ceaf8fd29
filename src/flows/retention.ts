import { requireAccess, type Actor } from '../contexts/access/index.ts';
import type { AuditLog } from '../contexts/audit/index.ts';
import type { Changes } from '../platform/changes/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/database/index.ts';
import { isoDate } from '../platform/dates.ts';
import type { Logger } from '../platform/logger.ts';
import type { ErasureCascade, RetentionRule } from '../platform/retention.ts';

export type { ErasureCascade, RetentionRule };

export interface RetentionReport {
  date: string;
  rules: Array<{
    id: string;
    system: string;
    legalBasis: string;
    erased: number;
    cascaded: Record<string, number>;
  }>;
  totalErased: number;
}

interface RetentionDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  logger: Logger;
  /** Erasures append to the change feed; after each rule's commit this node's read models catch up. */
  changes?: Changes;
}

/** Runs every registered rule, each in its own transaction together with its cascades and its erasure record. */
export class Retention {
  readonly #rules: RetentionRule[] = [];
  readonly #cascades: ErasureCascade[] = [];
  readonly #deps: RetentionDeps;

  constructor(deps: RetentionDeps) {
    this.#deps = deps;
  }

  register(rule: RetentionRule): void {
    if (this.#rules.some((r) => r.id === rule.id)) {
      throw new Error(`retention rule ${rule.id} registered twice`);
    }
    this.#rules.push(rule);
  }

  registerCascade(cascade: ErasureCascade): void {
    this.#cascades.push(cascade);
  }

  get rules(): readonly RetentionRule[] {
    return this.#rules;
  }

  async run(actor: Actor, onProgress?: (done: number, total: number) => void): Promise<RetentionReport> {
    requireAccess({ actor, permission: 'retention:run' });
    const today = isoDate(this.#deps.clock.now());
    const report: RetentionReport = { date: today, rules: [], totalErased: 0 };
    let done = 0;
    for (const rule of this.#rules) {
      const after: Array<() => void | Promise<void>> = [];
      const entry = await this.#deps.database.db.transaction().execute(async (trx) => {
        const { erased, refs } = await rule.erase(trx, today);
        const cascaded: Record<string, number> = {};
        if (refs.length > 0) {
          for (const c of this.#cascades) {
            cascaded[c.id] = await c.onErased(trx, rule.system, refs);
            if (c.afterCommit) {
              const hook = c.afterCommit.bind(c);
              after.push(() => hook(rule.system, refs));
            }
          }
        }
        if (erased > 0) {
          // The erasure record says how much was erased and under which rule, never what.
          await this.#deps.audit.record(trx, {
            actor,
            system: rule.system,
            component: 'retention',
            operation: 'retention.erase',
            outcome: 'success',
            purpose: 'system-administration',
            legalBasis: rule.legalBasis,
            resultSummary: `${erased} records erased by rule ${rule.id}${Object.entries(cascaded)
              .map(([k, v]) => `; ${v} copies removed from ${k}`)
              .join('')}`,
          });
        }
        return { id: rule.id, system: rule.system, legalBasis: rule.legalBasis, erased, cascaded };
      });
      await this.#deps.changes?.sync();
      for (const hook of after) {
        await hook();
      }
      report.rules.push(entry);
      report.totalErased += entry.erased;
      done += 1;
      onProgress?.(done, this.#rules.length);
    }
    this.#deps.logger.info({ date: today, totalErased: report.totalErased }, 'retention run finished');
    return report;
  }
}
