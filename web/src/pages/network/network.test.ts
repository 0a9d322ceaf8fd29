import { describe, expect, it } from 'vitest';

import de from '../../messages/de.json' with { type: 'json' };
import en from '../../messages/en.json' with { type: 'json' };
import fr from '../../messages/fr.json' with { type: 'json' };

import {
  alertIdOf,
  communityColour,
  daysOf,
  edgesOf,
  inWindow,
  membersOf,
  nodeSize,
  periodOf,
  windowOf,
  type NetworkAnswer,
  type NetworkEdge,
  type NetworkNode,
} from './network.ts';

function node(id: string, extra: Partial<NetworkNode> = {}): NetworkNode {
  return {
    id,
    kind: 'object',
    label: id,
    attrs: {},
    community: 0,
    centrality: 0,
    degree: 1,
    firstSeen: null,
    lastSeen: null,
    x: 0,
    y: 0,
    ...extra,
  };
}

function edge(id: string, source: string, target: string, extra: Partial<NetworkEdge> = {}): NetworkEdge {
  return { id, source, target, kind: 'read', at: null, attrs: {}, ...extra };
}

/** A small ring: two linked alerts, a truck read at two hubs three days apart, and an unrelated alert. */
const ring: NetworkAnswer = {
  from: '2026-03-01',
  to: '2026-03-31',
  focus: null,
  truncated: false,
  nodes: [
    node('alert:sis_a', {
      kind: 'alert-object',
      centrality: 0.8,
      firstSeen: '2026-03-10T08:00:00Z',
      lastSeen: '2026-03-10T08:00:00Z',
    }),
    node('alert:sis_b', { kind: 'alert-object', centrality: 0.4 }),
    node('object:plate:NL-12-AB', {
      firstSeen: '2026-03-10T08:00:00Z',
      lastSeen: '2026-03-13T21:30:00Z',
      centrality: 0.9,
    }),
    node('hub:antwerp', { kind: 'hub' }),
    node('hub:rotterdam', { kind: 'hub' }),
    node('alert:sis_c', {
      kind: 'alert-person',
      community: 1,
      attrs: { alertId: 'sis_c' },
      firstSeen: '2026-03-20T10:00:00Z',
      lastSeen: '2026-03-20T10:00:00Z',
    }),
  ],
  edges: [
    edge('e1', 'alert:sis_a', 'alert:sis_b', { kind: 'alert-link' }),
    edge('e2', 'alert:sis_a', 'object:plate:NL-12-AB', { kind: 'about' }),
    edge('e3', 'object:plate:NL-12-AB', 'hub:antwerp', { at: '2026-03-10T08:00:00Z' }),
    edge('e4', 'object:plate:NL-12-AB', 'hub:rotterdam', { at: '2026-03-13T21:30:00Z' }),
    edge('e5', 'alert:sis_c', 'hub:rotterdam', { kind: 'hit', at: '2026-03-20T10:00:00Z' }),
  ],
  communities: [
    { id: 0, size: 5, centre: 'object:plate:NL-12-AB', alerts: 2, hubs: 2, vessels: 0 },
    { id: 1, size: 1, centre: 'alert:sis_c', alerts: 1, hubs: 0, vessels: 0 },
  ],
};

describe('periodOf', () => {
  it('spans the whole days from the first to the last event of the answer', () => {
    const period = periodOf(ring);
    expect(new Date(period.start).toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(new Date(period.end).toISOString()).toBe('2026-03-21T00:00:00.000Z');
    expect(daysOf(period)).toBe(11);
  });

  it('falls back to the asked period when no node or edge has a time', () => {
    const period = periodOf({ ...ring, nodes: [node('hub:x', { kind: 'hub' })], edges: [] });
    expect(new Date(period.start).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(daysOf(period)).toBe(31);
  });
});

describe('inWindow', () => {
  const period = periodOf(ring);

  it('keeps everything in the full period', () => {
    const all = inWindow(ring, windowOf(period, [0, daysOf(period) - 1]));
    expect(all.nodes.size).toBe(ring.nodes.length);
    expect(all.edges.size).toBe(ring.edges.length);
  });

  it('keeps the reads of the window, their ends, the places and the standing relations between what is in', () => {
    // 10 March only: the Antwerp read, the alert on the truck and its art. 63 link, not the Rotterdam read nor
    // the later hit.
    const first = inWindow(ring, windowOf(period, [0, 0]));
    expect([...first.edges].sort()).toEqual(['e1', 'e2', 'e3']);
    expect(first.nodes.has('object:plate:NL-12-AB')).toBe(true);
    expect(first.nodes.has('alert:sis_c')).toBe(false);
    // Hubs are places: always there, only their timed edges come and go.
    expect(first.nodes.has('hub:rotterdam')).toBe(true);
    // So is an alert without hits: a standing fact, not an event.
    expect(first.nodes.has('alert:sis_b')).toBe(true);
  });

  it('keeps a node whose first-to-last-seen span meets the window without an edge in it', () => {
    // 11-12 March: between the two reads of the truck.
    const between = inWindow(ring, windowOf(period, [1, 2]));
    expect(between.nodes.has('object:plate:NL-12-AB')).toBe(true);
    expect(between.nodes.has('alert:sis_a')).toBe(false);
    expect([...between.edges]).toEqual([]);
  });

  it('shows the later hit alone in the last days', () => {
    const last = inWindow(ring, windowOf(period, [10, 10]));
    expect([...last.edges]).toEqual(['e5']);
    expect(last.nodes.has('object:plate:NL-12-AB')).toBe(false);
    expect(last.nodes.has('alert:sis_c')).toBe(true);
    expect(last.nodes.has('alert:sis_a')).toBe(false);
  });
});

describe('a node’s facts', () => {
  it('names the alert id of alert nodes only, from its attributes or its node id', () => {
    expect(alertIdOf(ring.nodes[0]!)).toBe('sis_a');
    expect(alertIdOf(ring.nodes[5]!)).toBe('sis_c');
    expect(alertIdOf(ring.nodes[2]!)).toBeNull();
  });

  it('lists a node’s edges with the other end, the newest first and standing relations last', () => {
    const truck = edgesOf(ring, 'object:plate:NL-12-AB');
    expect(truck.map((e) => e.edge.id)).toEqual(['e4', 'e3', 'e2']);
    expect(truck[0]!.other?.id).toBe('hub:rotterdam');
    expect(truck[2]!.other?.id).toBe('alert:sis_a');
  });

  it('lists a community’s members, the most central first', () => {
    expect(membersOf(ring, 0).map((n) => n.id)[0]).toBe('object:plate:NL-12-AB');
    expect(membersOf(ring, 1).map((n) => n.id)).toEqual(['alert:sis_c']);
  });
});

describe('drawing', () => {
  it('sizes nodes by centrality within bounds, whatever the server sends', () => {
    expect(nodeSize(0)).toBe(18);
    expect(nodeSize(1)).toBe(60);
    expect(nodeSize(5)).toBe(60);
    expect(nodeSize(Number.NaN)).toBe(18);
  });

  it('gives neighbouring communities different colours and takes the palette again beyond it', () => {
    expect(communityColour(0)).not.toBe(communityColour(1));
    expect(communityColour(10)).toBe(communityColour(0));
    expect(communityColour(-1)).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('attribute names', () => {
  it('names every attribute the server gives a node, in every language', () => {
    const languages = ['en', 'de', 'fr'] as const;
    const files: Array<Record<string, string>> = [en, de, fr];
    // The keys `src/flows/network/graph.ts` puts in a node's attrs.
    const keys = [
      ...['alertId', 'category', 'categoryLabel', 'discreet', 'action', 'issuingState', 'issuingAuthority'],
      ...[
        'objectType',
        'birthDate',
        'nationalities',
        'make',
        'model',
        'description',
        'createdAt',
        'reviewDue',
      ],
      ...['objectKind', 'country', 'hubId', 'hubKind', 'memberState', 'locode', 'system', 'imo', 'flag'],
      ...['vesselType', 'state'],
    ];
    for (const [i, messages] of files.entries()) {
      for (const key of keys) {
        expect(messages[`network.attr.${key}`], `${languages[i]} ${key}`).toMatch(/\S/);
      }
    }
  });
});
