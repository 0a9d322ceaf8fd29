import { describe, expect, it } from 'vitest';

import { lookupCountry } from './countries/index.ts';
import {
  euMemberStates,
  findMemberState,
  isEuEeaOrSwissState,
  isEuMemberState,
  isSchengenState,
  isSchengenStateOn,
  memberStates,
  schengenStates,
} from './member-states.ts';

const codes = (states: readonly { alpha2: string }[]) => states.map((s) => s.alpha2).sort();

describe('memberStates', () => {
  it('lists the 27 EU Member States, the 3 EEA EFTA states and Switzerland', () => {
    expect(memberStates).toHaveLength(31);
    expect(euMemberStates).toHaveLength(27);
    expect(codes(memberStates.filter((s) => s.euMemberSince === null))).toEqual(['CH', 'IS', 'LI', 'NO']);
    expect(codes(memberStates.filter((s) => !s.eea))).toEqual(['CH']);
  });

  it('lists 29 Schengen states: the EU without Cyprus and Ireland, plus IS, LI, NO and CH', () => {
    expect(schengenStates).toHaveLength(29);
    const expected = [
      ...codes(euMemberStates).filter((c) => c !== 'CY' && c !== 'IE'),
      'CH',
      'IS',
      'LI',
      'NO',
    ];
    expect(codes(schengenStates)).toEqual(expected.sort());
    expect(isSchengenState('BG')).toBe(true);
    expect(isSchengenState('ROU')).toBe(true);
    expect(isSchengenState('CY')).toBe(false);
    expect(isSchengenState('IRL')).toBe(false);
  });

  it('uses the ISO codes of the country list for every state', () => {
    for (const s of memberStates) {
      expect(lookupCountry(s.alpha3), s.alpha3).toMatchObject({ alpha2: s.alpha2, kind: 'state' });
    }
  });

  it('gives Schengen dates in ISO form, never before 26 March 1995', () => {
    for (const s of schengenStates) {
      for (const date of Object.values(s.schengen ?? {})) {
        expect(date, s.alpha2).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(date >= '1995-03-26', s.alpha2).toBe(true);
      }
    }
  });
});

describe('findMemberState', () => {
  it('finds a state by alpha-2, alpha-3 or Germany’s D, in any case', () => {
    expect(findMemberState('de')?.alpha3).toBe('DEU');
    expect(findMemberState('DEU')?.alpha2).toBe('DE');
    expect(findMemberState('D')?.alpha3).toBe('DEU');
    expect(findMemberState(' fin ')?.name).toBe('Finland');
  });

  it('returns undefined for third countries', () => {
    expect(findMemberState('GB')).toBeUndefined();
    expect(findMemberState('TUR')).toBeUndefined();
  });
});

describe('isEuMemberState', () => {
  it('distinguishes EU Member States from the EEA EFTA states and Switzerland', () => {
    expect(isEuMemberState('IE')).toBe(true);
    expect(isEuMemberState('CYP')).toBe(true);
    expect(isEuMemberState('NO')).toBe(false);
    expect(isEuMemberState('CH')).toBe(false);
    expect(isEuEeaOrSwissState('NO')).toBe(true);
    expect(isEuEeaOrSwissState('CH')).toBe(true);
    expect(isEuEeaOrSwissState('GBR')).toBe(false);
  });
});

describe('isSchengenStateOn', () => {
  it('applies the original Schengen states from 26 March 1995', () => {
    expect(isSchengenStateOn('DE', '1995-03-25')).toBe(false);
    expect(isSchengenStateOn('D', '1995-03-26')).toBe(true);
    expect(isSchengenStateOn('PRT', '1995-03-26', 'air')).toBe(true);
  });

  it('applies Romania and Bulgaria at air and sea borders from 31 March 2024 and at land borders from 2025', () => {
    expect(isSchengenStateOn('RO', '2024-03-30', 'air')).toBe(false);
    expect(isSchengenStateOn('RO', '2024-03-31', 'air')).toBe(true);
    expect(isSchengenStateOn('BG', '2024-06-01', 'sea')).toBe(true);
    expect(isSchengenStateOn('BG', '2024-12-31', 'land')).toBe(false);
    expect(isSchengenStateOn('BG', '2024-12-31')).toBe(false);
    expect(isSchengenStateOn('BG', '2025-01-01', 'land')).toBe(true);
    expect(isSchengenStateOn('ROU', '2025-01-01')).toBe(true);
  });

  it('applies Croatia at land borders from 1 January 2023 and at airports from 26 March 2023', () => {
    expect(isSchengenStateOn('HR', '2022-12-31', 'land')).toBe(false);
    expect(isSchengenStateOn('HR', '2023-01-01', 'land')).toBe(true);
    expect(isSchengenStateOn('HR', '2023-01-01', 'air')).toBe(false);
    expect(isSchengenStateOn('HR', '2023-03-26', 'air')).toBe(true);
  });

  it('applies the 2004 enlargement states at airports only from 30 March 2008', () => {
    expect(isSchengenStateOn('PL', '2007-12-21', 'land')).toBe(true);
    expect(isSchengenStateOn('PL', '2008-03-29', 'air')).toBe(false);
    expect(isSchengenStateOn('PL', '2008-03-30', 'air')).toBe(true);
  });

  it('never applies for Cyprus, Ireland or third countries', () => {
    expect(isSchengenStateOn('CY', '2030-01-01')).toBe(false);
    expect(isSchengenStateOn('IE', '2030-01-01', 'air')).toBe(false);
    expect(isSchengenStateOn('GBR', '2010-01-01')).toBe(false);
  });
});
