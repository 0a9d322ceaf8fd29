import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SyntheticBiometrics } from '../../contexts/sbms/index.ts';
import {
  ALL_FINGER_POSITIONS,
  captureFile,
  DEMO_CAPTURES,
  describeCapture,
  uniformCapture,
  type CaptureFile,
  type DemoCapture,
} from '../../flows/demo/plan-biometrics.ts';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { CliFailure, EXIT, printJson } from '../support.ts';

export interface CaptureOptions {
  person?: string;
  capture?: string;
  quality?: string;
  face?: boolean;
  fingers?: string;
  out?: string;
  json?: boolean;
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/u.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new CliFailure(`${name} must be a whole number from ${min} to ${max} (got '${value}')`, EXIT.usage);
  }
  return Number(value);
}

/** `1,2,3` → finger positions 1-10, each once, in the order given. */
export function parseFingers(value: string): number[] {
  const positions = value.split(',').map((p) => wholeNumber('--fingers', p, 1, 10));
  if (new Set(positions).size !== positions.length) {
    throw new CliFailure(`--fingers names a finger twice (got '${value}')`, EXIT.usage);
  }
  return positions;
}

/**
 * What `capture` makes from its options: the face and fingers asked for, or, when neither `--face` nor
 * `--fingers` is given, the face and all ten fingers.
 */
export function captureOf(opts: CaptureOptions): DemoCapture {
  const person = opts.person?.trim() ?? '';
  if (person === '') {
    throw new CliFailure(
      "--person is required: a person key such as demo:ees:T002 (see 'interlink biometrics persons')",
      EXIT.usage,
    );
  }
  const fingers = opts.fingers === undefined ? [] : parseFingers(opts.fingers);
  const everything = opts.face !== true && opts.fingers === undefined;
  return uniformCapture(person, {
    capture:
      opts.capture === undefined ? DEMO_CAPTURES.live : wholeNumber('--capture', opts.capture, 0, 1_000_000),
    quality: opts.quality === undefined ? 80 : wholeNumber('--quality', opts.quality, 0, 100),
    face: everything || opts.face === true,
    fingers: everything ? ALL_FINGER_POSITIONS : fingers,
  });
}

/**
 * The template lengths of the configuration. Read as `cliConfig` does, without importing the services that
 * module opens (the capture device needs no database).
 */
function configuredDimensions(): { face: number; finger: number } {
  try {
    return loadConfig(process.env).biometrics.dimensions;
  } catch (err) {
    if (err instanceof ConfigError) {
      throw new CliFailure(err.message, EXIT.config);
    }
    throw err;
  }
}

/**
 * The capture file for the options (deterministic: the same options give the same file), with templates of
 * the configured lengths (`INTERLINK_FACE_DIMENSIONS`, `INTERLINK_FINGER_DIMENSIONS`), as the server takes them.
 */
export function makeCapture(
  opts: CaptureOptions,
  dimensions = configuredDimensions(),
): { capture: DemoCapture; file: CaptureFile } {
  const capture = captureOf(opts);
  return { capture, file: captureFile(capture, new SyntheticBiometrics({ dimensions: { ...dimensions } })) };
}

/** `interlink biometrics capture` and `interlink biometrics persons`: the demo's capture device. */
export function registerBiometricsCommands(program: Command): void {
  const group = program
    .command('biometrics')
    .description(
      'Synthetic biometrics of the demo world: capture files of its persons, and the list of who they are',
    );

  group
    .command('capture')
    .description(
      'Write a synthetic capture file, {"face": template, "fingerprints": [templates]}, of a person of the ' +
        'demo world (the demo’s capture device). The same person key gives captures of the same person, ' +
        'which match the records of the world; another --capture number is another capture of them; any ' +
        'other key is a person the world does not know. Templates follow the biometric contract (base64 ' +
        'of little-endian float32, as many values as INTERLINK_FACE_DIMENSIONS and ' +
        'INTERLINK_FINGER_DIMENSIONS say, 512 and 192 by default).',
    )
    .option('--person <key>', "the person, e.g. demo:ees:T002 (see 'interlink biometrics persons')")
    .option(
      '--capture <n>',
      `which capture of the person (default ${DEMO_CAPTURES.live}; the world's records hold captures ${DEMO_CAPTURES.enrolment}, ${DEMO_CAPTURES.reRegistration} and ${DEMO_CAPTURES.sisPhotograph})`,
    )
    .option('--quality <q>', 'the quality of every template, 0-100 (default 80)')
    .option('--face', 'include the face')
    .option(
      '--fingers <positions>',
      'include these fingers, ISO positions 1-10 separated by commas (e.g. 2,3,4,5)',
    )
    .option('--out <file>', 'write the capture file there (default: standard output)')
    .option('--json', 'with --out, print what was written as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Without --face and --fingers the capture holds the face and all ten fingers.',
        'Finger positions: 1 right thumb … 5 right little finger, 6 left thumb … 10 left little finger.',
        '',
        'Exit codes:',
        `  ${EXIT.ok}   the capture file was written`,
        `  ${EXIT.usage}   a missing or bad option`,
        `  ${EXIT.dataError}  the file could not be written`,
        '',
        'Examples:',
        '  interlink biometrics capture --person demo:ees:T002 --face --out live-face.json',
        '  interlink biometrics capture --person demo:eurodac:2 --out applicant.json',
      ].join('\n'),
    )
    .action((opts: CaptureOptions) => {
      const { capture, file } = makeCapture(opts);
      const text = `${JSON.stringify(file, null, 2)}\n`;
      if (opts.out === undefined) {
        process.stdout.write(text);
        return;
      }
      try {
        writeFileSync(opts.out, text);
      } catch (err) {
        throw new CliFailure(
          `cannot write ${opts.out}: ${err instanceof Error ? err.message : String(err)}`,
          EXIT.dataError,
        );
      }
      const summary = {
        out: opts.out,
        person: capture.person,
        capture: capture.capture,
        holds: describeCapture(capture),
      };
      if (opts.json) {
        printJson(summary);
      } else {
        process.stdout.write(
          `wrote ${summary.out}: ${summary.holds} of ${summary.person} (capture ${summary.capture})\n`,
        );
      }
    });

  group
    .command('persons')
    .description(
      'List the persons of the demo world who have biometrics: their keys for `capture`, names and the ' +
        'records that hold their face or fingers (EES files, SIS alerts, Eurodac datasets)',
    )
    .option('--date <YYYY-MM-DD>', 'the day the demo world was made (names depend on it; keys do not)')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { date?: string; json?: boolean }) => {
      const today = opts.date ?? new Date().toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/u.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
        throw new CliFailure(`--date must be a date YYYY-MM-DD (got '${today}')`, EXIT.usage);
      }
      // The plan is made here, not read from a database: it is a pure function of the seed and the day.
      const { planDemoWorld, DEMO_WORLD_SEED } = await import('../../flows/demo/plan.ts');
      const { persons } = planDemoWorld({ seed: DEMO_WORLD_SEED, today }).biometrics;
      if (opts.json) {
        printJson({ plannedOn: today, persons });
        return;
      }
      process.stdout.write(
        `Persons of the demo world made on ${today} with biometrics (make a capture of one with\n` +
          '`interlink biometrics capture --person <key>`; any other key is a person the world does not know):\n',
      );
      const width = Math.max(...persons.map((p) => p.key.length));
      for (const p of persons) {
        process.stdout.write(
          `  ${p.key.padEnd(width)}  ${p.name} (${p.nationality}, born ${p.birthDate})\n${p.records
            .map((r) => `  ${' '.repeat(width)}    ${r}\n`)
            .join('')}`,
        );
      }
    });
}
