import { RENAMINGS_VERSION } from '../compare/index.ts';
import type { MidSettings, ResolvedMidSettings } from './types.ts';

/**
 * Default answers to the policy points the acts leave open. Each is the conservative choice: it yields more
 * yellow links (manual verification), never fewer.
 */
export const DEFAULT_MID_SETTINGS: Readonly<MidSettings> = Object.freeze({
  legalBasis: '2019/817',
  allowChaining: false,
  wordOrder: 'single-swap',
  truncationMinLength: 3,
  requireDistinctNamePairs: true,
  nationalityReading: 'strict',
  oneEditOnCountryCodes: false,
  aliasHandling: 'pooled',
  eurodac: false,
  // Hebrew is left out: ICU reports Hebrew months by name, and their numbering (civil or religious year,
  // leap-year Adar I) is itself a policy choice to settle before listing it.
  calendars: Object.freeze(['persian', 'islamic-umalqura', 'ethiopic'] as const),
});

/** Fills in defaults and records the table versions in force. */
export function resolveMidSettings(settings: Partial<MidSettings> = {}): ResolvedMidSettings {
  return Object.freeze({ ...DEFAULT_MID_SETTINGS, ...settings, renamingsVersion: RENAMINGS_VERSION });
}
