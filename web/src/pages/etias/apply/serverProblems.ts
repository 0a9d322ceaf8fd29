import { ApiError } from '../../../api/client.ts';
import { fieldOfIssuePath, type FieldPath } from './applicationDraft.ts';

/** A problem the server found with one part of the application. */
export interface ServerProblem {
  path: string;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The field-level problems of a refused application, whichever list the answer carries them in: the ETIAS
 * context's `details.problems` (`{ field, message }`), a context's `details.issues` (`{ path, message }`) or
 * the schema check's `details.errors` (`{ path: '/document/number', message }`). Empty when it carries none.
 */
export function serverProblems(error: unknown): ServerProblem[] {
  if (!(error instanceof ApiError) || error.details === null) {
    return [];
  }
  const out: ServerProblem[] = [];
  for (const key of ['problems', 'issues', 'errors']) {
    const list = error.details[key];
    if (!Array.isArray(list)) {
      continue;
    }
    for (const item of list) {
      if (!isRecord(item)) {
        continue;
      }
      const path =
        typeof item.field === 'string' ? item.field : typeof item.path === 'string' ? item.path : '';
      const message = typeof item.message === 'string' ? item.message : '';
      out.push({ path, message });
    }
  }
  return out;
}

/** Problems sorted to the fields that show them, and those no field holds (listed above the form). */
export function placeProblems(problems: readonly ServerProblem[]): {
  byField: Partial<Record<FieldPath, string>>;
  unplaced: ServerProblem[];
} {
  const byField: Partial<Record<FieldPath, string>> = {};
  const unplaced: ServerProblem[] = [];
  for (const problem of problems) {
    const field = fieldOfIssuePath(problem.path);
    if (field === null) {
      unplaced.push(problem);
    } else {
      const known = byField[field];
      byField[field] = known === undefined ? problem.message : `${known}; ${problem.message}`;
    }
  }
  return { byField, unplaced };
}
