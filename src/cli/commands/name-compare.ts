import type { Command } from 'commander';
import { isAppError } from '../../platform/errors.ts';
import { midVerdict, parseIdentityData } from '../../contexts/identity/index.ts';
import type { MidSettings, MidVerdict } from '../../contexts/identity/index.ts';
import { CliFailure, EXIT, printJson, readStdin } from '../support.ts';
import { nameGroup } from './name.ts';

interface CompareOptions {
  chaining?: boolean;
  anyWordOrder?: boolean;
  truncationMin?: string;
  perIdentity?: boolean;
  literalNationality?: boolean;
  codesOneEdit?: boolean;
  eurodac?: boolean;
  legalBasis?: string;
}

type LineError = { error: { code: string; message: string; details?: unknown } };

function settingsFrom(opts: CompareOptions): Partial<MidSettings> {
  const min = opts.truncationMin === undefined ? undefined : Number(opts.truncationMin);
  if (min !== undefined && (!Number.isInteger(min) || min < 1)) {
    throw new CliFailure(
      `--truncation-min must be a whole number of at least 1, got "${opts.truncationMin}"`,
      EXIT.usage,
    );
  }
  if (opts.legalBasis !== undefined && opts.legalBasis !== '2019/817' && opts.legalBasis !== '2019/818') {
    throw new CliFailure(`--legal-basis must be 2019/817 or 2019/818, got "${opts.legalBasis}"`, EXIT.usage);
  }
  return {
    ...(opts.chaining ? { allowChaining: true } : {}),
    ...(opts.anyWordOrder ? { wordOrder: 'any-permutation' as const } : {}),
    ...(min === undefined ? {} : { truncationMinLength: min }),
    ...(opts.perIdentity ? { aliasHandling: 'per-identity' as const } : {}),
    ...(opts.literalNationality ? { nationalityReading: 'literal' as const } : {}),
    ...(opts.codesOneEdit ? { oneEditOnCountryCodes: true } : {}),
    ...(opts.eurodac ? { eurodac: true } : {}),
    ...(opts.legalBasis === undefined ? {} : { legalBasis: opts.legalBasis }),
  };
}

function present(v: MidVerdict) {
  return {
    verdict: v.verdict,
    rules: v.rules,
    firedRules: v.firedRules,
    categories: v.categories,
    fields: v.fields,
    ...(v.identities ? { identities: v.identities } : {}),
    settings: v.settings,
  };
}

/** Compares one input line; returns the output object (a verdict or an error). */
export function compareLine(
  line: string,
  settings: Partial<MidSettings>,
): ReturnType<typeof present> | LineError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    return {
      error: {
        code: 'IDENTITY_NAME_COMPARE_BAD_JSON',
        message: `The line is not JSON (${err instanceof Error ? err.message : String(err)}); give one {"a": {...}, "b": {...}} object per line.`,
      },
    };
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    !('a' in parsed) ||
    !('b' in parsed)
  ) {
    return {
      error: {
        code: 'IDENTITY_NAME_COMPARE_BAD_PAIR',
        message: 'Each line must be an object with the two records to compare as "a" and "b".',
      },
    };
  }
  const a = parseIdentityData(parsed.a, 'a');
  const b = parseIdentityData(parsed.b, 'b');
  if (!a.ok || !b.ok) {
    const issues = [...(a.ok ? [] : a.issues), ...(b.ok ? [] : b.issues)];
    return {
      error: {
        code: 'IDENTITY_MID_BAD_IDENTITY_DATA',
        message: issues.map((i) => `${i.path} ${i.message}`).join('; '),
        details: issues,
      },
    };
  }
  try {
    return present(midVerdict(a.value, b.value, settings));
  } catch (err) {
    if (isAppError(err)) {
      return { error: { code: err.code, message: err.message } };
    }
    throw err;
  }
}

/** `interlink name compare`: the MID "same / similar" verdict for pairs of identity records. */
export function registerNameCompareCommand(program: Command): void {
  nameGroup(program)
    .command('compare')
    .description(
      'Read JSON lines {"a": IdentityData, "b": IdentityData} from standard input and print, for each, the MID ' +
        'verdict (same, similar or different) under Delegated Regulations 2023/333 and 2023/332, the rules behind ' +
        'it and the level of every comparator. A line that cannot be compared gives {"error": {code, message}}; ' +
        'exit 65 if any line could not be compared.',
    )
    .option('--chaining', 'allow one similarity rule after another on the same value pair')
    .option('--any-word-order', 'N-d: accept any reordering of words, not only one swap')
    .option('--truncation-min <n>', 'N-h: minimum length of a truncated name (default 3)')
    .option('--per-identity', 'compare SIS alias identities one at a time instead of pooling their values')
    .option('--literal-nationality', 'let a similar place of birth make the nationality category similar')
    .option('--codes-one-edit', 'P-b: apply the one-edit rule to three-letter country codes too')
    .option('--eurodac', 'accept Eurodac records (from the date Regulation (EU) 2024/1358 applies)')
    .option('--legal-basis <basis>', 'legal basis recorded with each verdict: 2019/817 (default) or 2019/818')
    .action(async (opts: CompareOptions) => {
      const settings = settingsFrom(opts);
      const lines = (await readStdin()).split(/\r?\n/u).filter((l) => l.trim() !== '');
      let failed = 0;
      for (const line of lines) {
        const out = compareLine(line, settings);
        if ('error' in out) {
          failed += 1;
        }
        printJson(out);
      }
      if (failed > 0) {
        throw new CliFailure(`${failed} of ${lines.length} lines could not be compared`, EXIT.dataError);
      }
    });
}
