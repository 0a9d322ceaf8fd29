import { requireAccess } from '../access/index.ts';
import type {
  BiometricMatching,
  Candidate,
  Modality,
  Template,
  TemplateInput,
  VerificationResult,
} from '../sbms/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { AppError, invalid, isAppError } from '../../platform/errors.ts';
import { readThenLog, type Call, type EesContext } from './context.ts';
import { EES_ERRORS } from './errors.ts';
import type { FingerprintSet } from './model.ts';
import { toFileView, type FileView } from './present.ts';
import type { FileBundle } from './repository.ts';

/**
 * EES's part of the shared biometric matching service (Reg. (EU) 2019/817 art. 13(1): its own partition):
 * the templates of the facial image and the fingerprints of each individual file, enrolled with the file's
 * writes, removed with the file (the retention run's erasure cascade, art. 34), and compared at the border:
 * 1:1 against the file found by the document (EES art. 23(2)), 1:N when the document finds none or the
 * verification fails (arts. 23(4), 27).
 */
export const EES_PARTITION = 'ees' as const;

/** ISO finger positions of the four fingers EES takes (art. 17(1)(b)): index, middle, ring, little. */
const HAND_POSITIONS: Readonly<Record<FingerprintSet['hand'], readonly number[]>> = {
  right: [2, 3, 4, 5],
  left: [7, 8, 9, 10],
};

/** `face and 4 fingers`, for log summaries and messages. */
export function describeTemplates(
  templates: ReadonlyArray<{ modality: Modality; position: number }>,
): string {
  const face = templates.some((t) => t.modality === 'face');
  const fingers = templates.filter((t) => t.modality === 'finger').length;
  const parts = [
    ...(face ? ['face'] : []),
    ...(fingers > 0 ? [`${fingers} ${fingers === 1 ? 'finger' : 'fingers'}`] : []),
  ];
  return parts.length === 0 ? 'no templates' : parts.join(' and ');
}

/** The kinds of biometric data a query used: logged as types only, never the data. */
const queryTypes = (probe: readonly Template[]) => [
  ...new Set(probe.map((t) => (t.modality === 'face' ? 'facialImage' : 'fingerprints'))),
];

function matching(ctx: EesContext): BiometricMatching {
  if (ctx.biometrics === undefined) {
    throw new AppError(
      'Unavailable',
      EES_ERRORS.biometricsUnavailable,
      'No biometric matching service is connected to EES: leave the templates out, or try again once it is.',
    );
  }
  return ctx.biometrics;
}

/**
 * Before a write: the templates given, decoded and checked with the quality gate (2019/817 art. 13(3)); null
 * when none were given. For an update (`fileId`), they replace what the file holds, so none of the file's
 * templates may be left out (EES_BIOMETRICS_INCOMPLETE): that is read here, before the write's transaction.
 */
export async function prepareBiometrics(
  ctx: EesContext,
  inputs: readonly TemplateInput[] | undefined,
  fileId?: string,
): Promise<Template[] | null> {
  if (inputs === undefined || inputs.length === 0) {
    return null;
  }
  const sbms = matching(ctx);
  const templates = sbms.decode(inputs, 'biometrics', { qualityGate: true });
  if (fileId !== undefined) {
    const held = (await sbms.holdings(EES_PARTITION, [fileId])).get(fileId) ?? [];
    const missing = held.filter(
      (h) => !templates.some((t) => t.modality === h.modality && t.position === h.position),
    );
    if (missing.length > 0) {
      throw invalid(
        EES_ERRORS.biometricsIncomplete,
        `The file holds templates of the ${describeTemplates(missing)} that these leave out: templates given with an update replace the file's, so give every one it keeps.`,
        { missing: missing.map((m) => ({ modality: m.modality, position: m.position })) },
      );
    }
  }
  return templates;
}

/**
 * Finger templates are the file's fingerprint data: the four fingers of the hand recorded (EES art. 17(1)(b));
 * none for a visa holder (art. 16(1): checked against VIS) nor while the file has no fingerprints (an
 * exemption, art. 17(3)-(5), or a temporary impossibility, art. 17(4), until the prints are taken).
 */
export function checkFingerTemplates(
  templates: readonly Template[] | null,
  file: { kind: string; fingerprintStatus: string; prints: FingerprintSet | null },
): void {
  const fingers = (templates ?? []).filter((t) => t.modality === 'finger');
  if (fingers.length === 0) {
    return;
  }
  if (file.kind === 'visa-holder') {
    throw invalid(
      EES_ERRORS.fingerprintsNotStored,
      "Visa holders' fingerprints are checked against VIS and not stored in EES (EES art. 16(1)); leave the finger templates out.",
    );
  }
  if (file.fingerprintStatus !== 'captured' || file.prints === null) {
    throw invalid(
      EES_ERRORS.biometricsInconsistent,
      `This file's fingerprints are "${file.fingerprintStatus}" (EES art. 17(3)-(5)): give finger templates only with the fingerprints they come from.`,
    );
  }
  const allowed = HAND_POSITIONS[file.prints.hand];
  const wrong = fingers.find((f) => !allowed.includes(f.position));
  if (wrong !== undefined) {
    throw invalid(
      EES_ERRORS.biometricsInconsistent,
      `EES holds the index, middle, ring and little fingers of the ${file.prints.hand} hand (ISO positions ${allowed.join(', ')}; EES art. 17(1)(b)); finger ${wrong.position} is not one of them.`,
      { positions: [...allowed] },
    );
  }
}

/** Stores the file's templates in the EES partition, in the write's transaction (replacing what it held). */
export async function enrolBiometrics(
  ctx: EesContext,
  trx: Executor,
  fileId: string,
  templates: readonly Template[] | null,
): Promise<void> {
  if (templates !== null) {
    await matching(ctx).enrol(trx, EES_PARTITION, fileId, templates);
  }
}

/** A file of the read model, or of the tables when there is none; undefined once erased. */
async function bundleOf(ctx: EesContext, db: Executor, fileId: string): Promise<FileBundle | undefined> {
  if (ctx.readModel !== undefined) {
    return ctx.readModel.bundle(fileId);
  }
  const file = await ctx.repo.findFile(db, fileId);
  return file === undefined ? undefined : ctx.repo.bundle(db, file);
}

/**
 * 1:1 verification of a live capture against one file's templates (EES art. 23(2)): `compared` is false when
 * the file holds no template of the capture's modalities (e.g. a file created without biometrics during the
 * progressive start, Reg. (EU) 2025/1534 art. 4). Logged with the types of data used (art. 46(1)(d)).
 */
export async function verifyBiometrics(
  ctx: EesContext,
  call: Call & { fileId: string; probe: readonly Template[] },
): Promise<VerificationResult> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:read', purpose: call.purpose });
  const sbms = matching(ctx);
  return readThenLog(ctx, async (db, logs) => {
    let result: VerificationResult;
    try {
      result = await sbms.verify(call.probe, EES_PARTITION, call.fileId);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'SBMS_RECORD_NOT_FOUND') {
        throw err;
      }
      result = {
        partition: EES_PARTITION,
        recordRef: call.fileId,
        compared: false,
        score: 0,
        decision: 'no-match',
        falseMatchRate: 1,
        scores: [],
      };
    }
    const bundle = await bundleOf(ctx, db, call.fileId);
    logs.add(call, {
      purpose,
      operation: 'ees.biometric.verify',
      legalBasis: 'Reg. (EU) 2017/2226 art. 23(2)',
      recordRefs: [call.fileId],
      queryDataTypes: queryTypes(call.probe),
      resultSummary: result.compared
        ? `${result.decision} (${describeTemplates(result.scores)} compared)`
        : 'not compared: the file holds no template of these modalities',
      dataEraseAfter: bundle?.file.erase_after ?? null,
    });
    return result;
  });
}

/** A file found by biometric identification, with the comparison that found it. */
export interface BiometricCandidate {
  candidate: Candidate;
  file: FileView;
}

/**
 * 1:N identification in the EES partition (EES arts. 23(4), 27): the files whose templates match the live
 * capture, best first (fused decision `match` only). A file erased since its templates were found is left out.
 */
export async function identifyByBiometrics(
  ctx: EesContext,
  call: Call & { probe: readonly Template[]; limit?: number },
): Promise<BiometricCandidate[]> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:read', purpose: call.purpose });
  const sbms = matching(ctx);
  return readThenLog(ctx, async (db, logs) => {
    const candidates = await sbms.identify(call.probe, {
      partitions: [EES_PARTITION],
      limit: call.limit ?? 5,
      matchesOnly: true,
    });
    const found: Array<BiometricCandidate & { eraseAfter: string }> = [];
    for (const candidate of candidates) {
      const bundle = await bundleOf(ctx, db, candidate.recordRef);
      if (bundle !== undefined) {
        found.push({
          candidate,
          file: toFileView(bundle.file, bundle.documents),
          eraseAfter: bundle.file.erase_after,
        });
      }
    }
    logs.add(call, {
      purpose,
      operation: 'ees.biometric.identify',
      legalBasis: 'Reg. (EU) 2017/2226 arts. 23(4), 27',
      recordRefs: found.map((f) => f.file.id),
      queryDataTypes: queryTypes(call.probe),
      resultSummary: `${found.length} ${found.length === 1 ? 'file' : 'files'} matched`,
      dataEraseAfter:
        found.length === 0 ? null : found.map((f) => f.eraseAfter).reduce((a, b) => (b > a ? b : a)),
    });
    return found.map(({ candidate, file }) => ({ candidate, file }));
  });
}
