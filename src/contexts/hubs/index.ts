/**
 * Logistics hubs (issue 6): automatic SIS checks of the vehicles, trailers and containers entering and leaving
 * ports and freight terminals, with the hub desk's live feed and the police's.
 */
export { HubsService, type HubsServiceDeps, type IngestResult, type LiveGrant } from './service.ts';
export { HUBS_SCHEMA, hubsMigrations } from './migrations.ts';
export { hubsRoutes } from './routes.ts';
export { HUBS_ERRORS, type HubsErrorCode } from './errors.ts';
export {
  type Camera,
  CAMERA_KINDS,
  type CameraKind,
  DEFAULT_HUB_POLICY,
  type Direction,
  DIRECTIONS,
  type Gate,
  HIT_ACTIONS,
  HIT_STATUSES,
  type HitAction,
  type HitHandling,
  type HitStatus,
  type HitStrength,
  type Hub,
  HUB_KINDS,
  type HubHit,
  type HubHitEvent,
  type HubInput,
  type HubKind,
  type HubPolicy,
  type PlateRead,
  type ReadField,
  type ReadText,
  type DischargedFrom,
  type PortCall,
  type PortCallInput,
  type PortCallSummary,
  type PortOfCall,
  type Vessel,
  type VesselType,
  VESSEL_TYPES,
} from './model.ts';
export { PORT_CALLS_TOPIC, portCallsInPeriod, portCallsOfContainers } from './port-calls.ts';
export { imoCheckDigit, normaliseImo, portOfCall } from './vessels.ts';
export {
  HubMatcher,
  deskMaySee,
  gateReadOf,
  indexEntryOf,
  strengthOf,
  whatToDo,
  type AlertCard,
} from './matcher.ts';
export { LiveHits, type LiveSubscriber } from './live.ts';
export { checkRead, MAX_BATCH, ReadSchema, type ReadIssue } from './validate.ts';
export { confuse, garble, randomContainer, randomPlate, seededRandom } from './traffic.ts';
export type { HubsNetworkFacts, NetworkPassage, NetworkReadObjects } from './network.ts';
export { createDemoHubs, DEMO_HUB_ALERTS, DEMO_HUBS, type DemoHubAlert } from './demo.ts';
