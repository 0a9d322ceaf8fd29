import type { IntlShape } from 'react-intl';

import type { MidLinkColor } from '../../api/types.ts';
import { isMessageId } from '../../i18n/messages.ts';

/** The verifying authority reads and decides links for the verification of identities (arts. 26 and 29). */
export const MID_PURPOSE = 'identity-verification';

export const LINK_COLORS: readonly MidLinkColor[] = ['yellow', 'white', 'green', 'red'];

/** The systems whose records a link joins (the CIR's three and SIS, art. 25). */
export const LINK_SYSTEMS = ['ees', 'etias', 'eurodac', 'sis'] as const;

/** A code in words through `prefix.code`; the code itself for one the catalogue does not know. */
function label(intl: IntlShape, prefix: string, code: string): string {
  const id = `${prefix}.${code}`;
  return isMessageId(id) ? intl.formatMessage({ id }) : code;
}

/** `Yellow`, `Red`, … (arts. 30-33). */
export const colorName = (intl: IntlShape, color: string) => label(intl, 'mid.colorName', color);

/** `Yellow – not verified`, `Red – unlawful`, … */
export const colorLabel = (intl: IntlShape, color: string) => label(intl, 'mid.color', color);

/** What a colour means, in one sentence with its article. */
export const colorMeaning = (intl: IntlShape, color: string) => label(intl, 'mid.meaning', color);

/** A rule that fired (`biometric`, `identity-similar`, `N-b`, …) in words. */
export const ruleLabel = (intl: IntlShape, rule: string) => label(intl, 'mid.rule', rule);

export const systemShort = (intl: IntlShape, system: string) => label(intl, 'system', system);

export const authorityLabel = (intl: IntlShape, type: string) => label(intl, 'authorityType', type);

/** `ees:9a1b…` → system and record id. */
export function splitRef(ref: string): { system: string; id: string } {
  const at = ref.indexOf(':');
  return at < 0 ? { system: '', id: ref } : { system: ref.slice(0, at), id: ref.slice(at + 1) };
}

/** Within this many hours of its "verify by" a yellow link is "due soon" on the screen. */
export const DUE_SOON_HOURS = 4;

export type VerifyByState = 'overdue' | 'due-soon' | 'on-time';

export function verifyByState(at: string, now: number): VerifyByState {
  const left = Date.parse(at) - now;
  if (left <= 0) {
    return 'overdue';
  }
  return left <= DUE_SOON_HOURS * 3_600_000 ? 'due-soon' : 'on-time';
}
