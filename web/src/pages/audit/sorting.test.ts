import { describe, expect, it } from 'vitest';

import type { AuditEvent } from '../../api/types.ts';
import { compareEvents } from './sorting.ts';

const event = (seq: number, username: string, purpose: string | null): AuditEvent =>
  ({ seq, username, purpose, operationLabel: 'x', system: 's', outcome: 'success' }) as AuditEvent;

describe('compareEvents', () => {
  const events = [event(1, 'b', 'p1'), event(2, 'a', null), event(3, 'B', 'p2'), event(4, 'a', 'p1')];
  const labels = (p: string) => ({ p1: 'Zeta', p2: 'Alpha' })[p] ?? p;

  it('sorts by user without regard to case, newest first among equals', () => {
    const sorted = [...events].sort((x, y) =>
      compareEvents(x, y, { key: 'user', direction: 'ascending' }, labels),
    );
    expect(sorted.map((e) => e.seq)).toEqual([4, 2, 3, 1]);
  });

  it('sorts purposes by their labels, and time by chain position', () => {
    const byPurpose = [...events].sort((x, y) =>
      compareEvents(x, y, { key: 'purpose', direction: 'ascending' }, labels),
    );
    expect(byPurpose.map((e) => e.seq)).toEqual([2, 3, 4, 1]);
    const byTime = [...events].sort((x, y) =>
      compareEvents(x, y, { key: 'time', direction: 'descending' }, labels),
    );
    expect(byTime.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
  });
});
