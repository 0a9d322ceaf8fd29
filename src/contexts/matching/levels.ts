import type { ComparisonConfig, LevelConfig } from './config.ts';
import { badConfig } from './errors.ts';
import type { ColumnPlan, Feature } from './prepare.ts';
import { hammingDistance, jaroWinkler, osaDistance } from './strings.ts';

/** A compiled level test: does the pair of records (their features, by column index) reach this level? */
export type LevelTest = (a: readonly Feature[], b: readonly Feature[]) => boolean;

/**
 * A comparison ready to score. Its levels are numbered 0 = null (a value is missing, weight 0),
 * 1..n = the configured levels in order, n + 1 = else (none of them holds).
 */
export interface CompiledComparison {
  readonly name: string;
  /** Index of the compared column in the model's column list. */
  readonly column: number;
  readonly termFrequency: boolean;
  /** Labels of every level, `null` first and `else` last. */
  readonly labels: readonly string[];
  /** The kind of every level, `null` first and `else` last. */
  readonly kinds: readonly string[];
  readonly tests: readonly LevelTest[];
  /** Clears the per-pair scores shared by the level tests; called before testing a pair. */
  readonly reset: () => void;
  /** Number of levels including null and else. */
  readonly size: number;
  /** The level number of the first `exact` level, or -1. */
  readonly exactLevel: number;
}

const feature = (fs: readonly Feature[], i: number): Feature => fs[i] as Feature;

function hasCommonElement(x: readonly string[], y: readonly string[]): boolean {
  for (const v of x) {
    if (y.includes(v)) {
      return true;
    }
  }
  return false;
}

function sameTokenBag(x: readonly string[], y: readonly string[]): boolean {
  if (x.length !== y.length || x.length < 2) {
    return false;
  }
  return [...x].sort().join(' ') === [...y].sort().join(' ');
}

function nicknameEquivalent(a: Feature, b: Feature): boolean {
  if (a.nicknames.length === 0 || a.nicknames.length !== b.tokens.length) {
    return false;
  }
  for (let i = 0; i < a.nicknames.length; i += 1) {
    if (!(a.nicknames[i] ?? []).includes(b.tokens[i] ?? '')) {
      return false;
    }
  }
  return true;
}

function describe(level: LevelConfig): string {
  switch (level.kind) {
    case 'exact':
      return 'exact';
    case 'transliteration':
      return 'transliteration-equal';
    case 'jaroWinkler':
      return `Jaro-Winkler >= ${level.min}`;
    case 'damerauLevenshtein':
      return `Damerau-Levenshtein <= ${level.max}`;
    case 'hamming':
      return `<= ${level.max} differing characters`;
    case 'phonetic':
      return 'same phonetic code';
    case 'nickname':
      return 'nickname';
    case 'tokenSet':
      return 'same words, other order';
    case 'tokenOverlap':
      return 'a word or code in common';
    case 'swapped':
      return `swapped with ${level.column}`;
    case 'crossExact':
      return `equals the other record's ${level.column}`;
    case 'differsWith':
      return `differs, and ${level.column} clearly differs too`;
    case 'dateCompatible':
      return 'agrees where both parts are known';
    case 'dayMonthSwap':
      return 'day and month swapped';
    case 'yearsApart':
      return `within ${level.max} years`;
    case 'numericDifference':
      return `within ${level.max}`;
    case 'prefix':
      return `first ${level.length} characters equal`;
  }
}

/**
 * Scores shared by the levels of one comparison: several Jaro-Winkler (or edit-distance) levels on the same
 * column compute the score once per pair. Reset before each pair.
 */
interface Memo {
  jaroWinkler: number;
  distance: number;
  /** The largest distance any edit-distance level of the comparison asks about. */
  maxDistance: number;
}

function compileLevel(
  level: LevelConfig,
  col: number,
  columnIndex: (name: string) => number,
  memo: Memo,
): LevelTest {
  switch (level.kind) {
    case 'exact':
      return (a, b) => feature(a, col).value === feature(b, col).value;
    case 'transliteration':
      return (a, b) => hasCommonElement(feature(a, col).forms, feature(b, col).forms);
    case 'jaroWinkler': {
      const min = level.min;
      return (a, b) => {
        if (memo.jaroWinkler < 0) {
          memo.jaroWinkler = jaroWinkler(feature(a, col).latin, feature(b, col).latin);
        }
        return memo.jaroWinkler >= min;
      };
    }
    case 'damerauLevenshtein': {
      const max = level.max;
      memo.maxDistance = Math.max(memo.maxDistance, max);
      return (a, b) => {
        if (memo.distance < 0) {
          memo.distance = osaDistance(feature(a, col).latin, feature(b, col).latin, memo.maxDistance);
        }
        return memo.distance <= max;
      };
    }
    case 'hamming': {
      const max = level.max;
      return (a, b) => hammingDistance(feature(a, col).latin, feature(b, col).latin) <= max;
    }
    case 'phonetic':
      return (a, b) => {
        const pa = feature(a, col).phonetic;
        return pa !== '' && pa === feature(b, col).phonetic;
      };
    case 'nickname':
      return (a, b) => nicknameEquivalent(feature(a, col), feature(b, col));
    case 'tokenSet':
      return (a, b) => sameTokenBag(feature(a, col).tokens, feature(b, col).tokens);
    case 'tokenOverlap':
      return (a, b) => hasCommonElement(feature(a, col).tokens, feature(b, col).tokens);
    case 'swapped': {
      const other = columnIndex(level.column);
      return (a, b) => {
        const ao = feature(a, other).value;
        return ao !== '' && feature(a, col).value === feature(b, other).value && ao === feature(b, col).value;
      };
    }
    case 'crossExact': {
      const other = columnIndex(level.column);
      return (a, b) => {
        const av = feature(a, col).value;
        const bv = feature(b, col).value;
        return av === feature(b, other).value || bv === feature(a, other).value;
      };
    }
    case 'differsWith': {
      // The other column's values are both present and clearly different (Jaro-Winkler of their Latin forms
      // under 0.8): a typo or a transliteration is not a different name.
      const other = columnIndex(level.column);
      return (a, b) => {
        const av = feature(a, other).latin;
        const bv = feature(b, other).latin;
        return av !== '' && bv !== '' && av !== bv && jaroWinkler(av, bv) < 0.8;
      };
    }
    case 'dateCompatible':
      return (a, b) => {
        const x = feature(a, col);
        const y = feature(b, col);
        const part = (p: number, q: number) => p === 0 || q === 0 || p === q;
        return (
          x.year !== 0 && y.year !== 0 && part(x.year, y.year) && part(x.month, y.month) && part(x.day, y.day)
        );
      };
    case 'dayMonthSwap':
      return (a, b) => {
        const x = feature(a, col);
        const y = feature(b, col);
        return (
          x.year !== 0 && x.year === y.year && x.month === y.day && x.day === y.month && x.month !== x.day
        );
      };
    case 'yearsApart': {
      const max = level.max;
      return (a, b) => {
        const x = feature(a, col).year;
        const y = feature(b, col).year;
        return x !== 0 && y !== 0 && Math.abs(x - y) <= max;
      };
    }
    case 'numericDifference': {
      const max = level.max;
      return (a, b) => Math.abs(feature(a, col).number - feature(b, col).number) <= max;
    }
    case 'prefix': {
      const n = level.length;
      return (a, b) => {
        const x = feature(a, col).latin;
        const y = feature(b, col).latin;
        return x.length >= n && y.length >= n && x.startsWith(y.slice(0, n));
      };
    }
  }
}

/** Compiles a comparison of the configuration against the model's columns. */
export function compileComparison(
  config: ComparisonConfig,
  columns: readonly ColumnPlan[],
): CompiledComparison {
  const columnIndex = (name: string) => {
    const i = columns.findIndex((c) => c.name === name);
    if (i < 0) {
      throw badConfig(`Comparison "${config.name}" uses column "${name}", which the model does not read.`);
    }
    return i;
  };
  const column = columnIndex(config.column);
  const exactIndex = config.levels.findIndex((l) => l.kind === 'exact');
  if (config.termFrequency === true && exactIndex < 0) {
    throw badConfig(
      `Comparison "${config.name}" asks for a term-frequency adjustment but has no "exact" level to adjust.`,
    );
  }
  const memo: Memo = { jaroWinkler: -1, distance: -1, maxDistance: 0 };
  const tests = config.levels.map((l) => compileLevel(l, column, columnIndex, memo));
  return {
    name: config.name,
    column,
    termFrequency: config.termFrequency === true,
    labels: ['null', ...config.levels.map((l) => l.label ?? describe(l)), 'else'],
    kinds: ['null', ...config.levels.map((l) => l.kind), 'else'],
    tests,
    reset: () => {
      memo.jaroWinkler = -1;
      memo.distance = -1;
    },
    size: config.levels.length + 2,
    exactLevel: exactIndex < 0 ? -1 : exactIndex + 1,
  };
}

/** The level a pair of records reaches on one comparison (0 = null, last = else). */
export function levelOf(c: CompiledComparison, a: readonly Feature[], b: readonly Feature[]): number {
  if (feature(a, c.column).value === '' || feature(b, c.column).value === '') {
    return 0;
  }
  const tests = c.tests;
  c.reset();
  for (let l = 0; l < tests.length; l += 1) {
    if ((tests[l] as LevelTest)(a, b)) {
      return l + 1;
    }
  }
  return tests.length + 1;
}
