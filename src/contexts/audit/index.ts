export type { AuditEntry, AuditEvent, AuditFilter, VerifyReport } from './model.ts';
export type { AuditCommit, AuditCommitResult } from './batcher.ts';
export {
  AuditLog,
  DEFAULT_LOG_RETENTION_YEARS,
  type AuditLogDeps,
  type ChainStatus,
  type ReadLog,
} from './service.ts';
export { AUDIT_SCHEMA, auditMigrations } from './migrations.ts';
export { auditRoutes } from './routes.ts';
