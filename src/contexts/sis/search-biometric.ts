import { requireAccess } from '../access/index.ts';
import type { Candidate, Template } from '../sbms/index.ts';
import { readThenLog, searchBasis, type Call, type SisContext } from './context.ts';
import { contentOf, summariseAlert, type AlertSummary } from './present.ts';
import { canSeeAlert } from './visibility.ts';

/** Why a person alert matched a live capture: the fused decision of the biometric matching service. */
export interface BiometricMatchReason {
  /** The modalities compared with the alert's templates. */
  modalities: Array<'face' | 'finger'>;
  /** The similarity (cosine, -1..1) of the face, when a face was compared. */
  faceScore?: number;
  /** How many fingers were compared, and their mean similarity. */
  fingers: number;
  fingerScore?: number;
  /** The fused log-likelihood ratio over every comparison, and the false-match rate it stands for. */
  score: number;
  falseMatchRate: number;
  /** In words: `matched by face (similarity 0.68) and 4 fingerprints (mean similarity 0.51); …`. */
  explanation: string;
}

export interface BiometricSearchResult {
  alert: AlertSummary;
  why: BiometricMatchReason;
}

/**
 * The types of biometric data a probe holds, as the SIS log names them (2018/1862 art. 12(1): for a search
 * with biometric data, the type of data only; art. 20(3)(w) facial images, (y) dactyloscopic data).
 */
export function biometricDataTypes(probe: readonly Template[]): string[] {
  return [
    ...(probe.some((t) => t.modality === 'face') ? ['facialImage'] : []),
    ...(probe.some((t) => t.modality === 'finger') ? ['dactyloscopicData'] : []),
  ];
}

const fixed = (x: number, digits: number) => Number(x.toFixed(digits));

/** The reason a candidate matched, from its per-template scores. */
export function explainBiometricMatch(c: Pick<Candidate, 'score' | 'falseMatchRate' | 'scores'>) {
  const face = c.scores.find((s) => s.modality === 'face');
  const fingers = c.scores.filter((s) => s.modality === 'finger');
  const fingerScore =
    fingers.length === 0 ? undefined : fingers.reduce((sum, s) => sum + s.score, 0) / fingers.length;
  const parts = [
    ...(face === undefined ? [] : [`face (similarity ${face.score.toFixed(2)})`]),
    ...(fingerScore === undefined
      ? []
      : [
          `${fingers.length} fingerprint${fingers.length === 1 ? '' : 's'} (${fingers.length === 1 ? '' : 'mean '}similarity ${fingerScore.toFixed(2)})`,
        ]),
  ];
  const why: BiometricMatchReason = {
    modalities: [
      ...(face === undefined ? [] : ['face' as const]),
      ...(fingers.length > 0 ? ['finger' as const] : []),
    ],
    ...(face === undefined ? {} : { faceScore: fixed(face.score, 4) }),
    fingers: fingers.length,
    ...(fingerScore === undefined ? {} : { fingerScore: fixed(fingerScore, 4) }),
    score: fixed(c.score, 2),
    falseMatchRate: c.falseMatchRate,
    explanation: `matched by ${parts.join(' and ')}; fused score ${c.score.toFixed(1)}, estimated false-match rate ${c.falseMatchRate.toExponential(1)}`,
  };
  return why;
}

/**
 * Searches the templates of person alerts with a live capture (2018/1862 art. 43; 2018/1861 art. 33): 1:N in
 * the `sis` partition of the biometric matching service, only the candidates whose fused decision is a match,
 * best first. Alerts the actor may not see are left out; covert ones come back discreet. The search is
 * logged with the type of biometric data used, never the data (art. 12(1)).
 */
export async function searchBiometric(
  ctx: SisContext,
  call: Call & { probe: readonly Template[]; limit?: number },
): Promise<{ results: BiometricSearchResult[] }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:search', purpose: call.purpose });
  const limit = Math.min(Math.max(call.limit ?? 10, 1), 100);
  const biometrics = ctx.biometrics;
  // Before reading: the templates of an alert this node just entered reach the index through the feed.
  await ctx.changes?.ownWrites();
  return readThenLog(
    ctx,
    async (reads, logs) => {
      const candidates =
        biometrics === undefined || call.probe.length === 0
          ? []
          : await biometrics.identify(call.probe, { partitions: ['sis'], limit, matchesOnly: true });
      call.signal?.throwIfAborted();
      const rows = new Map(
        (await ctx.reads.findAlerts(reads, [...new Set(candidates.map((c) => c.recordRef))])).map((r) => [
          r.id,
          r,
        ]),
      );
      const results: BiometricSearchResult[] = [];
      for (const c of candidates) {
        const row = rows.get(c.recordRef);
        // An alert deleted since its templates were indexed, or one this profile may not see, is left out.
        if (
          row === undefined ||
          row.kind !== 'person' ||
          !canSeeAlert(call.actor, {
            category: contentOf(row).category,
            objectType: null,
            covert: row.covert,
          })
        ) {
          continue;
        }
        results.push({ alert: summariseAlert(call.actor, row), why: explainBiometricMatch(c) });
      }
      logs.add(call, {
        purpose,
        operation: 'sis.search.biometric',
        legalBasis: searchBasis(purpose, 'Reg. (EU) 2018/1862 art. 43; Reg. (EU) 2018/1861 art. 33'),
        queryDataTypes: biometricDataTypes(call.probe),
        recordRefs: results.map((r) => r.alert.alertId),
        resultSummary: results.length === 0 ? 'no hit' : `${results.length} alert(s) matched biometrically`,
      });
      return { results };
    },
    { replica: true },
  );
}
