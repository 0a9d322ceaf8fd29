import { describe, expect, it } from 'vitest';
import type { LinkEvidence } from '../model.ts';
import { automatedColor, linkRules } from './color.ts';

const base: LinkEvidence = {
  biometric: 'not-compared',
  identity: 'different',
  identityRules: [],
  document: false,
};

describe('automated link colour (arts. 30 and 33)', () => {
  it('makes no link when nothing matched', () => {
    expect(automatedColor(base)).toBeNull();
    expect(automatedColor({ ...base, biometric: 'no-match' })).toBeNull();
  });

  it('is white for the same biometrics and the same or similar identity data (art. 33(1)(a))', () => {
    expect(automatedColor({ ...base, biometric: 'match', identity: 'same' })).toBe('white');
    expect(automatedColor({ ...base, biometric: 'match', identity: 'similar', identityRules: ['N-b'] })).toBe(
      'white',
    );
  });

  it('is white for the same identity and document where a system holds no biometrics (art. 33(1)(b))', () => {
    expect(automatedColor({ ...base, identity: 'same', document: true })).toBe('white');
  });

  it('is yellow for every discrepancy (art. 30(1))', () => {
    expect(automatedColor({ ...base, biometric: 'match' })).toBe('yellow');
    expect(automatedColor({ ...base, biometric: 'no-match', identity: 'same' })).toBe('yellow');
    expect(automatedColor({ ...base, document: true })).toBe('yellow');
    expect(automatedColor({ ...base, biometric: 'no-match', identity: 'same', document: true })).toBe(
      'yellow',
    );
    expect(automatedColor({ ...base, identity: 'similar', identityRules: ['D-a'] })).toBe('yellow');
  });

  it('names what fired', () => {
    expect(
      linkRules({ biometric: 'match', identity: 'similar', identityRules: ['N-a', 'D-b'], document: true }),
    ).toEqual(['biometric', 'identity-similar', 'N-a', 'D-b', 'document']);
  });
});
