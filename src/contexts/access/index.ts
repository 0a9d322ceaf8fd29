export {
  type Actor,
  AUTHORITY_TYPES,
  type AuthorityId,
  type AuthorityType,
  DEFAULT_PROFILES,
  isPurpose,
  type Permission,
  PERMISSIONS,
  type Profile,
  type Purpose,
  PURPOSE_CODES,
  PURPOSES,
  type SystemCode,
  SYSTEMS,
  type UserId,
} from './model.ts';
export { grantAccess, requireAccess, type AccessGrant } from './require-access.ts';
export {
  AccessService,
  SYSTEM_ACTOR,
  type AccessServiceDeps,
  type AuthorityView,
  type NewAuthority,
  type NewUser,
  type RoleView,
  type RotationView,
  type UserStatus,
  type UserView,
} from './service.ts';
export { ACCESS_SCHEMA, accessMigrations } from './migrations.ts';
export type { LoginThrottleSettings } from './login-throttle.ts';
export { DEMO_PASSWORD, DEMO_USERS, createDemoUsers, type DemoUser } from './demo.ts';
export { accessRoutes } from './routes.ts';
