import type { MidLinkNotices } from '../../contexts/mid/index.ts';
import type { SystemAdapter } from '../adapter.ts';
import { midBorderStep } from './border-step.ts';

/**
 * The multiple-identity detector (Regs. (EU) 2019/817 and 2019/818 arts. 25-36) as it plugs in: in the border
 * check, after the other systems, the links of the records they found that the guard may see (art. 26), red
 * and yellow ones as findings (SBC art. 8(4a)).
 */
export function midSystem(mid: MidLinkNotices): SystemAdapter {
  return { system: 'mid', borderStep: midBorderStep(mid) };
}

export { midBorderStep, type MidData } from './border-step.ts';
