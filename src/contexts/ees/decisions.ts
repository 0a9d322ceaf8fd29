import { randomUUID } from 'node:crypto';
import { requireAccess, type Actor, type AuthorityType } from '../access/index.ts';
import { findMemberState } from '../reference/index.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
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
import type { DecisionInput, DecisionKind } from './model.ts';
import { toRecordView, type RecordView } from './present.ts';
import type { DecisionRow, RecordRow } from './repository.ts';
import { staysUpTo } from './stay-view.ts';
import { latestLegalExit } from './stay/index.ts';
import { checkCalendarDate, checkCountry } from './validate.ts';

/**
 * Which authority types may take each decision. EES art. 19 records the decisions of "the competent authority";
 * who that is comes from the Visa Code (Reg. (EC) 810/2009), which regulations.md does not digest (so this
 * rests on the Regulation's text, not on a [V] item of the digest):
 * - extension, art. 33(5)-(6): the authorities of the member state where the person is present, as notified
 *   by that state; these are immigration (aliens') and visa authorities, not border guards;
 * - annulment and revocation, art. 34(1)-(2): the competent authorities of the issuing state or of another
 *   state; border guards annul and revoke at the border (art. 34 and its Annex VI form), visa and
 *   immigration authorities in the territory.
 */
const COMPETENT: Readonly<Record<DecisionKind, readonly AuthorityType[]>> = Object.freeze({
  extended: ['immigration', 'visa'],
  annulled: ['border', 'visa', 'immigration'],
  revoked: ['border', 'visa', 'immigration'],
});

function requireCompetent(actor: Actor, kind: DecisionKind): void {
  const allowed = COMPETENT[kind];
  if (actor.authorityType === 'system' || !allowed.includes(actor.authorityType)) {
    throw forbidden(
      EES_ERRORS.decisionAuthorityNotCompetent,
      kind === 'extended'
        ? 'Only the immigration or visa authorities of the state where the person is may extend a stay (Visa Code art. 33(5)).'
        : `Only ${allowed.join(', ')} authorities may record an ${kind} decision (Visa Code art. 34).`,
      { kind, authorityType: actor.authorityType, allowed },
    );
  }
}

/** Two-letter code of a member state given in either spelling (EES stores visa states as alpha-3). */
const stateCode = (code: string): string => findMemberState(code)?.alpha2 ?? code;

/**
 * The state that issued the visa or authorisation the stay rests on (Visa Code art. 34): the state of the
 * latest extension that issued a new sticker, else the visa's issuing state; for a visa-exempt stay, the state
 * of the latest extension, else the state of entry.
 */
function issuingStateOf(record: RecordRow, decisions: readonly DecisionRow[]): string {
  const extensions = decisions
    .filter((d) => d.record_id === record.id && d.kind === 'extended')
    .sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
  const sticker = extensions.filter((d) => d.new_sticker_state !== null).at(-1);
  if (sticker) {
    return stateCode(sticker.new_sticker_state!);
  }
  if (record.visa) {
    return stateCode(record.visa.issuingState);
  }
  return extensions.at(-1)?.member_state ?? record.entry_state;
}

/**
 * Visa Code art. 33 on an extension of `record`: only while the person is present (no exit), applied for
 * before the authorised stay ended unless on grounds of force majeure (art. 33(1)), and never past the last
 * day the 90/180 rule allows (art. 33; SBC art. 6(1)), computed by the shared calculator.
 */
function checkExtension(
  record: RecordRow,
  records: readonly RecordRow[],
  input: { newEnd: string; requestedOn: string; decidedOn: string; ground: string | undefined },
): void {
  if (record.exit_at !== null) {
    throw conflict(
      EES_ERRORS.extensionNotPresent,
      `The stay ended with an exit on ${record.exit_date}: a stay is extended only while the person is present (Visa Code art. 33).`,
    );
  }
  if (record.authorised_until === null) {
    throw conflict(
      EES_ERRORS.extensionNotApplicable,
      'This stay has no authorised end to extend (family member of a Union citizen, EES art. 11(1)).',
    );
  }
  if (input.requestedOn < record.entry_date || input.requestedOn > input.decidedOn) {
    throw invalid(
      EES_ERRORS.decisionInvalid,
      `requestedOn ${input.requestedOn} must lie between the day of entry (${record.entry_date}) and the decision.`,
    );
  }
  if (input.requestedOn > record.authorised_until && input.ground !== 'force-majeure') {
    throw conflict(
      EES_ERRORS.extensionAfterExpiry,
      `The authorised stay ended on ${record.authorised_until}; an extension applied for on ${input.requestedOn} needs ground "force-majeure" (Visa Code art. 33(1)).`,
      { authorisedUntil: record.authorised_until, requestedOn: input.requestedOn },
    );
  }
  if (input.newEnd <= record.authorised_until) {
    throw invalid(
      EES_ERRORS.decisionInvalid,
      `An extension ends after the current authorised stay (${record.authorised_until}); to shorten it, revoke.`,
    );
  }
  const latest = latestLegalExit(staysUpTo(records, record.entry_date), record.entry_date);
  if (latest === null || input.newEnd > latest) {
    throw conflict(
      EES_ERRORS.extensionBeyond90in180,
      latest === null
        ? 'No day of this stay is within 90 days in any 180: it cannot be extended (Visa Code art. 33).'
        : `The 90/180 rule allows this stay until ${latest} at the latest; ${input.newEnd} is beyond it (Visa Code art. 33; SBC art. 6(1)).`,
      { latestLegalEnd: latest },
    );
  }
}

/**
 * Adds a revocation, annulment or extension to an entry record (EES art. 19) under the Visa Code rules
 * (arts. 33-34, see {@link COMPETENT} and {@link checkExtension}). An extension sets the new end of the
 * authorised stay; a revocation or annulment during the stay ends it on the decision day (or the end date
 * given) when that is earlier. Another state than the issuing one records which state is to be informed.
 */
export async function recordDecision(
  ctx: EesContext,
  call: WriteCall & { recordId: string; input: DecisionInput },
): Promise<{ value: RecordView; replayed: boolean }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:decide', purpose: call.purpose });
  const { input } = call;
  requireCompetent(call.actor, input.kind);
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
  if (input.kind !== 'extended' && (input.ground !== undefined || input.requestedOn !== undefined)) {
    throw invalid(EES_ERRORS.decisionInvalid, 'ground and requestedOn belong to an extension only.');
  }
  const requestedOn =
    input.requestedOn === undefined ? decidedOn : checkCalendarDate(input.requestedOn, 'requestedOn');
  const request = { recordId: call.recordId, ...input };
  return ctx.writes.run(idempotency(call, 'ees.decision.create', request), async (trx) => {
    const found = await ctx.repo.findRecord(trx, call.recordId);
    if (found === undefined) {
      throw notFound(EES_ERRORS.recordNotFound, `There is no EES entry/exit record "${call.recordId}".`);
    }
    const file = await lockedFile(ctx, trx, found.file_id);
    const record = (await ctx.repo.findRecord(trx, found.id))!;
    const open = record.exit_at === null;
    const bundle = await ctx.repo.bundle(trx, file);
    if (decidedOn < record.entry_date) {
      throw invalid(
        EES_ERRORS.decisionInvalid,
        `decidedOn ${decidedOn} lies before the day of entry (${record.entry_date}).`,
      );
    }
    let notifyState: string | null = null;
    if (input.kind === 'extended') {
      checkExtension(record, bundle.records, {
        newEnd: newEnd!,
        requestedOn,
        decidedOn,
        ground: input.ground,
      });
      await ctx.repo.setAuthorisedUntil(trx, record.id, {
        authorised_until: newEnd,
        limited_by: 'EXTENSION',
        overstayer: newEnd! < today(ctx) ? record.overstayer : false,
        overstayer_flagged_on: newEnd! < today(ctx) ? record.overstayer_flagged_on : null,
      });
    } else {
      // Another state may annul or revoke; the issuing state is then informed (Visa Code art. 34(1)-(2)).
      const issuing = issuingStateOf(record, bundle.decisions);
      notifyState = issuing === call.actor.memberState ? null : issuing;
    }
    if (input.kind !== 'extended' && open) {
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
      ground: input.kind === 'extended' ? (input.ground ?? null) : null,
      requested_on: input.kind === 'extended' ? requestedOn : null,
      notify_state: notifyState,
      created_at: ctx.clock.now(),
      erase_after: record.erase_after,
    });
    const after = await refreshRetention(ctx, trx, file.id);
    await log(ctx, trx, call, {
      purpose,
      operation: 'ees.decision.create',
      legalBasis: LEGAL_BASIS.decision,
      recordRefs: [file.id, record.id, id],
      resultSummary: `${input.kind} on ${decidedOn}${newEnd ? `, stay until ${newEnd}` : ''}${
        notifyState ? `; issuing state ${notifyState} to be informed` : ''
      }`,
      dataEraseAfter: after.file.erase_after,
    });
    return toRecordView(
      after.records.find((r) => r.id === record.id)!,
      after.decisions,
    );
  });
}
