import { EURODAC_PARTITION, type EurodacService } from '../../contexts/eurodac/index.ts';
import type { BiometricMatching } from '../../contexts/sbms/index.ts';
import type { SystemAdapter } from '../adapter.ts';
import { eurodacCirSource } from './cir-source.ts';
import { eurodacStatsSource } from './stats-source.ts';

/**
 * Eurodac (Reg. (EU) 2024/1358) as it plugs in: its templates stand in the matching service's partition
 * `eurodac` (the dataset id as record reference; 2019/818 art. 13(1)), and its datasets leave with their
 * retention periods (art. 29: 10 years for applicants, 5 for the apprehended, illegally staying, disembarked
 * and admitted, 3 for a refused admission); the retention run's biometric cascade removes their templates in
 * the same transaction (2019/818 art. 15 [K]).
 */
export function eurodacSystem(
  eurodac: EurodacService,
  biometrics?: Pick<BiometricMatching, 'templates'>,
): SystemAdapter {
  return {
    system: 'eurodac',
    biometrics: { partition: EURODAC_PARTITION },
    // Its datasets' identity data stand in the identity index under `eurodac`, erased with the datasets.
    identity: { indexSystem: 'eurodac' },
    // 2019/818 arts. 17-18 (as amended by Reg. (EU) 2024/1358): its datasets in the CIR and the MID.
    cir: eurodacCirSource(),
    // 2024/1358 art. 12 [K], 2019/818 arts. 37 and 39: registrations and hits by category, datasets without templates.
    stats: eurodacStatsSource(biometrics),
    retentionRules: eurodac.retentionRules(),
  };
}
export { eurodacStatsFacts, eurodacStatsSource } from './stats-source.ts';
