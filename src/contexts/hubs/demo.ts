import { SYSTEM_ACTOR, type AccessService, type Actor } from '../access/index.ts';
import {
  compactIdentifier,
  containerCheckDigit,
  type AlertInput,
  type ObjectType,
  type SisService,
} from '../sis/index.ts';
import type { HubsService } from './service.ts';
import type { HubInput, PortCall, PortCallInput } from './model.ts';
import { randomContainer, randomPortCall, seededRandom } from './traffic.ts';

/** One demo object alert that the hub simulator plants in its traffic. */
export interface DemoHubAlert {
  ref: string;
  /** What a gate camera reads of it. */
  kind: 'plate' | 'trailer-plate' | 'container';
  value: string;
  country: string | null;
  objectType: ObjectType;
  /** Discreet check: the desk never sees the hit; the police do. */
  discreet: boolean;
  issuingState: string;
  issuingAuthority: string;
  alert: AlertInput;
}

const container = (owner: string, serial: string) =>
  `${owner}${serial}${containerCheckDigit(`${owner}${serial}`)}`;

type Spec = [
  ref: string,
  type: ObjectType,
  kind: DemoHubAlert['kind'],
  value: string,
  country: string | null,
  discreet: boolean,
  issuer: [string, string],
  details: { make?: string; model?: string; colour?: string; description?: string },
  reason: string,
];

const BE: [string, string] = ['BE', 'Federale Politie / Police fédérale'];
const NL: [string, string] = ['NL', 'Politie Nederland'];
const DE: [string, string] = ['DE', 'Bundeskriminalamt'];
const FR: [string, string] = ['FR', 'Police nationale'];
const PL: [string, string] = ['PL', 'Policja'];

const SPECS: readonly Spec[] = [
  [
    'V01',
    'motor-vehicle',
    'plate',
    '2-HKT-418',
    'BEL',
    false,
    BE,
    { make: 'Mercedes-Benz', model: 'Actros', colour: 'white', description: 'Tractor unit' },
    'Stolen tractor unit',
  ],
  [
    'V02',
    'motor-vehicle',
    'plate',
    '87-BVL-3',
    'NLD',
    false,
    NL,
    { make: 'DAF', model: 'XF 480', colour: 'blue' },
    'Stolen tractor unit',
  ],
  [
    'V03',
    'motor-vehicle',
    'plate',
    'DU-KX 4471',
    'DEU',
    false,
    DE,
    { make: 'MAN', model: 'TGX', colour: 'red' },
    'Stolen lorry',
  ],
  [
    'V04',
    'motor-vehicle',
    'plate',
    'GD-512-KR',
    'FRA',
    false,
    FR,
    { make: 'Renault Trucks', model: 'T', colour: 'white' },
    'Vehicle used in cargo theft',
  ],
  [
    'V05',
    'motor-vehicle',
    'plate',
    'WGM 4821K',
    'POL',
    false,
    PL,
    { make: 'Scania', model: 'R450', colour: 'silver' },
    'Stolen lorry',
  ],
  [
    'V06',
    'motor-vehicle',
    'plate',
    '1-TZX-207',
    'BEL',
    false,
    BE,
    { make: 'Volkswagen', model: 'Crafter', colour: 'grey' },
    'Stolen van',
  ],
  [
    'V07',
    'motor-vehicle',
    'plate',
    'RE-MB 902',
    'DEU',
    false,
    DE,
    { make: 'BMW', model: 'X5', colour: 'black' },
    'Stolen car (keyless theft)',
  ],
  [
    'V08',
    'motor-vehicle',
    'plate',
    'KJZ 318',
    'LTU',
    false,
    PL,
    { make: 'Volvo', model: 'FH 500', colour: 'white' },
    'Stolen tractor unit',
  ],
  [
    'T01',
    'trailer',
    'trailer-plate',
    'Q-ABK-217',
    'BEL',
    false,
    BE,
    { make: 'Krone', description: 'Curtain-sider semi-trailer' },
    'Stolen semi-trailer',
  ],
  [
    'T02',
    'trailer',
    'trailer-plate',
    'OT-47-KB',
    'NLD',
    false,
    NL,
    { make: 'Schmitz Cargobull', description: 'Reefer semi-trailer' },
    'Stolen reefer trailer',
  ],
  [
    'T03',
    'trailer',
    'trailer-plate',
    'DU-AT 5120',
    'DEU',
    false,
    DE,
    { make: 'Kögel', description: 'Container chassis' },
    'Stolen container chassis',
  ],
  ['P01', 'number-plate', 'plate', 'FH-208-TB', 'FRA', false, FR, {}, 'Stolen number plates'],
  ['P02', 'number-plate', 'plate', 'DU-AZ 117', 'DEU', false, DE, {}, 'Stolen number plate'],
  [
    'C01',
    'container',
    'container',
    container('MSCU', '304512'),
    null,
    false,
    BE,
    { description: '40 ft high-cube' },
    'Container with concealed cocaine (evidence)',
  ],
  [
    'C02',
    'container',
    'container',
    container('CMAU', '771046'),
    null,
    false,
    NL,
    { description: '20 ft reefer' },
    'Container used for drug trafficking (evidence)',
  ],
  [
    'C03',
    'container',
    'container',
    container('HLXU', '219384'),
    null,
    false,
    DE,
    { description: '40 ft dry' },
    'Stolen container and load',
  ],
  [
    'D01',
    'motor-vehicle',
    'plate',
    '43-TRK-9',
    'NLD',
    true,
    NL,
    { make: 'DAF', model: 'CF', colour: 'white' },
    'Discreet check: suspected drug transport',
  ],
  [
    'D02',
    'motor-vehicle',
    'plate',
    '1-VBN-664',
    'BEL',
    true,
    BE,
    { make: 'Ford', model: 'Transit', colour: 'white' },
    'Discreet check: organised crime investigation',
  ],
  [
    'D03',
    'container',
    'container',
    container('ZIMU', '558201'),
    null,
    true,
    BE,
    { description: '40 ft dry' },
    'Discreet check: container of interest',
  ],
];

/**
 * Object alerts of the demo world that the hub simulator plants in its traffic: stolen tractor units, vans and
 * cars, trailers, number plates and containers, and three discreet checks (2018/1862 art. 36) that only the
 * police may see. Plates are in their states' formats; container numbers carry their ISO 6346 check digit.
 */
export const DEMO_HUB_ALERTS: readonly DemoHubAlert[] = Object.freeze(
  SPECS.map(([ref, type, kind, value, country, discreet, [state, authority], details, reason]) => ({
    ref,
    kind,
    value,
    country,
    objectType: type,
    discreet,
    issuingState: state,
    issuingAuthority: authority,
    alert: {
      category: discreet ? 'object-check' : 'object-seizure',
      ...(discreet ? { checkType: 'discreet' as const } : {}),
      object: {
        type,
        identifiers: [
          {
            kind: kind === 'container' ? ('container' as const) : ('plate' as const),
            value,
            ...(country === null ? {} : { country }),
          },
        ],
        ...details,
      },
      reason,
      decisionRef: `DEMO-HUB-${ref}`,
    } satisfies AlertInput,
  })),
);

/** The two demo hubs and the authorities that run them. */
export const DEMO_HUBS: ReadonlyArray<{
  operator: { name: string; memberState: string };
  hub: Omit<HubInput, 'operatorAuthorityId'>;
}> = Object.freeze([
  {
    // The demo user hub.be belongs to this authority.
    operator: { name: 'Port of Antwerp-Bruges security', memberState: 'BE' },
    hub: {
      id: 'be-antwerp-bruges',
      name: 'Port of Antwerp-Bruges',
      kind: 'seaport',
      memberState: 'BE',
      locode: 'BEANR',
      gates: [
        {
          id: 'kallo',
          name: 'Kallo gate (Left Bank container terminals)',
          cameras: [
            { id: 'kallo-in-plate', kind: 'plate', direction: 'in' },
            { id: 'kallo-in-box', kind: 'container', direction: 'in' },
            { id: 'kallo-out-plate', kind: 'plate', direction: 'out' },
            { id: 'kallo-out-box', kind: 'container', direction: 'out' },
          ],
        },
        {
          id: 'zandvliet',
          name: 'Zandvliet gate (Europa and Noordzee terminals)',
          cameras: [
            { id: 'zandvliet-in-plate', kind: 'plate', direction: 'in' },
            { id: 'zandvliet-out-plate', kind: 'plate', direction: 'out' },
          ],
        },
        {
          id: 'zeebrugge',
          name: 'Zeebrugge port entrance',
          cameras: [
            { id: 'zeebrugge-in-plate', kind: 'plate', direction: 'in' },
            { id: 'zeebrugge-out-plate', kind: 'plate', direction: 'out' },
          ],
        },
      ],
    },
  },
  {
    operator: { name: 'duisport security', memberState: 'DE' },
    hub: {
      id: 'de-duisburg-gateway',
      name: 'Duisburg Gateway Terminal (duisport)',
      kind: 'freight-terminal',
      memberState: 'DE',
      locode: 'DEDUI',
      gates: [
        {
          id: 'logport',
          name: 'logport I gate',
          cameras: [
            { id: 'logport-in', kind: 'plate', direction: 'in' },
            { id: 'logport-out', kind: 'plate', direction: 'out' },
          ],
        },
        {
          id: 'ruhrort',
          name: 'Ruhrort terminal gate',
          cameras: [
            { id: 'ruhrort-in', kind: 'plate', direction: 'in' },
            { id: 'ruhrort-out', kind: 'plate', direction: 'out' },
          ],
        },
      ],
      // An inland terminal whose policy keeps no-hit reads for two days (an example of a hub policy).
      policy: { storeNoHitReads: true, noHitReadRetentionDays: 2 },
    },
  },
]);

function demoIssuer(state: string, authority: string): Actor {
  return {
    kind: 'system',
    userId: null,
    username: 'demo-world',
    authorityId: null,
    authorityName: authority,
    authorityType: 'system',
    memberState: state,
    profile: {
      name: 'demo-world',
      permissions: ['sis:alerts:write'],
      purposes: ['alert-management'],
      systems: {},
    },
  };
}

const DEMO_ADMIN: Actor = {
  ...SYSTEM_ACTOR,
  profile: { ...SYSTEM_ACTOR.profile, permissions: [...SYSTEM_ACTOR.profile.permissions, 'hubs:manage'] },
};

/** The hub's own system, as the demo world sends port calls for it: the desk authority of the hub. */
function portSystem(hub: {
  operatorAuthorityId: string;
  operatorAuthorityName: string;
  memberState: string;
}): Actor {
  return {
    kind: 'system',
    userId: null,
    username: 'port-community-system',
    authorityId: hub.operatorAuthorityId,
    authorityName: hub.operatorAuthorityName,
    authorityType: 'hub-operator',
    memberState: hub.memberState,
    profile: {
      name: 'port-community-system',
      permissions: ['hubs:read', 'hubs:reads:write'],
      purposes: ['hub-vehicle-check'],
      systems: {},
    },
  };
}

/** The demo seaport, where vessels call and discharge the containers its gates then read. */
export const DEMO_PORT_HUB_ID = 'be-antwerp-bruges';

/**
 * Puts containers on a vessel calling at the demo port: records a port call (a liner vessel with a valid IMO
 * number, a flag and previous ports) that discharged them, so that a hit on any of them shows the vessel.
 * For the demo world's planted cases (e.g. a smuggling ring's containers); `call` overrides the vessel,
 * times or previous ports. A container leaves the port after the vessel brought it: the call arrives half a day
 * before the containers' first gate read, the one `before` names (reads still to be sent) or the earliest the
 * hubs already hold of the last 30 days, and at the latest two days before now. The hub must exist (see
 * {@link createDemoHubs}).
 *
 * @example await dischargeAtDemoPort(services, ['MSCU3045121'], { previousPorts: ['ECGYE', 'PAMIT'] })
 */
export async function dischargeAtDemoPort(
  services: { hubs: HubsService; clock?: { now(): Date } },
  containers: readonly string[],
  call: Partial<PortCallInput> & { hubId?: string; seed?: number; before?: Date } = {},
): Promise<PortCall> {
  const hubId = call.hubId ?? DEMO_PORT_HUB_ID;
  const hub = await services.hubs.findHub(hubId);
  if (hub === null) {
    throw new Error(`the demo port ${hubId} does not exist; create the demo hubs first`);
  }
  const now = services.clock?.now() ?? new Date();
  const { seed, before, ...over } = call;
  delete over.hubId;
  const firstRead = Math.min(
    before?.getTime() ?? Number.POSITIVE_INFINITY,
    await firstReadOf(services.hubs, containers, now),
  );
  const arrival = Math.min(now.getTime() - 2 * 86_400_000, firstRead - 12 * 3_600_000);
  if (over.arrivedAt !== undefined && Date.parse(over.arrivedAt) >= firstRead) {
    throw new Error(
      `the call must arrive before the containers' first read (${new Date(firstRead).toISOString()})`,
    );
  }
  const planned = randomPortCall(seededRandom(seed ?? containers.length), containers, new Date(arrival), now);
  const { portCall } = await services.hubs.recordPortCall({
    actor: portSystem(hub),
    purpose: 'hub-vehicle-check',
    hubId,
    portCall: { ...planned, ...over, containersDischarged: [...containers] },
  });
  return portCall;
}

/** The earliest read of any of the containers at a hub in the 30 days before `now` (ms), or +∞. */
async function firstReadOf(hubs: HubsService, containers: readonly string[], now: Date): Promise<number> {
  const boxes = new Set(containers.map((c) => compactIdentifier(c)));
  const facts = await hubs.networkFacts({
    from: new Date(now.getTime() - 30 * 86_400_000),
    to: new Date(now.getTime() + 86_400_000),
    objects: boxes,
    limit: 100_000,
  });
  return facts.passages
    .filter((p) => p.objects.container !== null && boxes.has(p.objects.container))
    .reduce((first, p) => Math.min(first, Date.parse(p.at)), Number.POSITIVE_INFINITY);
}

/**
 * The demo port's recent calls: three liner vessels that discharged, between them, every demo container
 * alert's container and a few hundred others, arriving three, two and one day before `now`.
 */
async function recordDemoPortCalls(hubs: HubsService, now: Date): Promise<number> {
  const hub = await hubs.findHub(DEMO_PORT_HUB_ID);
  if (hub === null) {
    return 0;
  }
  const listed = await hubs.listPortCalls({ actor: portSystem(hub), purpose: null, hubId: hub.id, limit: 1 });
  if (listed.total > 0) {
    return 0;
  }
  const rnd = seededRandom(6346);
  const alerted = DEMO_HUB_ALERTS.filter((a) => a.kind === 'container').map((a) => a.value);
  for (let i = 0; i < 3; i++) {
    const boxes = [
      ...alerted.filter((_, j) => j % 3 === i),
      ...Array.from({ length: 120 }, () => randomContainer(rnd)),
    ];
    await hubs.recordPortCall({
      actor: portSystem(hub),
      purpose: 'hub-vehicle-check',
      hubId: hub.id,
      portCall: randomPortCall(rnd, boxes, new Date(now.getTime() - (3 - i) * 86_400_000), now),
    });
  }
  return 3;
}

/**
 * Creates the two demo hubs (a North Sea container port and an inland freight terminal) with their operating
 * authorities, gates and cameras, and the demo object alerts the simulator plants; idempotent: what exists is
 * left as it is. The hubs service must have been started (its live index tells which alerts exist).
 */
export async function createDemoHubs(services: {
  access: AccessService;
  hubs: HubsService;
  sis: SisService;
  clock?: { now(): Date };
}): Promise<{
  hubs: Array<{ id: string; created: boolean }>;
  alertsCreated: number;
  portCallsCreated: number;
}> {
  const { access, hubs, sis } = services;
  const out: Array<{ id: string; created: boolean }> = [];
  for (const d of DEMO_HUBS) {
    const authority = await access.ensureAuthority(SYSTEM_ACTOR, {
      name: d.operator.name,
      type: 'hub-operator',
      memberState: d.operator.memberState,
    });
    if ((await hubs.findHub(d.hub.id)) === null) {
      await hubs.createHub({
        actor: DEMO_ADMIN,
        purpose: null,
        hub: { ...d.hub, operatorAuthorityId: authority.id },
      });
      out.push({ id: d.hub.id, created: true });
    } else {
      out.push({ id: d.hub.id, created: false });
    }
  }
  let alertsCreated = 0;
  for (const a of DEMO_HUB_ALERTS) {
    const exists = hubs.matcher
      .match({
        at: '1970-01-01T00:00:00Z',
        gateId: '-',
        direction: 'in',
        plate: { text: a.kind === 'container' ? '-' : a.value },
        ...(a.country === null ? {} : { country: a.country }),
        ...(a.kind === 'container' ? { container: { text: a.value } } : {}),
      })
      .some((m) => m.exact && m.stored === compactIdentifier(a.value));
    if (!exists) {
      await sis.createAlert({
        actor: demoIssuer(a.issuingState, a.issuingAuthority),
        purpose: 'alert-management',
        alert: a.alert,
      });
      alertsCreated += 1;
    }
  }
  const portCallsCreated = await recordDemoPortCalls(hubs, services.clock?.now() ?? new Date());
  return { hubs: out, alertsCreated, portCallsCreated };
}
