import type { AuthorityType } from '../api/types.ts';
import type { MessageId } from '../i18n/messages.ts';

export type ScreenId = 'home' | 'audit';

/** A screen of the web shell, as navigation lists it. Its component is bound in `routes.tsx`. */
export interface Screen {
  id: ScreenId;
  /** Path inside the hash route, e.g. `/audit` for `#/audit`. */
  path: string;
  label: MessageId;
}

export const screens: Readonly<Record<ScreenId, Screen>> = {
  home: { id: 'home', path: '/', label: 'nav.home' },
  audit: { id: 'audit', path: '/audit', label: 'nav.audit' },
};

/**
 * The screens each authority type may use, in navigation order. This is the single place that decides what a
 * role sees: a screen not listed for a type is neither linked nor routed for it. Add new screens (border check,
 * SIS alerts, ...) here once they exist, never as placeholders. The server enforces the same rules; this only
 * keeps the interface free of entries a user cannot use.
 */
export const screensByAuthority: Readonly<Record<AuthorityType, readonly ScreenId[]>> = {
  border: ['home'],
  visa: ['home'],
  immigration: ['home'],
  police: ['home'],
  sirene: ['home'],
  'etias-central': ['home'],
  'etias-national': ['home'],
  asylum: ['home'],
  carrier: ['home'],
  'hub-operator': ['home'],
  analyst: ['home'],
  // The data protection officer reads the access log (GDPR Art. 39(1)(b), Regulation (EU) 2018/1725 Art. 45).
  'data-protection': ['home', 'audit'],
  administrator: ['home'],
};

/** The screens a user of this authority type may open; an unknown type gets only the home screen. */
export function screensFor(authorityType: string): Screen[] {
  const ids: readonly ScreenId[] =
    authorityType in screensByAuthority ? screensByAuthority[authorityType as AuthorityType] : ['home'];
  return ids.map((id) => screens[id]);
}
