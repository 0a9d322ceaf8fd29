import { describe, expect, it } from 'vitest';
import { imoCheckDigit, normaliseImo, portOfCall } from './vessels.ts';

describe('vessels', () => {
  describe('imoCheckDigit', () => {
    it('weights the first six digits 7 to 2 and keeps the last digit of the sum', () => {
      // 9×7 + 0×6 + 7×5 + 4×4 + 7×3 + 2×2 = 139 (the example of IMO Res. A.1117(30)).
      expect(imoCheckDigit('907472')).toBe('9');
    });
  });

  describe('normaliseImo', () => {
    it('accepts seven digits with their check digit, with or without the IMO prefix', () => {
      expect(normaliseImo('9074729')).toBe('9074729');
      expect(normaliseImo('IMO 9074729')).toBe('9074729');
    });
    it('refuses a wrong check digit, other lengths and other characters', () => {
      for (const bad of ['9074728', '907472', '90747290', '9O74729', '']) {
        expect(normaliseImo(bad), bad).toBeNull();
      }
    });
  });

  describe('portOfCall', () => {
    it("gives a UN/LOCODE's state and refuses unknown states and bad characters", () => {
      expect(portOfCall('cn sha')).toEqual({ locode: 'CNSHA', state: 'CN' });
      expect(portOfCall('MAPTM')).toEqual({ locode: 'MAPTM', state: 'MA' });
      expect(portOfCall('QQSHA')).toBeNull();
      expect(portOfCall('NLRT1')).toBeNull();
    });
  });
});
