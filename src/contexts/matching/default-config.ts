import { readFileSync } from 'node:fs';
import { parseLinkageConfig, type LinkageConfig } from './config.ts';

/** The columns of the identity CSV that the default configuration reads. */
export const IDENTITY_COLUMNS = Object.freeze([
  'id',
  'surname',
  'given_names',
  'birth_date',
  'sex',
  'nationality',
  'place_of_birth',
  'document_number',
] as const);

let identity: LinkageConfig | undefined;

/**
 * The default identity configuration (`identity-config.json` beside this file): names in any script
 * compared exactly, by transliteration, swapped, by nickname and by Jaro-Winkler; dates with unknown parts,
 * day/month swaps and typos; nationality sets; document numbers. Loaded and validated once.
 */
export function identityConfig(): LinkageConfig {
  identity ??= parseLinkageConfig(
    JSON.parse(readFileSync(new URL('./identity-config.json', import.meta.url), 'utf8')) as unknown,
  );
  return identity;
}
