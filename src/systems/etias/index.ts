import type { EtiasService } from '../../contexts/etias/index.ts';
import type { SystemAdapter } from '../adapter.ts';

/**
 * ETIAS (Reg. (EU) 2018/1240) as it plugs in: applicants' identities stand in the identity index under
 * `etias` (the application id as record reference), and application files leave with their retention period
 * (art. 54). The border step, the portal source and the carrier answer are added here by their parts.
 */
export function etiasSystem(etias: EtiasService): SystemAdapter {
  return {
    system: 'etias',
    identity: { indexSystem: 'etias' },
    retentionRules: etias.retentionRules(),
  };
}
