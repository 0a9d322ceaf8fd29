import type { IntlShape } from 'react-intl';

import { isMessageId } from '../../i18n/messages.ts';

/** Eurodac is used for the asylum procedure and the other purposes of Reg. (EU) 2024/1358 art. 1. */
export const EURODAC_PURPOSE = 'asylum-procedure';

/** The categories of persons whose data are taken (Reg. (EU) 2024/1358 arts. 15, 18, 22, 23, 24, 26). */
export const EURODAC_CATEGORIES = [
  'applicant',
  'irregular-crossing',
  'illegal-stay',
  'resettlement',
  'disembarkation',
  'temporary-protection',
] as const;

/** A Eurodac category in words; the code itself for one the catalogue does not know. */
export function categoryLabel(intl: IntlShape, category: string): string {
  const id = `eurodac.category.${category}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : category;
}

/** The states of a hit: waiting for the fingerprint expert, or verified either way (art. 38). */
export const HIT_STATES = ['pending', 'confirmed', 'rejected'] as const;

/** A hit's verification state in words; the code itself for one the catalogue does not know. */
export function hitStateLabel(intl: IntlShape, state: string): string {
  const id = `eurodac.hit.state.${state}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : state;
}
