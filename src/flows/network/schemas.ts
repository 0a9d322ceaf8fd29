import { Type, type Static } from 'typebox';
import { CalendarDate } from '../../http/schemas.ts';
import { EDGE_KINDS, NODE_KINDS } from './model.ts';
import { MAX_DEPTH, MAX_NODE_LIMIT } from './service.ts';

export const NetworkQuerystring = Type.Object(
  {
    from: Type.Optional(CalendarDate('First day of the period (UTC); default 30 days before `to`')),
    to: Type.Optional(CalendarDate('Last day of the period, included; default today')),
    focus: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          'An alert id (sis_…), a plate, an ISO 6346 container number or an IMO number (IMO 9321483): its neighbourhood only',
      }),
    ),
    depth: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_DEPTH, description: 'Steps from the focus (default 2)' }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 10,
        maximum: MAX_NODE_LIMIT,
        description: 'Nodes at most (default 500); beyond it the answer says `truncated`',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NetworkQuerystring = Static<typeof NetworkQuerystring>;

const Attrs = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
);
const Time = Type.Union([Type.String(), Type.Null()]);

export const NetworkNodeSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union(NODE_KINDS.map((k) => Type.Literal(k))),
    label: Type.String(),
    attrs: Attrs,
    community: Type.Integer({ description: 'Louvain community (0…k-1), the largest first' }),
    centrality: Type.Number({ description: 'Betweenness centrality, normalised to 0…1' }),
    degree: Type.Integer(),
    firstSeen: Time,
    lastSeen: Time,
    x: Type.Number({ description: 'ForceAtlas2 position' }),
    y: Type.Number(),
  },
  { description: 'A node of the network map' },
);

export const NetworkEdgeSchema = Type.Object(
  {
    id: Type.String(),
    source: Type.String(),
    target: Type.String(),
    kind: Type.Union(EDGE_KINDS.map((k) => Type.Literal(k))),
    at: Time,
    attrs: Attrs,
  },
  { description: 'An edge: a relation or an event between two nodes' },
);

export const NetworkReply = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    focus: Type.Union([Type.String(), Type.Null()]),
    nodes: Type.Array(NetworkNodeSchema),
    edges: Type.Array(NetworkEdgeSchema),
    communities: Type.Array(
      Type.Object({
        id: Type.Integer(),
        size: Type.Integer(),
        centre: Type.String({ description: 'The node with the highest centrality' }),
        alerts: Type.Integer(),
        hubs: Type.Integer(),
        vessels: Type.Integer(),
      }),
    ),
    truncated: Type.Boolean({ description: 'The node cap was reached: narrow the period or give a focus' }),
  },
  { description: 'The network map of the period or of the focus' },
);

export type NetworkReply = Static<typeof NetworkReply>;
