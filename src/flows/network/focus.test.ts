import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors.ts';
import { imoCheckDigitValid, parseFocus } from './focus.ts';

const codeOf = (raw: string): string | null => {
  try {
    parseFocus(raw);
    return null;
  } catch (err) {
    return isAppError(err) ? err.code : 'not an app error';
  }
};

describe('parseFocus', () => {
  it('reads an alert id, an IMO number, a container number and a plate', () => {
    expect(parseFocus('sis_0b8f-12')).toEqual({ kind: 'alert', alertId: 'sis_0b8f-12' });
    expect(parseFocus('IMO 9074729')).toEqual({ kind: 'imo', value: '9074729' });
    expect(parseFocus('9074729')).toEqual({ kind: 'imo', value: '9074729' });
    expect(parseFocus('CSQU 305438 3')).toEqual({ kind: 'container', value: 'CSQU3054383' });
    expect(parseFocus('28-VZK-4')).toEqual({ kind: 'plate', value: '28VZK4' });
  });

  it('refuses a wrong check digit and what is none of them, with stable codes', () => {
    expect(codeOf('CSQU3054384')).toBe('NETWORK_CONTAINER_CHECK_DIGIT');
    expect(codeOf('IMO 9074728')).toBe('NETWORK_IMO_CHECK_DIGIT');
    expect(codeOf('hello')).toBe('NETWORK_FOCUS_INVALID');
    expect(codeOf('\u0000')).toBe('NETWORK_FOCUS_INVALID');
  });

  it('checks the IMO check digit (weights 7 to 2)', () => {
    expect(imoCheckDigitValid('9074729')).toBe(true);
    expect(imoCheckDigitValid('9321483')).toBe(true);
    expect(imoCheckDigitValid('9321484')).toBe(false);
  });
});
