import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILES, type Actor, type AuthorityType } from '../../access/index.ts';
import type { CirRef } from '../../cir/index.ts';
import type { LinkColor, MidLink } from '../model.ts';
import { mayView, noticeOf, viewerOf } from './visibility.ts';

const actor = (type: AuthorityType, memberState: string): Actor => ({
  kind: 'user',
  userId: `u-${type}`,
  username: `${type}.${memberState.toLowerCase()}`,
  authorityId: `a-${type}`,
  authorityName: type,
  authorityType: type,
  memberState,
  profile: DEFAULT_PROFILES[type],
});

const EES: CirRef = 'ees:F-1';
const SIS: CirRef = 'sis:A-1';

/** An EES file linked to a SIS alert, made by the EES file, verified by the Finnish border authority. */
const link = (color: LinkColor): Pick<MidLink, 'id' | 'icf' | 'color' | 'records' | 'verifier'> => ({
  id: 'L-1',
  icf: 'ICF-1',
  color,
  records: [EES, SIS],
  verifier: { authorityType: 'border', memberState: 'FI', system: 'ees', basis: 'art. 29(1)(a)' },
});

describe('viewerOf', () => {
  it('derives the systems from the permissions of the profile', () => {
    expect([...viewerOf(actor('border', 'DE')).systems].sort()).toEqual(['ees', 'etias', 'sis']);
    expect([...viewerOf(actor('police', 'NL')).systems]).toEqual(['sis']);
    expect([...viewerOf(actor('sirene', 'IT')).systems]).toEqual(['sis']);
    expect([...viewerOf(actor('etias-central', 'EU')).systems]).toEqual(['etias']);
    expect([...viewerOf(actor('asylum', 'GR')).systems]).toEqual(['eurodac']);
    expect([...viewerOf(actor('visa', 'FR')).systems].sort()).toEqual(['ees', 'sis']);
    expect([...viewerOf(actor('analyst', 'EU')).systems]).toEqual([]);
    expect([...viewerOf(actor('carrier', 'DE')).systems]).toEqual([]);
  });
});

describe('mayView (art. 26)', () => {
  // Viewer → [yellow, white, green not matched, green matched, red], looking at the EES file's result.
  const table: Array<[string, Actor, [boolean, boolean, boolean, boolean, boolean]]> = [
    // Art. 26(1): the verifying authority sees every colour of its links.
    ['the verifying border authority (FI)', actor('border', 'FI'), [true, true, true, true, true]],
    // Another border authority: EES and SIS (both systems), yellow as "not yet verified" (SBC art. 8(4a)).
    ['a border authority of another state', actor('border', 'DE'), [true, true, false, true, true]],
    ['an immigration authority (EES, SIS)', actor('immigration', 'DE'), [true, true, false, true, true]],
    // Only SIS: red (26(2)); yellow only when looking at the SIS alert (below); never white or green.
    ['the police (SIS)', actor('police', 'NL'), [false, false, false, false, true]],
    ['a SIRENE Bureau (SIS)', actor('sirene', 'IT'), [false, false, false, false, true]],
    // Neither linked system, but a CIR system: red only (26(2)).
    ['the ETIAS Central Unit (ETIAS)', actor('etias-central', 'EU'), [false, false, false, false, true]],
    ['an asylum authority (Eurodac)', actor('asylum', 'GR'), [false, false, false, false, true]],
    // No CIR system and no SIS: nothing.
    ['an analyst', actor('analyst', 'EU'), [false, false, false, false, false]],
    ['a carrier', actor('carrier', 'DE'), [false, false, false, false, false]],
  ];
  it.each(table)('%s', (_name, who, expected) => {
    const viewer = viewerOf(who);
    const seen = [
      mayView(viewer, link('yellow'), { record: EES }),
      mayView(viewer, link('white'), { record: EES }),
      mayView(viewer, link('green'), { record: EES, matched: [EES] }),
      mayView(viewer, link('green'), { record: EES, matched: [EES, SIS] }),
      mayView(viewer, link('red'), { record: EES }),
    ];
    expect(seen).toEqual(expected);
  });

  it('shows a yellow link to the authorities with access to the system of the record looked at', () => {
    const police = viewerOf(actor('police', 'NL'));
    expect(mayView(police, link('yellow'), { record: SIS })).toBe(true);
    expect(mayView(police, link('yellow'), { record: EES })).toBe(false);
    const asylum = viewerOf(actor('asylum', 'GR'));
    expect(mayView(asylum, link('yellow'), { record: SIS })).toBe(false);
  });

  it('is about the records of the link only', () => {
    expect(mayView(viewerOf(actor('border', 'FI')), link('red'), { record: 'etias:X' })).toBe(false);
  });
});

describe('noticeOf', () => {
  it('names the other record only to an authority with access to its system', () => {
    const border = noticeOf(viewerOf(actor('border', 'DE')), link('red'), { record: SIS });
    expect(border).toMatchObject({ linkId: 'L-1', icf: 'ICF-1', color: 'red', record: SIS, other: EES });
    const police = noticeOf(viewerOf(actor('police', 'NL')), link('red'), { record: SIS });
    expect(police?.other).toEqual({ system: 'ees' });
    expect(police?.verifier).toMatchObject({ authorityType: 'border', memberState: 'FI' });
    expect(police?.meaning).toMatch(/art\. 32/u);
  });

  it('says a yellow link is not yet verified', () => {
    expect(noticeOf(viewerOf(actor('border', 'DE')), link('yellow'), { record: EES })?.meaning).toMatch(
      /^not yet verified/u,
    );
  });

  it('is null when the link is not to be seen', () => {
    expect(noticeOf(viewerOf(actor('analyst', 'EU')), link('red'), { record: EES })).toBeNull();
  });
});
