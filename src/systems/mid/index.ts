import type { MidLinkNotices } from '../../contexts/mid/index.ts';
import type { SystemAdapter } from '../adapter.ts';
import { midBorderStep } from './border-step.ts';
import { midStatsSource } from './stats-source.ts';

/**
 * The multiple-identity detector (Regs. (EU) 2019/817 and 2019/818 arts. 25-36) as it plugs in: in the border
 * check, after the other systems, the links of the records they found that the guard may see (art. 26), red
 * and yellow ones as findings (SBC art. 8(4a)); its links in the statistics repository.
 */
export function midSystem(mid: MidLinkNotices): SystemAdapter {
  return {
    system: 'mid',
    borderStep: midBorderStep(mid),
    // 2019/817 and 2019/818 arts. 29 and 39(1): links by colour and the verification backlog, anonymous.
    stats: midStatsSource(),
  };
}

export { midBorderStep, type MidData } from './border-step.ts';
export { midStatsFacts, midStatsSource } from './stats-source.ts';
