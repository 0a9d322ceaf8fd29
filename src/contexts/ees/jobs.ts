import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../access/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { LEGAL_BASIS, log, recordFileChanges, type EesContext } from './context.ts';
import { erasureNoticeOn } from './retention-periods.ts';

/** Scheduled work of the EES context: the overstayer mechanism and the erasures of art. 34. */

const SYSTEM_CALL = { actor: SYSTEM_ACTOR, purpose: null };

/**
 * Flags every stay whose authorised stay ended before `today` without exit (EES art. 12(1)) and the files
 * they belong to; the flagged persons are on the list of overstayers from then on.
 */
export async function flagOverstayers(ctx: EesContext, trx: Executor, today: string): Promise<number> {
  const flagged = await ctx.repo.flagOverstays(trx, today);
  if (flagged.length > 0) {
    await recordFileChanges(
      ctx,
      trx,
      flagged.map((f) => f.file_id),
    );
    await log(ctx, trx, SYSTEM_CALL, {
      purpose: null,
      operation: 'ees.overstayer.flag',
      legalBasis: LEGAL_BASIS.overstayers,
      recordRefs: flagged.flatMap((f) => [f.file_id, f.id]),
      resultSummary: `${flagged.length} stay(s) flagged as overstay`,
      dataEraseAfter: null,
    });
    ctx.logger.info({ flagged: flagged.length, date: today }, 'EES overstayers flagged');
  }
  return flagged.length;
}

/**
 * Tells the responsible member state, 3 months before, that an overstayer's data will be erased
 * (EES art. 34(3)): one notice per stay, stored and logged.
 */
export async function sendErasureNotices(ctx: EesContext, trx: Executor, today: string): Promise<string[]> {
  const due = await ctx.repo.overstaysDueForNotice(trx, today);
  const ids: string[] = [];
  for (const r of due) {
    const id = `eesn_${randomUUID()}`;
    await ctx.repo.insertNotice(trx, {
      id,
      record_id: r.id,
      file_id: r.file_id,
      responsible_state: r.entry_state,
      planned_erasure: r.erase_after,
      notified_on: today,
      erase_after: r.erase_after,
    });
    await log(ctx, trx, SYSTEM_CALL, {
      purpose: null,
      operation: 'ees.overstayer.erasure-notice',
      legalBasis: 'Reg. (EU) 2017/2226 art. 34(3)',
      recordRefs: [r.file_id, r.id, id],
      resultSummary: `notice to ${r.entry_state}: overstayer data erased on ${r.erase_after} (notice due ${erasureNoticeOn(r.erase_after)})`,
      dataEraseAfter: r.erase_after,
    });
    ctx.logger.info(
      { notice: id, memberState: r.entry_state, plannedErasure: r.erase_after },
      'EES erasure notice to the responsible member state',
    );
    ids.push(id);
  }
  return ids;
}

/** The retention rules of EES (art. 34), in the order they must run. Structurally `RetentionRule`s. */
export function eesRetentionRules(ctx: EesContext) {
  return [
    {
      id: 'ees.overstayer-flag',
      system: 'ees',
      description: 'Flags stays whose authorised stay ended without exit (erases nothing)',
      legalBasis: 'Reg. (EU) 2017/2226 art. 12(1)',
      erase: async (trx: Executor, today: string) => {
        await flagOverstayers(ctx, trx, today);
        return { erased: 0, refs: [] as string[] };
      },
    },
    {
      id: 'ees.overstayer-erasure-notice',
      system: 'ees',
      description:
        'Notices to the responsible member state 3 months before an overstayer is erased (erases nothing)',
      legalBasis: 'Reg. (EU) 2017/2226 art. 34(3)',
      erase: async (trx: Executor, today: string) => {
        await sendErasureNotices(ctx, trx, today);
        return { erased: 0, refs: [] as string[] };
      },
    },
    {
      id: 'ees.entry-exit-record',
      system: 'ees',
      description:
        'Entry/exit records: 3 years after exit, 5 years after the end of an overstayed stay, 1 year for family members',
      legalBasis: `${LEGAL_BASIS.retention}(1), (3), (4)`,
      erase: async (trx: Executor, today: string) => {
        const rows = await ctx.repo.eraseRecords(trx, today);
        await recordFileChanges(
          ctx,
          trx,
          rows.map((r) => r.file_id),
        );
        return { erased: rows.length, refs: rows.map((r) => r.id) };
      },
    },
    {
      id: 'ees.refusal-record',
      system: 'ees',
      description: 'Refusal of entry records: 3 years after the refusal',
      legalBasis: `${LEGAL_BASIS.retention}(1)`,
      erase: async (trx: Executor, today: string) => {
        const rows = await ctx.repo.eraseRefusals(trx, today);
        await recordFileChanges(
          ctx,
          trx,
          rows.map((r) => r.file_id),
        );
        return { erased: rows.length, refs: rows.map((r) => r.id) };
      },
    },
    {
      id: 'ees.individual-file',
      system: 'ees',
      description: 'Individual files: 3 years and 1 day after the last exit or refusal without a new entry',
      legalBasis: `${LEGAL_BASIS.retention}(2)`,
      erase: async (trx: Executor, today: string) => {
        const refs = await ctx.repo.eraseFiles(trx, today);
        await recordFileChanges(ctx, trx, refs);
        return { erased: refs.length, refs };
      },
    },
  ];
}
