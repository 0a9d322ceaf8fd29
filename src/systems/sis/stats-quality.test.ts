import { describe, expect, it } from 'vitest';

import { sisAlertQualityFacts, sisHitQualityFacts } from './stats-quality.ts';

describe('sisAlertQualityFacts', () => {
  it('counts an alert as a state on its review date by category and issuing state', () => {
    expect(
      sisAlertQualityFacts({ id: 'SIS-1', category: 'refusal', issuingState: 'DE', reviewDue: '2027-01-31' }),
    ).toEqual([
      {
        key: 'review',
        figure: 'quality.alerts-past-review',
        kind: 'state',
        day: '2027-01-31',
        dims: { category: 'refusal', memberState: 'DE' },
      },
    ]);
  });
});

describe('sisHitQualityFacts', () => {
  const hit = { id: 'hit_1', category: 'arrest', issuingState: 'NL', replyDueDay: '2026-07-01' };

  it('counts a hit awaiting its reply on the day of its deadline, by the state that owes the reply', () => {
    expect(sisHitQualityFacts({ ...hit, awaitingReply: true })).toEqual([
      {
        key: 'reply',
        figure: 'quality.hits-without-reply',
        kind: 'state',
        day: '2026-07-01',
        dims: { category: 'arrest', memberState: 'NL' },
      },
    ]);
  });

  it('gives nothing once the reply is in', () => {
    expect(sisHitQualityFacts({ ...hit, awaitingReply: false })).toEqual([]);
  });
});
