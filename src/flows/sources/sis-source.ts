import type { SourceHit, SearchSource } from '../../contexts/esp/index.ts';
import type { AlertSummary, SisService } from '../../contexts/sis/index.ts';

function alertFields(a: AlertSummary): Record<string, unknown> {
  const identifiers = a.object?.identifiers ?? [];
  const byKind = (kind: string) => identifiers.find((i) => i.kind === kind)?.value;
  return {
    alertId: a.alertId,
    category: a.category,
    actionToBeTaken: a.action,
    warningMarkers: a.warningMarkers,
    discreet: a.discreet ? a.handling : false,
    issuingState: a.issuingState,
    surname: a.person?.surname,
    givenNames: a.person?.givenNames,
    birthDate: a.person?.birthDate,
    nationalities: a.person?.nationalities,
    documents: a.person?.documents,
    aliases: a.person?.aliases,
    objectType: a.object?.type,
    plate: byKind('plate'),
    vin: byKind('vin'),
    containerNumber: byKind('container'),
  };
}

/** SIS in the search portal: persons (MID rules), documents (OCR-tolerant) and vehicles, as the caller may see them. */
export function sisSearchSource(sis: SisService): SearchSource {
  return {
    system: 'sis',
    queryTypes: ['identity', 'document', 'vehicle'],
    async search({ actor, purpose, query, queryTypes }) {
      const call = { actor, purpose };
      const hits: SourceHit[] = [];
      const seen = new Set<string>();
      const push = (a: AlertSummary, probability: number, explanation: string[]) => {
        if (seen.has(a.alertId)) {
          return;
        }
        seen.add(a.alertId);
        hits.push({
          recordRef: `sis:${a.alertId}`,
          probability,
          explanation,
          fields: alertFields(a),
          warningMarkers: a.warningMarkers,
        });
      };
      if (queryTypes.includes('document') && query.documentNumber) {
        const { results } = await sis.searchDocuments({
          ...call,
          query: { number: query.documentNumber, issuingCountry: query.documentIssuingState },
        });
        for (const r of results) {
          push(r.alert, r.why.exact ? 0.99 : Math.min(0.95, r.why.confidence), [r.why.explanation]);
        }
      }
      if (queryTypes.includes('identity') && query.surname) {
        const { results } = await sis.searchPersons({
          ...call,
          query: {
            surname: query.surname,
            givenNames: query.givenNames,
            birthDate: query.birthDate,
            sex: query.sex,
            nationalities: query.nationality ? [query.nationality] : undefined,
          },
        });
        for (const r of results) {
          push(r.alert, r.why.verdict === 'same' ? 0.95 : 0.6, r.why.explanation);
        }
      }
      if (queryTypes.includes('vehicle') && (query.plate || query.vin || query.containerNumber)) {
        const { results } = await sis.searchVehicles({
          ...call,
          query: {
            plate: query.plate,
            country: query.plateCountry,
            vin: query.vin,
            container: query.containerNumber,
          },
        });
        for (const r of results) {
          push(r.alert, r.why.confidence, [r.why.explanation]);
        }
      }
      return hits;
    },
  };
}
