import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { DEFAULT_PROFILES, type Actor } from '../../contexts/access/index.ts';
import type { FigureDefinition, StatsAnswer } from '../../contexts/stats/index.ts';
import { isAppError } from '../../platform/errors.ts';
import { withServices } from '../context.ts';
import { CliFailure, EXIT, printJson } from '../support.ts';

/**
 * The analyst at the server's console (2019/817 art. 39): the analyst's profile, so that the CLI reads exactly
 * what the API gives an analyst (anonymous aggregates, small cells suppressed), and every query is logged
 * under the console's operating-system user.
 */
export function consoleAnalyst(osUser: string = safeOsUser()): Actor {
  return Object.freeze<Actor>({
    kind: 'system',
    userId: null,
    username: `console:${osUser}`,
    authorityId: null,
    authorityName: 'Interlink console',
    authorityType: 'analyst',
    memberState: 'EU',
    profile: DEFAULT_PROFILES.analyst,
  });
}

function safeOsUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

const PURPOSE = 'statistics';

/** `--filter memberState=FR` (repeatable) as the query's dimension filters. */
export function parseFilters(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf('=');
    if (at <= 0 || at === v.length - 1) {
      throw new CliFailure(
        `--filter takes <dimension>=<value>, e.g. memberState=FR (got "${v}")`,
        EXIT.usage,
      );
    }
    out[v.slice(0, at)] = v.slice(at + 1);
  }
  return out;
}

/** An answer as an aligned text table: the dimensions asked for, the count (`<n` when suppressed), a total. */
export function formatAnswer(answer: StatsAnswer): string {
  const shown = (n: number | null) => (n === null ? `<${answer.minCell}` : String(n));
  const header = [...answer.by, 'count'];
  const rows = answer.rows.map((r) => [...answer.by.map((d) => r.key[d] ?? ''), shown(r.count)]);
  const total = [...answer.by.map((_, i) => (i === 0 ? 'total' : '')), shown(answer.total)];
  const table = [header, ...rows, ...(answer.by.length > 0 ? [total] : [])];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const filters = Object.entries(answer.filters).map(([k, v]) => `${k}=${v}`);
  return [
    `${answer.figure} ${answer.from}..${answer.to} (${answer.interval})` +
      `${filters.length > 0 ? ` where ${filters.join(', ')}` : ''}`,
    ...table.map(line),
    `${answer.suppressed} cell(s) below ${answer.minCell} suppressed; as of change ${answer.asOf.position} (${answer.asOf.at})`,
  ].join('\n');
}

function formatCatalogue(figures: readonly FigureDefinition[], minCell: number): string {
  const width = Math.max(...figures.map((f) => f.code.length));
  return [
    ...figures.map(
      (f) =>
        `${f.code.padEnd(width)}  ${f.kind.padEnd(5)}  by ${f.dimensions.join(', ')}\n${' '.repeat(width + 2)}${f.label} (${f.legalBasis})`,
    ),
    `cells below ${minCell} are suppressed`,
  ].join('\n');
}

/** Runs a query; a refused or invalid one ends the command with its stable code. */
async function query<T>(json: boolean | undefined, fn: Parameters<typeof withServices<T>>[0]): Promise<T> {
  try {
    return await withServices(fn);
  } catch (err) {
    if (isAppError(err)) {
      if (json) {
        printJson({ error: { code: err.code, message: err.message } });
      }
      throw new CliFailure(
        `${err.code}: ${err.message}`,
        err.kind === 'NotFound' ? EXIT.usage : EXIT.dataError,
      );
    }
    throw err;
  }
}

/** `interlink stats figures` and `interlink stats show <figure>`: the statistics repository, as the API gives it. */
export function registerStatsCommands(program: Command): void {
  const stats = program
    .command('stats')
    .description(
      'Anonymous statistics (2019/817 art. 39): the same figures and suppression as GET /api/v1/stats, read as an analyst',
    );
  stats
    .command('figures')
    .description('The figures the repository keeps, with their dimensions and legal basis')
    .option('--json', 'one JSON object on standard output')
    .action(async (opts: { json?: boolean }) => {
      const catalogue = await query(opts.json, (s) =>
        s.stats.catalogue({ actor: consoleAnalyst(), purpose: PURPOSE }),
      );
      if (opts.json) {
        printJson(catalogue);
      } else {
        process.stdout.write(`${formatCatalogue(catalogue.figures, catalogue.minCell)}\n`);
      }
    });
  stats
    .command('show')
    .description('One figure over a period, broken down by dimensions (small cells suppressed)')
    .argument('<figure>', 'a figure code, e.g. ees.crossings (see `interlink stats figures`)')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: 30 days before --to)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: today); states are counted as of this day')
    .option('--by <dimensions>', 'comma-separated dimensions, and `period`, e.g. nationality,period')
    .option('--interval <interval>', 'day, week, month or total (the length of a `period`)')
    .option(
      '--filter <dimension=value>',
      'restrict to one value of a dimension (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--csv', 'CSV on standard output, as GET …?format=csv gives it')
    .option('--json', 'the answer as one JSON object')
    .action(
      async (
        figure: string,
        opts: {
          from?: string;
          to?: string;
          by?: string;
          interval?: string;
          filter: string[];
          csv?: boolean;
          json?: boolean;
        },
      ) => {
        const filters = parseFilters(opts.filter);
        const by = (opts.by ?? '')
          .split(',')
          .map((d) => d.trim())
          .filter((d) => d !== '');
        const { answer, csv } = await query(opts.json, async (s) => {
          const a = await s.stats.figure(
            { actor: consoleAnalyst(), purpose: PURPOSE },
            {
              figure,
              from: opts.from,
              to: opts.to,
              by,
              interval: opts.interval as StatsAnswer['interval'] | undefined,
              filters,
            },
          );
          return { answer: a, csv: opts.csv ? s.stats.csv(a) : null };
        });
        if (csv !== null) {
          process.stdout.write(csv);
        } else if (opts.json) {
          printJson(answer);
        } else {
          process.stdout.write(`${formatAnswer(answer)}\n`);
        }
      },
    );
}
