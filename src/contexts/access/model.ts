/**
 * Authorities, purposes, permissions and profiles: who may do what, and why.
 * The access matrix follows regulations digest §8.3; rows marked [K] there are unconfirmed and are
 * kept here as data so that they can be corrected without touching code.
 */

export const AUTHORITY_TYPES = [
  'border',
  'visa',
  'immigration',
  'police',
  'sirene',
  'etias-central',
  'etias-national',
  'asylum',
  'carrier',
  'hub-operator',
  'analyst',
  'data-protection',
  'administrator',
] as const;
export type AuthorityType = (typeof AUTHORITY_TYPES)[number];

/** The systems Interlink hosts; `access` and `audit` are the platform's own. */
export const SYSTEMS = [
  'ees',
  'etias',
  'sis',
  'eurodac',
  'esp',
  'cir',
  'mid',
  'sbms',
  'hubs',
  'stats',
  'access',
  'audit',
] as const;
export type SystemCode = (typeof SYSTEMS)[number];

/**
 * The closed list of purposes. Every request that touches personal data names one
 * (EES art. 46(1)(a), ETIAS art. 69, SIS 2018/1862 art. 12, 2019/817 art. 10 all log the purpose).
 */
export const PURPOSES = {
  'border-control': 'Border control at a border crossing point (SBC art. 8; EES art. 23)',
  'visa-examination': 'Examination of a visa application (EES art. 24)',
  'immigration-check': 'Verification of conditions of entry or stay in the territory (EES art. 26-27)',
  'police-identity-check': 'Police identity check (SIS 2018/1862 art. 44; 2019/818 art. 20)',
  'law-enforcement': 'Prevention, detection or investigation of terrorist offences or other serious crime',
  'sirene-exchange': 'SIRENE supplementary information exchange (SIS 2018/1862 art. 7-8)',
  'alert-management': 'Creating, updating, reviewing or deleting SIS alerts',
  'etias-examination': 'Examination of an ETIAS application (2018/1240 art. 20-26)',
  'asylum-procedure': 'Eurodac registration and comparison (2024/1358)',
  'carrier-verification': 'Carrier verification before boarding (EES art. 13(3); ETIAS art. 45)',
  'hub-vehicle-check': 'Automatic vehicle checks at a logistics hub',
  'identity-verification': 'Manual verification of multiple-identity links (2019/817 art. 29)',
  statistics: 'Anonymised statistics and reporting (2019/817 art. 39)',
  'data-protection-audit': 'Data protection supervision of processing logs',
  'system-administration': 'Administration of users and authorities',
  'traveller-stay-check': 'A traveller checking their own remaining authorised stay (EES art. 13(1))',
} as const;
export type Purpose = keyof typeof PURPOSES;
export const PURPOSE_CODES = Object.keys(PURPOSES) as Purpose[];

export const isPurpose = (value: string): value is Purpose => Object.hasOwn(PURPOSES, value);

/** Operations a profile may be granted; every use case checks exactly one of these first. */
export const PERMISSIONS = [
  'audit:read',
  'audit:verify',
  'users:read',
  'users:manage',
  'retention:run',
  'reference:read',
  'esp:search',
  // The border check at a crossing point: one screen over EES, SIS and the calculator (SBC art. 8).
  'border-check:run',
  // EES (Reg. (EU) 2017/2226): consult files, create and update them, verify in the territory, the list of
  // overstayers, and the two web services (art. 13).
  'ees:read',
  'ees:write',
  // Art. 19 decisions (annul, revoke, extend a stay); which authority type may take which is checked in EES.
  'ees:decide',
  'ees:verify',
  'ees:overstayers',
  'ees:traveller-service',
  'ees:carrier-service',
  // SIS (Regs. (EU) 2018/1860-1862): enter/change/delete alerts, read them in full, search persons and
  // documents, search vehicles and containers, report hits, the SIRENE exchange, review of alerts.
  'sis:alerts:write',
  'sis:alerts:read',
  'sis:search',
  'sis:search:vehicles',
  'sis:hits',
  'sis:exchange',
  'sis:review',
  // Logistics hubs (issue 6): see hubs and their gates, configure hubs, send plate reads from the gates, and
  // follow the hits (the hub desk without discreet-check alerts; the police with them).
  'hubs:read',
  'hubs:manage',
  'hubs:reads:write',
  'hubs:hits:read',
  // The hub desk acknowledges, assigns and dismisses its hits (issue 10, item 15).
  'hubs:hits:handle',
  // ETIAS (Reg. (EU) 2018/1240): consult application files; the Central Unit's verification of hits (art. 22),
  // screening rules (art. 33) and the watchlist (arts. 34-35); the National Units' manual processing and
  // decisions (arts. 26-44) and their opinions when consulted (art. 28); the border (art. 47), immigration
  // (art. 49) and carrier (art. 45) queries, each answering only what its article allows.
  'etias:read',
  'etias:verify',
  'etias:rules',
  'etias:watchlist',
  'etias:decide',
  'etias:consult',
  'etias:border-query',
  'etias:immigration-query',
  'etias:carrier-service',
  // Eurodac (Reg. (EU) 2024/1358): register datasets and receive the comparison's hits (arts. 15, 20-24, 26);
  // read own datasets and hits (art. 40); the fingerprint expert's verification of a hit (art. 38 [K]);
  // marking and responsibility updates (arts. 16, 31); law-enforcement comparison (art. 33 conditions).
  'eurodac:register',
  'eurodac:read',
  'eurodac:verify',
  'eurodac:mark',
  'eurodac:law-enforcement',
  // CIR (2019/817 and 2019/818 arts. 20, 22): police identification (only where national law empowers the
  // authority, a flag per authority) and the law-enforcement flag search ("which systems hold data").
  'cir:identify',
  'cir:flags',
  // MID (arts. 26, 29): the verifying authority's queue of links and the verification of a yellow link.
  'mid:verify',
  // The network map (issue 17): SIS alerts linked under 2018/1862 art. 63, their hits, hub reads of the same
  // vehicles and containers, and MID links, as one graph for SIRENE and police investigations. Personal data:
  // never the analyst's (2019/817 art. 39 gives the analyst anonymised statistics only) nor a hub desk's.
  'network:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface Profile {
  /** Stable profile name, logged with every access (2019/817 art. 10: the ESP profile). */
  readonly name: string;
  readonly permissions: readonly Permission[];
  /** Purposes this profile may name. */
  readonly purposes: readonly Purpose[];
  /** Systems the profile reaches, with the operations and fields allowed there (filled in by each system). */
  readonly systems: Readonly<
    Partial<
      Record<SystemCode, { readonly operations: readonly string[]; readonly fields: readonly string[] }>
    >
  >;
}

const common: Permission[] = ['reference:read'];
/** The single search interface (2019/817 art. 7): what each authority may query there is its ESP profile. */
const esp: Permission[] = ['esp:search'];
/**
 * EES grants (regulations digest §1.3 / §8.3): border authorities create, update and search (arts. 16-19,
 * 23); visa authorities consult (art. 24); immigration authorities verify and identify in the territory
 * (arts. 26-27) and receive the list of overstayers (art. 12(3)); carriers only the web service (art. 13(3)).
 * Border, visa and immigration authorities may add art. 19 decisions (see EES `decisions.ts` for which kind).
 * No other authority reaches EES directly.
 */
/**
 * ETIAS grants (regulations digest §2.3, §8.3): the Central Unit verifies hits and keeps the screening rules
 * and (with the member states) the watchlist; National Units process manually, decide, and give opinions
 * when another state consults them; border, immigration and carrier authorities only query.
 */
const etias = {
  central: ['etias:read', 'etias:verify', 'etias:rules', 'etias:watchlist'],
  national: ['etias:read', 'etias:decide', 'etias:consult', 'etias:watchlist'],
  border: ['etias:border-query'],
  immigration: ['etias:immigration-query'],
  carrier: ['etias:carrier-service'],
} as const satisfies Record<string, readonly Permission[]>;
/**
 * Eurodac grants (regulations digest §5): asylum authorities register applicants and the other categories,
 * verify hits with their fingerprint experts and mark datasets; designated law-enforcement authorities
 * compare only under art. 33's conditions. Which border and immigration authorities register irregular
 * crossers and illegally staying persons (arts. 20-23) is national [K].
 */
const eurodac = {
  asylum: ['eurodac:register', 'eurodac:read', 'eurodac:verify', 'eurodac:mark'],
  police: ['eurodac:law-enforcement'],
} as const satisfies Record<string, readonly Permission[]>;
const ees = {
  border: ['ees:read', 'ees:write', 'ees:decide'],
  visa: ['ees:read', 'ees:decide'],
  immigration: ['ees:read', 'ees:verify', 'ees:overstayers', 'ees:decide'],
  carrier: ['ees:carrier-service'],
} as const satisfies Record<string, readonly Permission[]>;
/**
 * SIS grants (regulations digest §8.3): SIRENE full, including the supplementary-information exchange and
 * the review of alerts; the police enter, change, delete and search alerts; border, immigration and visa
 * authorities search and report hits (what visa authorities see is narrowed to refusal, return and document
 * alerts in the SIS context); a hub operator searches vehicles and containers only, never person alerts.
 */
/**
 * CIR and MID grants (regulations digest §6.3-6.4): the police identify persons (art. 20) and the designated
 * law-enforcement authorities ask which systems hold data (art. 22); the authorities art. 29 names verify
 * yellow links (EES border authorities, the ETIAS Central Unit and National Units [K], the SIRENE Bureaux, the
 * Eurodac authorities).
 */
const cir = { police: ['cir:identify', 'cir:flags'] } as const satisfies Record<
  string,
  readonly Permission[]
>;
const mid = { verifier: ['mid:verify'] } as const satisfies Record<string, readonly Permission[]>;
const sis = {
  sirene: [
    'sis:alerts:write',
    'sis:alerts:read',
    'sis:search',
    'sis:search:vehicles',
    'sis:hits',
    'sis:exchange',
    'sis:review',
  ],
  police: ['sis:alerts:write', 'sis:alerts:read', 'sis:search', 'sis:search:vehicles', 'sis:hits'],
  searcher: ['sis:search', 'sis:search:vehicles', 'sis:hits'],
  hub: ['sis:search:vehicles'],
} as const satisfies Record<string, readonly Permission[]>;

/**
 * Default profile per authority type (regulations digest §8.3). Later systems extend `systems` with their
 * operations and field allowances; the ESP search profiles build on these purposes.
 */
export const DEFAULT_PROFILES: Readonly<Record<AuthorityType, Profile>> = Object.freeze({
  border: {
    name: 'border',
    permissions: [
      ...common,
      ...esp,
      'border-check:run',
      ...ees.border,
      ...sis.searcher,
      ...etias.border,
      ...mid.verifier,
    ],
    purposes: ['border-control', 'identity-verification'],
    systems: {},
  },
  visa: {
    name: 'visa',
    permissions: [...common, ...esp, ...ees.visa, ...sis.searcher],
    purposes: ['visa-examination'],
    systems: {},
  },
  immigration: {
    name: 'immigration',
    permissions: [...common, ...esp, ...ees.immigration, ...sis.searcher, ...etias.immigration],
    purposes: ['immigration-check'],
    systems: {},
  },
  police: {
    name: 'police',
    permissions: [
      ...common,
      ...esp,
      ...sis.police,
      'hubs:read',
      'hubs:hits:read',
      ...eurodac.police,
      ...cir.police,
      'network:read',
    ],
    // Police authorities enter SIS alerts themselves (alert management), besides checks and investigations.
    purposes: ['police-identity-check', 'law-enforcement', 'alert-management'],
    systems: {},
  },
  sirene: {
    name: 'sirene',
    permissions: [...common, ...esp, ...sis.sirene, ...mid.verifier, 'network:read'],
    purposes: ['sirene-exchange', 'alert-management', 'identity-verification'],
    systems: {},
  },
  'etias-central': {
    name: 'etias-central',
    permissions: [...common, ...esp, ...etias.central, ...mid.verifier],
    purposes: ['etias-examination', 'identity-verification'],
    systems: {},
  },
  'etias-national': {
    name: 'etias-national',
    permissions: [...common, ...esp, ...etias.national, ...mid.verifier],
    purposes: ['etias-examination', 'identity-verification'],
    systems: {},
  },
  asylum: {
    name: 'asylum',
    permissions: [...common, ...esp, ...eurodac.asylum, ...mid.verifier],
    purposes: ['asylum-procedure', 'identity-verification'],
    systems: {},
  },
  carrier: {
    name: 'carrier',
    permissions: [...ees.carrier, ...etias.carrier],
    purposes: ['carrier-verification'],
    systems: {},
  },
  'hub-operator': {
    name: 'hub-operator',
    permissions: [
      ...common,
      ...sis.hub,
      'hubs:read',
      'hubs:reads:write',
      'hubs:hits:read',
      'hubs:hits:handle',
    ],
    purposes: ['hub-vehicle-check'],
    systems: {},
  },
  // Analysts see anonymised statistics only: nothing personal (2019/817 art. 39).
  analyst: { name: 'analyst', permissions: common, purposes: ['statistics'], systems: {} },
  'data-protection': {
    name: 'data-protection',
    permissions: [...common, 'audit:read', 'audit:verify', 'users:read'],
    purposes: ['data-protection-audit'],
    systems: { audit: { operations: ['read', 'verify'], fields: ['*'] } },
  },
  administrator: {
    name: 'administrator',
    permissions: [...common, 'users:read', 'users:manage', 'retention:run', 'hubs:read', 'hubs:manage'],
    purposes: ['system-administration'],
    systems: { access: { operations: ['read', 'manage'], fields: ['*'] } },
  },
});

/** Who is acting: resolved from the bearer token on every request, or built by the CLI for local work. */
export interface Actor {
  readonly kind: 'user' | 'system';
  readonly userId: string | null;
  readonly username: string;
  readonly authorityId: string | null;
  readonly authorityName: string;
  readonly authorityType: AuthorityType | 'system';
  readonly memberState: string;
  readonly profile: Profile;
  /**
   * The actor's authority is empowered by national law to identify persons through the common identity
   * repository (2019/817 and 2019/818 art. 20(1)); absent or false: it is not.
   */
  readonly cirIdentification?: boolean;
}

/** Opaque ids with a readable prefix, so that an authority id cannot be passed where a user id is expected. */
export type UserId = string & { readonly __brand: 'UserId' };
export type AuthorityId = string & { readonly __brand: 'AuthorityId' };
