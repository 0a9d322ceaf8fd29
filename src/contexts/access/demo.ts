import type { AuthorityType } from './model.ts';
import { SYSTEM_ACTOR, type AccessService } from './service.ts';

/** The one password of every demo user. Demo worlds are for training and evaluation, never production. */
export const DEMO_PASSWORD = 'interlink-demo';

export interface DemoUser {
  username: string;
  displayName: string;
  authority: { name: string; type: AuthorityType; memberState: string; cirIdentification?: boolean };
  /** Designated to confirm users that another authority's administrator requests for this authority. */
  confirmsUsers?: boolean;
}

/**
 * One demo user per authority type, in authorities that exist in the real Schengen area, and a second
 * administrator in another authority (users requested across authorities need its confirmation).
 */
export const DEMO_USERS: readonly DemoUser[] = Object.freeze([
  {
    username: 'border.fi',
    displayName: 'Aino Virtanen',
    authority: { name: 'Finnish Border Guard', type: 'border', memberState: 'FI' },
  },
  {
    username: 'visa.fr',
    displayName: 'Camille Martin',
    authority: { name: 'French consular visa service', type: 'visa', memberState: 'FR' },
  },
  {
    username: 'immigration.de',
    displayName: 'Jonas Becker',
    authority: { name: 'Landesamt für Einwanderung Berlin', type: 'immigration', memberState: 'DE' },
  },
  {
    username: 'police.nl',
    displayName: 'Sanne de Vries',
    // The Netherlands' law empowers its police to identify persons through the CIR (art. 20(1)) [K]: the demo says so.
    authority: { name: 'Politie Nederland', type: 'police', memberState: 'NL', cirIdentification: true },
  },
  {
    username: 'sirene.it',
    displayName: 'Giulia Romano',
    authority: { name: 'SIRENE Italia', type: 'sirene', memberState: 'IT' },
    confirmsUsers: true,
  },
  {
    username: 'etias-cu',
    displayName: 'Piotr Nowak',
    authority: { name: 'ETIAS Central Unit (Frontex)', type: 'etias-central', memberState: 'EU' },
  },
  {
    username: 'etias-nu.es',
    displayName: 'Lucía García',
    authority: { name: 'ETIAS National Unit Spain', type: 'etias-national', memberState: 'ES' },
  },
  {
    username: 'asylum.gr',
    displayName: 'Eleni Papadopoulou',
    authority: { name: 'Greek Asylum Service', type: 'asylum', memberState: 'GR' },
  },
  // A second asylum authority in another state: a Eurodac hit on a person registered in Greece goes to it.
  {
    username: 'asylum.de',
    displayName: 'Lukas Wagner',
    authority: { name: 'Bundesamt für Migration und Flüchtlinge', type: 'asylum', memberState: 'DE' },
  },
  {
    username: 'carrier.lh',
    displayName: 'Lufthansa check-in',
    authority: { name: 'Deutsche Lufthansa AG', type: 'carrier', memberState: 'DE' },
  },
  {
    username: 'hub.be',
    displayName: 'Port security desk',
    authority: { name: 'Port of Antwerp-Bruges security', type: 'hub-operator', memberState: 'BE' },
  },
  {
    username: 'analyst',
    displayName: 'Statistics analyst',
    authority: { name: 'eu-LISA reporting (CRRS)', type: 'analyst', memberState: 'EU' },
  },
  {
    username: 'dpo.de',
    displayName: 'Hannah Schmidt',
    authority: {
      name: 'Federal Commissioner for Data Protection (BfDI)',
      type: 'data-protection',
      memberState: 'DE',
    },
  },
  {
    username: 'admin',
    displayName: 'Interlink administrator',
    authority: { name: 'Interlink operations', type: 'administrator', memberState: 'EU' },
  },
  // A second administrator authority: a user the EU operations add here waits for this one's confirmation.
  {
    username: 'admin.it',
    displayName: 'Marco Bianchi',
    authority: { name: 'Interlink operations Italy', type: 'administrator', memberState: 'IT' },
  },
]);

/**
 * Creates the demo authorities and users that do not exist yet; returns every demo user with a flag saying
 * whether it was created now.
 */
export async function createDemoUsers(
  access: AccessService,
): Promise<Array<DemoUser & { created: boolean }>> {
  const out: Array<DemoUser & { created: boolean }> = [];
  for (const d of DEMO_USERS) {
    const authority = await access.ensureAuthority(SYSTEM_ACTOR, d.authority);
    try {
      await access.createUser({
        actor: SYSTEM_ACTOR,
        purpose: 'system-administration',
        user: {
          username: d.username,
          displayName: d.displayName,
          password: DEMO_PASSWORD,
          authorityId: authority.id,
          confirmsUsers: d.confirmsUsers ?? false,
        },
      });
      out.push({ ...d, created: true });
    } catch (err) {
      if ((err as { code?: string }).code !== 'ACCESS_USERNAME_TAKEN') {
        throw err;
      }
      out.push({ ...d, created: false });
    }
  }
  return out;
}
