import { randomUUID } from 'node:crypto';
import { requireAccess } from '../access/index.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import {
  idempotency,
  LEGAL_BASIS,
  lockedFile,
  log,
  refreshRetention,
  today,
  type EesContext,
  type WriteCall,
} from './context.ts';
import { EES_ERRORS } from './errors.ts';
import type { DecisionInput } from './model.ts';
import { toRecordView, type RecordView } from './present.ts';
import { checkCalendarDate, checkCountry } from './validate.ts';

/**
 * Adds a revocation, annulment or extension to an entry record (EES art. 19). An extension sets the new end
 * of the authorised stay; a revocation or annulment during the stay ends it on the decision day (or the end
 * date given) when that is earlier.
 */
export async function recordDecision(
  ctx: EesContext,
  call: WriteCall & { recordId: string; input: DecisionInput },
): Promise<{ value: RecordView; replayed: boolean }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:write', purpose: call.purpose });
  const { input } = call;
  const decidedOn = checkCalendarDate(input.decidedOn, 'decidedOn');
  const newEnd =
    input.newEndOfStay === undefined ? null : checkCalendarDate(input.newEndOfStay, 'newEndOfStay');
  if (decidedOn > today(ctx)) {
    throw invalid(EES_ERRORS.timeInFuture, `decidedOn ${decidedOn} lies in the future.`);
  }
  if ((input.newStickerNumber === undefined) !== (input.newStickerState === undefined)) {
    throw invalid(
      EES_ERRORS.decisionInvalid,
      'Give the new visa sticker number together with its issuing state.',
    );
  }
  const stickerState =
    input.newStickerState === undefined ? null : checkCountry(input.newStickerState, 'newStickerState');
  if (input.place.trim() === '') {
    throw invalid(EES_ERRORS.decisionInvalid, 'Give the place of the decision.');
  }
  if (input.kind === 'extended' && newEnd === null) {
    throw invalid(
      EES_ERRORS.decisionInvalid,
      'An extension needs newEndOfStay, the new last day of the authorised stay.',
    );
  }
  const request = { recordId: call.recordId, ...input };
  return ctx.writes.run(idempotency(call, 'ees.decision.create', request), async (trx) => {
    const found = await ctx.repo.findRecord(trx, call.recordId);
    if (found === undefined) {
      throw notFound(EES_ERRORS.recordNotFound, `There is no EES entry/exit record "${call.recordId}".`);
    }
    const file = await lockedFile(ctx, trx, found.file_id);
    const record = (await ctx.repo.findRecord(trx, found.id))!;
    const open = record.exit_at === null;
    if (input.kind === 'extended') {
      if (!open || newEnd === null || newEnd < record.entry_date) {
        throw invalid(
          EES_ERRORS.decisionInvalid,
          'An extension applies to a stay without exit and ends on or after its day of entry.',
        );
      }
      await ctx.repo.setAuthorisedUntil(trx, record.id, {
        authorised_until: newEnd,
        limited_by: 'EXTENSION',
        overstayer: newEnd < today(ctx) ? record.overstayer : false,
        overstayer_flagged_on: newEnd < today(ctx) ? record.overstayer_flagged_on : null,
      });
    } else if (open) {
      const end = newEnd ?? decidedOn;
      if (record.authorised_until === null || end < record.authorised_until) {
        await ctx.repo.setAuthorisedUntil(trx, record.id, {
          authorised_until: end,
          limited_by: 'DECISION',
          overstayer: record.overstayer,
          overstayer_flagged_on: record.overstayer_flagged_on,
        });
      }
    }
    const id = `eesv_${randomUUID()}`;
    await ctx.repo.insertDecision(trx, {
      id,
      record_id: record.id,
      file_id: file.id,
      kind: input.kind,
      authority_id: call.actor.authorityId,
      authority: call.actor.authorityName,
      member_state: call.actor.memberState,
      place: input.place.trim(),
      decided_on: decidedOn,
      new_end_of_stay: newEnd,
      new_sticker_number: input.newStickerNumber?.trim().toUpperCase() ?? null,
      new_sticker_state: stickerState,
      created_at: ctx.clock.now(),
      erase_after: record.erase_after,
    });
    const after = await refreshRetention(ctx, trx, file.id);
    await log(ctx, trx, call, {
      purpose,
      operation: 'ees.decision.create',
      legalBasis: LEGAL_BASIS.decision,
      recordRefs: [file.id, record.id, id],
      resultSummary: `${input.kind} on ${decidedOn}${newEnd ? `, stay until ${newEnd}` : ''}`,
      dataEraseAfter: after.file.erase_after,
    });
    return toRecordView(
      after.records.find((r) => r.id === record.id)!,
      after.decisions,
    );
  });
}
