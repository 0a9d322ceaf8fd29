import { describe, expect, it } from 'vitest';

import { answerFor, type AuthorisationOnFile } from './answer.ts';

const file = (over: Partial<AuthorisationOnFile>): AuthorisationOnFile => ({
  applicationId: 'app_1',
  status: 'issued',
  validFrom: '2026-01-01',
  validUntil: '2028-12-31',
  flags: [],
  territorialValidity: null,
  familyMember: false,
  decidedOn: '2026-01-01',
  ...over,
});

const at = { today: '2026-06-01', memberStates: ['FIN'], expiryWarningDays: 90 };

describe('answerFor', () => {
  it('answers valid with the validity end and the days left, today included', () => {
    const a = answerFor([file({ validUntil: '2026-06-10' })], at);
    expect(a).toMatchObject({
      valid: true,
      validHere: true,
      status: 'valid',
      remainingDays: 10,
      expiresSoon: true,
    });
  });

  it('says there is none when no file exists for the document', () => {
    expect(answerFor([], at)).toMatchObject({ valid: false, status: 'none', applicationId: null });
  });

  it('names the last decision when the only authorisation is not valid', () => {
    const revoked = file({ status: 'revoked', decidedOn: '2026-03-01' });
    expect(answerFor([revoked], at)).toMatchObject({
      valid: false,
      status: 'revoked',
      decidedOn: '2026-03-01',
    });
    const refusedThenExpired = [
      file({ applicationId: 'a', status: 'refused', decidedOn: '2023-01-01' }),
      file({ applicationId: 'b', validUntil: '2026-05-01', decidedOn: '2024-01-01' }),
    ];
    expect(answerFor(refusedThenExpired, at)).toMatchObject({ status: 'expired', applicationId: 'b' });
  });

  it('prefers a valid authorisation to an earlier refusal, and says a pending one is no authorisation', () => {
    const files = [file({ applicationId: 'old', status: 'refused', decidedOn: '2025-01-01' }), file({})];
    expect(answerFor(files, at)).toMatchObject({ valid: true, applicationId: 'app_1' });
    expect(answerFor([file({ status: 'manual', validUntil: null, decidedOn: null })], at).status).toBe(
      'pending',
    );
  });

  it('is valid but not here when the limited territorial validity leaves out the state asked about', () => {
    const ltv = file({ territorialValidity: ['FR', 'DE'] });
    expect(answerFor([ltv], at)).toMatchObject({
      valid: true,
      validHere: false,
      territorialValidity: ['FR', 'DE'],
    });
    expect(answerFor([ltv], { ...at, memberStates: ['FRA'] }).validHere).toBe(true);
  });
});
