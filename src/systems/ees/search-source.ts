import type { EesService } from '../../contexts/ees/index.ts';
import {
  type BiometricMatch,
  ESP_ERRORS,
  type ExplanationLine,
  type SearchSource,
  type SourceHit,
} from '../../contexts/esp/index.ts';
import { invalid, isAppError } from '../../platform/errors.ts';
import type { BiometricMatching, Candidate } from '../../contexts/sbms/index.ts';

/** The portal's mark of a biometric match on a file, from the biometric matching service's candidate. */
function biometricMatch(c: Candidate): { match: BiometricMatch; explanation: string } {
  const face = c.scores.find((s) => s.modality === 'face');
  const fingers = c.scores.filter((s) => s.modality === 'finger');
  const parts = [
    ...(face === undefined ? [] : [`face (similarity ${face.score.toFixed(2)})`]),
    ...(fingers.length === 0 ? [] : [`${fingers.length} fingerprint${fingers.length === 1 ? '' : 's'}`]),
  ];
  return {
    match: {
      score: Number(c.score.toFixed(2)),
      falseMatchRate: c.falseMatchRate,
      modalities: [
        ...(face === undefined ? [] : ['face' as const]),
        ...(fingers.length > 0 ? ['finger' as const] : []),
      ],
      ...(face === undefined ? {} : { faceScore: Number(face.score.toFixed(4)) }),
      fingers: fingers.length,
    },
    explanation: `matched by ${parts.join(' and ')}; fused score ${c.score.toFixed(1)}, estimated false-match rate ${c.falseMatchRate.toExponential(1)}`,
  };
}

/** Record fields each MID category speaks of, so that the portal drops a line its profile may not see. */
const CATEGORY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  names: ['surname', 'givenNames'],
  birthDate: ['birthDate'],
  sex: ['sex'],
  nationality: ['nationalities'],
};

/**
 * EES in the search portal: by the query's biometric templates (1:N in the `ees` partition of the biometric
 * matching service, EES arts. 23(4), 27 [K]; each file found is read, and logged, as a file view), by travel
 * document (exact), else by identity. A field the officer leaves out is
 * unknown, not different (the EES search judges only the fields given); each hit carries the matching
 * engine's calibrated probability. A query EES finds too broad is reported as such, with what to add.
 */
export function eesSearchSource(ees: EesService, biometrics?: BiometricMatching): SearchSource {
  return {
    system: 'ees',
    queryTypes: biometrics === undefined ? ['identity', 'document'] : ['identity', 'document', 'biometric'],
    permissions: ['ees:read'],
    async search({ actor, purpose, query, queryTypes, biometrics: probe, signal }) {
      // The signal goes with every read: past the portal's timeout a read stops and logs nothing.
      const call = { actor, purpose, signal };
      const hits: SourceHit[] = [];
      const seen = new Set<string>();
      if (
        queryTypes.includes('biometric') &&
        biometrics !== undefined &&
        probe !== undefined &&
        probe.length > 0
      ) {
        const candidates = await biometrics.identify(probe, {
          partitions: ['ees'],
          limit: 10,
          matchesOnly: true,
        });
        for (const c of candidates) {
          signal.throwIfAborted();
          let file;
          try {
            ({ file } = await ees.viewFile({ ...call, fileId: c.recordRef }));
          } catch (err) {
            // A file erased since its templates were indexed is no hit.
            if (isAppError(err) && err.kind === 'NotFound') {
              continue;
            }
            throw err;
          }
          const { match, explanation } = biometricMatch(c);
          seen.add(file.id);
          hits.push({
            recordRef: `ees:${file.id}`,
            probability: Math.min(1, Math.max(0, 1 - c.falseMatchRate)),
            explanation: [explanation],
            fields: {
              fileId: file.id,
              surname: file.surname,
              givenNames: file.givenNames,
              birthDate: file.birthDate,
              sex: file.sex,
              nationalities: file.nationalities,
              documents: file.documents,
              overstayer: file.overstayer,
            },
            biometric: match,
          });
        }
      }
      const sex = (['M', 'F', 'X'] as const).find((x) => x === query.sex);
      const identity = {
        ...(query.surname ? { surname: query.surname } : {}),
        ...(query.givenNames ? { givenNames: query.givenNames } : {}),
        ...(query.birthDate ? { birthDate: query.birthDate } : {}),
        ...(sex === undefined ? {} : { sex }),
        ...(query.nationality ? { nationalities: [query.nationality] } : {}),
      };
      if (queryTypes.includes('document') && query.documentNumber && query.documentIssuingState) {
        const files = await ees.searchByDocument({
          ...call,
          query: { number: query.documentNumber, issuingState: query.documentIssuingState },
        });
        const scores = ees.matchProbabilities({
          ...call,
          query: { ...identity, documentNumber: query.documentNumber },
          fileIds: files.map((f) => f.id),
        });
        for (const f of files) {
          if (seen.has(f.id)) {
            continue;
          }
          seen.add(f.id);
          hits.push({
            recordRef: `ees:${f.id}`,
            probability: scores.get(f.id) ?? 1,
            explanation: [
              {
                fields: ['documents'],
                text: `travel document ${query.documentIssuingState} ${query.documentNumber} is in the file`,
              },
            ],
            fields: {
              fileId: f.id,
              surname: f.surname,
              givenNames: f.givenNames,
              birthDate: f.birthDate,
              sex: f.sex,
              nationalities: f.nationalities,
              documents: f.documents,
              overstayer: f.overstayer,
            },
          });
        }
      }
      if (queryTypes.includes('identity') && query.surname) {
        signal.throwIfAborted();
        let candidates: Awaited<ReturnType<EesService['searchByIdentity']>>;
        try {
          candidates = await ees.searchByIdentity({
            ...call,
            query: { surname: query.surname, ...identity },
          });
        } catch (err) {
          if (isAppError(err) && err.code === 'EES_SEARCH_TOO_BROAD') {
            if (hits.length > 0) {
              return hits;
            }
            throw invalid(ESP_ERRORS.queryTooBroad, `EES: ${err.message}`);
          }
          throw err;
        }
        for (const c of candidates) {
          if (seen.has(c.file.id)) {
            continue;
          }
          const explanation: ExplanationLine[] = [
            `${c.verdict} identity (rules ${c.rules.join(', ') || 'Annex I'})`,
            ...Object.entries(c.categories)
              .filter(([, v]) => v.outcome !== 'unknown')
              .map(([k, v]) => ({
                fields: CATEGORY_FIELDS[k] ?? [k],
                text: `${k}: ${v.outcome} — ${v.explanation}`,
              })),
          ];
          hits.push({
            recordRef: `ees:${c.file.id}`,
            // Without the identity index, fall back on the verdict's rank (never above a scored 'same').
            probability: c.probability ?? (c.verdict === 'same' ? 0.5 : 0.25),
            explanation,
            fields: {
              fileId: c.file.id,
              surname: c.file.surname,
              givenNames: c.file.givenNames,
              birthDate: c.file.birthDate,
              sex: c.file.sex,
              nationalities: c.file.nationalities,
              documents: c.file.documents,
              overstayer: c.file.overstayer,
            },
          });
        }
      }
      return hits;
    },
  };
}
