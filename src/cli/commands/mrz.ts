import type { Command } from 'commander';
import {
  generateMrz,
  parseMrz,
  repairMrz,
  type MrzCorrection,
  type MrzDocumentData,
  type MrzParseResult,
} from '../../contexts/identity/index.ts';
import { CliFailure, EXIT, printJson, readStdin } from '../support.ts';

/** Splits standard input into documents: blocks of non-blank lines separated by a blank line. */
export function splitDocuments(text: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') {
      if (current.length > 0) {
        blocks.push(current);
      }
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) {
    blocks.push(current);
  }
  return blocks;
}

function present(result: MrzParseResult, corrections?: readonly MrzCorrection[], repair?: string) {
  return {
    format: result.format,
    valid: result.valid,
    documentCode: result.documentCode,
    issuingState: result.issuingState,
    documentNumber: result.documentNumber,
    surname: result.surname,
    givenNames: result.givenNames,
    nameTruncated: result.nameTruncated,
    nationality: result.nationality,
    birthDate: result.birthDate,
    expiryDate: result.expiryDate,
    sex: result.sex,
    optionalData: result.optionalData,
    optionalData2: result.optionalData2,
    details: Object.fromEntries(
      Object.entries(result.details).map(([field, d]) => [
        field,
        { valid: d.valid, message: d.message, ...(d.profile ? { profile: d.profile } : {}) },
      ]),
    ),
    ...(result.issues.length > 0 ? { issues: result.issues } : {}),
    ...(result.deviations.length > 0 ? { deviations: result.deviations } : {}),
    ...(corrections ? { corrections } : {}),
    ...(repair ? { repair } : {}),
  };
}

/** `interlink mrz parse` and `interlink mrz generate`. */
export function registerMrzCommands(program: Command): void {
  const mrz = program
    .command('mrz')
    .description('Machine-readable zones of travel documents (ICAO Doc 9303)');

  mrz
    .command('parse')
    .description(
      'Read MRZs from standard input (one document per block of lines, blocks separated by a blank line) and ' +
        'print one JSON object per document. Exit 0 when all are valid, 1 when any is invalid.',
    )
    .option(
      '--autocorrect',
      'repair OCR look-alikes (O/0, I/1, B/8, S/5, Z/2, G/6) that the check digits confirm',
    )
    .option('--json', 'print JSON lines (the default and only output)')
    .action(async (opts: { autocorrect?: boolean }) => {
      const text = await readStdin();
      if (text.includes('\u0000')) {
        throw new CliFailure('standard input is binary, not MRZ text', EXIT.dataError);
      }
      const blocks = splitDocuments(text);
      if (blocks.length === 0) {
        throw new CliFailure(
          'no MRZ found on standard input: give the MRZ lines, documents separated by a blank line',
          EXIT.dataError,
        );
      }
      let allValid = true;
      for (const block of blocks) {
        if (opts.autocorrect) {
          const repaired = repairMrz(block);
          allValid &&= repaired.result.valid;
          printJson(present(repaired.result, repaired.corrections, repaired.message));
        } else {
          const result = parseMrz(block);
          allValid &&= result.valid;
          printJson(present(result));
        }
      }
      process.exitCode = allValid ? EXIT.ok : EXIT.checkFailed;
    });

  mrz
    .command('generate')
    .description(
      'Read document data as JSON (one object per line) from standard input and print {"format","lines"} per ' +
        'document, or {"error":{"code","message"}}. Exit 65 when any line could not be generated.',
    )
    .action(async () => {
      const text = await readStdin();
      let failed = false;
      let count = 0;
      for (const line of text.split(/\r?\n/)) {
        if (line.trim() === '') {
          continue;
        }
        count += 1;
        let data: unknown;
        try {
          data = JSON.parse(line);
        } catch {
          failed = true;
          printJson({ error: { code: 'IDENTITY_MRZ_BAD_JSON', message: 'line is not valid JSON' } });
          continue;
        }
        if (typeof data !== 'object' || data === null || Array.isArray(data)) {
          failed = true;
          printJson({ error: { code: 'IDENTITY_MRZ_BAD_JSON', message: 'each line must be a JSON object' } });
          continue;
        }
        const result = generateMrz(data as MrzDocumentData);
        if (result.ok) {
          printJson({
            format: result.format,
            lines: result.lines,
            ...(result.nameTruncated ? { nameTruncated: true } : {}),
          });
        } else {
          failed = true;
          const first = result.errors[0];
          printJson({
            error: {
              code: first?.code ?? 'IDENTITY_MRZ_INVALID_FIELD',
              message: result.errors.map((e) => `${e.field}: ${e.message}`).join('; '),
            },
          });
        }
      }
      if (count === 0) {
        throw new CliFailure(
          'no document data on standard input: give one JSON object per line',
          EXIT.dataError,
        );
      }
      process.exitCode = failed ? EXIT.dataError : EXIT.ok;
    });
}
