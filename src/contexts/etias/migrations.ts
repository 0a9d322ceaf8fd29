import type { Migration } from 'kysely';
import { coreMigrations } from './migrations/core.ts';
import { manualMigrations } from './migrations/manual.ts';
import { screeningMigrations } from './migrations/screening.ts';

export const ETIAS_SCHEMA = 'etias';

/**
 * The ETIAS schema's migrations, by part; keys are ordered by name: the core `0001_core`, manual processing
 * `0002_manual` (src/contexts/etias/manual/) and screening rules with the watchlist `0003_screening`
 * (src/contexts/etias/screening/, watchlist/) are spread here too, one import and one spread each.
 */
export const etiasMigrations: Record<string, Migration> = {
  ...coreMigrations,
  ...manualMigrations,
  ...screeningMigrations,
};
