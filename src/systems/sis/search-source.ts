import type { BiometricMatch, SourceHit, SearchSource } from '../../contexts/esp/index.ts';
import type { IdentityIndexService } from '../../contexts/matching/index.ts';
import type { AlertSummary, BiometricMatchReason, SisService } from '../../contexts/sis/index.ts';

/** The portal's mark of a biometric match: the fused score, its false-match rate and what was compared. */
export const biometricMatch = (why: BiometricMatchReason): BiometricMatch => ({
  score: why.score,
  falseMatchRate: why.falseMatchRate,
  modalities: why.modalities,
  ...(why.faceScore === undefined ? {} : { faceScore: why.faceScore }),
  fingers: why.fingers,
});

/**
 * A biometric match's place among the hits: the chance that so high a fused score is a false match, turned
 * round (1 - FMR). Not a calibrated posterior like the identity probabilities, but of the same order and sense.
 */
export const biometricProbability = (falseMatchRate: number): number =>
  Math.min(1, Math.max(0, 1 - falseMatchRate));

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
    sex: a.person?.sex,
    namesAtBirth: a.person?.namesAtBirth,
    placeOfBirth: a.person?.placeOfBirth,
    physicalCharacteristics: a.person?.physicalCharacteristics,
    nationalRegistrationNumber: a.person?.nationalRegistrationNumber,
    photographRefs: a.person?.photographRefs,
    objectType: a.object?.type,
    plate: byKind('plate'),
    vin: byKind('vin'),
    containerNumber: byKind('container'),
  };
}

/**
 * SIS in the search portal: persons (MID rules; with a biometric query also by their templates, 2018/1862
 * art. 43), documents (OCR-tolerant) and vehicles, as the caller may see them. Person and document hits carry the matching engine's calibrated probability from the identity index
 * (scored only for alerts SIS already returned to this caller); vehicle hits carry the identifier match's own
 * confidence.
 */
export function sisSearchSource(sis: SisService, identityIndex?: IdentityIndexService): SearchSource {
  return {
    system: 'sis',
    queryTypes: ['identity', 'document', 'vehicle', 'biometric'],
    permissions: ['sis:search', 'sis:search:vehicles'],
    async search({ actor, purpose, query, queryTypes, biometrics, signal }) {
      // The signal goes with every read: past the portal's timeout a read stops and logs nothing.
      const call = { actor, purpose, signal };
      const identity = {
        ...(query.surname ? { surname: query.surname } : {}),
        ...(query.givenNames ? { givenNames: query.givenNames } : {}),
        ...(query.birthDate ? { birthDate: query.birthDate } : {}),
        ...(query.sex ? { sex: query.sex } : {}),
        ...(query.nationality ? { nationalities: [query.nationality] } : {}),
        ...(query.documentNumber ? { documentNumber: query.documentNumber } : {}),
      };
      const probabilities = (alerts: readonly AlertSummary[]) => {
        const scored = identityIndex?.score(
          identity,
          'sis',
          alerts.map((a) => a.alertId),
        );
        return (a: AlertSummary, fallback: number) => scored?.get(a.alertId)?.probability ?? fallback;
      };
      const hits: SourceHit[] = [];
      const seen = new Set<string>();
      const push = (
        a: AlertSummary,
        probability: number,
        explanation: string[],
        biometric?: BiometricMatch,
      ) => {
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
          ...(biometric === undefined ? {} : { biometric }),
        });
      };
      // First, so that an alert found both ways is shown as the biometric match it is. Logged by SIS with the
      // type of biometric data only (2018/1862 art. 12).
      if (queryTypes.includes('biometric') && biometrics !== undefined && biometrics.length > 0) {
        const { results } = await sis.searchBiometric({ ...call, probe: biometrics });
        for (const r of results) {
          push(
            r.alert,
            biometricProbability(r.why.falseMatchRate),
            [r.why.explanation],
            biometricMatch(r.why),
          );
        }
      }
      if (queryTypes.includes('document') && query.documentNumber) {
        signal.throwIfAborted();
        const { results } = await sis.searchDocuments({
          ...call,
          query: { number: query.documentNumber, issuingCountry: query.documentIssuingState },
        });
        const p = probabilities(results.map((r) => r.alert));
        for (const r of results) {
          push(r.alert, p(r.alert, r.why.confidence), [r.why.explanation]);
        }
      }
      if (queryTypes.includes('identity') && query.surname) {
        signal.throwIfAborted();
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
        const p = probabilities(results.map((r) => r.alert));
        for (const r of results) {
          // Without the identity index, fall back on the verdict's rank.
          push(r.alert, p(r.alert, r.why.verdict === 'same' ? 0.5 : 0.25), r.why.explanation);
        }
      }
      if (queryTypes.includes('vehicle') && (query.plate || query.vin || query.containerNumber)) {
        signal.throwIfAborted();
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
