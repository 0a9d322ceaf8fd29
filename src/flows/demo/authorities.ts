import {
  DEMO_PASSWORD,
  DEMO_USERS,
  SYSTEM_ACTOR,
  type AccessService,
  type Actor,
  type DemoUser,
} from '../../contexts/access/index.ts';
import type { EurodacAuthor } from './plan-biometrics.ts';

/**
 * The authorities that write the demo world. Crossings are recorded by the border guard of the state that
 * runs the crossing point (EES art. 9(2): only the competent authorities of that state), alerts by SIRENE
 * bureaux and police services of several member states. Each is a demo user like those of `DEMO_USERS`
 * (same password), so that whoever explores the world can log in as them too.
 */
export const DEMO_BORDER_GUARDS: Readonly<Record<string, DemoUser>> = Object.freeze({
  FI: DEMO_USERS.find((u) => u.username === 'border.fi')!,
  FR: border('border.fr', 'Lucas Bernard', 'Police aux frontières (DCPAF)', 'FR'),
  DE: border('border.de', 'Felix Wagner', 'Bundespolizei', 'DE'),
  ES: border(
    'border.es',
    'Javier Fernández',
    'Policía Nacional – Comisaría General de Extranjería y Fronteras',
    'ES',
  ),
  NL: border('border.nl', 'Daan Jansen', 'Koninklijke Marechaussee', 'NL'),
  IT: border('border.it', 'Marco Esposito', 'Polizia di Frontiera', 'IT'),
  GR: border('border.gr', 'Nikos Georgiou', 'Hellenic Police – Border Protection', 'GR'),
  PL: border('border.pl', 'Katarzyna Wiśniewska', 'Straż Graniczna', 'PL'),
  HU: border('border.hu', 'Bence Nagy', 'Rendőrség – Határrendészet', 'HU'),
  EE: border('border.ee', 'Mari Tamm', 'Politsei- ja Piirivalveamet', 'EE'),
});

export const ALERT_AUTHORS = [
  'sirene.it',
  'police.nl',
  'sirene.fr',
  'sirene.de',
  'sirene.pl',
  'sirene.es',
  'police.se',
] as const;
export type AlertAuthor = (typeof ALERT_AUTHORS)[number];

/** Issuers of the demo alerts: the two SIS users of `DEMO_USERS` and five more offices. */
export const DEMO_ALERT_AUTHORS: Readonly<Record<AlertAuthor, DemoUser>> = Object.freeze({
  'sirene.it': DEMO_USERS.find((u) => u.username === 'sirene.it')!,
  'police.nl': DEMO_USERS.find((u) => u.username === 'police.nl')!,
  'sirene.fr': sirene('sirene.fr', 'Claire Dubois', 'SIRENE France', 'FR'),
  'sirene.de': sirene('sirene.de', 'Stefan Hoffmann', 'SIRENE Deutschland (Bundeskriminalamt)', 'DE'),
  'sirene.pl': sirene('sirene.pl', 'Tomasz Zieliński', 'SIRENE Polska (Komenda Główna Policji)', 'PL'),
  'sirene.es': sirene('sirene.es', 'Carmen López', 'SIRENE España', 'ES'),
  'police.se': {
    username: 'police.se',
    displayName: 'Erik Lindqvist',
    authority: { name: 'Polisen', type: 'police', memberState: 'SE' },
  },
});

/**
 * The asylum authorities that register the demo's Eurodac datasets (Reg. (EU) 2024/1358): the Greek Asylum
 * Service of `DEMO_USERS`, and the Italian and German ones, so that a person registered in one state and
 * again in another gives a hit that goes to the state of origin.
 */
export const DEMO_ASYLUM_AUTHORITIES: Readonly<Record<EurodacAuthor, DemoUser>> = Object.freeze({
  'asylum.gr': DEMO_USERS.find((u) => u.username === 'asylum.gr')!,
  'asylum.it':
    DEMO_USERS.find((u) => u.username === 'asylum.it') ??
    asylum('asylum.it', 'Francesca Ricci', 'Commissione Nazionale per il Diritto di Asilo', 'IT'),
  'asylum.de':
    DEMO_USERS.find((u) => u.username === 'asylum.de') ??
    asylum('asylum.de', 'Katrin Schulz', 'Bundesamt für Migration und Flüchtlinge', 'DE'),
});

function asylum(username: string, displayName: string, name: string, memberState: string): DemoUser {
  return { username, displayName, authority: { name, type: 'asylum', memberState } };
}

function border(username: string, displayName: string, name: string, memberState: string): DemoUser {
  return { username, displayName, authority: { name, type: 'border', memberState } };
}

function sirene(username: string, displayName: string, name: string, memberState: string): DemoUser {
  return { username, displayName, authority: { name, type: 'sirene', memberState } };
}

/** The demo users this flow adds to `DEMO_USERS`, in a stable order. */
export function extraDemoUsers(): DemoUser[] {
  const known = new Set(DEMO_USERS.map((u) => u.username));
  return [
    ...Object.values(DEMO_BORDER_GUARDS),
    ...Object.values(DEMO_ALERT_AUTHORS),
    ...Object.values(DEMO_ASYLUM_AUTHORITIES),
  ].filter((u) => !known.has(u.username));
}

/**
 * Creates the demo user if it does not exist and logs in as it, exactly as a person would: the world is
 * written through the services with real actors, so access checks and the audit trail apply unchanged.
 */
async function actorFor(access: AccessService, user: DemoUser): Promise<Actor> {
  const authority = await access.ensureAuthority(SYSTEM_ACTOR, user.authority);
  try {
    await access.createUser({
      actor: SYSTEM_ACTOR,
      purpose: 'system-administration',
      user: {
        username: user.username,
        displayName: user.displayName,
        password: DEMO_PASSWORD,
        authorityId: authority.id,
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ACCESS_USERNAME_TAKEN') {
      throw err;
    }
  }
  const { token } = await access.login({ username: user.username, password: DEMO_PASSWORD });
  return access.authenticate(token);
}

/** The actors of the demo world: border guards by member state, alert authors and asylum authorities by user name. */
export interface DemoActors {
  border: ReadonlyMap<string, Actor>;
  alerts: ReadonlyMap<string, Actor>;
  asylum: ReadonlyMap<string, Actor>;
}

export async function demoActors(access: AccessService): Promise<DemoActors> {
  const borderActors = new Map<string, Actor>();
  for (const [state, user] of Object.entries(DEMO_BORDER_GUARDS)) {
    borderActors.set(state, await actorFor(access, user));
  }
  const alertActors = new Map<string, Actor>();
  for (const [username, user] of Object.entries(DEMO_ALERT_AUTHORS)) {
    alertActors.set(username, await actorFor(access, user));
  }
  const asylumActors = new Map<string, Actor>();
  for (const [username, user] of Object.entries(DEMO_ASYLUM_AUTHORITIES)) {
    asylumActors.set(username, await actorFor(access, user));
  }
  return { border: borderActors, alerts: alertActors, asylum: asylumActors };
}

/** The ETIAS Central Unit's demo user (`etias-cu`), logged in: it enters the demo's rule and watchlist entry. */
export function etiasCentralUnit(access: AccessService): Promise<Actor> {
  return actorFor(
    access,
    DEMO_USERS.find((u) => u.username === 'etias-cu')!,
  );
}
