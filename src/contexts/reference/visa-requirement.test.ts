import { describe, expect, it } from 'vitest';
import { visaRequirement } from './visa-requirement.ts';

describe('visaRequirement (Reg. (EU) 2018/1806)', () => {
  it('knows the Annex I nationalities that need a visa', () => {
    for (const code of ['DZA', 'MAR', 'TUR', 'CHN', 'IND', 'EGY', 'IRN']) {
      expect(visaRequirement(code)).toBe('required');
    }
  });
  it('knows the Annex II nationalities that do not, and EU/EEA/Swiss nationals', () => {
    for (const code of ['USA', 'GBR', 'BRA', 'KOR', 'RKS']) {
      expect(visaRequirement(code)).toBe('exempt');
    }
    expect(visaRequirement('DEU')).toBe('free-movement');
    expect(visaRequirement('D')).toBe('free-movement');
    expect(visaRequirement('CHE')).toBe('free-movement');
  });
  it('says unknown for codes on neither list', () => {
    expect(visaRequirement('XXA')).toBe('unknown');
    expect(visaRequirement('GBD')).toBe('unknown');
  });
});
