import { isValidDocumentCountryCode, lookupCountry } from '../reference/index.ts';
import { normaliseName, parsePartialDate } from '../identity/index.ts';
import { isCalendarDate } from '../../platform/dates.ts';

/** One problem in an alert, with the path of the field (e.g. `person.documents[0].issuingCountry`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Collects issues while a record is walked; every rule adds to it rather than throwing. */
export class Issues {
  readonly list: FieldIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  text(path: string, value: unknown, options: { required?: boolean; max?: number } = {}): void {
    const max = options.max ?? 200;
    if (value === undefined || value === null) {
      if (options.required === true) {
        this.add(path, 'is required');
      }
      return;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, 'must be a non-empty text');
    } else if (value.length > max) {
      this.add(path, `must have at most ${max} characters`);
    }
  }

  name(path: string, value: unknown, required = false): void {
    this.text(path, value, { required, max: 200 });
    if (typeof value === 'string' && value.trim() !== '' && !/\p{L}/u.test(normaliseName(value))) {
      this.add(path, 'must contain letters');
    }
  }

  names(path: string, value: unknown): void {
    if (value === undefined) {
      return;
    }
    if (!Array.isArray(value) || value.length > 20) {
      this.add(path, 'must be a list of at most 20 names');
      return;
    }
    value.forEach((v, i) => this.name(`${path}[${i}]`, v, true));
  }

  country(path: string, value: unknown, required = false): void {
    if (value === undefined || value === null) {
      if (required) {
        this.add(path, 'is required');
      }
      return;
    }
    if (!isValidDocumentCountryCode(value)) {
      this.add(
        path,
        `${JSON.stringify(value)} is not an ISO 3166-1 alpha-3 or ICAO Doc 9303 country code (e.g. FRA, or D for Germany)`,
      );
    }
  }

  /** A partial date of birth (`00` for unknown parts), not after today and not before 1900. */
  birthDate(path: string, value: unknown, today: string): void {
    if (value === undefined) {
      return;
    }
    if (typeof value !== 'string') {
      this.add(path, 'must be a date YYYY-MM-DD (00 for unknown parts)');
      return;
    }
    const parsed = parsePartialDate(value);
    if (!parsed.ok) {
      this.add(path, parsed.reason);
      return;
    }
    const { year, iso } = parsed.date;
    if (year !== 0 && (year < 1900 || iso.replace(/-00/gu, '-01') > today)) {
      this.add(path, `"${value}" is not a plausible date of birth (1900 to today)`);
    }
  }

  date(path: string, value: unknown, options: { notAfter?: string } = {}): void {
    if (value === undefined) {
      return;
    }
    if (typeof value !== 'string' || !isCalendarDate(value)) {
      this.add(path, 'must be a calendar date YYYY-MM-DD');
    } else if (options.notAfter !== undefined && value > options.notAfter) {
      this.add(path, `must not be after ${options.notAfter}`);
    }
  }

  /** A reference to data held elsewhere (biometric store, national file): no data inline. */
  ref(path: string, value: unknown): void {
    if (value === undefined) {
      return;
    }
    if (typeof value !== 'string' || !/^[\w.:/-]{1,200}$/u.test(value)) {
      this.add(
        path,
        'must be a reference of 1 to 200 letters, digits, dots, colons, slashes, hyphens or underscores',
      );
    }
  }

  refs(path: string, value: unknown): void {
    if (value === undefined) {
      return;
    }
    if (!Array.isArray(value) || value.length > 20) {
      this.add(path, 'must be a list of at most 20 references');
      return;
    }
    value.forEach((v, i) => this.ref(`${path}[${i}]`, v));
  }
}

/** The printed country code (`d<<` → `D`), or the value unchanged when it is not a known code. */
export function printedCountry(code: string): string {
  return lookupCountry(code)?.code ?? code;
}
