import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import {
  parseStayRequest,
  presentStayFigures,
  stayFiguresDays,
  type StayFiguresReport,
} from '../../contexts/ees/index.ts';
import { isAppError } from '../../platform/errors.ts';
import { CliFailure, EXIT, printJson } from '../support.ts';

type StayLineResult = StayFiguresReport | { error: { code: string; message: string } };

/** Answers one input line: the calculator's figures, or an error object for a bad request. */
export function answerStayLine(line: string): StayLineResult {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return {
      error: {
        code: 'EES_STAY_BAD_JSON',
        message: 'the line is not valid JSON; give one JSON object per line',
      },
    };
  }
  try {
    return presentStayFigures(stayFiguresDays(parseStayRequest(request)));
  } catch (err) {
    if (isAppError(err)) {
      return { error: { code: err.code, message: err.message } };
    }
    throw err;
  }
}

/** `interlink stay`: the 90/180 short-stay calculator over JSON lines. */
export function registerStayCommand(program: Command): void {
  program
    .command('stay')
    .description(
      'Schengen 90/180-day short-stay calculator. Reads one request per line on standard input, ' +
        '{"stays":[{"entry":"YYYY-MM-DD","exit":"YYYY-MM-DD"|null}],"date":"YYYY-MM-DD"} (exit null = still ' +
        'present), and prints one line per request: {"date","windowStart","daysUsed","daysRemaining",' +
        '"overstayDays","maxStayFrom","latestExit"}, or {"error":{"code","message"}} for a bad request. ' +
        'Blank lines are skipped.',
    )
    .option('--json', 'print JSON lines (the default and only output)')
    .addHelpText(
      'after',
      [
        '',
        'Fields:',
        '  daysUsed       distinct stay days in [date-179, date] (entry and exit days count, a day counts once)',
        '  daysRemaining  max(0, 90 - daysUsed)',
        '  overstayDays   max(0, daysUsed - 90)',
        '  maxStayFrom    longest continuous stay starting on date with every day compliant',
        '  latestExit     last lawful day of the last stay if it is open or covers date, else null',
        '',
        'Exit codes:',
        `  ${EXIT.ok}   every line was answered (error lines included)`,
        `  ${EXIT.usage}   unknown option or argument`,
        `  ${EXIT.dataError}  standard input could not be read`,
        '',
        'Example:',
        `  echo '{"stays":[{"entry":"2025-01-01","exit":null}],"date":"2025-02-01"}' | interlink stay --json`,
      ].join('\n'),
    )
    .action(async () => {
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          if (line.trim() !== '') {
            printJson(answerStayLine(line));
          }
        }
      } catch (err) {
        throw new CliFailure(
          `standard input could not be read: ${err instanceof Error ? err.message : String(err)}`,
          EXIT.dataError,
        );
      }
      process.exitCode = EXIT.ok;
    });
}
