import type { AlertSummary, SisService } from '../../contexts/sis/index.ts';
import type { BorderCheckStep, Finding } from './model.ts';

const markers = (a: AlertSummary) =>
  a.warningMarkers.length > 0 ? `WARNING: ${a.warningMarkers.join(', ').toUpperCase()}. ` : '';

/** What an alert that matches the traveller means at the counter. */
function personFinding(a: AlertSummary, verdict: string): Finding {
  if (verdict !== 'same') {
    return {
      system: 'sis',
      level: 'attention',
      code: 'SIS_POSSIBLE_PERSON_MATCH',
      message: `${markers(a)}Possible SIS match (similar identity, alert ${a.alertId}, ${a.issuingState}): verify the identity against the alert before acting.`,
    };
  }
  if (a.discreet) {
    // 2018/1862 art. 36-37: the check stays covert; the category is not shown to the person checked.
    return {
      system: 'sis',
      level: 'attention',
      code: 'SIS_DISCREET_CHECK',
      message: `${markers(a)}SIS alert ${a.alertId}: ${a.handling}. ${a.action}`,
    };
  }
  if (a.category === 'refusal' || a.category === 'restrictive-measure') {
    return {
      system: 'sis',
      level: 'stop',
      code: 'SIS_REFUSAL_ALERT',
      message: `${markers(a)}SIS ${a.categoryLabel ?? 'refusal'} alert ${a.alertId} (${a.issuingState}): ${a.action}`,
      // SBC Annex V Part B, ground H: person for whom an alert for refusal of entry has been issued in SIS.
      refusalGround: 'H',
    };
  }
  if (a.category === 'arrest') {
    return {
      system: 'sis',
      level: 'stop',
      code: 'SIS_ARREST_ALERT',
      message: `${markers(a)}SIS arrest alert ${a.alertId} (${a.issuingState}): ${a.action}`,
    };
  }
  return {
    system: 'sis',
    level: 'attention',
    code: 'SIS_PERSON_ALERT',
    message: `${markers(a)}SIS ${a.categoryLabel ?? 'person'} alert ${a.alertId} (${a.issuingState}): ${a.action}`,
  };
}

/**
 * SIS in the border check (2018/1861 art. 34; 2018/1862 art. 44): the person and the travel document. The
 * guard confirms a hit in SIS, which opens the supplementary-information exchange; the check itself records none.
 */
export function sisBorderStep(sis: SisService): BorderCheckStep {
  return {
    system: 'sis',
    async run(ctx) {
      const call = { actor: ctx.actor, purpose: ctx.purpose, requestId: ctx.requestId };
      const [persons, documents, vehicles] = await Promise.all([
        sis.searchPersons({
          ...call,
          query: {
            surname: ctx.holder.surname,
            givenNames: ctx.holder.givenNames || undefined,
            birthDate: ctx.holder.birthDate,
            sex: ctx.holder.sex,
            nationalities: [ctx.holder.nationality],
          },
        }),
        sis.searchDocuments({
          ...call,
          query: { number: ctx.holder.documentNumber, issuingCountry: ctx.holder.issuingState },
        }),
        ctx.vehicle
          ? sis.searchVehicles({ ...call, query: { plate: ctx.vehicle.plate, country: ctx.vehicle.country } })
          : Promise.resolve({ results: [] }),
      ]);
      const findings: Finding[] = [];
      for (const r of persons.results) {
        findings.push(personFinding(r.alert, r.why.verdict));
      }
      for (const r of documents.results) {
        findings.push({
          system: 'sis',
          level: r.why.exact ? 'stop' : 'attention',
          code: r.why.exact ? 'SIS_DOCUMENT_ALERT' : 'SIS_POSSIBLE_DOCUMENT_MATCH',
          message: `${markers(r.alert)}The travel document is in SIS (alert ${r.alert.alertId}, ${r.alert.issuingState}): ${r.why.explanation}. ${r.alert.action}`,
          // Ground A/B: no valid travel document, or a false/forged one; the guard decides which.
          refusalGround: 'A',
        });
      }
      for (const r of vehicles.results) {
        findings.push({
          system: 'sis',
          // A plate read is never a certain hit by itself: exact plates stop, folded reads ask for a look.
          level: r.why.exact ? 'stop' : 'attention',
          code: r.alert.discreet ? 'SIS_VEHICLE_DISCREET_CHECK' : 'SIS_VEHICLE_ALERT',
          message: `${markers(r.alert)}The vehicle is in SIS (alert ${r.alert.alertId}, ${r.alert.issuingState}): ${r.why.explanation}. ${
            r.alert.discreet ? `${r.alert.handling}. ` : ''
          }${r.alert.action}`,
        });
      }
      ctx.result.extra.sis = {
        persons: persons.results.map((r) => ({
          alert: r.alert,
          verdict: r.why.verdict,
          explanation: r.why.explanation,
        })),
        documents: documents.results.map((r) => ({ alert: r.alert, explanation: r.why.explanation })),
        vehicles: vehicles.results.map((r) => ({ alert: r.alert, explanation: r.why.explanation })),
      };
      if (findings.length === 0) {
        findings.push({
          system: 'sis',
          level: 'info',
          code: 'SIS_NO_HIT',
          message: `No SIS alert on the person, the travel document${ctx.vehicle ? ' or the vehicle' : ''}.`,
        });
      }
      return findings;
    },
  };
}
