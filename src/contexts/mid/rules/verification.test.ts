import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/errors.ts';
import type { Actor } from '../../access/index.ts';
import type { LinkEvidence, Verifier } from '../model.ts';
import {
  colorOptions,
  parseVerification,
  requireColorAllowed,
  requireVerifier,
  requireYellow,
} from './verification.ts';

const evidence = (e: Partial<LinkEvidence>): LinkEvidence => ({
  biometric: 'not-compared',
  identity: 'different',
  identityRules: [],
  document: false,
  ...e,
});

const allowed = (e: Partial<LinkEvidence>) =>
  colorOptions(evidence(e))
    .filter((o) => o.allowed)
    .map((o) => o.color);

function codeOf(fn: () => unknown): { code: string; kind: string; details: unknown } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (isAppError(e)) {
      return { code: e.code, kind: e.kind, details: e.details };
    }
    throw e;
  }
}

const sirene: Verifier = { authorityType: 'sirene', memberState: 'IT', system: 'sis', basis: 'art. 29(2)' };
const actor = (authorityType: Actor['authorityType'], memberState: string) =>
  ({ authorityType, memberState }) as unknown as Actor;

describe('manual verification of links (arts. 29-33)', () => {
  describe('who verifies (art. 29)', () => {
    it('lets the verifying authority of the right type and state verify', () => {
      expect(() => requireVerifier(actor('sirene', 'IT'), sirene)).not.toThrow();
    });

    it('refuses another state or another authority type with MID_NOT_VERIFIER', () => {
      expect(codeOf(() => requireVerifier(actor('sirene', 'FI'), sirene))).toMatchObject({
        code: 'MID_NOT_VERIFIER',
        kind: 'Forbidden',
      });
      expect(codeOf(() => requireVerifier(actor('border', 'IT'), sirene))?.code).toBe('MID_NOT_VERIFIER');
    });
  });

  describe('which links', () => {
    it('verifies a yellow link only; a verified one is final', () => {
      expect(() => requireYellow({ id: 'l1', color: 'yellow' })).not.toThrow();
      expect(codeOf(() => requireYellow({ id: 'l1', color: 'white' }))).toMatchObject({
        code: 'MID_LINK_NOT_YELLOW',
        kind: 'Conflict',
      });
      const verified = {
        id: 'l1',
        color: 'red' as const,
        verification: {
          color: 'red' as const,
          reason: 'x',
          by: 'u',
          authority: 'A',
          at: '2026-12-01T10:00:00Z',
        },
      };
      expect(codeOf(() => requireYellow(verified))?.code).toBe('MID_LINK_NOT_YELLOW');
    });
  });

  describe('the body', () => {
    it('takes a colour and a trimmed reason', () => {
      expect(parseVerification({ color: 'green', reason: '  namesakes, different faces ' })).toEqual({
        color: 'green',
        reason: 'namesakes, different faces',
      });
    });

    it('refuses yellow, an empty or blank reason and one over 2000 characters, naming each field', () => {
      const e = codeOf(() => parseVerification({ color: 'yellow', reason: '   ' }));
      expect(e?.code).toBe('MID_VERIFICATION_INVALID');
      expect((e?.details as { problems: Array<{ field: string }> }).problems.map((p) => p.field)).toEqual([
        'color',
        'reason',
      ]);
      expect(codeOf(() => parseVerification({ color: 'red', reason: 'x'.repeat(2001) }))?.code).toBe(
        'MID_VERIFICATION_INVALID',
      );
      expect(parseVerification({ color: 'red', reason: 'x'.repeat(2000) }).reason).toHaveLength(2000);
    });

    it('takes a reason to withhold the notice for red links only (art. 32)', () => {
      expect(
        parseVerification({
          color: 'red',
          reason: 'fraud',
          withholdNotice: { reason: ' open investigation ' },
        }),
      ).toEqual({ color: 'red', reason: 'fraud', withholdNotice: { reason: 'open investigation' } });
      expect(
        codeOf(() => parseVerification({ color: 'white', reason: 'same', withholdNotice: { reason: 'x' } }))
          ?.code,
      ).toBe('MID_VERIFICATION_INVALID');
      expect(
        codeOf(() => parseVerification({ color: 'red', reason: 'fraud', withholdNotice: { reason: '' } }))
          ?.code,
      ).toBe('MID_VERIFICATION_INVALID');
    });
  });

  describe('colours the evidence allows (arts. 31-33)', () => {
    it('one face under two names: white or red (a), never green', () => {
      expect(allowed({ biometric: 'match' })).toEqual(['white', 'red']);
      const e = codeOf(() => requireColorAllowed(evidence({ biometric: 'match' }), 'green'));
      expect(e).toMatchObject({ code: 'MID_COLOR_NOT_ALLOWED', kind: 'Unprocessable' });
      expect(e?.details).toMatchObject({ allowed: ['white', 'red'] });
    });

    it('one passport, two faces: white, green or red (b)', () => {
      expect(allowed({ biometric: 'no-match', document: true })).toEqual(['white', 'green', 'red']);
      expect(requireColorAllowed(evidence({ biometric: 'no-match', document: true }), 'red').basis).toContain(
        'art. 32(1)(b)',
      );
    });

    it('the same identity with different biometrics: green (namesakes) or red (c)', () => {
      expect(allowed({ biometric: 'no-match', identity: 'same' })).toEqual(['white', 'green', 'red']);
      expect(
        requireColorAllowed(evidence({ biometric: 'no-match', identity: 'similar' }), 'red').basis,
      ).toContain('art. 32(1)(c)');
    });

    it('different identity sharing a document where a system holds no biometrics: green (c) or red (d)', () => {
      const e = { document: true };
      expect(allowed(e)).toEqual(['white', 'green', 'red']);
      expect(requireColorAllowed(evidence(e), 'red').basis).toContain('art. 32(1)(d)');
      expect(requireColorAllowed(evidence(e), 'green').basis).toContain('art. 31(1)(c)');
    });

    it('a similar identity without biometrics or a shared document cannot be red', () => {
      const e = { identity: 'similar' as const, identityRules: ['N-b' as const] };
      expect(allowed(e)).toEqual(['white', 'green']);
      expect(codeOf(() => requireColorAllowed(evidence(e), 'red'))?.code).toBe('MID_COLOR_NOT_ALLOWED');
    });
  });
});
