import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { IMPORTED_CROSSING_BODIES, ImportedFileLine, type ImportedFile } from '../../contexts/ees/index.ts';
import { SubmittedApplicationLine, type SubmittedApplicationImport } from '../../contexts/etias/index.ts';
import { ImportedAlertLine, type ImportedAlert } from '../../contexts/sis/index.ts';
import { TEXT_FORMATS } from '../../http/schemas.ts';
import { findBadText } from '../../http/text.ts';
import { AppError, invalid, isAppError } from '../../platform/errors.ts';

/** Stable codes of the importer's own rejections (the others are the API's codes). */
export const IMPORT_ERRORS = {
  /** The line is not JSON (the API's code for a body that is not). */
  malformedJson: 'REQUEST_MALFORMED_JSON',
  /** The line does not fit the schema (the API's code for a body that does not). */
  invalid: 'REQUEST_INVALID',
  /** An earlier line of the same input has this id. */
  duplicateId: 'IMPORT_DUPLICATE_ID',
  /** A blank line. */
  emptyLine: 'IMPORT_EMPTY_LINE',
  /** A line the checks could not judge (a fault of Interlink; the line is reported, never dropped). */
  failed: 'IMPORT_LINE_FAILED',
} as const;

/**
 * The same validator settings as the HTTP bodies (src/app.ts): no type coercion, unknown fields refused,
 * the text formats of src/http/schemas.ts.
 */
function bodyAjv(): Ajv {
  const ajv = new Ajv({
    coerceTypes: false,
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    strict: false,
  });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  for (const [name, f] of Object.entries(TEXT_FORMATS)) {
    ajv.addFormat(name, { type: 'string', validate: f.validate });
  }
  return ajv;
}

let compiled: {
  ees: ValidateFunction;
  crossings: Record<keyof typeof IMPORTED_CROSSING_BODIES, ValidateFunction>;
  sis: ValidateFunction;
  etias: ValidateFunction;
} | null = null;

function validators() {
  if (compiled === null) {
    const ajv = bodyAjv();
    compiled = {
      ees: ajv.compile(ImportedFileLine),
      crossings: {
        entry: ajv.compile(IMPORTED_CROSSING_BODIES.entry),
        exit: ajv.compile(IMPORTED_CROSSING_BODIES.exit),
        refusal: ajv.compile(IMPORTED_CROSSING_BODIES.refusal),
      },
      sis: ajv.compile(ImportedAlertLine),
      etias: ajv.compile(SubmittedApplicationLine),
    };
  }
  return compiled;
}

/** The API's wording of a schema failure (src/http/problem.ts), with the path inside the line. */
function schemaError(errors: ErrorObject[] | null | undefined, prefix: string): AppError {
  const parts = (errors ?? []).slice(0, 5).map((v) => {
    const where = `line${prefix}${v.instancePath}`;
    if (v.keyword === 'additionalProperties') {
      return `${where} has an unknown field "${String((v.params as { additionalProperty?: string }).additionalProperty)}"`;
    }
    const format = (v.params as { format?: string }).format;
    if (v.keyword === 'format' && format !== undefined && Object.hasOwn(TEXT_FORMATS, format)) {
      return `${where} must be ${TEXT_FORMATS[format as keyof typeof TEXT_FORMATS].human}`;
    }
    return `${where} ${v.message ?? 'is invalid'}`;
  });
  return invalid(IMPORT_ERRORS.invalid, `The line is not valid: ${parts.join('; ')}.`, {
    errors: (errors ?? []).map((v) => ({
      path: `${prefix}${v.instancePath}`,
      keyword: v.keyword,
      message: v.message,
    })),
  });
}

/**
 * One line of input as the API would take its body: JSON, well-formed text (no NUL, no lone surrogate),
 * the line's schema (the route body schemas inside it).
 *
 * @throws AppError with the API's code
 */
export function parseLine(system: 'ees', text: string): ImportedFile;
export function parseLine(system: 'sis', text: string): ImportedAlert;
export function parseLine(system: 'etias', text: string): SubmittedApplicationImport;
export function parseLine(
  system: 'ees' | 'sis' | 'etias',
  text: string,
): ImportedFile | ImportedAlert | SubmittedApplicationImport {
  if (text.trim() === '') {
    throw invalid(IMPORT_ERRORS.emptyLine, 'The line is empty; give one record per line.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(IMPORT_ERRORS.malformedJson, `The line is not valid JSON: ${(err as Error).message}.`);
  }
  const bad = findBadText(value, 'line');
  if (bad !== null) {
    throw bad;
  }
  const v = validators();
  if (system === 'etias') {
    if (!v.etias(value)) {
      throw schemaError(v.etias.errors, '');
    }
    return value as SubmittedApplicationImport;
  }
  if (system === 'sis') {
    if (!v.sis(value)) {
      throw schemaError(v.sis.errors, '');
    }
    return value as ImportedAlert;
  }
  if (!v.ees(value)) {
    throw schemaError(v.ees.errors, '');
  }
  const line = value as { crossings: Array<Record<string, unknown>> };
  line.crossings.forEach((c, i) => {
    const { kind, ...body } = c;
    const check = v.crossings[kind as keyof typeof IMPORTED_CROSSING_BODIES];
    if (!check(body)) {
      throw schemaError(check.errors, `/crossings/${i}`);
    }
  });
  return value as ImportedFile;
}

/** A line that was not imported, and why (a stable code and a message a person can act on). */
export interface LineReject {
  line: number;
  id: string | null;
  code: string;
  message: string;
}

/** The reject of a line whose checks threw: the API's code for an AppError, else `IMPORT_LINE_FAILED`. */
export const rejectOf = (line: number, id: string | null, err: unknown): LineReject =>
  isAppError(err)
    ? { line, id, code: err.code, message: err.message }
    : {
        line,
        id,
        code: IMPORT_ERRORS.failed,
        message: `The line could not be checked: ${err instanceof Error ? err.message : String(err)}`,
      };

/** The `id` field of a line that is JSON, if it has one (for the reject of a line that failed later). */
export const idOf = (text: string): string | null => {
  try {
    const v = JSON.parse(text) as { id?: unknown };
    return typeof v.id === 'string' ? v.id.slice(0, 100) : null;
  } catch {
    return null;
  }
};
