/**
 * The demo world: a seeded, idempotent set of EES travellers with their crossings in the last 180 days and
 * SIS alerts in realistic proportions, written through the services by demo authorities of several member
 * states. For training and evaluation only.
 */
export {
  createDemoWorld,
  demoHubs,
  type CreateDemoWorldOptions,
  type DemoHubsHook,
  type DemoWorldReport,
  type DemoWorldStatus,
} from './world.ts';
export {
  DEMO_GENERIC_TRAVELLERS,
  DEMO_WORLD_SEED,
  describePlan,
  planDemoWorld,
  thingsToTry,
  type DemoTry,
  type DemoWorldContents,
  type DemoWorldPlan,
  type PlanDemoWorldOptions,
} from './plan.ts';
export {
  VISA_EXEMPT_NATIONALITIES,
  type PlannedEvent,
  type PlannedTraveller,
  type TravellerRole,
} from './plan-ees.ts';
export { SIS_DEMO_MIX, type PlannedAlert } from './plan-sis.ts';
export {
  DEMO_MID_CASES,
  type DemoMidCase,
  type DemoMidCaseId,
  type DemoMidRecord,
  type MidPlan,
} from './plan-mid.ts';
export type { WrittenMidCase } from './write-mid.ts';
export { DEMO_ALERT_AUTHORS, DEMO_BORDER_GUARDS, extraDemoUsers } from './authorities.ts';
export { DEMO_MIGRATION_SET, DEMO_SCHEMA, demoMigrations } from './marker.ts';
export { formatDemoWorld } from './format.ts';
