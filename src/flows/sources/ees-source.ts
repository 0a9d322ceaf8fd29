import type { EesService } from '../../contexts/ees/index.ts';
import type { SearchSource, SourceHit } from '../../contexts/esp/index.ts';

/** EES in the search portal: by travel document (exact), else by identity (MID same / similar rules). */
export function eesSearchSource(ees: EesService): SearchSource {
  return {
    system: 'ees',
    queryTypes: ['identity', 'document'],
    async search({ actor, purpose, query, queryTypes }) {
      const call = { actor, purpose };
      const hits: SourceHit[] = [];
      const seen = new Set<string>();
      if (queryTypes.includes('document') && query.documentNumber && query.documentIssuingState) {
        for (const f of await ees.searchByDocument({
          ...call,
          query: { number: query.documentNumber, issuingState: query.documentIssuingState },
        })) {
          seen.add(f.id);
          hits.push({
            recordRef: `ees:${f.id}`,
            probability: 0.99,
            explanation: [
              `travel document ${query.documentIssuingState} ${query.documentNumber} is in the file`,
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
        const candidates = await ees.searchByIdentity({
          ...call,
          query: {
            surname: query.surname,
            givenNames: query.givenNames,
            birthDate: query.birthDate,
            // The MID rules treat a missing sex as different, so it is passed on whenever it was given.
            ...(query.sex === 'M' || query.sex === 'F' || query.sex === 'X' ? { sex: query.sex } : {}),
            nationalities: query.nationality ? [query.nationality] : undefined,
          },
        });
        for (const c of candidates) {
          if (seen.has(c.file.id)) {
            continue;
          }
          hits.push({
            recordRef: `ees:${c.file.id}`,
            // The MID verdict is a rule outcome, not a calibrated probability: 'same' ranks above 'similar'.
            probability: c.verdict === 'same' ? 0.95 : 0.6,
            explanation: [
              `${c.verdict} identity (rules ${c.rules.join(', ') || 'Annex I'})`,
              ...Object.entries(c.categories).map(([k, v]) => `${k}: ${v.outcome} — ${v.explanation}`),
            ],
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
