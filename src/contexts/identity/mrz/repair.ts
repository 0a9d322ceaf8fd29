import { detectLayout, type FieldSpec, type Layout } from './layouts.ts';
import { OCR_LOOKALIKES } from './lookalikes.ts';
import { toMrzLines } from './normalise.ts';
import { parseMrz } from './parse.ts';
import type { MrzFieldName, MrzParseOptions, MrzParseResult } from './types.ts';

/** One change made by the repair: the field's characters before and after (fillers included). */
export interface MrzCorrection {
  readonly field: MrzFieldName;
  readonly from: string;
  readonly to: string;
}

export type MrzRepairStatus = 'unchanged' | 'repaired' | 'ambiguous' | 'unrepairable';

export interface MrzRepairResult {
  /** The repaired document when `status` is `repaired`, otherwise the document as read. */
  readonly result: MrzParseResult;
  readonly status: MrzRepairStatus;
  readonly corrections: readonly MrzCorrection[];
  /** What was done, or why nothing was. */
  readonly message: string;
}

export interface MrzRepairOptions extends MrzParseOptions {
  /** Most substitutions tried in letters-and-digits fields (document number, optional data); 1–3, default 2. */
  readonly maxChanges?: number;
  /** Most candidate readings parsed before giving up; default 5000. */
  readonly maxCandidates?: number;
}

/** The OCR-B look-alikes: each character and the one it is mistaken for. */
const CONFUSABLE = OCR_LOOKALIKES;
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => c >= 'A' && c <= 'Z';

/**
 * Repairs OCR confusions (O/0, I/1, B/8, S/5, Z/2, G/6) in an MRZ using its structure and check digits.
 * Fields that hold only digits (dates, check digits) or only letters (codes, names) have a single possible
 * reading, so look-alikes there are replaced outright. In fields that mix both (document number, optional
 * data) every combination of up to `maxChanges` substitutions is tried, fewest first, and a reading is kept
 * only when every check digit then passes and no other reading with as few changes does (ties are broken
 * only when one reading is clearly more regular, see `preferUniform`). The search is
 * bounded by `maxChanges` and `maxCandidates`.
 */
export function repairMrz(
  input: string | readonly string[],
  options: MrzRepairOptions = {},
): MrzRepairResult {
  const original = parseMrz(input, options);
  if (original.valid) {
    return { result: original, status: 'unchanged', corrections: [], message: 'the MRZ is valid as read' };
  }
  const upper = toMrzLines(input).map((l) => l.toUpperCase());
  const layout = detectLayout(upper);
  if (layout === undefined) {
    return {
      result: original,
      status: 'unrepairable',
      corrections: [],
      message: 'the lines match no MRZ layout, so there is nothing to repair against',
    };
  }
  const fixed = upper.map((l) => [...l]);
  for (const spec of layout.fields) {
    replaceByKind(fixed, spec);
  }
  const base = fixed.map((l) => l.join(''));
  const first = parseMrz(base, options);
  if (first.valid) {
    return repaired(first, original, layout, base);
  }
  const failing = Object.entries(first.details)
    .filter(([, d]) => !d.valid)
    .map(([name]) => name);
  const searchable = new Set<string>(['documentNumber', 'optionalData', 'optionalData2']);
  const fixableBySearch = failing.every((name) => name.endsWith('CheckDigit') || searchable.has(name));
  if (!fixableBySearch) {
    return {
      result: original,
      status: 'unrepairable',
      corrections: [],
      message: `not repairable from look-alike characters: ${failing.join(', ')} stay invalid`,
    };
  }
  return searchMixed(layout, fixed, original, options);
}

/** Digits in letter fields become letters and letters in digit fields become digits, where one look-alike exists. */
function replaceByKind(lines: string[][], spec: FieldSpec): void {
  const line = lines[spec.line];
  if (line === undefined) {
    return;
  }
  for (let i = spec.start; i < spec.start + spec.length; i += 1) {
    const c = line[i] ?? '';
    const alt = CONFUSABLE[c];
    if (alt === undefined) {
      continue;
    }
    if (spec.kind === 'numeric' && isLetter(c)) {
      line[i] = alt;
    } else if ((spec.kind === 'alpha' || spec.kind === 'name') && isDigit(c)) {
      line[i] = alt;
    }
  }
}

function searchMixed(
  layout: Layout,
  fixed: readonly string[][],
  original: MrzParseResult,
  options: MrzRepairOptions,
): MrzRepairResult {
  const maxChanges = Math.min(3, Math.max(1, Math.trunc(options.maxChanges ?? 2)));
  const maxCandidates = Math.max(1, Math.trunc(options.maxCandidates ?? 5000));
  const positions: { line: number; index: number; alt: string }[] = [];
  for (const spec of layout.fields.filter((s) => s.kind === 'mixed')) {
    for (let i = spec.start; i < spec.start + spec.length; i += 1) {
      const alt = CONFUSABLE[fixed[spec.line]?.[i] ?? ''];
      if (alt !== undefined) {
        positions.push({ line: spec.line, index: i, alt });
      }
    }
  }
  let tried = 0;
  for (let k = 1; k <= Math.min(maxChanges, positions.length); k += 1) {
    const found: { lines: string[]; result: MrzParseResult }[] = [];
    for (const combo of combinations(positions.length, k)) {
      tried += 1;
      if (tried > maxCandidates) {
        return {
          result: original,
          status: 'unrepairable',
          corrections: [],
          message: `gave up after ${maxCandidates} candidate readings without a unique valid one`,
        };
      }
      const candidate = fixed.map((l) => [...l]);
      for (const p of combo) {
        const pos = positions[p]!;
        candidate[pos.line]![pos.index] = pos.alt;
      }
      const lines = candidate.map((l) => l.join(''));
      const result = parseMrz(lines, options);
      if (result.valid) {
        found.push({ lines, result });
      }
    }
    const best = preferUniform(layout, found);
    if (best !== undefined) {
      return repaired(best.result, original, layout, best.lines);
    }
    if (found.length > 1) {
      return {
        result: original,
        status: 'ambiguous',
        corrections: [],
        message: `${found.length} different readings with ${k} substitution${k > 1 ? 's' : ''} all pass the check digits: re-read the document`,
      };
    }
  }
  return {
    result: original,
    status: 'unrepairable',
    corrections: [],
    message: `no reading with up to ${maxChanges} look-alike substitutions passes every check digit`,
  };
}

/**
 * Picks the single valid reading, or among several the one whose letters-and-digits fields switch least
 * often between letters and digits: document numbers are runs such as `D23145890`, so `D23I45B90` (two
 * changes of kind more) is the less likely reading. Returns `undefined` when there is no clear winner.
 */
function preferUniform<T extends { lines: string[] }>(layout: Layout, found: readonly T[]): T | undefined {
  if (found.length <= 1) {
    return found[0];
  }
  const switches = (lines: readonly string[]): number => {
    let count = 0;
    for (const spec of layout.fields.filter((s) => s.kind === 'mixed')) {
      const text = (lines[spec.line] ?? '').slice(spec.start, spec.start + spec.length).replace(/<+$/, '');
      for (let i = 1; i < text.length; i += 1) {
        if (isDigit(text.charAt(i)) !== isDigit(text.charAt(i - 1))) {
          count += 1;
        }
      }
    }
    return count;
  };
  const scored = found.map((f) => ({ f, score: switches(f.lines) })).sort((a, b) => a.score - b.score);
  return scored[0]!.score < scored[1]!.score ? scored[0]!.f : undefined;
}

/** All k-element index combinations of 0..n-1, in lexicographic order. */
function* combinations(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield [...idx];
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) {
      i -= 1;
    }
    if (i < 0) {
      return;
    }
    idx[i] = idx[i]! + 1;
    for (let j = i + 1; j < k; j += 1) {
      idx[j] = idx[j - 1]! + 1;
    }
  }
}

function repaired(
  result: MrzParseResult,
  original: MrzParseResult,
  layout: Layout,
  lines: readonly string[],
): MrzRepairResult {
  const corrections: MrzCorrection[] = [];
  for (const spec of layout.fields) {
    const from = (original.lines[spec.line] ?? '').slice(spec.start, spec.start + spec.length);
    const to = (lines[spec.line] ?? '').slice(spec.start, spec.start + spec.length);
    if (from !== to) {
      corrections.push({ field: spec.name, from, to });
    }
  }
  return {
    result,
    status: 'repaired',
    corrections,
    message: `repaired ${corrections.length} field${corrections.length === 1 ? '' : 's'}; every check digit now passes`,
  };
}
