import type {
  CheckHit,
  CheckSubject,
  EtiasCheck,
  HitRule,
  RefusalGround,
} from '../../contexts/etias/index.ts';
import type { IdentityIndexService } from '../../contexts/matching/index.ts';
import {
  CATEGORY_INFO,
  type AlertSummary,
  type ObjectSearchResult,
  type PersonQuery,
  type PersonSearchResult,
  type SisService,
} from '../../contexts/sis/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { isAppError } from '../../platform/errors.ts';
import { ETIAS_EXAMINATION, ETIAS_PROCESSING_ACTOR } from '../etias-processing.ts';

/**
 * Where a notify-only hit is reported in the SIS hit procedure: the SIRENE Bureau of the issuing state reads it
 * in its hit list like a border or police hit, with the application it came from (2018/1240 art. 23).
 */
export const ETIAS_HIT_PLACE = 'ETIAS automated processing';

/**
 * A second run of automated processing on the same application (e.g. after a restart) within this time is
 * the same encounter: the hit is answered again, not reported twice.
 */
const SAME_APPLICATION_MS = 7 * 24 * 3_600_000;

/** One name of the application searched as its own query (art. 17(2)(a)-(b): surname at birth, other names). */
interface NameQuery {
  label: string;
  query: PersonQuery;
}

/** The person queries of one application: its names, each with the same date of birth, sex and nationalities. */
function nameQueries(s: CheckSubject): NameQuery[] {
  const common = {
    birthDate: s.birthDate,
    // `X` (unspecified) is not compared: an alert recorded with M or F must not drop out on it.
    ...(s.sex === 'X' ? {} : { sex: s.sex }),
    ...(s.nationalities.length === 0 ? {} : { nationalities: s.nationalities }),
    limit: 50,
  };
  const givenNames = s.givenNames.trim() === '' ? {} : { givenNames: s.givenNames };
  const out: NameQuery[] = [
    { label: 'surname and given names', query: { surname: s.surname, ...givenNames, ...common } },
  ];
  const seen = new Set([s.surname.trim().toUpperCase()]);
  const add = (label: string, query: PersonQuery) => {
    const key = query.surname.trim().toUpperCase();
    if (key !== '' && !seen.has(key)) {
      seen.add(key);
      out.push({ label, query });
    }
  };
  if (s.surnameAtBirth !== undefined) {
    add('surname at birth and given names', { surname: s.surnameAtBirth, ...givenNames, ...common });
  }
  for (const other of s.otherNames) {
    // An alias or artistic name stands alone (art. 17(2)(b)): compared as a surname with no given names, so
    // that the surname rules decide the names (see the SIS person search).
    add(`other name "${other}"`, { surname: other, ...common });
  }
  return out;
}

/** One person alert found, with the best way it was found. */
interface PersonFound {
  result: PersonSearchResult;
  label: string;
}

const verdictRank = (r: PersonSearchResult) =>
  (r.why.verdict === 'same' ? 2 : 1) + (r.why.identity === 'confirmed' ? 0.5 : 0);

/** Whether an alert is on a travel document reported lost, stolen, misappropriated or invalidated. */
const isDocumentSeizure = (a: AlertSummary) =>
  a.category === 'object-seizure' &&
  (a.object?.type === 'issued-document' || a.object?.type === 'blank-document');

/**
 * What a SIS alert means for an ETIAS application (2018/1240 art. 20; regulations digest §2.2):
 * - refusal of entry and stay (2018/1861 art. 24) and restrictive measures (art. 25, travel bans entered as
 *   refusals of entry) → `SIS_REFUSAL_ALERT`, art. 37(1)(e) ground `sis-refusal` (art. 20(2)(d));
 * - arrest for surrender or extradition (2018/1862 art. 26) → `SIS_ARREST_ALERT` (art. 20(2)(c));
 * - missing persons of every kind of art. 32(1) — children at risk of abduction or of harm (c)-(d) and
 *   vulnerable adults to be prevented from travelling (e) included — → `SIS_MISSING_PERSON`, notify only;
 * - persons sought for a judicial procedure (art. 34) → `SIS_JUDICIAL_PROCEDURE`, notify only;
 * - discreet, inquiry and specific checks (art. 36) → `SIS_DISCREET_CHECK`, notify only (art. 20(4), art. 23);
 *   information alerts (art. 37a, Reg. (EU) 2022/1190) are collected covertly like them and are treated the
 *   same way [K: art. 20(4) predates them and names checks only];
 * - return alerts (2018/1860 art. 3) are not an art. 20 check (digest §2.2 lists none): an entry ban that
 *   goes with a return decision is itself a refusal alert (1860 art. 4), which the application hits [K];
 * - unknown suspects (art. 40) hold dactyloscopic data only, which an application does not carry: no query.
 * A similar identity (the MID "similar" rules, or a match on the identity an alert says was misused, 2018/1861
 * art. 47) is never taken for the person sought: on a refusal or arrest alert it is `SIS_POSSIBLE_MATCH`, for
 * the Central Unit to verify (art. 22). On a notify-only alert a similar identity is reported to the issuing
 * SIRENE Bureau as such ("similar identity, to be verified"): the Bureau that holds the case verifies it, and
 * the application is not delayed either way [K: art. 23 does not say who verifies a notification].
 */
function personRule(
  a: AlertSummary,
  certain: boolean,
): { rule: HitRule; notifyOnly?: true; refusalGround?: RefusalGround } | null {
  switch (a.category) {
    case 'refusal':
    case 'restrictive-measure':
      return { rule: certain ? 'SIS_REFUSAL_ALERT' : 'SIS_POSSIBLE_MATCH', refusalGround: 'sis-refusal' };
    case 'arrest':
      return { rule: certain ? 'SIS_ARREST_ALERT' : 'SIS_POSSIBLE_MATCH' };
    case 'missing':
      return { rule: 'SIS_MISSING_PERSON', notifyOnly: true };
    case 'judicial-procedure':
      return { rule: 'SIS_JUDICIAL_PROCEDURE', notifyOnly: true };
    case 'check':
    case 'information':
      return { rule: 'SIS_DISCREET_CHECK', notifyOnly: true };
    case 'return':
    case 'unknown-suspect':
    case 'object-check':
    case 'object-seizure':
    case null:
      return null;
  }
}

/**
 * A document alert (2018/1862 art. 38(2)(k)-(l)): an issued or blank document reported stolen, misappropriated,
 * lost or invalidated → `SIS_DOCUMENT_LOST_STOLEN` (art. 20(2)(a); ground art. 37(1)(a)), or
 * `SIS_POSSIBLE_MATCH` when the number equals only up to look-alike characters; a discreet or specific check
 * on the document (art. 36) notifies the issuing state [K: art. 20(4) names checks on persons]. Other object
 * alerts (vehicle registration certificates, means of payment) are no travel document.
 */
function documentRule(
  a: AlertSummary,
  exact: boolean,
): { rule: HitRule; notifyOnly?: true; refusalGround?: RefusalGround } | null {
  if (isDocumentSeizure(a)) {
    return {
      rule: exact ? 'SIS_DOCUMENT_LOST_STOLEN' : 'SIS_POSSIBLE_MATCH',
      refusalGround: 'document-lost-stolen',
    };
  }
  if (a.category === 'object-check' && exact && a.object?.type !== undefined) {
    return ['issued-document', 'blank-document'].includes(a.object.type)
      ? { rule: 'SIS_DISCREET_CHECK', notifyOnly: true }
      : null;
  }
  return null;
}

/** The alert's data an officer compares with the application, side by side. */
function alertRecord(a: AlertSummary): Record<string, unknown> {
  const base = {
    alertId: a.alertId,
    category: a.category,
    categoryLabel: a.categoryLabel,
    issuingState: a.issuingState,
    action: a.action,
    warningMarkers: a.warningMarkers,
    ...(a.discreet ? { handling: a.handling } : {}),
  };
  if (a.kind === 'object') {
    return {
      ...base,
      objectType: a.object?.type,
      identifiers: a.object?.identifiers ?? [],
      ...(a.object?.description ? { description: a.object.description } : {}),
    };
  }
  const p = a.person ?? {};
  return {
    ...base,
    surname: p.surname,
    givenNames: p.givenNames,
    namesAtBirth: p.namesAtBirth,
    aliases: p.aliases,
    birthDate: p.birthDate,
    sex: p.sex,
    nationalities: p.nationalities,
    placeOfBirth: p.placeOfBirth,
    documents: p.documents,
    ...(a.misusedIdentity
      ? {
          misusedIdentity: {
            surname: a.misusedIdentity.surname,
            givenNames: a.misusedIdentity.givenNames,
            birthDate: a.misusedIdentity.birthDate,
            nationalities: a.misusedIdentity.nationalities,
            documents: a.misusedIdentity.documents,
          },
        }
      : {}),
  };
}

const alertName = (a: AlertSummary) =>
  `SIS alert ${a.alertId} (${a.categoryLabel ?? (a.category === null ? 'alert' : CATEGORY_INFO[a.category].label)}, ${a.issuingState})`;

/** A notify-only hit to report to the issuing state's SIRENE Bureau, with what matched. */
interface ToReport {
  alertId: string;
  dataTypes: string[];
  matchedOn: string;
}

/**
 * SIS in ETIAS automated processing (2018/1240 art. 20(2)(a), (c), (d) and 20(4)): the applicant's names
 * (surname, surname at birth and other names each as a query) with the date of birth, sex and nationalities
 * against person alerts — the SIS person search, which uses the identity index and judges with the MID
 * same/similar rules — and the travel document against document alerts and the documents of person alerts.
 * Each alert found is one hit, explained field by field. Notify-only hits (missing persons, judicial
 * procedure, discreet and specific checks) are reported through the SIS hit procedure when the application
 * is stored, so that the issuing state's SIRENE Bureau sees them (art. 23); they never route the application.
 * The queries run as the ETIAS Central System under the purpose `etias-examination`, logged by SIS (2018/1862
 * art. 12).
 */
export function sisEtiasCheck(sis: SisService, identityIndex?: IdentityIndexService): EtiasCheck {
  return {
    system: 'sis',
    async run(subject, options) {
      const call = {
        actor: ETIAS_PROCESSING_ACTOR,
        purpose: ETIAS_EXAMINATION,
        ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
      };
      const queries = nameQueries(subject);
      const [personAnswers, documents] = await Promise.all([
        Promise.all(
          queries.map(async (q) => ({
            label: q.label,
            results: await searchOrNothing(() => sis.searchPersons({ ...call, query: q.query })),
          })),
        ),
        searchOrNothing(() =>
          sis.searchDocuments({
            ...call,
            query: { number: subject.document.number, issuingCountry: subject.document.issuingState },
          }),
        ),
      ]);
      options.signal?.throwIfAborted();
      const persons = new Map<string, PersonFound>();
      for (const answer of personAnswers) {
        for (const r of answer.results) {
          const known = persons.get(r.alert.alertId);
          if (known === undefined || verdictRank(r) > verdictRank(known.result)) {
            persons.set(r.alert.alertId, { result: r, label: answer.label });
          }
        }
      }
      // The matching engine's calibrated probability that the applicant is the alert's subject (the same
      // figure as the search portal and the border check show).
      const scored = identityIndex?.score(
        {
          surname: subject.surname,
          givenNames: subject.givenNames,
          birthDate: subject.birthDate,
          ...(subject.sex === 'X' ? {} : { sex: subject.sex }),
          nationalities: subject.nationalities,
          documentNumber: subject.document.number,
        },
        'sis',
        [...persons.keys()],
      );
      const hits = new Map<string, CheckHit>();
      const toReport = new Map<string, ToReport>();
      for (const [alertId, { result: r, label }] of persons) {
        const certain = r.why.verdict === 'same' && r.why.identity === 'confirmed';
        const mapped = personRule(r.alert, certain);
        if (mapped === null) {
          continue;
        }
        const probability = scored?.get(alertId)?.probability;
        hits.set(alertId, {
          source: 'sis',
          recordRef: `sis:${alertId}`,
          rule: mapped.rule,
          memberState: r.alert.issuingState,
          ...(mapped.notifyOnly ? { notifyOnly: true } : {}),
          ...(mapped.refusalGround ? { refusalGround: mapped.refusalGround } : {}),
          ...(probability === undefined ? {} : { probability }),
          explanation: [
            `The application's ${label}, date of birth, sex and nationalities matched ${alertName(r.alert)}: ${
              certain ? 'the same identity' : 'a similar identity, to be verified'
            } (MID rules ${r.why.rules.join(', ') || 'none'}).`,
            ...r.why.explanation,
          ],
          record: alertRecord(r.alert),
        });
        if (mapped.notifyOnly) {
          toReport.set(alertId, {
            alertId,
            dataTypes: ['surname', 'givenNames', 'birthDate', 'sex', 'nationality'],
            matchedOn: `${certain ? 'identity' : 'similar identity (to be verified)'}: ${r.why.explanation.join('; ')}`,
          });
        }
      }
      for (const r of documents) {
        documentHit(r, subject, hits, toReport);
      }
      const reports = [...toReport.values()];
      return {
        hits: [...hits.values()],
        ...(reports.length === 0
          ? {}
          : {
              record: (trx: Executor, applicationId: string) =>
                reportToSirene(sis, trx, applicationId, reports),
            }),
      };
    },
  };
}

/** A document found: a document alert, or a person alert that lists the applicant's travel document. */
function documentHit(
  r: ObjectSearchResult,
  subject: CheckSubject,
  hits: Map<string, CheckHit>,
  toReport: Map<string, ToReport>,
): void {
  const a = r.alert;
  const known = hits.get(a.alertId);
  const line = `The application's travel document ${subject.document.issuingState} ${subject.document.number} matched ${alertName(a)}: ${r.why.explanation}${
    r.why.exact ? '' : ' (to be verified)'
  }.`;
  const mapped = a.kind === 'person' ? personRule(a, r.why.exact) : documentRule(a, r.why.exact);
  if (mapped === null) {
    return;
  }
  if (known !== undefined) {
    // Found by the identity too: one hit, which the exact document makes certain (the alert lists it).
    known.explanation.push(line);
    if (known.rule === 'SIS_POSSIBLE_MATCH' && r.why.exact) {
      known.rule = mapped.rule;
    }
    return;
  }
  hits.set(a.alertId, {
    source: 'sis',
    recordRef: `sis:${a.alertId}`,
    rule: mapped.rule,
    memberState: a.issuingState,
    ...(mapped.notifyOnly ? { notifyOnly: true } : {}),
    ...(mapped.refusalGround ? { refusalGround: mapped.refusalGround } : {}),
    probability: r.why.exact ? 1 : r.why.confidence,
    explanation: [
      line,
      ...(a.kind === 'person'
        ? [
            'The identity data of the application did not match the alert: the document may have been used by someone else, or the alert lists a document of the person sought.',
          ]
        : []),
    ],
    record: alertRecord(a),
  });
  if (mapped.notifyOnly && !toReport.has(a.alertId)) {
    toReport.set(a.alertId, {
      alertId: a.alertId,
      dataTypes: ['documentNumber', 'issuingCountry'],
      matchedOn: `document: ${r.why.explanation}`,
    });
  }
}

/**
 * A search that finds nothing for a value SIS cannot search by (a name without letters, a document number of
 * punctuation only) is no hit; anything else fails automated processing, which then stays pending.
 */
async function searchOrNothing<T>(search: () => Promise<{ results: T[] }>): Promise<T[]> {
  try {
    return (await search()).results;
  } catch (err) {
    if (isAppError(err) && err.kind === 'Invalid') {
      return [];
    }
    throw err;
  }
}

/**
 * Reports each notify-only hit through the SIS hit procedure in the transaction that stores the application
 * (2018/1240 art. 23; 2018/1862 art. 8): the issuing state's SIRENE Bureau gets it in its hit list with the
 * place "ETIAS automated processing" and the application number, and the reply due time of art. 8(3).
 */
async function reportToSirene(
  sis: SisService,
  trx: Executor,
  applicationId: string,
  reports: readonly ToReport[],
): Promise<void> {
  for (const r of reports) {
    try {
      await sis.reportHitIn(trx, {
        actor: ETIAS_PROCESSING_ACTOR,
        purpose: ETIAS_EXAMINATION,
        alertId: r.alertId,
        location: { place: ETIAS_HIT_PLACE, context: `application ${applicationId}` },
        checked: { dataTypes: r.dataTypes, matchedOn: r.matchedOn },
        foldWithinMs: SAME_APPLICATION_MS,
      });
    } catch (err) {
      // An alert deleted since the search has no hit to report.
      if (!(isAppError(err) && err.kind === 'NotFound')) {
        throw err;
      }
    }
  }
}
