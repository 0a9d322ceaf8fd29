import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateMrz, type MrzDocumentData } from './generate.ts';
import { parseMrz } from './parse.ts';
import { repairMrz } from './repair.ts';
import type { MrzFormat } from './types.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;
const word = (max: number) => fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: max });
const words = (maxWords: number, maxLen: number) =>
  fc.array(word(maxLen), { minLength: 1, maxLength: maxWords }).map((w) => w.join(' '));
const alnum = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...ALNUM), minLength: min, maxLength: max });
const two = (lo: number, hi: number) =>
  fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(2, '0'));
const date = fc.tuple(two(0, 99), two(1, 12), two(1, 28)).map(([y, m, d]) => `${y}${m}${d}`);
const state = fc.constantFrom('UTO', 'FRA', 'D', 'DEU', 'BEL', 'GBR', 'XXX', 'UNO', 'CHE', 'ESP');

/** Optional data room per format (TD1 line 1 counts a long number's continuation separately). */
const OPTIONAL: Record<MrzFormat, number> = { TD1: 15, TD2: 7, TD3: 14, MRVA: 16, MRVB: 8 };
const CODE: Record<MrzFormat, string[]> = {
  TD1: ['I', 'ID', 'AC', 'C'],
  TD2: ['I', 'A', 'IR'],
  TD3: ['P', 'PO', 'PD'],
  MRVA: ['V', 'VB'],
  MRVB: ['V', 'VC'],
};

const document = fc.constantFrom<MrzFormat>('TD1', 'TD2', 'TD3', 'MRVA', 'MRVB').chain((format) =>
  fc.record({
    format: fc.constant(format),
    documentCode: fc.constantFrom(...CODE[format]),
    issuingState: state,
    surname: words(3, 8),
    givenNames: fc.oneof(fc.constant(''), words(3, 8)),
    // Long numbers only where Doc 9303 provides for them (TD1 and TD2).
    documentNumber: alnum(1, format === 'TD1' ? 14 : format === 'TD2' ? 11 : 9),
    nationality: state,
    birthDate: date,
    sex: fc.constantFrom('M', 'F', 'X'),
    expiryDate: date,
    optionalData: fc.oneof(fc.constant(''), alnum(1, OPTIONAL[format] - 4)),
    optionalData2: format === 'TD1' ? fc.oneof(fc.constant(''), alnum(1, 11)) : fc.constant(''),
  }),
);

describe('MRZ properties', () => {
  it('parses every generated MRZ back to the same document, valid', () => {
    fc.assert(
      fc.property(document, (doc: MrzDocumentData) => {
        const out = generateMrz(doc);
        if (!out.ok) {
          // The only refusal for this data is a number plus optional data too long for the optional field.
          expect(out.errors.every((e) => e.code === 'IDENTITY_MRZ_TOO_LONG')).toBe(true);
          return;
        }
        const r = parseMrz(out.lines, { profiles: [] });
        expect(r.valid).toBe(true);
        expect(r.format).toBe(doc.format);
        expect(r.documentCode).toBe(doc.documentCode);
        expect(r.issuingState).toBe(doc.issuingState);
        expect(r.nationality).toBe(doc.nationality);
        expect(r.documentNumber).toBe(doc.documentNumber);
        expect(r.birthDate).toBe(doc.birthDate);
        expect(r.expiryDate).toBe(doc.expiryDate);
        expect(r.sex).toBe(doc.sex);
        expect(r.optionalData).toBe(doc.optionalData);
        expect(r.optionalData2).toBe(doc.optionalData2);
        if (!out.nameTruncated) {
          expect(r.surname).toBe(doc.surname);
          expect(r.givenNames).toBe(doc.givenNames);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the input string', () => {
    const mrzish = fc.string({ unit: fc.constantFrom(...`${ALNUM}<< \n\r\tabcÉ`), maxLength: 140 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), mrzish), (input) => {
        const r = parseMrz(input);
        expect(typeof r.valid).toBe('boolean');
        if (r.format === null) {
          expect(r.valid).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on input of a valid shape with arbitrary characters', () => {
    const line = (n: number) =>
      fc.string({ unit: fc.constantFrom(...`${ALNUM}<<<<<<aé?`), minLength: n, maxLength: n });
    const shaped = fc.oneof(
      fc.tuple(line(30), line(30), line(30)).map((l) => l.join('\n')),
      fc.tuple(line(36), line(36)).map((l) => l.join('\n')),
      fc.tuple(line(44), line(44)).map((l) => l.join('\n')),
    );
    fc.assert(
      fc.property(shaped, (input) => {
        expect(parseMrz(input).format).not.toBeNull();
        const repaired = repairMrz(input);
        expect(repaired.status === 'repaired').toBe(repaired.result.valid);
      }),
      { numRuns: 300 },
    );
  });

  it('repairs a single look-alike in a date of a generated document', () => {
    const swap: Record<string, string> = { '0': 'O', '1': 'I', '8': 'B', '5': 'S', '2': 'Z', '6': 'G' };
    fc.assert(
      fc.property(document, fc.nat(5), (doc, pos) => {
        const out = generateMrz(doc);
        if (!out.ok) {
          return;
        }
        const lines = [...out.lines];
        const at = doc.format === 'TD1' ? { line: 1, start: 0 } : { line: 1, start: 13 };
        const c = lines[at.line]!.charAt(at.start + pos);
        const alt = swap[c];
        if (alt === undefined) {
          return;
        }
        const l = lines[at.line]!;
        lines[at.line] = l.slice(0, at.start + pos) + alt + l.slice(at.start + pos + 1);
        const r = repairMrz(lines, { profiles: [] });
        expect(r.status).toBe('repaired');
        expect(r.result.birthDate).toBe(doc.birthDate);
        expect(r.corrections).toEqual([
          { field: 'birthDate', from: lines[at.line]!.slice(at.start, at.start + 6), to: doc.birthDate },
        ]);
      }),
      { numRuns: 200 },
    );
  });
});
