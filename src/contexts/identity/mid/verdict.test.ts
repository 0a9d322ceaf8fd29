import { describe, expect, it } from 'vitest';
import type { IdentityData, MidRuleId } from './types.ts';
import { midVerdict } from './verdict.ts';

/** The defaults of §9 of the MID rules specification: every field not listed is equal in both records. */
const person = (overrides: Partial<IdentityData> = {}): IdentityData => ({
  system: 'EES',
  surname: 'SMITH',
  givenNames: 'JOHN',
  birthDate: '1980-05-12',
  sex: 'M',
  nationalities: ['GBR'],
  ...overrides,
});
const x = (overrides: Partial<IdentityData> = {}) => person({ system: 'EES', ...overrides });
const y = (overrides: Partial<IdentityData> = {}) => person({ system: 'VIS', ...overrides });

interface Vector {
  id: string;
  x: IdentityData;
  y: IdentityData;
  verdict: 'same' | 'similar' | 'different';
  rules: MidRuleId[];
}

const VECTORS: Vector[] = [
  {
    id: 'V1 EES without place of birth vs VIS with one',
    x: x(),
    y: y({ placeOfBirth: 'LONDON', countryOfBirth: 'GBR' }),
    verdict: 'same',
    rules: [],
  },
  {
    id: 'V2 surname at birth matches a SIS surname across fields',
    x: {
      system: 'ETIAS',
      surname: 'MUELLER',
      surnameAtBirth: 'SCHMIDT',
      givenNames: 'ANNA',
      birthDate: '1975-02-01',
      sex: 'F',
      nationalities: ['DEU'],
    },
    y: {
      system: 'SIS',
      surname: 'SCHMIDT',
      givenNames: 'ANNA',
      birthDate: '1975-02-01',
      sex: 'F',
      nationalities: ['DEU'],
    },
    verdict: 'same',
    rules: [],
  },
  {
    id: 'V3 one shared nationality; place of birth mismatch does not block',
    x: x({ system: 'ECRIS-TCN', nationalities: ['SYR', 'TUR'], placeOfBirth: 'ALEPPO' }),
    y: y({ nationalities: ['TUR'], placeOfBirth: 'DAMASCUS' }),
    verdict: 'same',
    rules: [],
  },
  {
    id: 'V4 one insertion',
    x: x({ surname: 'SMITH' }),
    y: y({ surname: 'SMIETH' }),
    verdict: 'similar',
    rules: ['N-f'],
  },
  {
    id: 'V5 non-adjacent letter swap',
    x: x({ givenNames: 'KARIM' }),
    y: y({ givenNames: 'KIRAM' }),
    verdict: 'similar',
    rules: ['N-e'],
  },
  {
    id: 'V6 full surname / first-name swap',
    x: x({ surname: 'AHMED', givenNames: 'HASSAN' }),
    y: y({ surname: 'HASSAN', givenNames: 'AHMED' }),
    verdict: 'similar',
    rules: ['N-b'],
  },
  {
    id: 'V7 all parts regrouped in one field',
    x: x({ surname: 'NGUYEN VAN AN', givenNames: '' }),
    y: y({ surname: 'NGUYEN', givenNames: 'VAN AN' }),
    verdict: 'similar',
    rules: ['N-c'],
  },
  {
    id: 'V8 two words swapped',
    x: x({ givenNames: 'MARIA LUISA' }),
    y: y({ givenNames: 'LUISA MARIA' }),
    verdict: 'similar',
    rules: ['N-d'],
  },
  {
    id: 'V9 apostrophe and hyphen',
    x: x({ surname: "D'ALMEIDA-COSTA" }),
    y: y({ surname: 'DALMEIDA COSTA' }),
    verdict: 'similar',
    rules: ['N-g'],
  },
  {
    id: 'V10 ICAO 9303 and another romanisation of ЮРИЙ',
    x: x({ givenNames: 'IURII' }),
    y: y({ givenNames: 'YURIY' }),
    verdict: 'similar',
    rules: ['N-a'],
  },
  {
    id: 'V11 truncated surname',
    x: x({ surname: 'WOLFESCHLEGELSTEINHAUSENBERGER' }),
    y: y({ surname: 'WOLFESCHLEGELSTEIN' }),
    verdict: 'similar',
    rules: ['N-h'],
  },
  {
    id: 'V12 day and month swapped',
    x: x({ birthDate: '1990-03-07' }),
    y: y({ birthDate: '1990-07-03' }),
    verdict: 'similar',
    rules: ['D-a'],
  },
  {
    id: 'V13 one digit substituted',
    x: x({ birthDate: '1990-03-07' }),
    y: y({ birthDate: '1990-03-01' }),
    verdict: 'similar',
    rules: ['D-c'],
  },
  {
    id: 'V14 Solar Hijri date keyed in as Gregorian',
    x: x({ birthDate: '1990-03-21' }),
    y: y({ birthDate: '1369-01-01' }),
    verdict: 'similar',
    rules: ['D-b'],
  },
  {
    id: 'V15 two digits differ',
    x: x({ birthDate: '1985-03-07' }),
    y: y({ birthDate: '1958-03-07' }),
    verdict: 'different',
    rules: [],
  },
  { id: 'V16 sex differs', x: x({ sex: 'M' }), y: y({ sex: 'F' }), verdict: 'different', rules: [] },
  {
    id: 'V17 no shared nationality',
    x: x({ nationalities: ['SYR'] }),
    y: y({ nationalities: ['IRQ'] }),
    verdict: 'different',
    rules: [],
  },
  {
    id: 'V18 Zaire renamed DR Congo; equal place of birth does not count alone',
    x: x({ nationalities: ['ZAR'], placeOfBirth: 'KINSHASA' }),
    y: y({ nationalities: ['COD'], placeOfBirth: 'KINSHASA' }),
    verdict: 'similar',
    rules: ['P-c'],
  },
  {
    id: 'V19 two edits',
    x: x({ surname: 'SMITH' }),
    y: y({ surname: 'SMYTHE' }),
    verdict: 'different',
    rules: [],
  },
  {
    id: 'V20 names and date of birth each similar',
    x: x({ surname: 'SMIETH', birthDate: '1990-07-03' }),
    y: y({ surname: 'SMITH', birthDate: '1990-03-07' }),
    verdict: 'similar',
    rules: ['N-f', 'D-a'],
  },
];

describe('midVerdict', () => {
  describe('test vectors of the MID rules specification §9', () => {
    it.each(VECTORS)('$id → $verdict', (v) => {
      const result = midVerdict(v.x, v.y);
      expect(result.verdict).toBe(v.verdict);
      expect(result.rules).toEqual(v.rules);
    });

    it('is symmetric: swapping X and Y gives the same verdict and rules for every vector', () => {
      for (const v of VECTORS) {
        const forward = midVerdict(v.x, v.y);
        const backward = midVerdict(v.y, v.x);
        expect({ id: v.id, verdict: backward.verdict, rules: backward.rules }).toEqual({
          id: v.id,
          verdict: forward.verdict,
          rules: forward.rules,
        });
      }
    });
  });

  describe('rule logging', () => {
    it('names the fields that matched and the rule for a similar surname (V4)', () => {
      const result = midVerdict(x({ surname: 'SMITH' }), y({ surname: 'SMIETH' }));
      expect(result.categories.names.outcome).toBe('similar');
      expect(result.categories.names.matches).toContainEqual(
        expect.objectContaining({ rule: 'N-f', x: 'surname', y: 'surname' }),
      );
      expect(result.categories.birthDate.outcome).toBe('same');
      expect(result.settings).toMatchObject({
        allowChaining: false,
        nationalityReading: 'strict',
        aliasHandling: 'pooled',
      });
    });

    it('logs the cross-field pair that made the names the same (V2)', () => {
      const v = VECTORS[1];
      expect(v).toBeDefined();
      const result = midVerdict(v?.x ?? {}, v?.y ?? {});
      expect(result.categories.names.matches).toContainEqual(
        expect.objectContaining({ rule: 'equal', x: 'surnameAtBirth', y: 'surname' }),
      );
    });

    it('reports every rule that fired, including those that did not decide (V7 also truncates)', () => {
      const result = midVerdict(
        x({ surname: 'NGUYEN VAN AN', givenNames: '' }),
        y({ surname: 'NGUYEN', givenNames: 'VAN AN' }),
      );
      expect(result.rules).toEqual(['N-c']);
      expect(result.firedRules).toEqual(expect.arrayContaining(['N-c', 'N-h']));
    });

    it('carries comparator levels for each field', () => {
      const result = midVerdict(x({ surname: 'SMITH' }), y({ surname: 'SMIETH' }));
      expect(result.fields.surname.damerauLevenshtein?.level).toBe('close');
      expect(result.fields.givenNames.jaroWinkler?.level).toBe('exact');
      expect(result.fields.birthDate.level).toBe('exact');
    });
  });

  describe('Eurodac switch (Art. 1(1)(i) inserted by 2026/326 and 2026/327)', () => {
    const eurodac = y({ system: 'EURODAC', placeOfBirth: 'LONDON' });

    it('gives SAME for V1 with Y from Eurodac when Eurodac is switched on', () => {
      expect(midVerdict(x(), eurodac, { eurodac: true }).verdict).toBe('same');
    });

    it('refuses Eurodac records while the switch is off', () => {
      expect(() => midVerdict(x(), eurodac)).toThrow(
        expect.objectContaining({ code: 'IDENTITY_MID_EURODAC_NOT_ENABLED' }),
      );
    });
  });

  describe('SIS alias identities (§6.3)', () => {
    const etias = VECTORS[1]?.x ?? {};
    const sisWithAlias: IdentityData = {
      system: 'SIS',
      surname: 'WAGNER',
      givenNames: 'ANNA',
      birthDate: '1975-02-01',
      sex: 'F',
      nationalities: ['DEU'],
      aliasIdentities: [{ qualification: 'alias', surname: 'SCHMIDT' }],
    };

    it('gives SAME for V2 when SIS holds SCHMIDT only as an alias surname and values are pooled', () => {
      const result = midVerdict(etias, sisWithAlias);
      expect(result.verdict).toBe('same');
      expect(result.categories.names.matches).toContainEqual(
        expect.objectContaining({ rule: 'equal', x: 'surnameAtBirth', y: 'aliasIdentities[0].surname' }),
      );
    });

    it('compares each identity on its own with per-identity handling and reports which one decided', () => {
      const full = {
        ...sisWithAlias,
        aliasIdentities: [
          {
            qualification: 'alias' as const,
            surname: 'SCHMIDT',
            givenNames: 'ANNA',
            birthDate: '1975-02-01',
            sex: 'F',
            nationalities: ['DEU'],
          },
        ],
      };
      const result = midVerdict(etias, full, { aliasHandling: 'per-identity' });
      expect(result.verdict).toBe('same');
      expect(result.identities).toEqual({ x: 'confirmed', y: 'aliasIdentities[0] (alias)' });
      expect(midVerdict(etias, sisWithAlias, { aliasHandling: 'per-identity' }).verdict).toBe('different');
    });
  });

  describe('policy settings', () => {
    it('does not let one both-groups value satisfy surname and first name by default (§4.1 [P])', () => {
      const a = x({ surname: 'JONES', givenNames: 'PETER', aliases: ['ROCKY'] });
      const b = y({ surname: 'BROWN', givenNames: 'PAUL', aliases: ['ROCKY'] });
      expect(midVerdict(a, b).categories.names.outcome).toBe('different');
      expect(midVerdict(a, b, { requireDistinctNamePairs: false }).categories.names.outcome).toBe('same');
    });

    it('allows transliteration then one edit only when chaining is on', () => {
      const a = x({ surname: 'MÜLLERS' });
      const b = y({ surname: 'MULLER' });
      expect(midVerdict(a, b).verdict).toBe('different');
      const chained = midVerdict(a, b, { allowChaining: true });
      expect(chained.verdict).toBe('similar');
      expect(chained.rules).toEqual(['N-a', 'N-f', 'N-h']);
    });

    it('treats three words in another order as different unless any permutation is allowed', () => {
      const a = x({ givenNames: 'ANNA MARIA LUISA' });
      const b = y({ givenNames: 'LUISA ANNA MARIA' });
      expect(midVerdict(a, b).verdict).toBe('different');
      expect(midVerdict(a, b, { wordOrder: 'any-permutation' }).rules).toEqual(['N-d']);
    });

    it('applies one edit to country codes only when asked (AUT/AUS)', () => {
      const a = x({ nationalities: ['AUT'] });
      const b = y({ nationalities: ['AUS'] });
      expect(midVerdict(a, b).verdict).toBe('different');
      expect(midVerdict(a, b, { oneEditOnCountryCodes: true }).rules).toEqual(['P-b']);
    });

    it('lets a similar place of birth carry the category only under the literal reading', () => {
      const a = x({ nationalities: ['SYR'], placeOfBirth: 'BOMBAY' });
      const b = y({ nationalities: ['IND'], placeOfBirth: 'MUMBAI' });
      expect(midVerdict(a, b).verdict).toBe('different');
      const literal = midVerdict(a, b, { nationalityReading: 'literal' });
      expect(literal.verdict).toBe('similar');
      expect(literal.rules).toEqual(['P-c']);
    });
  });

  describe('missing and partial data (§6.2)', () => {
    it('gives DIFFERENT when a date of birth is missing on one side', () => {
      expect(midVerdict(x(), y({ birthDate: '' })).verdict).toBe('different');
    });

    it('treats unknown sex as never equal', () => {
      expect(midVerdict(x({ sex: 'U' }), y({ sex: 'U' })).categories.sex.outcome).toBe('different');
    });

    it('never counts XXX (unspecified nationality) as equal', () => {
      expect(midVerdict(x({ nationalities: ['XXX'] }), y({ nationalities: ['XXX'] })).verdict).toBe(
        'different',
      );
    });

    it('reads the MRZ code D as DEU', () => {
      expect(midVerdict(x({ nationalities: ['D'] }), y({ nationalities: ['DEU'] })).verdict).toBe('same');
    });

    it('compares partial dates as canonical strings: year only vs year and month is one edit (§5.2 [I])', () => {
      const result = midVerdict(x({ birthDate: '1980-00-00' }), y({ birthDate: '1980-01-00' }));
      expect(result.verdict).toBe('similar');
      expect(result.rules).toEqual(['D-c']);
    });

    it('gives DIFFERENT for single-name persons by default (§5.1 [P])', () => {
      expect(midVerdict(x({ givenNames: '' }), y({ givenNames: '' })).categories.names.outcome).toBe(
        'different',
      );
    });

    it('is the same when the only difference is letter case and spacing (format harmonisation)', () => {
      expect(midVerdict(x({ surname: ' smith ' }), y({ surname: 'SMITH' })).verdict).toBe('same');
    });

    it('treats diacritic removal as a transliteration, so MÜLLER vs MULLER is similar, not same (§2.2 [P])', () => {
      const result = midVerdict(x({ surname: 'MÜLLER' }), y({ surname: 'MULLER' }));
      expect(result.verdict).toBe('similar');
      expect(result.rules).toContain('N-a');
    });
  });
});

describe('the explanation of equal names, as the verifying officer reads it', () => {
  it('says the names are equal without repeating the field names, and names the fields where they differ', () => {
    expect(midVerdict(x(), y()).categories.names.explanation).toBe('equal surnames and equal first names');
    const atBirth = midVerdict(x({ surname: 'JONES', surnameAtBirth: 'SMITH' }), y());
    expect(atBirth.categories.names.outcome).toBe('same');
    expect(atBirth.categories.names.explanation).toBe(
      'equal surnames (surnameAtBirth = surname) and equal first names',
    );
  });
});
