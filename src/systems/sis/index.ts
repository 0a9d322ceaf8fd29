import type { IdentityIndexService } from '../../contexts/matching/index.ts';
import type { BiometricMatching } from '../../contexts/sbms/index.ts';
import type { SisService } from '../../contexts/sis/index.ts';
import type { SystemAdapter } from '../adapter.ts';
import { sisBorderStep } from './border-step.ts';
import { sisCirSource } from './cir-source.ts';
import { sisEtiasCheck } from './etias-check.ts';
import { sisEtiasRecords } from './etias-records.ts';
import { sisSearchSource } from './search-source.ts';
import { sisStatsSource } from './stats-source.ts';

/**
 * The Schengen Information System (Regs. (EU) 2018/1861, 2018/1862) as it plugs in: the portal searches persons,
 * documents and vehicles; the border check looks for alerts on the person, the document and the vehicle and
 * reports certain hits (2018/1862 art. 44); ETIAS automated processing compares each application with the
 * alerts and notifies the issuing SIRENE Bureau of notify-only hits (2018/1240 arts. 20, 23); confirmed
 * identities of person alerts stand in the identity index under `sis` and their templates in the biometric
 * matching service's `sis` partition; automatic deletion at the review date
 * and the SIRENE files' period run in the retention run.
 */
export function sisSystem(
  sis: SisService,
  identityIndex?: IdentityIndexService,
  biometrics?: BiometricMatching,
): SystemAdapter {
  return {
    system: 'sis',
    searchSource: sisSearchSource(sis, identityIndex),
    borderStep: sisBorderStep(sis, identityIndex),
    etiasCheck: sisEtiasCheck(sis, identityIndex),
    // 2018/1240 art. 54(1)(b): ETIAS erases a refused file within 7 days of the record behind it.
    etiasRecords: sisEtiasRecords(sis),
    identity: { indexSystem: 'sis' },
    // Person alerts' templates (2018/1862 arts. 42-43): the retention run's deletion of an alert removes them.
    biometrics: { partition: 'sis' },
    // 2019/817 and 2019/818 art. 27: person alerts' identities beside the CIR files, for the MID only.
    cir: sisCirSource(biometrics),
    // 2018/1862 art. 74(3), 2019/818 art. 39: hits by category and action for the statistics repository.
    stats: sisStatsSource(),
    // 2018/1862 arts. 53, 55 (alerts not extended by their review date), then art. 64 (SIRENE files).
    retentionRules: sis.retentionRules(),
  };
}

export { sisBorderStep, type SisData } from './border-step.ts';
export { ETIAS_HIT_PLACE, sisEtiasCheck } from './etias-check.ts';
export { sisSearchSource } from './search-source.ts';
export { sisAlertQuality, sisAlertQualityFacts, sisHitQuality, sisHitQualityFacts } from './stats-quality.ts';
export { sisStatsSource } from './stats-source.ts';
