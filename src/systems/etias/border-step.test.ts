import { describe, expect, it } from 'vitest';

import type { Actor } from '../../contexts/access/index.ts';
import type { AuthorisationAnswer } from '../../contexts/etias/index.ts';
import { parseMrz } from '../../contexts/identity/index.ts';
import type { StepContext } from '../../flows/border-check/index.ts';
import { etiasBorderStep, type EtiasBorderQuery } from './border-step.ts';

const NONE: AuthorisationAnswer = {
  valid: false,
  validHere: false,
  status: 'none',
  applicationId: null,
  validUntil: null,
  remainingDays: 0,
  expiresSoon: false,
  territorialValidity: null,
  flags: [],
  familyMember: false,
  decidedOn: null,
};

/** The ETIAS answer a test wants, and the queries the step made. */
function etias(answer: AuthorisationAnswer): EtiasBorderQuery & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    borderQuery: (input) => {
      asked.push(input);
      return Promise.resolve(answer);
    },
    secondLineCheckDone: () => Promise.resolve(false),
  };
}

const ctx = (nationality: string): StepContext => ({
  actor: {} as Actor,
  purpose: 'border-control',
  today: '2026-12-03',
  bcpId: 'FI-HEL',
  holder: {
    surname: 'HARRIS',
    givenNames: 'EMILY',
    nationality,
    birthDate: '1990-02-14',
    sex: 'F',
    documentType: 'P',
    documentNumber: 'X1234567',
    issuingState: nationality,
    expiryDate: '2030-01-01',
  },
  parsed: parseMrz(''),
});

describe('etiasBorderStep', () => {
  it('asks ETIAS about a visa-exempt national by the document read and the state of the crossing point', async () => {
    const port = etias(NONE);
    const out = await etiasBorderStep(port).run(ctx('USA'));
    expect(port.asked).toEqual([
      expect.objectContaining({
        document: { number: 'X1234567', issuingState: 'USA', nationality: 'USA', expiry: '2030-01-01' },
        memberState: 'FIN',
        today: '2026-12-03',
      }),
    ]);
    expect(out.findings).toEqual([
      expect.objectContaining({ code: 'ETIAS_MISSING', level: 'stop', refusalGround: 'ETIAS' }),
    ]);
  });

  it('asks nothing for a visa holder or an EU citizen, who need no travel authorisation', async () => {
    for (const nationality of ['IND', 'DEU']) {
      const port = etias(NONE);
      const out = await etiasBorderStep(port).run(ctx(nationality));
      expect(port.asked).toEqual([]);
      expect(out.findings).toEqual([]);
      expect(out.data).toMatchObject({ required: false, answer: null });
    }
  });

  it('only informs during the transitional period (art. 83(1)), with no refusal ground', async () => {
    const out = await etiasBorderStep(etias({ ...NONE, status: 'revoked', decidedOn: '2026-10-01' }), {
      transitionalUntil: '2027-04-30',
    }).run(ctx('USA'));
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ code: 'ETIAS_REVOKED', level: 'info' });
    expect(out.findings[0]!.refusalGround).toBeUndefined();
    expect(out.findings[0]!.params).toMatchObject({ transitionalUntil: '2027-04-30' });
  });

  it('asks for attention only when the nationality is on neither visa list (stateless, refugee)', async () => {
    const out = await etiasBorderStep(etias(NONE)).run(ctx('XXA'));
    expect(out.findings).toEqual([expect.objectContaining({ code: 'ETIAS_MISSING', level: 'attention' })]);
  });
});
