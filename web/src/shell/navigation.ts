import type { AuthorityType, CounterId } from '../api/types.ts';
import type { MessageId } from '../i18n/messages.ts';

export type ScreenId =
  | 'home'
  | 'border-check'
  | 'ees-overstayers'
  | 'sis-alerts'
  | 'sis-review'
  | 'sis-hits'
  | 'hub-desk'
  | 'etias-queue'
  | 'etias-application'
  | 'etias-rules'
  | 'etias-watchlist'
  | 'search'
  | 'audit'
  | 'admin'
  | 'etias-nu-queue'
  | 'eurodac-register'
  | 'eurodac-hits'
  | 'mid-links'
  | 'cir-flags'
  | 'barometer'
  | 'network';

/** A screen of the web shell, as navigation lists it. Its component is bound in `routes.tsx`. */
export interface Screen {
  id: ScreenId;
  /** Path inside the hash route, e.g. `/audit` for `#/audit`. */
  path: string;
  /** Pattern of the screen's detail view (e.g. `/sis/alerts/:id`), routed to the same component. */
  detailPath?: string;
  label: MessageId;
  /** `false` for a record's page that is routed but not linked (it opens from a list or a link). */
  linked?: false;
}

/** Every screen, in navigation order. */
export const screens: Readonly<Record<ScreenId, Screen>> = {
  home: { id: 'home', path: '/', label: 'nav.home' },
  'border-check': { id: 'border-check', path: '/border-check', label: 'nav.borderCheck' },
  'ees-overstayers': { id: 'ees-overstayers', path: '/ees/overstayers', label: 'nav.overstayers' },
  'sis-alerts': {
    id: 'sis-alerts',
    path: '/sis/alerts',
    detailPath: '/sis/alerts/:id',
    label: 'nav.sisAlerts',
  },
  'sis-review': { id: 'sis-review', path: '/sis/review', label: 'nav.sisReview' },
  'sis-hits': { id: 'sis-hits', path: '/sis/hits', detailPath: '/sis/hits/:id', label: 'nav.sisHits' },
  'hub-desk': { id: 'hub-desk', path: '/hub-desk', label: 'nav.hubDesk' },
  'etias-queue': { id: 'etias-queue', path: '/etias/queue', label: 'etias.queue.nav' },
  'etias-application': {
    id: 'etias-application',
    path: '/etias/applications/:id',
    label: 'etias.queue.file.titleUnknown',
    linked: false,
  },
  'etias-rules': { id: 'etias-rules', path: '/etias/screening-rules', label: 'etias.rules.nav' },
  'etias-watchlist': { id: 'etias-watchlist', path: '/etias/watchlist', label: 'etias.watchlist.nav' },
  search: { id: 'search', path: '/search', label: 'nav.search' },
  audit: { id: 'audit', path: '/audit', label: 'nav.audit' },
  admin: { id: 'admin', path: '/admin', label: 'admin.nav' },
  // ETIAS National Units' manual processing (Reg. (EU) 2018/1240 arts. 26-44).
  'etias-nu-queue': {
    id: 'etias-nu-queue',
    path: '/etias/national-unit',
    detailPath: '/etias/national-unit/:id',
    label: 'etias.manual.nav',
  },
  // Eurodac (Reg. (EU) 2024/1358): registration with the comparison's hits, and their verification (art. 38).
  'eurodac-register': { id: 'eurodac-register', path: '/eurodac/register', label: 'eurodac.register.nav' },
  'eurodac-hits': {
    id: 'eurodac-hits',
    path: '/eurodac/hits',
    detailPath: '/eurodac/hits/:id',
    label: 'eurodac.hits.nav',
  },
  // The manual verification of multiple-identity links (Regs. (EU) 2019/817 and 2019/818 arts. 29-33).
  'mid-links': { id: 'mid-links', path: '/mid/links', detailPath: '/mid/links/:id', label: 'mid.links.nav' },
  // Which systems hold data on a person, for law enforcement (art. 22).
  'cir-flags': { id: 'cir-flags', path: '/cir/flags', label: 'cir.flags.nav' },
  // The Schengen Barometer+: anonymised statistics of the central repository (Reg. (EU) 2019/817 art. 39).
  barometer: { id: 'barometer', path: '/barometer', label: 'barometer.nav' },
  // Alerts linked under 2018/1862 art. 63, their hits, hub reads and MID links as one graph, for analysts.
  network: { id: 'network', path: '/network', label: 'network.nav' },
};

const ORDER = Object.keys(screens) as ScreenId[];

/**
 * The screens each authority type may use. Together with {@link screensByPermission} this is the single place
 * that decides what a role sees: a screen not listed for a user is neither linked nor routed for them. Add new
 * screens here once they exist, never as placeholders. The server enforces the same rules; this only keeps
 * the interface free of entries a user cannot use.
 */
export const screensByAuthority: Readonly<Record<AuthorityType, readonly ScreenId[]>> = {
  // The check at the border crossing point (Regulation (EU) 2016/399 Art. 8) and the EES records it leads to.
  border: ['home', 'border-check'],
  visa: ['home'],
  // Immigration authorities receive the list of overstayers (EES art. 12(3)).
  immigration: ['home', 'ees-overstayers'],
  // Police authorities enter, change and delete SIS alerts (Regulation (EU) 2018/1862 art. 44; digest §8.3).
  // They and SIRENE analyse the alerts' network: links, hits, hub reads (issue 17; personal data, not the analyst).
  police: ['home', 'sis-alerts', 'network'],
  // The SIRENE Bureau manages alerts, reviews them (art. 53) and runs the exchange on hits (arts. 7-8).
  sirene: ['home', 'sis-alerts', 'sis-review', 'sis-hits', 'network'],
  // The Central Unit sets the screening rules (2018/1240 art. 33) and enters Europol's watchlist data (art. 34).
  'etias-central': ['home', 'etias-rules', 'etias-watchlist'],
  // A National Unit decides in manual processing and enters and reviews its state's watchlist entries (arts. 34-35).
  'etias-national': ['home', 'etias-nu-queue', 'etias-watchlist'],
  asylum: ['home'],
  carrier: ['home'],
  // The hub desk follows the automatic SIS checks of the hub's vehicles and containers (2018/1862 arts. 36, 38).
  'hub-operator': ['home', 'hub-desk'],
  // Analysts read the anonymised statistics only (2019/817 art. 39): the Barometer+ is also their home.
  analyst: ['home', 'barometer'],
  // The data protection officer reads the access log (GDPR Art. 39(1)(b), Regulation (EU) 2018/1725 Art. 45).
  'data-protection': ['home', 'audit'],
  // Administrators manage authorities' users and the token signing key (users:manage).
  administrator: ['home', 'admin'],
};

/**
 * The screen that opens at home (`#/`) for a type whose home screen would hold nothing of its own (no counters,
 * one screen to go to): the analyst lands on the Barometer+.
 */
export const homeLanding: Readonly<Partial<Record<AuthorityType, ScreenId>>> = {
  analyst: 'barometer',
};

/**
 * Screens offered to whoever holds a permission, whatever their authority type: the search portal to every
 * user allowed to search (Regulation (EU) 2019/817 Art. 7: the portal is used by the authorities that have
 * access to at least one of the systems).
 */
export const screensByPermission: Readonly<Record<string, readonly ScreenId[]>> = {
  'esp:search': ['search'],
  // The ETIAS Central Unit verifies the hits of automated processing (Reg. (EU) 2018/1240 art. 22).
  'etias:verify': ['etias-queue'],
  // One ETIAS application with its hits, for the Central Unit and the National Units (art. 22, art. 26).
  'etias:read': ['etias-application'],
  // Asylum (and other designated) authorities register datasets in Eurodac (Reg. (EU) 2024/1358 arts. 15, 22-26)
  // and their fingerprint experts verify the hits (art. 38).
  'eurodac:register': ['eurodac-register'],
  'eurodac:verify': ['eurodac-hits'],
  // The authorities of art. 29 verify the yellow links of their records; police ask the CIR's flags (art. 22).
  'mid:verify': ['mid-links'],
  'cir:flags': ['cir-flags'],
};

/**
 * The screens a user of this authority type with these permissions may open, in navigation order; an unknown
 * type gets only the home screen and those its permissions give.
 */
export function screensFor(authorityType: string, permissions: readonly string[] = []): Screen[] {
  const ids = new Set<ScreenId>(
    authorityType in screensByAuthority ? screensByAuthority[authorityType as AuthorityType] : ['home'],
  );
  for (const permission of permissions) {
    for (const id of screensByPermission[permission] ?? []) {
      ids.add(id);
    }
  }
  return ORDER.filter((id) => ids.has(id)).map((id) => screens[id]);
}

/**
 * The counter shown as a badge next to a screen's link when it is above zero (the same figure as the home
 * card that leads to the screen): the queues of work. A role without that counter shows no badge; the police's
 * own alerts stay a home card only (the police do not review alerts: that is SIRENE's queue).
 */
export const screenBadges: Readonly<Partial<Record<ScreenId, CounterId>>> = {
  'sis-hits': 'sis.hits.open',
  'sis-review': 'sis.review.due',
  'hub-desk': 'hubs.hits.unacknowledged',
  'ees-overstayers': 'ees.overstayers',
  admin: 'access.requests.pending',
};
