import { randomUUID } from 'node:crypto';
import { requireAccess } from '../access/index.ts';
import { localDateAt } from '../reference/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { invalid } from '../../platform/errors.ts';
import {
  idempotency,
  LEGAL_BASIS,
  lockedFile,
  log,
  refreshRetention,
  type EesContext,
  type WriteCall,
} from './context.ts';
import { checkFingerTemplates, enrolBiometrics, prepareBiometrics } from './biometrics.ts';
import { EES_ERRORS } from './errors.ts';
import { checkReasons, entryRules, exitRules, refusalRules } from './crossing-rules.ts';
import type { Template } from '../sbms/index.ts';
import type { EntryInput, ExitInput, FingerprintSet, RefusalInput } from './model.ts';
import { toRecordView, toRefusalView, type RecordView, type RefusalView } from './present.ts';
import type { FileRow } from './repository.ts';
import { checkBcp, checkFingerprintSet, checkInstant, checkRef, checkVisa } from './validate.ts';

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
 * Templates captured with a crossing or refusal replace the file's (EES art. 15: the facial image is captured
 * live when the file is updated; art. 17(4): the fingers taken after a temporary impossibility; art. 18(2)),
 * once the fingerprints given with the same write are recorded.
 */
async function updateTemplates(
  ctx: EesContext,
  trx: Executor,
  file: FileRow,
  prints: FingerprintSet | null,
  templates: readonly Template[] | null,
): Promise<void> {
  if (templates === null) {
    return;
  }
  checkFingerTemplates(templates, {
    kind: file.kind,
    fingerprintStatus: prints === null ? file.fingerprint_status : 'captured',
    prints: prints ?? file.fingerprints,
  });
  await enrolBiometrics(ctx, trx, file.id, templates);
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
  const templates = await prepareBiometrics(ctx, input.biometrics, call.fileId);
  const request = { fileId: call.fileId, ...input };
  return ctx.writes.run(idempotency(call, 'ees.entry.create', request), async (trx) => {
    const file = await lockedFile(ctx, trx, call.fileId);
    const before = await ctx.repo.bundle(trx, file);
    const { authorisedUntil, limitedBy } = entryRules(file, before.records, {
      at,
      entryDate,
      visa,
      familyMember,
    });
    await completeFingerprints(ctx, trx, file, prints);
    await updateTemplates(ctx, trx, file, prints, templates);
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
  const templates = await prepareBiometrics(ctx, input.biometrics, call.fileId);
  const request = { fileId: call.fileId, ...input };
  return ctx.writes.run(idempotency(call, 'ees.exit.create', request), async (trx) => {
    const file = await lockedFile(ctx, trx, call.fileId);
    const before = await ctx.repo.bundle(trx, file);
    const { open, overstayDays } = exitRules(before.records, { at, exitDate });
    await completeFingerprints(ctx, trx, file, prints);
    await updateTemplates(ctx, trx, file, prints, templates);
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
  const templates = await prepareBiometrics(ctx, input.biometrics, call.fileId);
  const request = { fileId: call.fileId, ...input };
  return ctx.writes.run(idempotency(call, 'ees.refusal.create', request), async (trx) => {
    const file = await lockedFile(ctx, trx, call.fileId);
    const before = await ctx.repo.bundle(trx, file);
    refusalRules(file, before.records, { reasons, face, prints });
    if (face !== null) {
      await ctx.repo.updateFileBiometrics(trx, file.id, {
        facial_image_ref: face,
        updated_at: ctx.clock.now(),
      });
    }
    await completeFingerprints(ctx, trx, file, prints);
    await updateTemplates(ctx, trx, file, prints, templates);
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
