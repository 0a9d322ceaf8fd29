import { SYSTEM_ACTOR, type Actor, type Purpose } from '../contexts/access/index.ts';

/** The purpose every read of ETIAS automated processing is logged under (2018/1240 arts. 20, 69). */
export const ETIAS_EXAMINATION: Purpose = 'etias-examination';

/**
 * The actor ETIAS automated processing (2018/1240 art. 20) runs as when it queries the other systems: the
 * ETIAS Central System itself, no person. Its profile holds exactly what the systems' checks need — the SIS
 * person and document searches, the SIS hit procedure for notify-only alerts (art. 23) and the EES file
 * reads — under the one purpose `etias-examination`, so that each system's own `requireAccess` passes and
 * each read is logged with that purpose. The general system actor (retention, CLI) is left as it is: it
 * names no ETIAS purpose and reaches no personal data.
 */
export const ETIAS_PROCESSING_ACTOR: Actor = Object.freeze<Actor>({
  ...SYSTEM_ACTOR,
  username: 'etias-central-system',
  authorityName: 'ETIAS Central System',
  profile: {
    name: 'etias-automated-processing',
    permissions: ['sis:search', 'sis:hits', 'ees:read'],
    purposes: [ETIAS_EXAMINATION],
    systems: {},
  },
});
