import { describe, expect, it } from 'vitest';

import type { MidStatsRecord } from '../../contexts/mid/index.ts';
import { midStatsFacts } from './stats-source.ts';

const link = (over: Partial<MidStatsRecord> = {}): MidStatsRecord => ({
  id: 'mil_1',
  color: 'yellow',
  systems: ['ees', 'sis'],
  verifierType: 'border',
  verifierState: 'FR',
  createdDay: '2026-06-01',
  verifyByDay: '2026-06-02',
  verified: false,
  ...over,
});

describe('midStatsFacts', () => {
  it('counts a link in its current colour by pair of systems, as a state', () => {
    expect(midStatsFacts(link({ color: 'white', verifyByDay: null }))).toEqual([
      {
        key: 'link',
        figure: 'mid.links',
        kind: 'state',
        day: '2026-06-01',
        dims: { color: 'white', systems: 'ees-sis', memberState: 'FR' },
      },
    ]);
  });

  it('puts an unverified yellow link in the backlog on its deadline, by type of verifying authority', () => {
    expect(midStatsFacts(link()).find((f) => f.figure === 'mid.backlog')).toEqual({
      key: 'backlog',
      figure: 'mid.backlog',
      kind: 'state',
      day: '2026-06-02',
      dims: { verifier: 'border', memberState: 'FR' },
    });
  });

  it('takes a verified link out of the backlog', () => {
    const facts = midStatsFacts(link({ color: 'green', verified: true }));
    expect(facts.map((f) => f.figure)).toEqual(['mid.links']);
    expect(facts[0]?.dims.color).toBe('green');
  });

  it('counts a yellow link without a deadline on the day it was made', () => {
    expect(midStatsFacts(link({ verifyByDay: null })).find((f) => f.figure === 'mid.backlog')?.day).toBe(
      '2026-06-01',
    );
  });
});
