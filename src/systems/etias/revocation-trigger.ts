import type { EtiasManualService, EtiasService } from '../../contexts/etias/index.ts';
import type { IdentityIndexService } from '../../contexts/matching/index.ts';
import type { AlertChange, AlertView, SisService } from '../../contexts/sis/index.ts';
import type { Logger } from '../../platform/logger.ts';

/**
 * The probability from which an identity in the index counts as the person of a new SIS alert. A match only
 * sends the file to a person of the alerting state's National Unit, who compares and decides (art. 41(3));
 * a lower threshold would only fill that queue with other people of the same name. [our choice]
 */
export const REVIEW_MATCH_PROBABILITY = 0.9;

export interface SisRevocationTriggerDeps {
  sis: Pick<SisService, 'onAlertChange'>;
  etias: Pick<EtiasService, 'findValidAuthorisations'>;
  manual: Pick<EtiasManualService, 'reviewForRevocation'>;
  identityIndex?: Pick<IdentityIndexService, 'search'>;
  logger: Logger;
}

/** The valid authorisations a refusal alert's person may hold: exact document, or identity in the index. */
async function matchingAuthorisations(
  deps: SisRevocationTriggerDeps,
  alert: AlertView,
): Promise<Set<string>> {
  const person = alert.person!;
  const ids = new Set<string>();
  for (const doc of person.documents ?? []) {
    for (const v of await deps.etias.findValidAuthorisations(null, {
      documentNumber: doc.number,
      issuingState: doc.issuingCountry,
    })) {
      ids.add(v.applicationId);
    }
  }
  if (deps.identityIndex !== undefined && person.surname !== undefined) {
    let candidates: string[] = [];
    try {
      candidates = deps.identityIndex
        .search(
          {
            surname: person.surname,
            ...(person.givenNames === undefined ? {} : { givenNames: person.givenNames }),
            ...(person.birthDate === undefined ? {} : { birthDate: person.birthDate }),
            ...(person.sex === undefined ? {} : { sex: person.sex }),
            ...(person.nationalities === undefined ? {} : { nationalities: person.nationalities }),
          },
          { systems: ['etias'], limit: 50, minProbability: REVIEW_MATCH_PROBABILITY },
        )
        .map((c) => c.recordRef);
    } catch (err) {
      // A query too partial for the index's blocking rules proposes nothing: the documents still match.
      deps.logger.debug({ err, alertId: alert.id }, 'identity index: no candidates for the alert');
    }
    if (candidates.length > 0) {
      for (const v of await deps.etias.findValidAuthorisations(null, { ids: candidates })) {
        ids.add(v.applicationId);
      }
    }
  }
  return ids;
}

/**
 * Art. 41(3): a new SIS alert for refusal of entry and stay that matches a valid travel authorisation sends
 * the file to the National Unit of the state that entered the alert, for a revocation review. Follows every
 * alert change (entered or changed; a review is opened once per alert and file, so a re-announcement adds
 * nothing). Returns `stop` and `idle` (resolves once every announced change was handled; for tests).
 */
export function followSisRefusalAlerts(deps: SisRevocationTriggerDeps): {
  stop(): void;
  idle(): Promise<void>;
} {
  // One change at a time, in the order announced: a bulk load of alerts queues its changes here rather than
  // running thousands of look-ups at once against the database pool.
  let tail: Promise<void> = Promise.resolve();
  const handle = async (change: AlertChange) => {
    const alert = change.alert;
    if (alert === null || alert.category !== 'refusal' || alert.person === undefined) {
      return;
    }
    for (const applicationId of await matchingAuthorisations(deps, alert)) {
      await deps.manual.reviewForRevocation(applicationId, {
        trigger: 'sis-refusal-alert',
        recordRef: `sis:${alert.id}`,
        memberState: alert.issuingState,
      });
    }
  };
  const stop = deps.sis.onAlertChange((change) => {
    tail = tail.then(() =>
      handle(change).catch((err: unknown) => {
        deps.logger.error(
          { err, alertId: change.alertId },
          'ETIAS revocation review of a SIS refusal alert failed',
        );
      }),
    );
  });
  return {
    stop,
    async idle() {
      let seen: Promise<void>;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
  };
}
