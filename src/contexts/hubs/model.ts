/**
 * Logistics hubs (ports, freight terminals, inland logistics centres) with their gates and cameras, the plate
 * reads their cameras send, and the hits those reads produce against SIS object alerts. The Council's
 * recommendation on strengthening Schengen (2022) asks for automatic SIS checks of vehicles entering and
 * leaving such hubs; the checks are SIS searches under Reg. (EU) 2018/1862 arts. 36 and 38.
 */

export const HUB_KINDS = ['seaport', 'freight-terminal', 'inland-logistics-centre', 'airport-cargo'] as const;
export type HubKind = (typeof HUB_KINDS)[number];

export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** What a camera reads: the front or rear plate of a vehicle, or the number on a container. */
export const CAMERA_KINDS = ['plate', 'container'] as const;
export type CameraKind = (typeof CAMERA_KINDS)[number];

export interface Camera {
  id: string;
  kind: CameraKind;
  /** Which traffic the camera faces. */
  direction: Direction;
}

export interface Gate {
  id: string;
  name: string;
  cameras: Camera[];
}

/**
 * What a hub keeps besides its hits. Plain no-hit reads are not stored unless the hub's policy (under the
 * national law that allows the hub's own processing) says so, and then only for `noHitReadRetentionDays`.
 * Both periods are configuration [K]: the SIS regulations do not set them.
 */
export interface HubPolicy {
  storeNoHitReads: boolean;
  /** Days a stored no-hit read is kept (1 to 90). */
  noHitReadRetentionDays: number;
  /** Days the hub's own record of a hit is kept (the SIS hit itself follows the SIS rules). */
  hitRetentionDays: number;
  /**
   * Seconds within which another read of the same plate or container at the hub, matching the same alert,
   * is the same vehicle seen again (e.g. by the next camera of the lane): it adds to the open hit, counted and
   * with its last time, instead of a new hit (0 to 3600) [K].
   */
  repeatWindowSeconds: number;
}

export const DEFAULT_HUB_POLICY: Readonly<HubPolicy> = Object.freeze({
  storeNoHitReads: false,
  noHitReadRetentionDays: 7,
  hitRetentionDays: 365,
  repeatWindowSeconds: 120,
});

export interface Hub {
  id: string;
  name: string;
  kind: HubKind;
  /** ISO 3166-1 alpha-2 code of the member state the hub lies in. */
  memberState: string;
  /** UN/LOCODE of the place, when it has one (e.g. `BEANR`). */
  locode: string | null;
  /** The authority whose hub-operator users run the hub's desk and send its reads. */
  operatorAuthorityId: string;
  operatorAuthorityName: string;
  gates: Gate[];
  policy: HubPolicy;
  /** IANA time zone of the hub, for its local time on the desk (e.g. `Europe/Brussels`). */
  timeZone: string;
  createdAt: string;
}

/** A hub as entered by an administrator (or the demo world). */
export interface HubInput {
  /** Lower-case letters, digits and hyphens; 3 to 60 characters. */
  id: string;
  name: string;
  kind: HubKind;
  memberState: string;
  locode?: string;
  operatorAuthorityId: string;
  gates: Gate[];
  policy?: Partial<HubPolicy>;
  /** IANA time zone; by default the zone of the member state's crossing points. */
  timeZone?: string;
}

/** One reading of a text by a camera: the text and the reader's confidence in [0, 1]. */
export interface ReadText {
  text: string;
  confidence?: number;
}

/** The reader's best reading and its alternatives; every one is looked up. */
export interface ReadField extends ReadText {
  candidates?: ReadText[];
}

/** One plate read as a camera at a gate sends it. */
export interface PlateRead {
  /** The camera system's own id of the read, echoed in answers. */
  id?: string;
  /** When the vehicle passed, ISO 8601 with offset. */
  at: string;
  gateId: string;
  cameraId?: string;
  direction: Direction;
  /** Registration state as read (ICAO/ISO alpha-3 or the distinguishing sign, e.g. `D`), if read. */
  country?: string;
  plate: ReadField;
  trailer?: ReadField & { country?: string };
  container?: ReadField;
}

/**
 * How much a hit can be relied on, from its confidence: `strong` (the read equals the alert's identifier in
 * the same registration state with a confident reader), `possible`, or `weak` (look-alikes or a low reader
 * confidence). A hit is never presented as certain: the officer verifies the plate before acting.
 */
export type HitStrength = 'strong' | 'possible' | 'weak';

/** One hit as it is pushed to the hub desk (or, for discreet checks, to the police only). */
export interface HubHitEvent {
  hitId: string;
  hubId: string;
  gateId: string;
  cameraId: string | null;
  direction: Direction;
  readId: string | null;
  readAt: string;
  receivedAt: string;
  alertId: string;
  /** Which part of the read matched. */
  field: 'plate' | 'trailer-plate' | 'container' | 'vin';
  /** The candidate that matched and the identifier stored in the alert (normalised). */
  matchedText: string;
  storedText: string;
  exact: boolean;
  confidence: number;
  strength: HitStrength;
  why: string;
  /** What the officer does now: the alert's action to be taken, with a verification step for weaker hits. */
  whatToDo: string;
  action: string;
  warningMarkers: string[];
  objectType: string;
  vehicle: { make?: string; model?: string; colour?: string; description?: string } | null;
  issuingState: string;
  /** True for discreet/inquiry/specific check alerts: police only, never shown at the hub desk. */
  discreet: boolean;
  handling: string | null;
  /** True when only the police see the hit (discreet checks, objects outside a hub operator's scope). */
  policeOnly: boolean;
}

/** Where the desk stands with a hit: new, seen by an officer, given to a colleague, or closed with a reason. */
export const HIT_STATUSES = ['open', 'acknowledged', 'assigned', 'dismissed'] as const;
export type HitStatus = (typeof HIT_STATUSES)[number];

/** What the desk can do with a hit. */
export const HIT_ACTIONS = ['acknowledge', 'assign', 'dismiss'] as const;
export type HitAction = (typeof HIT_ACTIONS)[number];

/** The desk's handling of a hit, and how often the vehicle was read again within the repeat window. */
export interface HitHandling {
  status: HitStatus;
  /** Reads folded into this hit: 1, plus one for each repeat read of the same vehicle. */
  readCount: number;
  lastReadAt: string;
  /** Username of the desk officer the hit is assigned to. */
  assignedTo: string | null;
  /** Who acknowledged, assigned or dismissed it last, and when. */
  handledBy: string | null;
  handledAt: string | null;
  dismissReason: string | null;
}

/**
 * A hit as the desk and the police see it: the event with its handling and, for a container, the port call
 * that discharged it (null for vehicles, and for containers no port call names).
 */
export type HubHit = HubHitEvent & HitHandling & { dischargedFrom: DischargedFrom | null };

/** What kind of ship a vessel is (the common classes of a container port's traffic). */
export const VESSEL_TYPES = [
  'container-ship',
  'feeder',
  'ro-ro',
  'general-cargo',
  'reefer',
  'bulk-carrier',
  'tanker',
] as const;
export type VesselType = (typeof VESSEL_TYPES)[number];

/** A ship as a port call names it: the IMO number stays with the hull for life; name and flag may change. */
export interface Vessel {
  /** IMO ship identification number: seven digits, the last a check digit (SOLAS XI-1/3). */
  imo: string;
  name: string;
  /** The flag state, ISO 3166-1 alpha-2 (e.g. `PA`, `LR`, `MT`). */
  flag: string;
  type: VesselType;
}

/** A port the vessel called at before this one, as its UN/LOCODE and the state that code names. */
export interface PortOfCall {
  /** UN/LOCODE: the state's alpha-2 code and three letters or digits 2-9 (e.g. `CNSHA`). */
  locode: string;
  /** ISO 3166-1 alpha-2 code of the port's state (the first two characters of the UN/LOCODE). */
  state: string;
}

/** A port call as the port's own system (or the simulator) sends it. */
export interface PortCallInput {
  vessel: Vessel;
  /** When the vessel arrived alongside, ISO 8601 with offset. */
  arrivedAt: string;
  /** When it left; absent while it is still in port. */
  departedAt?: string | null;
  /** Previous ports of call, the latest first (UN/LOCODEs), at most 10. */
  previousPorts: string[];
  /** ISO 6346 numbers of the containers discharged at this call, each with its check digit. */
  containersDischarged: string[];
}

/** A port call at a hub that is a seaport, as listed: the vessel, its stay and previous ports. */
export interface PortCallSummary {
  id: string;
  hubId: string;
  vessel: Vessel;
  arrivedAt: string;
  departedAt: string | null;
  previousPorts: PortOfCall[];
  /** How many containers the vessel discharged at this call. */
  containerCount: number;
  receivedAt: string;
}

/** A port call with the containers it discharged (ISO 6346, in number order). */
export interface PortCall extends PortCallSummary {
  containersDischarged: string[];
}

/** What a container hit shows of the call that discharged the container: the vessel and where it came from. */
export interface DischargedFrom {
  portCallId: string;
  hubId: string;
  vessel: Vessel;
  arrivedAt: string;
  previousPorts: PortOfCall[];
}
