import {
  ARTICLE_37_INFORMATION,
  biometricDataTypes,
  DISCREET_NOTICE,
  type AlertSummary,
  type BiometricMatchReason,
  type SisService,
} from '../../contexts/sis/index.ts';
import { isAppError } from '../../platform/errors.ts';
import type { BorderCheckStep, Finding, StepContext } from '../../flows/border-check/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import type { IdentityIndexService } from '../../contexts/matching/index.ts';

const markers = (a: AlertSummary) =>
  a.warningMarkers.length > 0 ? `WARNING: ${a.warningMarkers.join(', ').toUpperCase()}. ` : '';

/**
 * The parts of an alert a finding's text is made of, for an interface that says it in its own language: the
 * alert, the issuing state, the warning marker codes (comma-separated, `''` for none), the category code
 * (`''` when it is covert to this viewer), and the action to take, which is the issuing state's own words and
 * is shown as written.
 */
const alertParams = (a: AlertSummary): Record<string, string> => ({
  alertId: a.alertId,
  issuingState: a.issuingState,
  markers: a.warningMarkers.join(','),
  category: a.category ?? '',
  action: a.action,
});

/** How an identifier (document number, plate) matched the alert's: exactly, or only once look-alikes are folded. */
const identifierParams = (why: { exact: boolean; stored: string; searched: string }) => ({
  match: why.exact ? 'exact' : 'lookalike',
  searched: why.searched,
  stored: why.stored,
});

/**
 * How a live capture matched an alert's templates, for a translated text: the modalities compared
 * (`face`, `fingers` or `face-fingers`), the face's similarity and the number of fingers.
 */
const biometricParams = (b: BiometricMatchReason): Record<string, string | number> => ({
  modalities: b.modalities.length === 2 ? 'face-fingers' : b.modalities[0] === 'face' ? 'face' : 'fingers',
  ...(b.faceScore === undefined ? {} : { faceScore: Number(b.faceScore.toFixed(2)) }),
  fingers: b.fingers,
});

/** How the traveller was found: by identity, by the travel document, or by a live capture (with its reason). */
type Via = 'person' | 'document' | { biometric: BiometricMatchReason };

const viaParams = (via: Via | 'vehicle'): Record<string, string | number> =>
  typeof via === 'string' ? { via } : { via: 'biometric', ...biometricParams(via.biometric) };

/**
 * A discreet or specific check (2018/1862 arts. 36-37): the guard collects the art. 37 information without
 * telling the person, and the check goes on as the other findings say. It is never a ground for refusal, so
 * it carries no level of its own: `info`, and the verdict ignores it.
 */
function discreetFinding(a: AlertSummary, what: 'person' | 'document' | 'vehicle', via?: Via): Finding {
  const on = what === 'person' ? 'the person' : what === 'document' ? 'the travel document' : 'the vehicle';
  const matched =
    via !== undefined && typeof via !== 'string' ? ` Live capture ${via.biometric.explanation}.` : '';
  return {
    system: 'sis',
    level: 'info',
    code: 'SIS_DISCREET_CHECK',
    message: `${markers(a)}Discreet check on ${on} (SIS alert ${a.alertId}, ${a.issuingState}): ${a.action.replace(/\.?$/u, '.')}${
      /do not inform the person/iu.test(a.action) ? '' : ' Do not inform the person.'
    } It is no reason to refuse: go on with the check as the other findings say.${matched}`,
    params: { ...alertParams(a), category: '', on: what, ...viaParams(via ?? what) },
    alertId: a.alertId,
    discreet: true,
    // The list the hit answer gives replaces this once the hit is recorded (art. 37b for information alerts).
    informationToCollect: [...ARTICLE_37_INFORMATION],
  };
}

/** What an alert that matches the traveller means at the counter. */
function personFinding(a: AlertSummary, verdict: string, via: Via, probability?: number): Finding {
  if (verdict !== 'same' && typeof via === 'string') {
    // The MID rules decide that the identity is similar; the matching engine's calibrated probability (the
    // one the search portal shows) tells the guard how likely the traveller is the alert's subject rather than
    // a namesake or a relative.
    const likely =
      probability === undefined
        ? ''
        : ` The matching engine puts the probability that the traveller is the alert's subject at ${(probability * 100).toFixed(probability >= 0.995 || probability < 0.005 ? 1 : 0)} %.`;
    return {
      system: 'sis',
      level: 'attention',
      code: 'SIS_POSSIBLE_PERSON_MATCH',
      message: `${markers(a)}Possible SIS match (similar ${via === 'person' ? 'identity' : 'document number'}, alert ${a.alertId}, ${a.issuingState}): verify the identity against the alert before acting.${likely}`,
      alertId: a.alertId,
      params: {
        ...alertParams(a),
        via,
        ...(probability === undefined ? {} : { probability: Number(probability.toFixed(4)) }),
      },
    };
  }
  if (a.discreet) {
    // 2018/1862 art. 36-37: the check stays covert; the category is not shown to the person checked.
    return discreetFinding(a, typeof via === 'string' ? via : 'person', via);
  }
  const viaDocument =
    via === 'document'
      ? ' (found by the travel document, which the alert lists)'
      : typeof via === 'string'
        ? ''
        : ` (live capture ${via.biometric.explanation})`;
  if (a.category === 'refusal' || a.category === 'restrictive-measure') {
    return {
      system: 'sis',
      level: 'stop',
      code: 'SIS_REFUSAL_ALERT',
      message: `${markers(a)}SIS ${a.category === 'refusal' ? 'refusal-of-entry' : (a.categoryLabel ?? 'travel ban')} alert ${a.alertId} (${a.issuingState}) on the person${viaDocument}: ${a.action}`,
      // SBC Annex V Part B, ground H: person for whom an alert for refusal of entry has been issued in SIS
      // (2018/1861 arts. 24-25).
      refusalGround: 'H',
      params: { ...alertParams(a), ...viaParams(via) },
      alertId: a.alertId,
    };
  }
  if (a.category === 'arrest') {
    return {
      system: 'sis',
      level: 'stop',
      code: 'SIS_ARREST_ALERT',
      message: `${markers(a)}SIS arrest alert ${a.alertId} (${a.issuingState})${viaDocument}: ${a.action}`,
      params: { ...alertParams(a), ...viaParams(via) },
      alertId: a.alertId,
    };
  }
  return {
    system: 'sis',
    level: 'attention',
    code: 'SIS_PERSON_ALERT',
    message: `${markers(a)}SIS ${a.categoryLabel ?? 'person'} alert ${a.alertId} (${a.issuingState})${viaDocument}: ${a.action}`,
    params: { ...alertParams(a), ...viaParams(via) },
    alertId: a.alertId,
  };
}

/** A hit to report: the alert, and what was used to search and matched. */
interface ConfirmedHit {
  alertId: string;
  dataTypes: string[];
  matchedOn: string;
}

/** Checks of the same person by the same guard at the same crossing point within an hour are one encounter. */
const SAME_ENCOUNTER_MS = 3_600_000;

/** What SIS shows the guard: every alert found, by what it matched, and the hits reported. */
export interface SisData {
  /** Person alerts whose templates matched the live capture (2018/1862 art. 43), best first. */
  biometric?: Array<{ alert: AlertSummary } & BiometricMatchReason>;
  persons: Array<{
    alert: AlertSummary;
    verdict: string;
    explanation: string[];
    /** The matching engine's calibrated probability that the traveller is the alert's subject. */
    probability?: number;
  }>;
  documents: Array<{ alert: AlertSummary; explanation: string }>;
  vehicles: Array<{ alert: AlertSummary; explanation: string }>;
  hits: Array<{ alertId: string; hitId: string; replyDueAt: string }>;
}

/**
 * SIS in the border check (2018/1861 art. 34; 2018/1862 art. 44): the person, the travel document and, at land
 * borders, the vehicle. An alert is one finding however many of these it matched: a person alert that lists the
 * travel document is judged as the person alert it is (a refusal alert supports ground H, a discreet check is
 * discreet), never as a document reported stolen. Certain matches (the same identity, the exact document or
 * plate) are reported through the SIS hit procedure, so the issuing state's SIRENE Bureau sees them in its hit
 * list as it sees hub hits (2018/1862 art. 8); possible matches wait for the guard's verification.
 */
export function sisBorderStep(
  sis: SisService,
  identityIndex?: IdentityIndexService,
): BorderCheckStep<SisData> {
  return {
    system: 'sis',
    async run(ctx) {
      const call = { actor: ctx.actor, purpose: ctx.purpose, requestId: ctx.requestId };
      const probe = ctx.biometrics ?? [];
      const [persons, documents, vehicles, biometric] = await Promise.all([
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
        // The live capture against the person alerts' templates (2018/1862 art. 43; 2018/1861 art. 33).
        probe.length > 0 ? sis.searchBiometric({ ...call, probe }) : Promise.resolve({ results: [] }),
      ]);
      const findings = new Map<string, Finding>();
      const confirmed = new Map<string, ConfirmedHit>();
      const confirm = (alertId: string, dataTypes: string[], matchedOn: string) => {
        const known = confirmed.get(alertId);
        if (known === undefined) {
          confirmed.set(alertId, { alertId, dataTypes, matchedOn });
        } else {
          known.dataTypes = [...new Set([...known.dataTypes, ...dataTypes])];
          known.matchedOn = `${known.matchedOn}; ${matchedOn}`;
        }
      };
      // The same calibrated probabilities as the search portal, for the alerts SIS returned to this guard.
      const scored = identityIndex?.score(
        {
          surname: ctx.holder.surname,
          givenNames: ctx.holder.givenNames,
          birthDate: ctx.holder.birthDate,
          sex: ctx.holder.sex,
          nationalities: [ctx.holder.nationality],
          documentNumber: ctx.holder.documentNumber,
        },
        'sis',
        persons.results.map((r) => r.alert.alertId),
      );
      const probabilityOf = (alertId: string) => scored?.get(alertId)?.probability;
      for (const r of persons.results) {
        findings.set(
          r.alert.alertId,
          personFinding(r.alert, r.why.verdict, 'person', probabilityOf(r.alert.alertId)),
        );
        // A match on the misused identity of an alert (2018/1861 art. 47) may be its victim: not a hit yet.
        if (r.why.verdict === 'same' && r.why.identity === 'confirmed') {
          confirm(
            r.alert.alertId,
            ['surname', 'givenNames', 'birthDate', 'sex', 'nationality'],
            `identity: ${r.why.explanation.join('; ')}`,
          );
        }
      }
      // A biometric match is a certain match of the person (the fused decision at the calibrated threshold): a
      // hit like the others, logged and reported with the type of biometric data only (2018/1862 art. 12).
      const biometricTypes = biometricDataTypes(probe);
      for (const r of biometric.results) {
        const a = r.alert;
        confirm(a.alertId, biometricTypes, `biometric: ${r.why.explanation}`);
        const known = findings.get(a.alertId);
        if (known === undefined || known.code === 'SIS_POSSIBLE_PERSON_MATCH') {
          findings.set(a.alertId, personFinding(a, 'same', { biometric: r.why }));
        }
      }
      for (const r of documents.results) {
        const a = r.alert;
        if (r.why.exact) {
          confirm(a.alertId, ['documentNumber', 'issuingCountry'], `document: ${r.why.explanation}`);
        }
        const known = findings.get(a.alertId);
        if (a.kind === 'person') {
          // The document is one of the identity documents of a person alert (2018/1862 art. 20(2)(s)).
          if (known === undefined || (known.code === 'SIS_POSSIBLE_PERSON_MATCH' && r.why.exact)) {
            findings.set(a.alertId, personFinding(a, r.why.exact ? 'same' : 'possible', 'document'));
          }
          continue;
        }
        if (known !== undefined) {
          continue;
        }
        findings.set(
          a.alertId,
          a.discreet && r.why.exact
            ? discreetFinding(a, 'document')
            : {
                system: 'sis',
                level: r.why.exact ? 'stop' : 'attention',
                code: r.why.exact ? 'SIS_DOCUMENT_ALERT' : 'SIS_POSSIBLE_DOCUMENT_MATCH',
                message: `${markers(a)}The travel document is in SIS (alert ${a.alertId}, ${a.issuingState}): ${r.why.explanation}. ${a.action}`,
                // Ground A/B: no valid travel document, or a false/forged one; the guard decides which.
                refusalGround: 'A',
                params: { ...alertParams(a), ...identifierParams(r.why) },
                alertId: a.alertId,
              },
        );
      }
      for (const r of vehicles.results) {
        const a = r.alert;
        if (r.why.exact) {
          confirm(a.alertId, ['plate'], `plate: ${r.why.explanation}`);
        }
        if (findings.has(a.alertId)) {
          continue;
        }
        findings.set(
          a.alertId,
          a.discreet && r.why.exact
            ? discreetFinding(a, 'vehicle')
            : {
                system: 'sis',
                // A plate read is never a certain hit by itself: exact plates stop, folded reads ask for a look.
                level: r.why.exact ? 'stop' : 'attention',
                code: a.discreet ? 'SIS_VEHICLE_DISCREET_CHECK' : 'SIS_VEHICLE_ALERT',
                message: `${markers(a)}The vehicle is in SIS (alert ${a.alertId}, ${a.issuingState}): ${r.why.explanation}. ${
                  a.discreet ? `${DISCREET_NOTICE}. ` : ''
                }${a.action}`,
                params: { ...alertParams(a), ...identifierParams(r.why) },
                alertId: a.alertId,
              },
        );
      }
      const data: SisData = {
        ...(probe.length > 0
          ? { biometric: biometric.results.map((r) => ({ alert: r.alert, ...r.why })) }
          : {}),
        persons: persons.results.map((r) => {
          const probability = probabilityOf(r.alert.alertId);
          return {
            alert: r.alert,
            verdict: r.why.verdict,
            explanation: r.why.explanation,
            ...(probability === undefined ? {} : { probability }),
          };
        }),
        documents: documents.results.map((r) => ({ alert: r.alert, explanation: r.why.explanation })),
        vehicles: vehicles.results.map((r) => ({ alert: r.alert, explanation: r.why.explanation })),
        hits: [],
      };
      const found: Finding[] =
        findings.size === 0
          ? [
              {
                system: 'sis',
                level: 'info',
                code: 'SIS_NO_HIT',
                message: `No SIS alert on the person, the travel document${ctx.vehicle ? ' or the vehicle' : ''}.`,
                params: { vehicle: ctx.vehicle ? 'yes' : 'no' },
              },
            ]
          : [...findings.values()];
      const hits = [...confirmed.values()];
      return {
        findings: found,
        data,
        // The person alerts shown, whose MID links the check shows (2019/817 art. 26; SBC art. 8(4a)).
        records: [
          ...new Set([
            ...persons.results.map((r) => `sis:${r.alert.alertId}`),
            ...biometric.results.map((r) => `sis:${r.alert.alertId}`),
            ...documents.results
              .filter((r) => r.alert.kind === 'person')
              .map((r) => `sis:${r.alert.alertId}`),
          ]),
        ],
        record: (trx) => recordHits(sis, trx, ctx, hits, found, data),
      };
    },
  };
}

/**
 * Reports each certain match through the SIS hit procedure in the check's own transaction: who, where, what was
 * used to search, which alert (2018/1862 arts. 8, 12). The hit answer's list of information to collect replaces
 * the default one on a discreet check.
 */
async function recordHits(
  sis: SisService,
  trx: Executor,
  ctx: StepContext,
  hits: readonly ConfirmedHit[],
  findings: Finding[],
  data: SisData,
): Promise<void> {
  for (const h of hits) {
    try {
      const answer = await sis.reportHitIn(trx, {
        actor: ctx.actor,
        purpose: ctx.purpose,
        requestId: ctx.requestId,
        alertId: h.alertId,
        location: { place: ctx.bcpId, context: 'border check' },
        checked: { dataTypes: h.dataTypes, matchedOn: h.matchedOn },
        // The screen checks again after each record (entry, refusal): one encounter is one hit.
        foldWithinMs: SAME_ENCOUNTER_MS,
      });
      data.hits.push({ alertId: h.alertId, hitId: answer.hitId, replyDueAt: answer.replyDueAt });
      for (const f of findings) {
        if (f.alertId === h.alertId) {
          f.hitId = answer.hitId;
          if (f.discreet && answer.informationToCollect.length > 0) {
            f.informationToCollect = answer.informationToCollect;
          }
        }
      }
    } catch (err) {
      // An alert deleted since the search has no hit to report; anything else fails the check's record.
      if (!(isAppError(err) && err.kind === 'NotFound')) {
        throw err;
      }
    }
  }
}
