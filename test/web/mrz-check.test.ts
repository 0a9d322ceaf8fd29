import { describe, expect, it } from 'vitest';

import { generateMrzOrThrow } from '../../src/contexts/identity/index.ts';
import { checkMrz, mrzLines } from '../../web/src/pages/border/mrzCheck.ts';

const passport = generateMrzOrThrow({
  format: 'TD3',
  documentCode: 'P',
  issuingState: 'USA',
  surname: 'HARRIS',
  givenNames: 'EMILY ROSE',
  documentNumber: 'Z10000001',
  nationality: 'USA',
  birthDate: '900214',
  sex: 'F',
  expiryDate: '300101',
}).lines;

const idCard = generateMrzOrThrow({
  format: 'TD1',
  documentCode: 'I',
  issuingState: 'FRA',
  surname: 'MARTIN',
  givenNames: 'CLAIRE',
  documentNumber: 'X4RTBPFW4',
  nationality: 'FRA',
  birthDate: '850730',
  sex: 'F',
  expiryDate: '310101',
}).lines;

describe('mrzLines', () => {
  it('drops spaces and empty lines and makes letters capitals', () => {
    expect(mrzLines(' p<usa HARRIS \n\n z1 \r\n')).toEqual(['P<USAHARRIS', 'Z1']);
  });
});

describe('checkMrz', () => {
  it('accepts a passport and an identity card the identity context generated', () => {
    expect(checkMrz(passport.join('\n'))).toMatchObject({ state: 'complete', format: 'TD3', errors: [] });
    expect(checkMrz(idCard.join('\n'))).toMatchObject({ state: 'complete', format: 'TD1', errors: [] });
  });

  it('says "incomplete", not wrong, while the lines are still being typed', () => {
    expect(checkMrz('P<USAHAR').state).toBe('incomplete');
    expect(checkMrz(`${passport[0]}\n`)).toMatchObject({ state: 'incomplete', expectedLines: 2 });
    expect(checkMrz(`${passport[0]}\n${passport[1]?.slice(0, 10)}`)).toMatchObject({
      state: 'incomplete',
      expectedLength: 44,
    });
  });

  it('points at the date-of-birth check digit when it does not match', () => {
    const [l1, l2] = passport as [string, string];
    const wrong = String((Number(l2[19]) + 1) % 10);
    const result = checkMrz(`${l1}\n${l2.slice(0, 19)}${wrong}${l2.slice(20)}`);
    expect(result.state).toBe('complete');
    const errors = result.state === 'complete' ? result.errors : [];
    expect(errors).toContainEqual({
      field: 'birthDateCheckDigit',
      kind: 'check-digit',
      line: 1,
      start: 19,
      end: 20,
    });
  });

  it('names the line that is too long and a character no MRZ holds', () => {
    expect(checkMrz(`${passport[0]}<\n${passport[1]}`)).toMatchObject({ state: 'bad-layout', line: 0 });
    expect(checkMrz(`${passport[0]}\n${passport[1]}<`)).toMatchObject({
      state: 'bad-layout',
      line: 1,
      length: 45,
      expectedLength: 44,
    });
    expect(checkMrz('P<USA-HARRIS')).toMatchObject({
      state: 'bad-character',
      line: 0,
      column: 5,
      character: '-',
    });
  });

  it('reports a third line on a passport as a layout error', () => {
    expect(checkMrz(`${passport.join('\n')}\n<<<`)).toMatchObject({ state: 'bad-layout', line: 2 });
  });
});
