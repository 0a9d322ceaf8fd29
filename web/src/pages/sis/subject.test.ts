import { describe, expect, it } from 'vitest';

import { alertSubject } from './subject.ts';

describe('alertSubject', () => {
  it('names a person by surname, given names and date of birth', () => {
    expect(alertSubject({ person: { surname: 'ROSSI', givenNames: 'MARCO', birthDate: '1980-05-00' } })).toBe(
      'ROSSI, MARCO (1980-05-00)',
    );
  });

  it('names an unknown suspect by the dactyloscopic reference and an object by its first identifier', () => {
    expect(alertSubject({ person: { dactyloscopicRef: 'afis:77' } })).toBe('afis:77');
    expect(
      alertSubject({
        object: {
          type: 'motor-vehicle',
          identifiers: [{ kind: 'plate', value: '2-HKT-418', country: 'BEL' }],
        },
      }),
    ).toBe('2-HKT-418 (BEL)');
  });
});
