import type { SisHit } from '../../api/types.ts';

export type DeadlineState = 'replied' | 'closed' | 'overdue' | 'open';

/**
 * Where a hit's supplementary-information exchange stands: replied, closed by the deletion of its alert,
 * overdue (no reply by the due time, 12 hours or "immediately" under 2018/1862 art. 8(3)), or open. The
 * server's `overdue` is judged when it answered; the clock of the screen keeps the judgement current.
 */
export function deadlineState(
  hit: Pick<SisHit, 'repliedAt' | 'alertDeletedOn' | 'overdue' | 'replyDueAt'>,
  now: number,
): DeadlineState {
  if (hit.repliedAt !== null) {
    return 'replied';
  }
  if (hit.alertDeletedOn !== null) {
    return 'closed';
  }
  return hit.overdue || Date.parse(hit.replyDueAt) <= now ? 'overdue' : 'open';
}

/** Open hits in the order SIRENE works them: overdue first, then by due time; answered ones last. */
export function orderHits(hits: readonly SisHit[], now: number): SisHit[] {
  const rank: Record<DeadlineState, number> = { overdue: 0, open: 1, replied: 2, closed: 3 };
  return [...hits].sort(
    (a, b) =>
      rank[deadlineState(a, now)] - rank[deadlineState(b, now)] ||
      Date.parse(a.replyDueAt) - Date.parse(b.replyDueAt),
  );
}
