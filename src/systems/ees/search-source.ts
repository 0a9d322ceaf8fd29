import type { EesService } from '../../contexts/ees/index.ts';
import {
  ESP_ERRORS,
  type ExplanationLine,
  type SearchSource,
  type SourceHit,
} from '../../contexts/esp/index.ts';
import { invalid, isAppError } from '../../platform/errors.ts';

/** Record fields each MID category speaks of, so that the portal drops a line its profile may not see. */
const CATEGORY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  names: ['surname', 'givenNames'],
  birthDate: ['birthDate'],
  sex: ['sex'],
  nationality: ['nationalities'],
};

/**
 * EES in the search portal: by travel document (exact), else by identity. A field the officer leaves out is
 * unknown, not different (the EES search judges only the fields given); each hit carries the matching
 * engine's calibrated probability. A query EES finds too broad is reported as such, with what to add.
 */
export function eesSearchSource(ees: EesService): SearchSource {
  return {
    system: 'ees',
    queryTypes: ['identity', 'document'],
    permissions: ['ees:read'],
    async search({ actor, purpose, query, queryTypes, signal }) {
      // The signal goes with every read: past the portal's timeout a read stops and logs nothing.
      const call = { actor, purpose, signal };
      const hits: SourceHit[] = [];
      const seen = new Set<string>();
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
