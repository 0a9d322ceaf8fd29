import {
  sisQualityAlerts,
  sisQualityHits,
  type SisQualityAlert,
  type SisQualityHit,
} from '../../contexts/sis/index.ts';
import type { StatsFact } from '../../contexts/stats/index.ts';
import type { Executor } from '../../platform/database/index.ts';

/**
 * SIS's part of the data-quality figures (2019/818 art. 37: the central repository's data-quality reports;
 * 2019/818 art. 39(1)), for the SIS statistics source to include.
 *
 * `quality.alerts-past-review`: every alert is a state on its review date (2018/1862 art. 53, 2018/1861 art.
 * 39), by category and issuing state; the alerts past review on day D are the cells before D. An extended alert
 * moves to its new date; a deleted one leaves.
 */
export function sisAlertQualityFacts(a: SisQualityAlert): StatsFact[] {
  return [
    {
      key: 'review',
      figure: 'quality.alerts-past-review',
      kind: 'state',
      day: a.reviewDue,
      dims: { category: a.category, memberState: a.issuingState },
    },
  ];
}

/**
 * `quality.hits-without-reply`: a hit whose SIRENE exchange awaits the issuing state's reply is a state on the
 * day of its reply deadline (SIRENE Manual, 12 h, urgent 1 h [K]), by category and the issuing state that owes
 * the reply; the replies not in by their deadline on day D are the cells before D. The reply, or the deletion
 * of the alert, takes it out.
 */
export function sisHitQualityFacts(h: SisQualityHit): StatsFact[] {
  return h.awaitingReply
    ? [
        {
          key: 'reply',
          figure: 'quality.hits-without-reply',
          kind: 'state',
          day: h.replyDueDay,
          dims: { category: h.category, memberState: h.issuingState },
        },
      ]
    : [];
}

/** The quality facts of the alerts of the ids that SIS holds. */
export async function sisAlertQuality(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, StatsFact[]>> {
  return new Map((await sisQualityAlerts(db, ids)).map((a) => [a.id, sisAlertQualityFacts(a)]));
}

/** The quality facts of the hits of the ids that SIS holds. */
export async function sisHitQuality(db: Executor, ids: readonly string[]): Promise<Map<string, StatsFact[]>> {
  return new Map((await sisQualityHits(db, ids)).map((h) => [h.id, sisHitQualityFacts(h)]));
}
