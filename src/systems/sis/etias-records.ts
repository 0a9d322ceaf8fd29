import type { RecordPresence } from '../../contexts/etias/index.ts';
import type { SisService } from '../../contexts/sis/index.ts';
import type { Executor } from '../../platform/database/index.ts';

/**
 * The SIS alerts behind ETIAS refusals, annulments and revocations (2018/1240 art. 54(1)(b)): which of the
 * alerts hit (`sis:<alertId>`) SIS no longer holds, so that ETIAS erases those files within 7 days.
 */
export function sisEtiasRecords(sis: Pick<SisService, 'storedAlertIds'>): RecordPresence {
  return {
    system: 'sis',
    async missing(trx: Executor, refs: readonly string[]) {
      const ids = refs.filter((r) => r.startsWith('sis:')).map((r) => r.slice(4));
      const stored = await sis.storedAlertIds(trx, ids);
      return new Set(ids.filter((id) => !stored.has(id)).map((id) => `sis:${id}`));
    },
  };
}
