/**
 * Bulk load (`interlink import ees|sis`): records in the API's shapes, one per line, checked as the API
 * checks them, derived as the services derive them, and written in batches (`COPY` on PostgreSQL) with
 * their identity-index rows and one audit record per batch. Resumable and idempotent by record id.
 */
export {
  IMPORT_ACTOR,
  importFile,
  importLines,
  readLines,
  type ImportBatchHook,
  type ImportOptions,
  type ImportProgress,
  type ImportReject,
  type ImportSummary,
  type ImportSystem,
} from './import.ts';
export { IMPORT_ERRORS, parseLine } from './lines.ts';
