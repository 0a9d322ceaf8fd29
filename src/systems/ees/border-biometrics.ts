import type { BiometricCandidate } from '../../contexts/ees/index.ts';
import type { FusedResult, Template, VerificationResult } from '../../contexts/sbms/index.ts';
import type {
  BiometricComparison,
  EesBiometricResult,
  Finding,
  StepContext,
} from '../../flows/border-check/index.ts';

/**
 * The EES step's biometric findings (EES art. 23(2)-(4)): the live capture verified 1:1 against the file found
 * by the document, or the traveller identified 1:N among the files when the document finds none or the
 * verification fails. Scores and qualities go to the screen; the findings say what they mean for the guard.
 */

/** The live capture that the flow decoded, or null when the request gave none (the fast path). */
export const liveCapture = (ctx: StepContext): readonly Template[] | null =>
  ctx.biometrics !== undefined && ctx.biometrics.length > 0 ? ctx.biometrics : null;

/** What the capture held, never the templates themselves. */
export const probeSummary = (probe: readonly Template[]): EesBiometricResult['probe'] =>
  probe.map((t) => ({ modality: t.modality, position: t.position, quality: t.quality }));

const comparison = (fileId: string, r: FusedResult): BiometricComparison => ({
  fileId,
  decision: r.decision,
  score: r.score,
  falseMatchRate: r.falseMatchRate,
  scores: r.scores,
});

export const verificationData = (v: VerificationResult): EesBiometricResult['verification'] => ({
  ...comparison(v.recordRef, v),
  compared: v.compared,
});

export const identificationData = (
  found: readonly BiometricCandidate[],
): NonNullable<EesBiometricResult['identification']> => ({
  candidates: found.map((f) => ({
    ...comparison(f.file.id, f.candidate),
    rank: f.candidate.rank,
    surname: f.file.surname,
    givenNames: f.file.givenNames,
    birthDate: f.file.birthDate,
    documents: f.file.documents.map((d) => ({
      type: d.type,
      number: d.number,
      issuingState: d.issuingState,
    })),
  })),
});

/** The most a screen shows of a false-match rate: "about 1 in 1,000,000,000" and no further. */
const MAX_ONE_IN = 1_000_000_000;

/**
 * The figures every biometric finding carries: what was compared (`face`, `fingers` or `both`), how many
 * fingers, the face's cosine score (two decimals; '' without a face) and the false-match chance as "1 in N".
 */
function figures(r: FusedResult): Record<string, string | number> {
  const face = r.scores.find((s) => s.modality === 'face');
  const fingers = r.scores.filter((s) => s.modality === 'finger').length;
  const oneIn =
    r.falseMatchRate > 0 ? Math.min(MAX_ONE_IN, Math.max(1, Math.round(1 / r.falseMatchRate))) : MAX_ONE_IN;
  return {
    compared: face !== undefined && fingers > 0 ? 'both' : face !== undefined ? 'face' : 'fingers',
    fingers,
    faceScore: face === undefined ? '' : Math.round(face.score * 100) / 100,
    oneIn,
  };
}

/** `face and 4 fingers` in the server's English text. */
function what(p: Record<string, string | number>): string {
  const fingers = `${p.fingers} ${p.fingers === 1 ? 'finger' : 'fingers'}`;
  return p.compared === 'both' ? `face and ${fingers}` : p.compared === 'face' ? 'face' : fingers;
}

const faceNote = (p: Record<string, string | number>) =>
  p.faceScore === '' ? '' : ` (face score ${Number(p.faceScore).toFixed(2)})`;

const documentsOf = (c: BiometricCandidate) =>
  c.file.documents.map((d) => `${d.issuingState} ${d.number}`).join(', ');

/** The 1:1 verification against the file of the document (art. 23(2)). */
export function verificationFinding(v: VerificationResult, probe: readonly Template[]): Finding {
  if (!v.compared) {
    const modalities = new Set(probe.map((t) => t.modality));
    const compared = modalities.size === 2 ? 'both' : modalities.has('face') ? 'face' : 'fingers';
    return {
      system: 'ees',
      level: 'info',
      code: 'EES_BIOMETRIC_NOT_COMPARED',
      message: `The EES file holds no ${compared === 'both' ? 'face or finger' : compared === 'face' ? 'face' : 'finger'} template to compare the live capture with (a file created without biometrics): compare the traveller with the facial image.`,
      params: { compared },
    };
  }
  const p = figures(v);
  if (v.decision === 'match') {
    return {
      system: 'ees',
      level: 'info',
      code: 'EES_BIOMETRIC_VERIFIED',
      message: `Live capture (${what(p)}) verified against the EES file${faceNote(p)}: false-match chance about 1 in ${Number(p.oneIn).toLocaleString('en')}.`,
      params: p,
    };
  }
  // Attention, not stop: a live capture may fail to match its holder (a poor capture, an injury, ageing), no
  // ground of refusal follows from a score alone, and the identity is for the guard to establish at second
  // line (SBC art. 8(3)); the 1:N identification that follows shows whose file the capture matches, if any.
  return {
    system: 'ees',
    level: 'attention',
    code: 'EES_BIOMETRIC_MISMATCH',
    message: `The live capture (${what(p)}) does not match the EES file of this document${faceNote(p)}: the traveller may not be its holder. Capture again; if it still does not match, verify the identity at second line (SBC art. 8(3)).`,
    params: p,
  };
}

/**
 * The traveller's file found by the biometrics under another document (arts. 23(4), 27): shown in place of the
 * missing file (`shown`: the stay is counted on it), or beside the file of the document that did not match.
 */
export function identifiedFinding(found: readonly BiometricCandidate[], shown: boolean): Finding {
  const best = found[0]!;
  const p = figures(best.candidate);
  const documents = documentsOf(best);
  return {
    system: 'ees',
    level: 'attention',
    code: 'EES_IDENTIFIED_BY_BIOMETRICS',
    message: `The live capture (${what(p)}) matches the EES file held under ${documents}${faceNote(p)}; false-match chance about 1 in ${Number(p.oneIn).toLocaleString('en')}. ${
      shown
        ? 'No file holds this document: verify that this is the same traveller with a new document; the stay is counted on that file, where the crossing is recorded.'
        : 'Establish which file is the traveller’s before recording the crossing.'
    }`,
    params: { ...p, documents, count: found.length, shown: shown ? 'yes' : 'no' },
  };
}
