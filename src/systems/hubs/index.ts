import type { HubsService } from '../../contexts/hubs/index.ts';
import type { SystemAdapter } from '../adapter.ts';
import { hubsStatsSource } from './stats-source.ts';

/**
 * Logistics hubs as they plug in: no portal source and no border-check step of their own (a plate at the
 * border is SIS's vehicle search); the hub's live object index holds copies of SIS object alerts and forgets
 * them when SIS erases an alert, and the hub records follow the hub's own retention periods.
 */
export function hubsSystem(hubs: HubsService): SystemAdapter {
  return {
    system: 'hubs',
    identity: { erasureCascades: [hubs.erasureCascade()] },
    retentionRules: hubs.retentionRules(),
    // 2019/817 art. 39 [K]: hits and read counts for the statistics repository.
    stats: hubsStatsSource(),
  };
}
