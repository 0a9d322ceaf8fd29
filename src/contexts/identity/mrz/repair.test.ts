import { describe, expect, it } from 'vitest';
import { repairMrz } from './repair.ts';

const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

describe('repairMrz', () => {
  it('leaves a valid MRZ unchanged', () => {
    const r = repairMrz(TD3);
    expect(r.status).toBe('unchanged');
    expect(r.corrections).toEqual([]);
  });

  it('turns letters in date and check digit positions into their digit look-alikes', () => {
    const r = repairMrz([TD3[0]!, 'L898902C36UTO74O812ZF12O4159ZE184226B<<<<<1O']);
    expect(r.status).toBe('repaired');
    expect(r.result.valid).toBe(true);
    expect(r.result.birthDate).toBe('740812');
    expect(r.corrections).toEqual(
      expect.arrayContaining([
        { field: 'birthDate', from: '74O812', to: '740812' },
        { field: 'birthDateCheckDigit', from: 'Z', to: '2' },
        { field: 'expiryDate', from: '12O415', to: '120415' },
        { field: 'compositeCheckDigit', from: 'O', to: '0' },
      ]),
    );
  });

  it('turns digits in names and codes into their letter look-alikes', () => {
    const r = repairMrz(['P<UT0ERIK55ON<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<', TD3[1]!]);
    expect(r.status).toBe('repaired');
    expect(r.result.issuingState).toBe('UTO');
    expect(r.result.surname).toBe('ERIKSSON');
    expect(r.result.givenNames).toBe('ANNA MARIA');
  });

  it('picks the one reading of a mixed document number that the check digits confirm', () => {
    const r = repairMrz([TD3[0]!, 'L8989O2C36UTO7408122F1204159ZE184226B<<<<<10']);
    expect(r.status).toBe('repaired');
    expect(r.result.documentNumber).toBe('L898902C3');
    expect(r.corrections).toEqual([{ field: 'documentNumber', from: 'L8989O2C3', to: 'L898902C3' }]);
  });

  it('repairs a TD1 long document number through the composite check digit', () => {
    const r = repairMrz(
      [
        'I<UTOD23145890<7349<<<<<<<<<<<',
        '3407127M9507122UTO<<<<<<<<<<<2',
        'STEVENSON<<PETER<JOHN<<<<<<<<<',
      ].map((l, i) => (i === 0 ? l.replace('D2314', 'D23I4') : l)),
    );
    expect(r.status).toBe('repaired');
    expect(r.result.documentNumber).toBe('D23145890734');
  });

  it('repairs lower-case input', () => {
    const r = repairMrz(TD3.map((l) => l.toLowerCase()));
    expect(r.status).toBe('repaired');
    expect(r.result.valid).toBe(true);
  });

  it('refuses to guess when a field that no look-alike explains is wrong', () => {
    const r = repairMrz([TD3[0]!, 'L898902C36UTO7408122F1204159ZE184226B<<<<<17']);
    expect(r.status).toBe('unrepairable');
    expect(r.result.valid).toBe(false);
    expect(r.corrections).toEqual([]);
  });

  it('reports ambiguity instead of choosing between equally short readings', () => {
    // A visa has no composite check digit, so only the document number's own check digit decides.
    const visa = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'S8S8S8S8S0XXX4009078F9612109<<<<<<<<'];
    const r = repairMrz(visa);
    expect(r.status).toBe('ambiguous');
    expect(r.message).toContain('different readings with 2 substitutions');
    expect(r.result.valid).toBe(false);
    expect(r.corrections).toEqual([]);
  });

  it('stays within the candidate budget', () => {
    const r = repairMrz(
      ['I<UTO5S5S5S5S5<5S5S5S5S5S5S5S5', '7408122F1204159UTO5S5S5S5S5S7', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'],
      {
        maxChanges: 3,
        maxCandidates: 50,
      },
    );
    expect(r.status).not.toBe('repaired');
    expect(r.result.valid).toBe(false);
  });

  it('gives up on input of no known shape', () => {
    const r = repairMrz('hello');
    expect(r.status).toBe('unrepairable');
  });
});
