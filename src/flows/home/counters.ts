import type { Actor, AuthorityType, Permission } from '../../contexts/access/index.ts';
import type { AuditLog } from '../../contexts/audit/index.ts';
import type { EesService } from '../../contexts/ees/index.ts';
import type { HubsService } from '../../contexts/hubs/index.ts';
import type { SisService } from '../../contexts/sis/index.ts';

export const COUNTER_IDS = [
  'sis.hits.open',
  'sis.hits.overdue',
  'sis.hits.dueSoon',
  'sis.review.due',
  'sis.alerts.own',
  'sis.alerts.reviewDue',
  'hubs.hits.unacknowledged',
  'ees.overstayers',
  'audit.chain',
  'audit.events24h',
] as const;
export type CounterId = (typeof COUNTER_IDS)[number];

export type Severity = 'info' | 'warning' | 'danger';

/** One figure of a role's home screen, with the hash route of the list it summarises. */
export interface Counter {
  id: CounterId;
  value: number;
  severity: Severity;
  /** The filtered list, as the web app's hash route (e.g. `#/sis/hits?deadline=overdue`). */
  href: string;
  /** For the audit chain: whether its bounded check held. */
  status?: 'verified' | 'broken';
}

export interface HomeCountersDeps {
  sis: SisService;
  hubs: HubsService;
  ees: EesService;
  audit: AuditLog;
}

/** Zero is calm; more is `warning`, or `danger` for work past its deadline. */
const attention = (value: number, level: Exclude<Severity, 'info'> = 'warning'): Severity =>
  value > 0 ? level : 'info';

/**
 * A group of counters one context gives, the permission it needs, and how to read it. A group whose
 * permission the caller's profile lacks is left out, never refused: the home screen shows what the role has.
 */
interface CounterGroup {
  permission: Permission;
  read(deps: HomeCountersDeps, actor: Actor): Promise<Counter[]>;
}

const GROUPS = {
  // The SIRENE Bureau's exchange queue: a reply is due within 12 hours (2018/1862 art. 8(3)); "due soon" is
  // the last two hours of it (sis `DUE_SOON_HOURS`).
  sireneExchanges: {
    permission: 'sis:exchange',
    async read({ sis }, actor) {
      const { open, overdue, soon } = await sis.countOpenExchanges(actor);
      return [
        { id: 'sis.hits.open', value: open, severity: 'info', href: '#/sis/hits?open=true' },
        {
          id: 'sis.hits.overdue',
          value: overdue,
          severity: attention(overdue, 'danger'),
          href: '#/sis/hits?deadline=overdue',
        },
        { id: 'sis.hits.dueSoon', value: soon, severity: attention(soon), href: '#/sis/hits?deadline=soon' },
      ];
    },
  },
  // Alerts whose review date falls within the advance-warning window (2018/1862 art. 53(7)).
  review: {
    permission: 'sis:review',
    async read({ sis }, actor) {
      const { due } = await sis.countReviewDue(actor);
      return [{ id: 'sis.review.due', value: due, severity: attention(due), href: '#/sis/review?due=soon' }];
    },
  },
  // The police's own alerts and those of them due for review (2018/1862 art. 53).
  ownAlerts: {
    permission: 'sis:alerts:write',
    async read({ sis }, actor) {
      const { own, reviewDue } = await sis.countOwnAlerts(actor);
      return [
        { id: 'sis.alerts.own', value: own, severity: 'info', href: '#/sis/alerts' },
        {
          id: 'sis.alerts.reviewDue',
          value: reviewDue,
          severity: attention(reviewDue),
          href: '#/sis/alerts',
        },
      ];
    },
  },
  // The hub desk's hits not yet acknowledged, at the hubs its authority operates.
  hubDesk: {
    permission: 'hubs:hits:handle',
    async read({ hubs }, actor) {
      const value = await hubs.countUnacknowledged(actor);
      return [
        {
          id: 'hubs.hits.unacknowledged',
          value,
          severity: attention(value),
          href: '#/hub-desk?acknowledged=false',
        },
      ];
    },
  },
  // The list of overstayers for the authority's member state (EES art. 12(3)).
  overstayers: {
    permission: 'ees:overstayers',
    async read({ ees }, actor) {
      const state = actor.memberState;
      const value = await ees.countOverstayers(actor, state);
      return [
        {
          id: 'ees.overstayers',
          value,
          severity: attention(value),
          href: `#/ees/overstayers?memberState=${encodeURIComponent(state)}`,
        },
      ];
    },
  },
  // The data protection officer's view of the access log: the chain's state and the day's records.
  auditChain: {
    permission: 'audit:verify',
    async read({ audit }, actor) {
      const { status, checked } = await audit.chainStatus(actor);
      return [
        {
          id: 'audit.chain',
          value: checked,
          severity: status === 'verified' ? 'info' : 'danger',
          href: '#/audit',
          status,
        },
      ];
    },
  },
  auditRecent: {
    permission: 'audit:read',
    async read({ audit }, actor) {
      const value = await audit.countRecent(actor, 24);
      return [{ id: 'audit.events24h', value, severity: 'info', href: '#/audit' }];
    },
  },
} as const satisfies Record<string, CounterGroup>;

type GroupId = keyof typeof GROUPS;

/**
 * The counters each authority type's home screen shows, in order. A role is listed here only with the lists
 * its screens show (web/src/shell/navigation.ts); the border guard's day at a crossing point has no cheap
 * count yet (checks are not stored per crossing point), so it has none.
 */
export const COUNTERS_BY_AUTHORITY: Readonly<Partial<Record<AuthorityType, readonly GroupId[]>>> = {
  sirene: ['sireneExchanges', 'review'],
  police: ['ownAlerts'],
  'hub-operator': ['hubDesk'],
  immigration: ['overstayers'],
  'data-protection': ['auditChain', 'auditRecent'],
};

/**
 * The home screen's figures of one person: the groups of their authority type that their profile allows,
 * each a COUNT over an index in its own context (nothing is loaded to be counted). Counts name no person
 * and no record, so no purpose is asked and no access is logged (docs/decisions.md).
 */
export class HomeCounters {
  readonly #deps: HomeCountersDeps;

  constructor(deps: HomeCountersDeps) {
    this.#deps = deps;
  }

  async countersFor(actor: Actor): Promise<Counter[]> {
    const groups = actor.authorityType === 'system' ? [] : (COUNTERS_BY_AUTHORITY[actor.authorityType] ?? []);
    const allowed = groups
      .map((id) => GROUPS[id] as CounterGroup)
      .filter((g) => actor.profile.permissions.includes(g.permission));
    const read = await Promise.all(allowed.map((g) => g.read(this.#deps, actor)));
    return read.flat();
  }
}
