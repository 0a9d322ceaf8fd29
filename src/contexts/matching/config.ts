import { Type, type Static } from 'typebox';
import Value from 'typebox/value';
import { badConfig } from './errors.ts';

/**
 * The linkage configuration: which columns are compared and how, the ordered levels of each comparison,
 * the blocking rules and the training settings. It is data (a JSON file), so that a new data source needs a
 * new file, not new code.
 */

const Normaliser = Type.Union(
  [
    Type.Literal('text'),
    Type.Literal('name'),
    Type.Literal('date'),
    Type.Literal('digits'),
    Type.Literal('code'),
    Type.Literal('document'),
    Type.Literal('list'),
  ],
  {
    description:
      'text: trimmed, lower case; name: diacritics folded, upper case, with a Latin (MRZ) form for names in other scripts; date: YYYYMMDD digits (00 = unknown part); digits: digits only; code: upper-case code; document: document number without separators; list: codes separated by ";".',
  },
);

const common = { label: Type.Optional(Type.String({ minLength: 1 })) };

/** One schema per level kind, so that a wrong level is reported against the schema of its own kind. */
const LEVEL_SCHEMAS = {
  exact: Type.Object({ ...common, kind: Type.Literal('exact') }, { additionalProperties: false }),
  transliteration: Type.Object(
    { ...common, kind: Type.Literal('transliteration') },
    { additionalProperties: false },
  ),
  jaroWinkler: Type.Object(
    { ...common, kind: Type.Literal('jaroWinkler'), min: Type.Number({ minimum: 0, maximum: 1 }) },
    { additionalProperties: false },
  ),
  damerauLevenshtein: Type.Object(
    { ...common, kind: Type.Literal('damerauLevenshtein'), max: Type.Integer({ minimum: 1, maximum: 8 }) },
    { additionalProperties: false },
  ),
  hamming: Type.Object(
    { ...common, kind: Type.Literal('hamming'), max: Type.Integer({ minimum: 1, maximum: 8 }) },
    { additionalProperties: false },
  ),
  phonetic: Type.Object({ ...common, kind: Type.Literal('phonetic') }, { additionalProperties: false }),
  nickname: Type.Object({ ...common, kind: Type.Literal('nickname') }, { additionalProperties: false }),
  tokenSet: Type.Object({ ...common, kind: Type.Literal('tokenSet') }, { additionalProperties: false }),
  tokenOverlap: Type.Object(
    { ...common, kind: Type.Literal('tokenOverlap') },
    { additionalProperties: false },
  ),
  swapped: Type.Object(
    { ...common, kind: Type.Literal('swapped'), column: Type.String({ minLength: 1 }) },
    { additionalProperties: false },
  ),
  crossExact: Type.Object(
    { ...common, kind: Type.Literal('crossExact'), column: Type.String({ minLength: 1 }) },
    { additionalProperties: false },
  ),
  dateCompatible: Type.Object(
    { ...common, kind: Type.Literal('dateCompatible') },
    { additionalProperties: false },
  ),
  dayMonthSwap: Type.Object(
    { ...common, kind: Type.Literal('dayMonthSwap') },
    { additionalProperties: false },
  ),
  yearsApart: Type.Object(
    { ...common, kind: Type.Literal('yearsApart'), max: Type.Integer({ minimum: 1, maximum: 100 }) },
    { additionalProperties: false },
  ),
  numericDifference: Type.Object(
    { ...common, kind: Type.Literal('numericDifference'), max: Type.Number({ minimum: 0 }) },
    { additionalProperties: false },
  ),
  prefix: Type.Object(
    { ...common, kind: Type.Literal('prefix'), length: Type.Integer({ minimum: 1, maximum: 64 }) },
    { additionalProperties: false },
  ),
};

const LevelSchema = Type.Union([
  LEVEL_SCHEMAS.exact,
  LEVEL_SCHEMAS.transliteration,
  LEVEL_SCHEMAS.jaroWinkler,
  LEVEL_SCHEMAS.damerauLevenshtein,
  LEVEL_SCHEMAS.hamming,
  LEVEL_SCHEMAS.phonetic,
  LEVEL_SCHEMAS.nickname,
  LEVEL_SCHEMAS.tokenSet,
  LEVEL_SCHEMAS.tokenOverlap,
  LEVEL_SCHEMAS.swapped,
  LEVEL_SCHEMAS.crossExact,
  LEVEL_SCHEMAS.dateCompatible,
  LEVEL_SCHEMAS.dayMonthSwap,
  LEVEL_SCHEMAS.yearsApart,
  LEVEL_SCHEMAS.numericDifference,
  LEVEL_SCHEMAS.prefix,
]);

const ComparisonSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'Name shown in explanations and output columns.' }),
    column: Type.String({ minLength: 1 }),
    termFrequency: Type.Optional(
      Type.Boolean({
        description:
          'Adjust the weight of an exact agreement by how common the value is (a rare surname weighs more).',
      }),
    ),
    levels: Type.Array(LevelSchema, {
      minItems: 1,
      maxItems: 12,
      description:
        'Ordered levels, strongest first; the first that holds is the level of the pair. "null" (a value missing) and "else" are implicit.',
    }),
  },
  { additionalProperties: false },
);

const BlockingKeySchema = Type.Union([
  Type.String({ minLength: 1 }),
  Type.Object(
    {
      column: Type.String({ minLength: 1 }),
      transform: Type.Optional(
        Type.Union(
          [
            Type.Literal('value'),
            Type.Literal('latin'),
            Type.Literal('phonetic'),
            Type.Literal('forms'),
            Type.Literal('tokens'),
            Type.Literal('year'),
            Type.Literal('prefix'),
            Type.Literal('folded'),
          ],
          {
            description:
              'value: the normalised value; latin: its Latin (MRZ) form; phonetic: double-metaphone codes; forms: every Latin form a transliteration scheme gives (one key each); tokens: one key per word; year: the year of a date; prefix: the first `length` letters; folded: the transliteration-folded name (consonant classes from the transliteration tables, vowels dropped), equal for the ICAO, BGN/PCGN, German, French and Polish renderings of one Cyrillic name and for the native spelling (two keys when the name has a J).',
          },
        ),
      ),
      length: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
    },
    { additionalProperties: false },
  ),
]);

const BlockingRuleSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1 })),
    on: Type.Array(BlockingKeySchema, { minItems: 1 }),
    against: Type.Optional(
      Type.Array(BlockingKeySchema, {
        minItems: 1,
        description:
          'Keys of the other record, when they differ from `on` (e.g. surname against given name, to find swapped names).',
      }),
    ),
    maxBlockSize: Type.Optional(
      Type.Integer({
        minimum: 2,
        description:
          'A block (the records sharing one key of this rule) larger than this is not expanded into pairs: the key is too common to tell records apart (e.g. 1 January, written for an unknown birth day). Batch runs report the blocks and records skipped; the live identity index applies the same cap to the stored block at query time.',
      }),
    ),
  },
  { additionalProperties: false },
);

const TrainingSchema = Type.Object(
  {
    randomPairs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 100_000_000 })),
    seed: Type.Optional(Type.Integer({ minimum: 0 })),
    maxIterations: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    tolerance: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    prior: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        exclusiveMaximum: 1,
        description: 'Fixes the probability that two random records match instead of estimating it.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** JSON schema of a linkage configuration file. */
export const LinkageConfigSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    id: Type.String({ minLength: 1, description: 'Column holding the record id.' }),
    threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    columns: Type.Optional(
      Type.Record(Type.String(), Normaliser, {
        description: 'Normaliser per column; columns not listed are "text".',
      }),
    ),
    comparisons: Type.Array(ComparisonSchema, { minItems: 1 }),
    blocking: Type.Array(BlockingRuleSchema, { minItems: 1 }),
    training: Type.Optional(TrainingSchema),
  },
  { additionalProperties: false },
);

/** A linkage configuration (see {@link LinkageConfigSchema}). */
export type LinkageConfig = Static<typeof LinkageConfigSchema>;
/** One level of a comparison. */
export type LevelConfig = Static<typeof LevelSchema>;
/** One comparison: a column and its ordered levels. */
export type ComparisonConfig = Static<typeof ComparisonSchema>;
/** One blocking rule: records with equal keys are compared. */
export type BlockingRuleConfig = Static<typeof BlockingRuleSchema>;
/** One part of a blocking key. */
export type BlockingKeyConfig = Static<typeof BlockingKeySchema>;
/** How a column is normalised before comparison. */
export type NormaliserName = Static<typeof Normaliser>;

/** The threshold used when the configuration sets none. */
export const DEFAULT_THRESHOLD = 0.5;

/** The columns that the comparisons and blocking rules read, in first-use order. */
export function comparedColumns(config: LinkageConfig): string[] {
  const columns = new Set<string>();
  for (const c of config.comparisons) {
    columns.add(c.column);
    for (const level of c.levels) {
      if (level.kind === 'swapped' || level.kind === 'crossExact') {
        columns.add(level.column);
      }
    }
  }
  for (const rule of config.blocking) {
    for (const key of [...rule.on, ...(rule.against ?? [])]) {
      columns.add(typeof key === 'string' ? key : key.column);
    }
  }
  return [...columns];
}

/** Every column a configuration reads: the id column first, then the compared columns. */
export function configColumns(config: LinkageConfig): string[] {
  return [...new Set([config.id, ...comparedColumns(config)])];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The schema errors of a configuration, readable: a level is checked against the schema of its own kind
 * (a failed union would otherwise report every kind's complaints).
 */
function schemaProblems(value: unknown): string[] {
  const describe = (path: string, message: string) => `${path === '' ? '(top level)' : path} ${message}`;
  const out: string[] = [];
  for (const e of Value.Errors(LinkageConfigSchema, value)) {
    if (
      e.keyword === 'anyOf' ||
      e.keyword === 'boolean' ||
      /^\/comparisons\/\d+\/levels\/\d+/u.test(e.instancePath)
    ) {
      continue;
    }
    out.push(describe(e.instancePath, e.message));
  }
  const comparisons =
    isObject(value) && Array.isArray(value.comparisons) ? (value.comparisons as unknown[]) : [];
  comparisons.forEach((c, i) => {
    const levels = isObject(c) && Array.isArray(c.levels) ? (c.levels as unknown[]) : [];
    levels.forEach((level, j) => {
      const path = `/comparisons/${i}/levels/${j}`;
      const kind = isObject(level) ? level.kind : undefined;
      const schema = typeof kind === 'string' ? LEVEL_SCHEMAS[kind as keyof typeof LEVEL_SCHEMAS] : undefined;
      if (schema === undefined) {
        out.push(describe(`${path}/kind`, `must be one of ${Object.keys(LEVEL_SCHEMAS).join(', ')}`));
        return;
      }
      for (const e of Value.Errors(schema, level)) {
        if (e.keyword !== 'boolean') {
          out.push(describe(`${path}${e.instancePath}`, e.message));
        }
      }
    });
  });
  return out;
}

/**
 * Checks that a parsed JSON value is a linkage configuration and returns it typed.
 *
 * @throws AppError `MATCHING_BAD_CONFIG` listing every problem found, each with its JSON path.
 */
export function parseLinkageConfig(value: unknown): LinkageConfig {
  if (!Value.Check(LinkageConfigSchema, value)) {
    const problems = [...new Set(schemaProblems(value))].slice(0, 8);
    throw badConfig(`The linkage configuration is not valid: ${problems.join('; ')}.`, { problems });
  }
  const names = new Set<string>();
  for (const c of value.comparisons) {
    if (names.has(c.name)) {
      throw badConfig(`The linkage configuration names two comparisons "${c.name}"; names must be unique.`);
    }
    names.add(c.name);
  }
  for (const [i, rule] of value.blocking.entries()) {
    if (rule.against !== undefined && rule.against.length !== rule.on.length) {
      throw badConfig(
        `Blocking rule ${rule.name ?? i + 1} has ${rule.on.length} keys in "on" but ${rule.against.length} in "against"; give the same number.`,
      );
    }
    for (const key of [...rule.on, ...(rule.against ?? [])]) {
      if (typeof key !== 'string' && key.transform === 'prefix' && key.length === undefined) {
        throw badConfig(
          `Blocking rule ${rule.name ?? i + 1} uses a prefix of ${key.column} without a length.`,
        );
      }
    }
  }
  return value;
}
