import type { EtiasQueries, EtiasService, SourceDeletedRule } from '../../contexts/etias/index.ts';
import type { SystemAdapter } from '../adapter.ts';
import { etiasBorderStep, type EtiasBorderOptions } from './border-step.ts';
import { etiasCirSource } from './cir-source.ts';
import { etiasSearchSource } from './search-source.ts';
import { etiasStatsSource } from './stats-source.ts';

export { followSisRefusalAlerts, type SisRevocationTriggerDeps } from './revocation-trigger.ts';

/**
 * ETIAS (Reg. (EU) 2018/1240) as it plugs in: applicants' identities stand in the identity index under
 * `etias` (the application id as record reference), and application files leave with their retention period
 * (art. 54), or within 7 days of the record behind a refusal, annulment or revocation being deleted. The
 * border check asks it about visa-exempt travellers (art. 47) and the search portal searches it by document
 * and identity (2019/817 art. 9), each profile seeing what its article allows.
 */
export function etiasSystem(
  etias: EtiasService,
  parts: { queries?: EtiasQueries; sourceDeleted?: SourceDeletedRule; border?: EtiasBorderOptions } = {},
): SystemAdapter {
  return {
    system: 'etias',
    ...(parts.queries === undefined
      ? {}
      : {
          borderStep: etiasBorderStep(parts.queries, parts.border),
          searchSource: etiasSearchSource(parts.queries),
        }),
    identity: { indexSystem: 'etias' },
    // 2019/817 arts. 17-18: its application files in the CIR, and through it in the MID's detection (art. 27).
    cir: etiasCirSource(),
    // 2018/1240 arts. 33 and 84(2), 2019/817 art. 39: applications, decisions and manual routing, anonymous.
    stats: etiasStatsSource(),
    retentionRules: [
      ...etias.retentionRules(),
      ...(parts.sourceDeleted === undefined ? [] : [parts.sourceDeleted.rule()]),
    ],
  };
}

export { etiasBorderStep, type EtiasBorderOptions, type EtiasData } from './border-step.ts';
export { etiasSearchSource } from './search-source.ts';
export { etiasStatsFacts, etiasStatsSource } from './stats-source.ts';
