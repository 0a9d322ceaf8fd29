import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { harmoniseCountryCode } from '../compare/index.ts';
import { parseMrz } from '../mrz/index.ts';
import { defaultNicknames } from '../names/index.ts';
import { transliterateToMrz } from '../transliteration/index.ts';
import {
  GENERATOR_NATIONALITIES,
  IDENTITY_CSV_COLUMNS,
  VARIANT_KINDS,
  generateIdentities,
  generateIdentityStream,
  identitiesToCsv,
  type GeneratedIdentity,
  type NameScript,
} from './index.ts';

const records = generateIdentities({ count: 5000, seed: 'specification', variantRate: 0.6 });
const byId = new Map(records.map((r) => [r.id, r]));
const specOf = (r: GeneratedIdentity) => {
  const code = r.nationality.split(';')[0];
  const spec = GENERATOR_NATIONALITIES.find((n) => n.code === code);
  if (spec === undefined) {
    throw new Error(`no nationality ${String(code)}`);
  }
  return spec;
};
const originals = records.filter((r) => r.variantOf === null);
const originalOf = (r: GeneratedIdentity): GeneratedIdentity => {
  const original = r.variantOf === null ? undefined : byId.get(r.variantOf);
  if (original === undefined) {
    throw new Error(`${r.id} has no original`);
  }
  return original;
};
/** Variants that carry exactly one kind, so that the change can be checked alone. */
const onlyKind = (kind: string) =>
  records.filter((r) => r.variantKinds.length === 1 && r.variantKinds[0] === kind);

const SCRIPT_PATTERN: Readonly<Record<Exclude<NameScript, 'Latin'>, RegExp>> = {
  Cyrillic: /\p{Script=Cyrillic}/u,
  Greek: /\p{Script=Greek}/u,
  Arabic: /\p{Script=Arabic}/u,
  Hebrew: /\p{Script=Hebrew}/u,
  Han: /\p{Script=Han}/u,
  Hangul: /\p{Script=Hangul}/u,
  Georgian: /\p{Script=Georgian}/u,
  Armenian: /\p{Script=Armenian}/u,
};

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

describe('generateIdentities', () => {
  describe('determinism', () => {
    it('gives byte-identical CSV for the same seed and count', () => {
      const a = identitiesToCsv(generateIdentities({ count: 800, seed: 42 }));
      const b = identitiesToCsv(generateIdentities({ count: 800, seed: 42 }));
      expect(a).toBe(b);
      expect(a.split('\n')[0]).toBe(IDENTITY_CSV_COLUMNS.join(','));
    });

    it('treats a numeric seed and its decimal text as the same seed', () => {
      expect(generateIdentities({ count: 50, seed: 7 })).toEqual(
        generateIdentities({ count: 50, seed: '7' }),
      );
    });

    it('gives different records for a different seed', () => {
      const a = generateIdentities({ count: 200, seed: 1 });
      const b = generateIdentities({ count: 200, seed: 2 });
      expect(identitiesToCsv(a)).not.toBe(identitiesToCsv(b));
      const namesA = new Set(a.map((r) => `${r.surname}|${r.givenNames}|${r.birthDate}`));
      expect(b.filter((r) => namesA.has(`${r.surname}|${r.givenNames}|${r.birthDate}`)).length).toBeLessThan(
        5,
      );
    });

    it('gives a prefix of the longer run for a smaller count', () => {
      const long = generateIdentities({ count: 300, seed: 'prefix' });
      expect(generateIdentities({ count: 120, seed: 'prefix' })).toEqual(long.slice(0, 120));
    });

    it('streams the same records that the array form returns', () => {
      const streamed = [...generateIdentityStream({ count: 250, seed: 9, variantRate: 0.5 })];
      expect(streamed).toEqual(generateIdentities({ count: 250, seed: 9, variantRate: 0.5 }));
    });
  });

  describe('records', () => {
    it('produces exactly the requested number of records with unique ids', () => {
      expect(records).toHaveLength(5000);
      expect(new Set(records.map((r) => r.id)).size).toBe(5000);
      expect(generateIdentities({ count: 0, seed: 1 })).toEqual([]);
    });

    it('draws persons from at least 30 nationalities in 5,000 records', () => {
      const nationalities = new Set(originals.map((r) => r.nationality));
      expect(nationalities.size).toBeGreaterThanOrEqual(30);
      for (const code of nationalities) {
        expect(code).toMatch(/^[A-Z]{3}$/);
      }
    });

    it('writes dates as YYYY-MM-DD, sex as M, F or X, and births before the reference date', () => {
      for (const r of records) {
        expect(r.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(['M', 'F', 'X']).toContain(r.sex);
        expect(r.birthDate < '2026-01-01').toBe(true);
      }
      for (const r of originals) {
        expect(r.birthDate).not.toContain('-00');
        // A person's current document is valid on the reference date.
        expect(r.expiryDate > '2026-01-01').toBe(true);
        expect(r.placeOfBirth).not.toBe('');
      }
    });

    it('gives every document an MRZ that the identity context parses as valid', () => {
      let documents = 0;
      for (const r of records) {
        if (r.mrz.length === 0) {
          continue;
        }
        documents += 1;
        const parsed = parseMrz(r.mrz);
        expect(parsed.valid, `${r.id}: ${r.mrz.join(' ')}`).toBe(true);
        expect(harmoniseCountryCode(parsed.issuingState)).toBe(r.issuingState);
        expect(parsed.format).toBe(r.documentType === 'P' ? 'TD3' : 'TD1');
        expect(`20${parsed.expiryDate}`.slice(-6)).toBe(r.expiryDate.replace(/-/g, '').slice(2));
        expect(parsed.sex).toBe(r.sex);
      }
      expect(documents).toBeGreaterThan(4000);
    });

    it('writes the document number and birth date of the original into its MRZ', () => {
      for (const r of originals) {
        const parsed = parseMrz(r.mrz);
        expect(parsed.documentNumber).toBe(r.documentNumber);
        expect(parsed.birthDate).toBe(r.birthDate.replace(/-/g, '').slice(2));
        expect(harmoniseCountryCode(parsed.nationality)).toBe(r.nationality);
      }
    });

    it('writes non-Latin names in their native script and Latin-script names without one', () => {
      const scripts = new Set<string>();
      for (const r of originals) {
        const spec = specOf(r);
        if (spec.script === 'Latin') {
          expect(r.surnameNative).toBe('');
          continue;
        }
        scripts.add(spec.script);
        expect(r.surnameNative, r.id).toMatch(SCRIPT_PATTERN[spec.script]);
        expect(r.givenNamesNative, r.id).toMatch(SCRIPT_PATTERN[spec.script]);
        expect(r.surname, r.id).toMatch(/^[A-Za-z][A-Za-z' -]*$/);
      }
      expect([...scripts].sort()).toEqual(Object.keys(SCRIPT_PATTERN).sort());
    });

    it('puts the ICAO transliteration of the native name into the MRZ (Doc 9303 Part 3 section 6)', () => {
      let checked = 0;
      for (const r of originals) {
        const spec = specOf(r);
        const parsed = parseMrz(r.mrz);
        if (parsed.nameTruncated) {
          continue;
        }
        const source = ['Cyrillic', 'Greek', 'Arabic', 'Hebrew'].includes(spec.script)
          ? r.surnameNative
          : spec.script === 'Latin'
            ? r.surname
            : undefined;
        if (source === undefined) {
          expect(parsed.surname).toBe(r.surname.toUpperCase());
          continue;
        }
        const options = spec.language === undefined ? undefined : { language: spec.language };
        expect(parsed.surname, r.id).toBe(transliterateToMrz(source, options).mrz.replace(/</g, ' '));
        checked += 1;
      }
      expect(checked).toBeGreaterThan(originals.length * 0.8);
    });
  });

  describe('variants', () => {
    it('labels every variant kind on some record', () => {
      const seen = new Set(records.flatMap((r) => r.variantKinds));
      expect([...seen].sort()).toEqual([...VARIANT_KINDS].sort());
    });

    it('keeps each variant in the cluster of its original and labels it', () => {
      const originalsPerCluster = new Map<string, number>();
      for (const r of originals) {
        expect(r.variantKinds).toEqual([]);
        originalsPerCluster.set(r.cluster, (originalsPerCluster.get(r.cluster) ?? 0) + 1);
      }
      expect([...originalsPerCluster.values()].every((n) => n === 1)).toBe(true);
      const variants = records.filter((r) => r.variantOf !== null);
      expect(variants.length).toBeGreaterThan(1000);
      for (const v of variants) {
        expect(originalOf(v).cluster).toBe(v.cluster);
        expect(v.variantKinds.length).toBeGreaterThan(0);
        expect(v.variantKinds.every((k) => (VARIANT_KINDS as readonly string[]).includes(k))).toBe(true);
      }
    });

    it('swaps surname and given names in swap-names variants', () => {
      const found = onlyKind('swap-names');
      expect(found.length).toBeGreaterThan(0);
      for (const v of found) {
        const o = originalOf(v);
        expect([v.surname, v.givenNames]).toEqual([o.givenNames, o.surname]);
      }
    });

    it('drops the given names in missing-given variants and a surname part in missing-surname-part ones', () => {
      for (const v of onlyKind('missing-given')) {
        expect(v.givenNames).toBe('');
        expect(v.surname).toBe(originalOf(v).surname);
      }
      const parts = onlyKind('missing-surname-part');
      expect(parts.length).toBeGreaterThan(0);
      for (const v of parts) {
        expect(originalOf(v).surname.startsWith(`${v.surname} `)).toBe(true);
      }
    });

    it('swaps day and month, or blanks them with 00, in date variants', () => {
      for (const v of onlyKind('day-month-swap')) {
        const [y, m, d] = originalOf(v).birthDate.split('-');
        expect(v.birthDate).toBe(`${y}-${d}-${m}`);
      }
      const partial = onlyKind('partial-date');
      expect(partial.length).toBeGreaterThan(0);
      for (const v of partial) {
        const [y, m] = originalOf(v).birthDate.split('-');
        expect([`${y}-${m}-00`, `${y}-00-00`]).toContain(v.birthDate);
      }
    });

    it('makes one keying error in typo variants', () => {
      for (const v of onlyKind('typo')) {
        const o = originalOf(v);
        const changed = v.surname !== o.surname ? [v.surname, o.surname] : [v.givenNames, o.givenNames];
        expect(changed[0]).not.toBe(changed[1]);
        // A transposition counts as two plain edits.
        expect(editDistance(changed[0] ?? '', changed[1] ?? '')).toBeLessThanOrEqual(2);
      }
    });

    it('changes a name or the recorded document number in ocr variants', () => {
      const found = onlyKind('ocr');
      expect(found.length).toBeGreaterThan(0);
      for (const v of found) {
        const o = originalOf(v);
        const differs = [
          v.surname !== o.surname,
          v.givenNames !== o.givenNames,
          v.documentNumber !== o.documentNumber,
        ];
        expect(differs.filter(Boolean)).toHaveLength(1);
        expect(v.mrz).toEqual(o.mrz);
      }
    });

    it('renders the same native name with another scheme in translit-scheme variants', () => {
      const found = onlyKind('translit-scheme');
      expect(found.some((v) => specOf(v).script !== 'Latin')).toBe(true);
      for (const v of found) {
        const o = originalOf(v);
        expect(v.surnameNative).toBe(o.surnameNative);
        expect(`${v.surname}|${v.givenNames}`).not.toBe(`${o.surname}|${o.givenNames}`);
      }
    });

    it('changes only the surname in birth-name variants and the names in alias ones', () => {
      for (const v of onlyKind('birth-name')) {
        const o = originalOf(v);
        expect(v.surname).not.toBe(o.surname);
        expect(v.givenNames).toBe(o.givenNames);
        expect(v.birthDate).toBe(o.birthDate);
      }
      for (const v of onlyKind('alias')) {
        const o = originalOf(v);
        expect(v.givenNames).not.toBe(o.givenNames);
        expect(v.birthDate).toBe(o.birthDate);
        expect(v.mrz).toEqual([]);
      }
    });

    it('replaces the first given name by a familiar form in nickname variants', () => {
      const found = records.filter((r) => r.variantKinds.includes('nickname'));
      expect(found.length).toBeGreaterThan(0);
      for (const v of found.filter((r) => r.variantKinds.length === 1)) {
        const first = (s: string) => s.split(' ')[0] ?? '';
        expect(
          defaultNicknames().sharedGroup(first(v.givenNames), first(originalOf(v).givenNames)),
        ).toBeDefined();
      }
    });

    it('adds a second nationality with a document of that state', () => {
      const found = onlyKind('second-nationality');
      expect(found.length).toBeGreaterThan(0);
      for (const v of found) {
        const o = originalOf(v);
        const [first, second] = v.nationality.split(';');
        expect(first).toBe(o.nationality);
        expect(second).toMatch(/^[A-Z]{3}$/);
        expect(second).not.toBe(first);
        expect(v.issuingState).toBe(second);
        expect(parseMrz(v.mrz).valid).toBe(true);
      }
    });

    it('holds the previous document in renewed-document variants and none in missing-document ones', () => {
      const renewed = onlyKind('renewed-document');
      expect(renewed.length).toBeGreaterThan(0);
      for (const v of renewed) {
        const o = originalOf(v);
        expect(v.documentNumber).not.toBe(o.documentNumber);
        expect(v.expiryDate < o.expiryDate).toBe(true);
        expect(v.issuingState).toBe(o.issuingState);
      }
      for (const v of onlyKind('missing-document')) {
        expect([v.documentNumber, v.documentType, v.expiryDate, v.mrz.length]).toEqual(['', '', '', 0]);
      }
    });

    it('writes no variants when the variant rate is 0', () => {
      const plain = generateIdentities({ count: 300, seed: 3, variantRate: 0 });
      expect(plain.every((r) => r.variantOf === null)).toBe(true);
      expect(new Set(plain.map((r) => r.cluster)).size).toBe(300);
    });

    it('keeps at most maxVariantsPerPerson variants per person', () => {
      const set = generateIdentities({ count: 2000, seed: 4, variantRate: 1, maxVariantsPerPerson: 2 });
      const perCluster = new Map<string, number>();
      for (const r of set) {
        perCluster.set(r.cluster, (perCluster.get(r.cluster) ?? 0) + 1);
      }
      expect(Math.max(...perCluster.values())).toBeLessThanOrEqual(3);
      expect(Math.min(...perCluster.values())).toBeGreaterThanOrEqual(1);
    });
  });

  describe('options', () => {
    it.each([
      [{ count: -1, seed: 1 }],
      [{ count: 1.5, seed: 1 }],
      [{ count: 10, seed: 1, variantRate: 2 }],
      [{ count: 10, seed: 1, maxVariantsPerPerson: 0 }],
      [{ count: 10, seed: Number.NaN }],
      [{ count: 10, seed: 1, referenceDate: '2026-02-30' }],
    ])('rejects %j with IDENTITY_GENERATOR_BAD_OPTIONS', (options) => {
      expect(() => generateIdentities(options)).toThrow(AppError);
      try {
        generateIdentities(options);
      } catch (err) {
        expect((err as AppError).code).toBe('IDENTITY_GENERATOR_BAD_OPTIONS');
        expect((err as AppError).kind).toBe('Invalid');
      }
    });

    it('counts ages and document validity from the reference date', () => {
      const old = generateIdentities({ count: 200, seed: 5, variantRate: 0, referenceDate: '2000-06-30' });
      for (const r of old) {
        expect(r.birthDate < '2000-06-30').toBe(true);
        expect(r.expiryDate > '2000-06-30').toBe(true);
      }
    });
  });
});

describe('identitiesToCsv', () => {
  it('quotes fields that hold commas, quotes or line breaks (RFC 4180)', () => {
    const [record] = generateIdentities({ count: 1, seed: 1 });
    if (record === undefined) {
      throw new Error('no record');
    }
    const csv = identitiesToCsv([{ ...record, surname: 'Smith, "Jr"', placeOfBirth: 'Line\nbreak' }]);
    expect(csv).toContain(',"Smith, ""Jr""",');
    expect(csv).toContain(',"Line\nbreak",');
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('writes one line per record with every column, MRZ lines joined by a space', () => {
    const set = generateIdentities({ count: 30, seed: 11 });
    const lines = identitiesToCsv(set).trimEnd().split('\n');
    expect(lines).toHaveLength(31);
    const first = set[0];
    expect(lines[1]?.startsWith(`${first?.id},`)).toBe(true);
    expect(lines[1]).toContain(first?.mrz.join(' '));
    expect(lines[1]?.split(',').length).toBeGreaterThanOrEqual(IDENTITY_CSV_COLUMNS.length);
  });
});
