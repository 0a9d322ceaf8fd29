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

const MaxM = Type.Number({
  exclusiveMinimum: 0,
  maximum: 1,
  description:
    'Upper bound of m for this level: prior knowledge of how rarely records of one person reach it (e.g. a wholly different birth date). Training never estimates m above it.',
});

const common = { label: Type.Optional(Type.String({ minLength: 1 })), maxM: Type.Optional(MaxM) };

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
  differsWith: Type.Object(
    {
      ...common,
      kind: Type.Literal('differsWith'),
      column: Type.String({
        minLength: 1,
        description:
          'No earlier level holds, and the two records also hold different values of this column (both present): e.g. other given names on another document, which sets two people apart from one person using an alias.',
      }),
    },
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
  LEVEL_SCHEMAS.differsWith,
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
    elseMaxM: Type.Optional(MaxM),
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

const TrainingSessionSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1 })),
    on: Type.Array(BlockingKeySchema, {
      minItems: 1,
      description:
        'Records sharing these keys are paired for this session. Comparisons that read a column of these keys are held fixed (the block says nothing about them); the others are estimated.',
    }),
    against: Type.Optional(
      Type.Array(BlockingKeySchema, {
        minItems: 1,
        description: 'Keys of the other record, when they differ from `on` (as in a blocking rule).',
      }),
    ),
    conditional: Type.Optional(
      Type.Boolean({
        description:
          "Score the pairs this session pairs with the session's own prior and u (estimated with m): among records that agree on the blocked fields, different people are far more alike than random pairs (namesakes share a nationality, parents and children a place of birth), so the population's u would overstate the evidence.",
      }),
    ),
    fixed: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description:
          'Comparisons also held fixed in this session, by name: those that go with the blocked fields in people who are not the same (a name pool belongs to a nationality and a sex, so namesakes share both).',
      }),
    ),
    maxPairs: Type.Optional(
      Type.Integer({
        minimum: 1000,
        maximum: 100_000_000,
        description:
          'Pairs beyond this number are sampled at random (seeded), so that a common key cannot make a session slow. Default 1,000,000.',
      }),
    ),
  },
  { additionalProperties: false },
);

const TrainingSchema = Type.Object(
  {
    sessions: Type.Optional(
      Type.Array(TrainingSessionSchema, {
        minItems: 1,
        maxItems: 16,
        description:
          "Estimate m in sessions, each on pairs blocked on other fields (as Splink does): a comparison's m comes from the sessions that do not block on it, averaged. Without sessions, m is estimated by one EM over the blocked pairs of the run.",
      }),
    ),
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
/** One training session: the pairs it blocks on (see {@link TrainingSessionSchema}). */
export type TrainingSessionConfig = Static<typeof TrainingSessionSchema>;
/** One part of a blocking key. */
export type BlockingKeyConfig = Static<typeof BlockingKeySchema>;
/** How a column is normalised before comparison. */
export type NormaliserName = Static<typeof Normaliser>;

/** Default of a training session's `maxPairs`. */
export const DEFAULT_SESSION_PAIRS = 1_000_000;

/** The threshold used when the configuration sets none. */
export const DEFAULT_THRESHOLD = 0.5;

/** The columns that the comparisons and blocking rules read, in first-use order. */
export function comparedColumns(config: LinkageConfig): string[] {
  const columns = new Set<string>();
  for (const c of config.comparisons) {
    for (const column of comparisonColumns(c)) {
      columns.add(column);
    }
  }
  for (const rule of config.blocking) {
    for (const key of [...rule.on, ...(rule.against ?? [])]) {
      columns.add(keyColumn(key));
    }
  }
  for (const session of config.training?.sessions ?? []) {
    for (const key of [...session.on, ...(session.against ?? [])]) {
      columns.add(keyColumn(key));
    }
  }
  return [...columns];
}

/** The column a blocking key reads. */
export function keyColumn(key: BlockingKeyConfig): string {
  return typeof key === 'string' ? key : key.column;
}

/** Every column a comparison reads: its own and those its levels compare it with. */
function comparisonColumns(comparison: ComparisonConfig): Set<string> {
  const out = new Set([comparison.column]);
  for (const level of comparison.levels) {
    if (level.kind === 'swapped' || level.kind === 'crossExact' || level.kind === 'differsWith') {
      out.add(level.column);
    }
  }
  return out;
}

/**
 * Whether a training session estimates a comparison: it does unless the session blocks on the comparison's
 * column (within such a block the comparison agrees, whatever the truth, so it says nothing) or names it in
 * `fixed`.
 */
export function sessionEstimates(session: TrainingSessionConfig, comparison: ComparisonConfig): boolean {
  if (session.fixed?.includes(comparison.name) === true) {
    return false;
  }
  // Keys that make the values equal (the value itself, its Latin form, a shared transliteration form) hold the
  // comparison fixed; coarser keys (a year, a prefix, a sound, a word) leave its levels to tell pairs apart.
  const equalising = (key: BlockingKeyConfig) =>
    typeof key === 'string' ||
    key.transform === undefined ||
    ['value', 'latin', 'forms'].includes(key.transform);
  return ![...session.on, ...(session.against ?? [])].some(
    (key) => keyColumn(key) === comparison.column && equalising(key),
  );
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
  const sessions = value.training?.sessions;
  for (const [i, session] of (sessions ?? []).entries()) {
    const unknown = (session.fixed ?? []).filter((f) => !names.has(f));
    if (unknown.length > 0) {
      throw badConfig(
        `Training session ${session.name ?? i + 1} holds fixed ${unknown.map((f) => `"${f}"`).join(', ')}, which no comparison is named; the comparisons are ${[...names].map((n) => `"${n}"`).join(', ')}.`,
      );
    }
    if (session.against !== undefined && session.against.length !== session.on.length) {
      throw badConfig(
        `Training session ${session.name ?? i + 1} has ${session.on.length} keys in "on" but ${session.against.length} in "against"; give the same number.`,
      );
    }
  }
  if (sessions !== undefined) {
    const unestimated = value.comparisons.filter((c) => !sessions.some((s) => sessionEstimates(s, c)));
    if (unestimated.length > 0) {
      throw badConfig(
        `No training session estimates ${unestimated.map((c) => `"${c.name}"`).join(', ')}: every session blocks on a column it reads. Add a session that blocks on other columns.`,
      );
    }
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
