import type { EesService } from '../../contexts/ees/index.ts';
import type { RecordPresence } from '../../contexts/etias/index.ts';
import type { Executor } from '../../platform/database/index.ts';

/** An EES individual file's id (`eesf_…`); hits on other EES records are not answered for here. */
const FILE_REF = /^ees:(eesf_[0-9a-f-]+)$/u;

/**
 * The EES files behind ETIAS refusals, annulments and revocations (2018/1240 art. 54(1)(b)): which of the files
 * hit (`ees:eesf_…`) EES no longer holds, so that ETIAS erases those files within 7 days.
 */
export function eesEtiasRecords(ees: Pick<EesService, 'importConflicts'>): RecordPresence {
  return {
    system: 'ees',
    async missing(trx: Executor, refs: readonly string[]) {
      const ids = refs.flatMap((r) => FILE_REF.exec(r)?.[1] ?? []);
      const { stored } = await ees.importConflicts(trx, ids, []);
      return new Set(ids.filter((id) => !stored.has(id)).map((id) => `ees:${id}`));
    },
  };
}
