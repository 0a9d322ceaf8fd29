import { Type } from 'typebox';
import { CAMERA_KINDS, DIRECTIONS, HIT_ACTIONS, HIT_STATUSES, HUB_KINDS, VESSEL_TYPES } from './model.ts';
import { MAX_BATCH, ReadSchema } from './validate.ts';
import { MAX_CONTAINERS_PER_CALL, MAX_PREVIOUS_PORTS } from './vessels.ts';
import { OffsetParam, SortParams, TotalField } from '../../http/list-query.ts';
import { OBJECT_TYPES } from '../sis/index.ts';
import { HUB_HIT_SORT_FIELDS } from './repository.ts';

export const HubParams = Type.Object({ hubId: Type.String({ minLength: 1, maxLength: 60 }) });

const Camera = Type.Object(
  { id: Type.String(), kind: Type.Enum(CAMERA_KINDS), direction: Type.Enum(DIRECTIONS) },
  { additionalProperties: false },
);
const Gate = Type.Object(
  { id: Type.String(), name: Type.String(), cameras: Type.Array(Camera) },
  { additionalProperties: false },
);
const Policy = Type.Object(
  {
    storeNoHitReads: Type.Boolean({ description: 'Keep plain no-hit reads (default false)' }),
    noHitReadRetentionDays: Type.Integer({ description: 'Days a kept no-hit read is stored (1-90)' }),
    hitRetentionDays: Type.Integer({ description: "Days the hub's record of a hit is kept (1-3650)" }),
    repeatWindowSeconds: Type.Integer({
      description:
        'Seconds within which another read of the same vehicle adds to the open hit instead of a new one (0-3600)',
    }),
  },
  { additionalProperties: false },
);

export const HubReply = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Enum(HUB_KINDS),
  memberState: Type.String(),
  locode: Type.Union([Type.String(), Type.Null()]),
  operatorAuthorityId: Type.String(),
  operatorAuthorityName: Type.String(),
  gates: Type.Array(Gate),
  policy: Policy,
  timeZone: Type.String({ description: 'IANA time zone of the hub, e.g. Europe/Brussels' }),
  createdAt: Type.String(),
});
export const HubsReply = Type.Object({ hubs: Type.Array(HubReply) });

export const HubBody = Type.Object(
  {
    id: Type.String({ description: 'Lower-case letters, digits and hyphens, e.g. be-antwerp-bruges' }),
    name: Type.String(),
    kind: Type.Enum(HUB_KINDS),
    memberState: Type.String({ description: 'Two-letter member state code' }),
    locode: Type.Optional(Type.String({ description: 'UN/LOCODE, e.g. BEANR' })),
    operatorAuthorityId: Type.String({ description: 'The hub-operator authority that runs the desk' }),
    gates: Type.Array(Gate),
    policy: Type.Optional(Type.Partial(Policy)),
    timeZone: Type.Optional(Type.String({ description: "IANA time zone; default: the member state's" })),
  },
  { additionalProperties: false },
);

export const BatchBody = Type.Object(
  {
    reads: Type.Array(ReadSchema, {
      minItems: 1,
      maxItems: MAX_BATCH,
      description: `1 to ${MAX_BATCH} reads; checked by the hub service, which answers HUBS_READ_INVALID with every issue`,
    }),
  },
  { additionalProperties: false },
);

const Vessel = Type.Object({
  imo: Type.String({ description: 'IMO ship identification number: seven digits, the last its check digit' }),
  name: Type.String(),
  flag: Type.String({ description: 'Flag state, ISO 3166-1 alpha-2' }),
  type: Type.Enum(VESSEL_TYPES),
});
const PortOfCall = Type.Object({
  locode: Type.String({ description: 'UN/LOCODE, e.g. CNSHA' }),
  state: Type.String({ description: "ISO 3166-1 alpha-2 code of the port's state" }),
});

/** What a container hit shows of the port call that discharged the container. */
export const DischargedFrom = Type.Object({
  portCallId: Type.String(),
  hubId: Type.String(),
  vessel: Vessel,
  arrivedAt: Type.String(),
  previousPorts: Type.Array(PortOfCall, { description: 'The latest first' }),
});

export const PortCallSummary = Type.Object({
  id: Type.String(),
  hubId: Type.String(),
  vessel: Vessel,
  arrivedAt: Type.String(),
  departedAt: Type.Union([Type.String(), Type.Null()]),
  previousPorts: Type.Array(PortOfCall, { description: 'The latest first' }),
  containerCount: Type.Integer({ description: 'Containers discharged at this call' }),
  receivedAt: Type.String(),
});
export const PortCallReply = Type.Intersect([
  PortCallSummary,
  Type.Object({
    containersDischarged: Type.Array(Type.String(), { description: 'ISO 6346, in number order' }),
  }),
]);
export const PortCallsReply = Type.Object({ portCalls: Type.Array(PortCallSummary), total: TotalField });
export const PortCallParams = Type.Object({
  hubId: Type.String({ minLength: 1, maxLength: 60 }),
  portCallId: Type.String({ minLength: 1, maxLength: 100 }),
});
export const PortCallsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: OffsetParam,
});

/** Documented here, checked by the hub service (every issue as HUBS_PORT_CALL_INVALID with its path). */
export const PortCallBody = Type.Object(
  {
    vessel: Type.Object(
      {
        imo: Type.String({ description: 'IMO number, seven digits with the check digit (e.g. 9074729)' }),
        name: Type.String({ minLength: 2, maxLength: 80 }),
        flag: Type.String({ description: 'Flag state, ISO 3166-1 alpha-2 (e.g. PA, LR, MT)' }),
        type: Type.Enum(VESSEL_TYPES),
      },
      { additionalProperties: false },
    ),
    arrivedAt: Type.String({ description: 'Arrival alongside, ISO 8601 with offset' }),
    departedAt: Type.Optional(
      Type.Union([Type.String({ description: 'Departure, ISO 8601 with offset' }), Type.Null()]),
    ),
    previousPorts: Type.Array(Type.String({ description: 'UN/LOCODE' }), {
      maxItems: MAX_PREVIOUS_PORTS,
      description: 'Previous ports of call, the latest first (e.g. ["MAPTM", "SGSIN", "CNSHA"])',
    }),
    containersDischarged: Type.Array(Type.String({ description: 'ISO 6346 number with its check digit' }), {
      maxItems: MAX_CONTAINERS_PER_CALL,
    }),
  },
  { additionalProperties: false },
);

export const HitEvent = Type.Object({
  hitId: Type.String(),
  hubId: Type.String(),
  gateId: Type.String(),
  cameraId: Type.Union([Type.String(), Type.Null()]),
  direction: Type.Enum(DIRECTIONS),
  readId: Type.Union([Type.String(), Type.Null()]),
  readAt: Type.String(),
  receivedAt: Type.String(),
  alertId: Type.String(),
  field: Type.Enum(['plate', 'trailer-plate', 'container', 'vin']),
  matchedText: Type.String(),
  storedText: Type.String(),
  exact: Type.Boolean(),
  confidence: Type.Number({ description: 'In [0, 1]; lowered for each look-alike and an unread state' }),
  strength: Type.Enum(['strong', 'possible', 'weak']),
  why: Type.String(),
  whatToDo: Type.String(),
  action: Type.String(),
  warningMarkers: Type.Array(Type.String()),
  objectType: Type.String(),
  vehicle: Type.Union([
    Type.Object({
      make: Type.Optional(Type.String()),
      model: Type.Optional(Type.String()),
      colour: Type.Optional(Type.String()),
      description: Type.Optional(Type.String()),
    }),
    Type.Null(),
  ]),
  issuingState: Type.String(),
  discreet: Type.Boolean(),
  handling: Type.Union([Type.String(), Type.Null()]),
  policeOnly: Type.Boolean(),
  status: Type.Enum(HIT_STATUSES),
  readCount: Type.Integer({ description: 'Reads of the same vehicle folded into this hit' }),
  lastReadAt: Type.String(),
  assignedTo: Type.Union([Type.String(), Type.Null()]),
  handledBy: Type.Union([Type.String(), Type.Null()]),
  handledAt: Type.Union([Type.String(), Type.Null()]),
  dismissReason: Type.Union([Type.String(), Type.Null()]),
  dischargedFrom: Type.Union([DischargedFrom, Type.Null()], {
    description: 'For a container: the port call that discharged it (vessel, flag, previous ports), if known',
  }),
});

export const HitParams = Type.Object({
  hubId: Type.String({ minLength: 1, maxLength: 60 }),
  hitId: Type.String({ minLength: 1, maxLength: 100 }),
});

export const HitActionBody = Type.Object(
  {
    action: Type.Enum(HIT_ACTIONS),
    assignee: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Username of a desk officer (assign)' }),
    ),
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'Why the hit is dismissed (dismiss)' }),
    ),
  },
  { additionalProperties: false },
);

export const DeskUsersReply = Type.Object({
  users: Type.Array(Type.Object({ username: Type.String(), displayName: Type.String() })),
});

export const IngestReply = Type.Object({
  hubId: Type.String(),
  accepted: Type.Integer(),
  hits: Type.Array(HitEvent, { description: 'The hits the hub desk may see, strongest first per read' }),
});

/** Filters, order and page of a hub's hit list; a filter left out means "any". */
export const HitsQuery = Type.Object({
  acknowledged: Type.Optional(
    Type.Boolean({
      description: 'false: hits the desk has not handled yet; true: acknowledged, assigned or dismissed',
    }),
  ),
  status: Type.Optional(Type.Enum(HIT_STATUSES)),
  objectType: Type.Optional(Type.Enum(OBJECT_TYPES, { description: 'SIS object type of the alert hit' })),
  ...SortParams(HUB_HIT_SORT_FIELDS, '`receivedAt` descending: the newest first'),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: OffsetParam,
});
export const HitsReply = Type.Object({ hits: Type.Array(HitEvent), total: TotalField });
export const LiveQuery = Type.Object({
  once: Type.Optional(
    Type.Boolean({ description: 'Send the `ready` event and close (a probe; a desk leaves it out)' }),
  ),
});
