import type { EesService } from '../../contexts/ees/index.ts';
import type { BiometricMatching } from '../../contexts/sbms/index.ts';
import type { SystemAdapter } from '../adapter.ts';
import { eesBorderStep } from './border-step.ts';
import { eesCirSource } from './cir-source.ts';
import { eesEtiasCheck } from './etias-check.ts';
import { eesEtiasRecords } from './etias-records.ts';
import { eesSearchSource } from './search-source.ts';
import { eesStatsSource } from './stats-source.ts';

/**
 * The Entry/Exit System (Reg. (EU) 2017/2226) as it plugs in: the portal searches it (art. 23 consultation
 * through the ESP), the border check finds the file and runs the 90/180 calculator (art. 23), ETIAS automated
 * processing looks for refusals and overstays (2018/1240 art. 20(2)(f)-(g)), its files stand
 * in the identity index under `ees`, their face and finger templates in the `ees` partition of the shared
 * biometric matching service, and the art. 34 retention rules run in the daily retention run.
 */
export function eesSystem(ees: EesService, biometrics?: BiometricMatching): SystemAdapter {
  return {
    system: 'ees',
    // With the biometric matching service, biometric portal queries are answered from the `ees` partition.
    searchSource: eesSearchSource(ees, biometrics),
    borderStep: eesBorderStep(ees),
    etiasCheck: eesEtiasCheck(ees),
    // 2018/1240 art. 54(1)(b): ETIAS erases a refused file within 7 days of the record behind it.
    etiasRecords: eesEtiasRecords(ees),
    identity: { indexSystem: 'ees' },
    // 2019/817 art. 13(1): the files' templates, in EES's own partition of the shared biometric matching
    // service; the retention run's erasure of a file removes them in the same transaction (art. 34, product
    // principle 5). No other path deletes a file.
    biometrics: { partition: 'ees' },
    // 2019/817 arts. 17-18: its individual files in the CIR, and through it in the MID's detection (art. 27).
    cir: eesCirSource(biometrics),
    // 2017/2226 art. 63, 2019/817 art. 39: crossings, refusals and overstays for the statistics repository.
    stats: eesStatsSource(),
    // Art. 34, and the art. 12 overstayer flag that the daily run also drives, in this order.
    retentionRules: ees.retentionRules(),
  };
}

export { eesBorderStep, type EesData } from './border-step.ts';
export { eesEtiasCheck } from './etias-check.ts';
export { eesSearchSource } from './search-source.ts';
