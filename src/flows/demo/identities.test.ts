import { describe, expect, it } from 'vitest';
import { generateIdentities, type GeneratedIdentity } from '../../contexts/identity/index.ts';
import { IdentityPool } from './identities.ts';

describe('IdentityPool', () => {
  it('never gives two persons the same travel document (EES holds a document in one file)', () => {
    const people = generateIdentities({ count: 40, seed: 'pool-documents', variantRate: 0 }).filter(
      (p) => p.documentNumber !== '',
    );
    const [first, second, third] = people as [GeneratedIdentity, GeneratedIdentity, GeneratedIdentity];
    // As the generator does about once in 400,000 persons: another person with the first one's document,
    // here with the number written with a space (the same number once harmonised).
    const twin: GeneratedIdentity = {
      ...second,
      issuingState: first.issuingState,
      documentNumber: `${first.documentNumber.slice(0, 3)} ${first.documentNumber.slice(3)}`,
    };
    const pool = new IdentityPool('unused', '2026-12-03', {
      thirdCountryOnly: false,
      source: [first, twin, third],
    });
    const drawn = [pool.take(), pool.take()];
    expect(drawn.map((p) => p.documentNumber)).toEqual([first.documentNumber, third.documentNumber]);
    expect(() => pool.take()).toThrow(/no person who fits/);
  });
});
