import { randomUUID } from 'node:crypto';
import { requireAccess } from '../access/index.ts';
import { localDateAt } from '../reference/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import {
  idempotency,
  LEGAL_BASIS,
  lockedFile,
  log,
  refreshRetention,
  type EesContext,
  type WriteCall,
} from './context.ts';
import { EES_ERRORS } from './errors.ts';
import {
  BIOMETRIC_REFUSAL_REASONS,
  REFUSAL_REASONS,
  type EntryInput,
  type ExitInput,
  type FingerprintSet,
  type RefusalInput,
} from './model.ts';
import { toRecordView, toRefusalView, type RecordView, type RefusalView } from './present.ts';
import type { FileRow } from './repository.ts';
import { staysUpTo, toCalculatorVisa } from './stay-view.ts';
import { assessAuthorisedStay, parseCalendarDate } from './stay/index.ts';
import { checkBcp, checkFingerprintSet, checkInstant, checkRef, checkVisa } from './validate.ts';

const dayNumber = (date: string) => parseCalendarDate(date, 'date');

/** Fingerprints taken after a temporary impossibility complete the file and end the flag (EES art. 17(4)). */
async function completeFingerprints(
  ctx: EesContext,
  trx: Executor,
  file: FileRow,
  prints: FingerprintSet | null,
): Promise<void> {
  if (prints === null) {
    return;
  }
  if (file.fingerprint_status !== 'pending') {
    throw invalid(
      EES_ERRORS.fingerprintExemptionInvalid,
      `This file's fingerprints are "${file.fingerprint_status}", not pending after a temporary impossibility; leave them out.`,
    );
  }
  await ctx.repo.updateFileBiometrics(trx, file.id, {
    fingerprint_status: 'captured',
    fingerprints: JSON.stringify(prints),
    updated_at: ctx.clock.now(),
  });
}

/**
 * Records an entry (EES art. 16(2)): the day of entry is the local date at the BCP; the calculator fixes the
 * last authorised day (90/180 rule and visa limits, art. 11), which the border guard tells the traveller
 * (SBC art. 8(9)). A second stay without exit is refused with EES_STAY_ALREADY_OPEN.
 */
export async function recordEntry(
  ctx: EesContext,
  call: WriteCall & { fileId: string; input: EntryInput },
): Promise<{ value: RecordView; replayed: boolean }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:write', purpose: call.purpose });
  const { input } = call;
  const at = checkInstant(input.at, ctx.clock.now());
  const bcp = checkBcp(input.bcpId, call.actor);
  const entryDate = localDateAt(bcp.id, at);
  const visa = input.visa === undefined ? null : checkVisa(input.visa);
  const prints = input.fingerprints === undefined ? null : checkFingerprintSet(input.fingerprints);
  const familyMember = input.familyMember ?? false;
  const request = { fileId: call.fileId, ...input };
  return ctx.writes.run(idempotency(call, 'ees.entry.create', request), async (trx) => {
    const file = await lockedFile(ctx, trx, call.fileId);
    const before = await ctx.repo.bundle(trx, file);
    const open = before.records.find((r) => r.exit_at === null);
    if (open !== undefined) {
      throw conflict(
        EES_ERRORS.stayAlreadyOpen,
        `The traveller entered on ${open.entry_date} at ${open.entry_bcp} and has no exit yet: record that exit first (or correct the record).`,
        { recordId: open.id },
      );
    }
    const last = before.records.at(-1);
    if (last?.exit_at && new Date(last.exit_at).getTime() > at.getTime()) {
      throw conflict(
        EES_ERRORS.entryBeforeLastExit,
        `This entry lies before the last exit (${new Date(last.exit_at).toISOString()}); check the time of entry.`,
        { recordId: last.id },
      );
    }
    if (file.kind === 'visa-holder' && visa === null && !familyMember) {
      throw invalid(
        EES_ERRORS.visaRequired,
        'A visa holder enters with a visa: give the visa data (EES art. 16(2)(d)).',
      );
    }
    if (file.kind === 'visa-exempt' && visa !== null) {
      throw invalid(
        EES_ERRORS.visaNotExpected,
        'This traveller is visa-exempt: leave the visa data out or correct the file kind.',
      );
    }
    if (visa !== null && (entryDate < visa.validFrom || entryDate > visa.validUntil)) {
      throw invalid(
        EES_ERRORS.visaNotValidOnEntry,
        `The visa is valid from ${visa.validFrom} to ${visa.validUntil}, not on ${entryDate}: refuse entry (ground C) instead.`,
      );
    }
    let authorisedUntil: string | null = null;
    let limitedBy: string | null = null;
    if (!familyMember) {
      const a = assessAuthorisedStay({
        stays: [...staysUpTo(before.records, entryDate), { entry: entryDate, exit: null }],
        date: entryDate,
        ...(visa === null ? {} : { visa: toCalculatorVisa(visa) }),
      });
      if (a.calculatorApplied) {
        if (a.authorisedUntil === null) {
          throw conflict(
            EES_ERRORS.noAuthorisedStay,
            `No day of stay is authorised from ${entryDate} (limited by ${a.limitedBy ?? 'the 90/180 rule'}): record a refusal of entry instead.`,
            { limitedBy: a.limitedBy },
          );
        }
        authorisedUntil = a.authorisedUntil;
        limitedBy = a.limitedBy;
      }
    }
    await completeFingerprints(ctx, trx, file, prints);
    const id = `eesr_${randomUUID()}`;
    await ctx.repo.insertRecord(trx, {
      id,
      file_id: file.id,
      entry_at: at,
      entry_date: entryDate,
      entry_bcp: bcp.id,
      entry_authority_id: call.actor.authorityId,
      entry_authority: call.actor.authorityName,
      entry_state: call.actor.memberState,
      family_member: familyMember,
      visa: JSON.stringify(visa),
      authorised_until: authorisedUntil,
      limited_by: limitedBy,
      exit_at: null,
      exit_date: null,
      exit_bcp: null,
      exit_authority_id: null,
      exit_authority: null,
      exit_state: null,
      overstay_days: null,
      overstayer: false,
      overstayer_flagged_on: null,
      erase_after: entryDate,
    });
    const after = await refreshRetention(ctx, trx, file.id);
    const record = after.records.find((r) => r.id === id)!;
    await log(ctx, trx, call, {
      purpose,
      operation: 'ees.entry.create',
      legalBasis: LEGAL_BASIS.entry,
      recordRefs: [file.id, id],
      resultSummary: `entry on ${entryDate} at ${bcp.id}; authorised until ${authorisedUntil ?? 'n/a (family member)'}`,
      dataEraseAfter: after.file.erase_after,
    });
    return toRecordView(record, after.decisions);
  });
}

/** Records the exit that closes the open stay (EES art. 16(3)), with the days of overstay if any. */
export async function recordExit(
  ctx: EesContext,
  call: WriteCall & { fileId: string; input: ExitInput },
): Promise<{ value: RecordView; replayed: boolean }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:write', purpose: call.purpose });
  const { input } = call;
  const at = checkInstant(input.at, ctx.clock.now());
  const bcp = checkBcp(input.bcpId, call.actor);
  const exitDate = localDateAt(bcp.id, at);
  const prints = input.fingerprints === undefined ? null : checkFingerprintSet(input.fingerprints);
  const request = { fileId: call.fileId, ...input };
  return ctx.writes.run(idempotency(call, 'ees.exit.create', request), async (trx) => {
    const file = await lockedFile(ctx, trx, call.fileId);
    const before = await ctx.repo.bundle(trx, file);
    const open = before.records.find((r) => r.exit_at === null);
    if (open === undefined) {
      throw conflict(
        EES_ERRORS.noOpenStay,
        'The traveller has no entry without exit; record the entry first.',
      );
    }
    if (at.getTime() < new Date(open.entry_at).getTime() || exitDate < open.entry_date) {
      throw invalid(
        EES_ERRORS.exitBeforeEntry,
        `The exit lies before the entry of ${new Date(open.entry_at).toISOString()}; check the time of exit.`,
      );
    }
    const overstayDays =
      open.authorised_until === null
        ? null
        : Math.max(0, dayNumber(exitDate) - dayNumber(open.authorised_until));
    await completeFingerprints(ctx, trx, file, prints);
    await ctx.repo.closeRecord(trx, open.id, {
      exit_at: at,
      exit_date: exitDate,
      exit_bcp: bcp.id,
      exit_authority_id: call.actor.authorityId,
      exit_authority: call.actor.authorityName,
      exit_state: call.actor.memberState,
      overstay_days: overstayDays,
    });
    const after = await refreshRetention(ctx, trx, file.id);
    await log(ctx, trx, call, {
      purpose,
      operation: 'ees.exit.create',
      legalBasis: LEGAL_BASIS.exit,
      recordRefs: [file.id, open.id],
      resultSummary: `exit on ${exitDate} at ${bcp.id}${overstayDays ? `; ${overstayDays} day(s) of overstay` : ''}`,
      dataEraseAfter: after.file.erase_after,
    });
    return toRecordView(
      after.records.find((r) => r.id === open.id)!,
      after.decisions,
    );
  });
}

function checkReasons(reasons: readonly string[]): RefusalInput['reasons'] {
  if (reasons.length === 0 || new Set(reasons).size !== reasons.length) {
    throw invalid(
      EES_ERRORS.refusalReasons,
      'Give each ground of refusal (Annex V Part B letter) once, at least one.',
    );
  }
  for (const r of reasons) {
    if (!(REFUSAL_REASONS as readonly string[]).includes(r)) {
      throw invalid(
        EES_ERRORS.refusalReasons,
        `"${r}" is not a ground of refusal; use ${REFUSAL_REASONS.join(', ')}.`,
      );
    }
  }
  return [...reasons].sort() as RefusalInput['reasons'];
}

/**
 * Records a refusal of entry (EES art. 18) with its Annex V Part B grounds. For grounds B, D or H the file
 * must hold biometric data, captured now if missing (art. 18(2)).
 */
export async function recordRefusal(
  ctx: EesContext,
  call: WriteCall & { fileId: string; input: RefusalInput },
): Promise<{ value: RefusalView; replayed: boolean }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:write', purpose: call.purpose });
  const { input } = call;
  const reasons = checkReasons(input.reasons);
  const at = checkInstant(input.at, ctx.clock.now());
  const bcp = checkBcp(input.bcpId, call.actor);
  const refusalDate = localDateAt(bcp.id, at);
  const face = input.facialImageRef === undefined ? null : checkRef(input.facialImageRef, 'facialImageRef');
  const prints = input.fingerprints === undefined ? null : checkFingerprintSet(input.fingerprints);
  const request = { fileId: call.fileId, ...input };
  return ctx.writes.run(idempotency(call, 'ees.refusal.create', request), async (trx) => {
    const file = await lockedFile(ctx, trx, call.fileId);
    const before = await ctx.repo.bundle(trx, file);
    const open = before.records.find((r) => r.exit_at === null);
    if (open !== undefined) {
      throw conflict(
        EES_ERRORS.stayAlreadyOpen,
        `The traveller entered on ${open.entry_date} and has no exit yet; a person in the territory cannot be refused entry.`,
        { recordId: open.id },
      );
    }
    if (reasons.some((r) => BIOMETRIC_REFUSAL_REASONS.includes(r))) {
      const hasFace = file.facial_image_ref !== null || face !== null;
      const hasPrints =
        file.kind === 'visa-holder' ||
        file.fingerprint_status === 'captured' ||
        file.fingerprint_status === 'not-applicable' ||
        prints !== null;
      if (!hasFace || !hasPrints) {
        throw invalid(
          EES_ERRORS.refusalNeedsBiometrics,
          'A refusal on grounds B, D or H needs the facial image and, for a visa-exempt traveller, the fingerprints (EES art. 18(2)); capture them with the refusal.',
        );
      }
    }
    if (face !== null) {
      await ctx.repo.updateFileBiometrics(trx, file.id, {
        facial_image_ref: face,
        updated_at: ctx.clock.now(),
      });
    }
    await completeFingerprints(ctx, trx, file, prints);
    const id = `eesx_${randomUUID()}`;
    await ctx.repo.insertRefusal(trx, {
      id,
      file_id: file.id,
      refused_at: at,
      refusal_date: refusalDate,
      bcp: bcp.id,
      authority_id: call.actor.authorityId,
      authority: call.actor.authorityName,
      member_state: call.actor.memberState,
      reasons: JSON.stringify(reasons),
      erase_after: refusalDate,
    });
    const after = await refreshRetention(ctx, trx, file.id);
    await log(ctx, trx, call, {
      purpose,
      operation: 'ees.refusal.create',
      legalBasis: LEGAL_BASIS.refusal,
      recordRefs: [file.id, id],
      resultSummary: `refusal on ${refusalDate} at ${bcp.id}, grounds ${reasons.join(',')}`,
      dataEraseAfter: after.file.erase_after,
    });
    return toRefusalView(after.refusals.find((r) => r.id === id)!);
  });
}
