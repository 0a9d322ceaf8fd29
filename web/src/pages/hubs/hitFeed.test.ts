import { describe, expect, it } from 'vitest';

import type { HubHit } from '../../api/types.ts';
import { MAX_SHOWN, mergeHits, parseHitEvent } from './hitFeed.ts';

function hit(id: string, receivedAt: string, extra: Partial<HubHit> = {}): HubHit {
  return {
    hitId: id,
    hubId: 'be-antwerp-bruges',
    gateId: 'kallo',
    cameraId: null,
    direction: 'in',
    readId: null,
    readAt: receivedAt,
    receivedAt,
    alertId: 'sis_1',
    field: 'plate',
    matchedText: '2HKT418',
    storedText: '2HKT418',
    exact: true,
    confidence: 0.97,
    strength: 'strong',
    why: 'plate equals the alert',
    whatToDo: 'Stop the vehicle',
    action: 'Seize the object',
    warningMarkers: [],
    objectType: 'motor-vehicle',
    vehicle: null,
    issuingState: 'BE',
    discreet: false,
    handling: null,
    policeOnly: false,
    status: 'open',
    readCount: 1,
    lastReadAt: receivedAt,
    assignedTo: null,
    handledBy: null,
    handledAt: null,
    dismissReason: null,
    dischargedFrom: null,
    ...extra,
  };
}

describe('mergeHits', () => {
  it('keeps each hit once and puts the newest on top', () => {
    const merged = mergeHits(
      [hit('a', '2026-03-14T10:00:00Z'), hit('b', '2026-03-14T11:00:00Z')],
      [hit('c', '2026-03-14T12:00:00Z'), hit('a', '2026-03-14T10:00:00Z')],
    );
    expect(merged.map((h) => h.hitId)).toEqual(['c', 'b', 'a']);
  });

  it(`keeps at most ${MAX_SHOWN} hits, dropping the oldest`, () => {
    const many = Array.from({ length: MAX_SHOWN + 5 }, (_, i) =>
      hit(`h${i}`, new Date(Date.UTC(2026, 2, 14, 0, i)).toISOString()),
    );
    const merged = mergeHits([], many);
    expect(merged).toHaveLength(MAX_SHOWN);
    expect(merged.at(-1)?.hitId).toBe('h5');
  });
});

describe('parseHitEvent', () => {
  it('reads a hit event', () => {
    expect(parseHitEvent(JSON.stringify(hit('a', '2026-03-14T10:00:00Z')))?.hitId).toBe('a');
  });

  it('drops damaged data and any discreet or police-only hit', () => {
    expect(parseHitEvent('{not json')).toBeNull();
    expect(parseHitEvent(JSON.stringify({ hitId: 'x' }))).toBeNull();
    expect(parseHitEvent(JSON.stringify(hit('d', '2026-03-14T10:00:00Z', { discreet: true })))).toBeNull();
    expect(parseHitEvent(JSON.stringify(hit('p', '2026-03-14T10:00:00Z', { policeOnly: true })))).toBeNull();
  });
});
