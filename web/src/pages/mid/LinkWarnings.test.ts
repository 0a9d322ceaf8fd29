import { describe, expect, it } from 'vitest';

import type { MidLinkNotice } from '../../api/types.ts';
import { linkWarnings } from './LinkWarnings.tsx';

const verifier = {
  authorityType: 'etias-central',
  memberState: 'EU',
  system: 'etias',
  basis: 'art. 29(1)(c)',
};
const notice = (linkId: string, color: string, record: string, other: MidLinkNotice['other']) =>
  ({ linkId, icf: `MID-${linkId}`, color, record, other, verifier, meaning: color }) as MidLinkNotice;

describe('linkWarnings', () => {
  it('shows a link once when the answer holds both of its records, naming both', () => {
    const warnings = linkWarnings([
      notice('l1', 'red', 'ees:eesf_1', 'etias:app_1'),
      notice('l1', 'red', 'etias:app_1', 'ees:eesf_1'),
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.both).toEqual(['ees:eesf_1', 'etias:app_1']);
  });

  it('keeps one notice per link, red first, and names no pair when only one record is in the answer', () => {
    const warnings = linkWarnings([
      notice('l2', 'yellow', 'ees:eesf_1', { system: 'eurodac' }),
      notice('l3', 'red', 'ees:eesf_1', 'sis:sis_1'),
    ]);
    expect(warnings.map((w) => [w.notice.linkId, w.both])).toEqual([
      ['l3', null],
      ['l2', null],
    ]);
  });
});
