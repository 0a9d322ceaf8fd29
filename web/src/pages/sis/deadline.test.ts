import { describe, expect, it } from 'vitest';

import type { SisHit } from '../../api/types.ts';
import { deadlineState, orderHits } from './deadline.ts';

const NOW = Date.parse('2026-03-14T12:00:00Z');

function hit(id: string, due: string, extra: Partial<SisHit> = {}): SisHit {
  return {
    id,
    alertId: 'sis_1',
    category: 'arrest',
    discreet: false,
    handling: null,
    issuingState: 'IT',
    reportedBy: 'border.fi',
    reportingAuthority: 'Finnish Border Guard',
    reportingState: 'FI',
    place: 'FI-HEL',
    checked: null,
    information: null,
    createdAt: '2026-03-14T00:00:00Z',
    urgent: false,
    replyDueAt: due,
    repliedAt: null,
    overdue: false,
    alertDeletedOn: null,
    messages: [],
    ...extra,
  };
}

describe('deadlineState', () => {
  it('turns an open exchange overdue once its due time passes, even if the server said it was not yet', () => {
    expect(deadlineState(hit('a', '2026-03-14T15:00:00Z'), NOW)).toBe('open');
    expect(deadlineState(hit('a', '2026-03-14T11:59:00Z'), NOW)).toBe('overdue');
  });

  it('counts a replied exchange as replied and one whose alert was deleted as closed', () => {
    expect(deadlineState(hit('a', '2026-03-14T11:00:00Z', { repliedAt: '2026-03-14T10:00:00Z' }), NOW)).toBe(
      'replied',
    );
    expect(deadlineState(hit('a', '2026-03-14T11:00:00Z', { alertDeletedOn: '2026-03-14' }), NOW)).toBe(
      'closed',
    );
  });
});

describe('orderHits', () => {
  it('puts overdue exchanges first, then the open ones by due time, answered ones last', () => {
    const hits = [
      hit('replied', '2026-03-14T09:00:00Z', { repliedAt: '2026-03-14T08:00:00Z' }),
      hit('later', '2026-03-14T20:00:00Z'),
      hit('sooner', '2026-03-14T13:00:00Z'),
      hit('overdue', '2026-03-14T11:00:00Z', { overdue: true }),
    ];
    expect(orderHits(hits, NOW).map((h) => h.id)).toEqual(['overdue', 'sooner', 'later', 'replied']);
  });
});
