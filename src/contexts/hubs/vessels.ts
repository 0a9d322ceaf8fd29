import countries from 'i18n-iso-countries';
import { checkContainerNumber } from '../sis/index.ts';
import { VESSEL_TYPES, type PortCallInput, type PortOfCall, type VesselType } from './model.ts';

/** At most this many containers in one port call (a large container ship discharges a few thousand). */
export const MAX_CONTAINERS_PER_CALL = 10_000;
/** At most this many previous ports of call. */
export const MAX_PREVIOUS_PORTS = 10;

const ALPHA2 = new Set(Object.keys(countries.getAlpha2Codes()));
const IMO_PATTERN = /^(?:IMO ?)?(\d{7})$/u;
/** UN/LOCODE: the alpha-2 state code, then three letters or the digits 2-9 (UN/ECE Recommendation 16). */
const LOCODE_PATTERN = /^([A-Z]{2})([A-Z2-9]{3})$/u;

/**
 * The IMO number's check digit: the first six digits weighted 7, 6, 5, 4, 3 and 2, summed, and the last digit
 * of the sum (IMO Res. A.1117(30), annex, para. 4).
 *
 * @example imoCheckDigit('907472') === '9' // IMO 9074729
 */
export function imoCheckDigit(first6: string): string {
  let sum = 0;
  for (let i = 0; i < 6; i++) {
    sum += Number(first6[i]) * (7 - i);
  }
  return String(sum % 10);
}

/** The IMO number as seven digits if it is one with a valid check digit (an `IMO ` prefix is allowed), else null. */
export function normaliseImo(value: string): string | null {
  const m = IMO_PATTERN.exec(value.trim().toUpperCase());
  if (m === null) {
    return null;
  }
  const digits = m[1]!;
  return imoCheckDigit(digits.slice(0, 6)) === digits[6] ? digits : null;
}

/** True for an ISO 3166-1 alpha-2 code. */
export function isAlpha2(code: string): boolean {
  return ALPHA2.has(code);
}

/** The port of call a UN/LOCODE names, if it is well formed and its state code exists; else null. */
export function portOfCall(locode: string): PortOfCall | null {
  const m = LOCODE_PATTERN.exec(locode.replace(/\s+/gu, '').toUpperCase());
  if (m === null || !isAlpha2(m[1]!)) {
    return null;
  }
  return { locode: `${m[1]}${m[2]}`, state: m[1]! };
}

export interface PortCallIssue {
  path: string;
  message: string;
}

/** A port call as checked: normalised values, or every issue found. */
export type CheckedPortCall =
  | {
      call: Omit<PortCallInput, 'previousPorts' | 'departedAt'> & {
        departedAt: string | null;
        previousPorts: PortOfCall[];
      };
      issues: [];
    }
  | { call: null; issues: PortCallIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A time in ISO 8601 with an offset, between 2000 and a day after `now`. */
function timeIssue(value: unknown, now: Date): string | null {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/u.test(value)
  ) {
    return 'must be a time in ISO 8601 with an offset, e.g. 2026-06-01T06:30:00Z';
  }
  const t = Date.parse(value);
  const [y, mo, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const civil = new Date(Date.UTC(y, mo - 1, d));
  if (Number.isNaN(t) || civil.getUTCMonth() !== mo - 1 || civil.getUTCDate() !== d) {
    return 'is not a real date and time';
  }
  if (y < 2000 || t > now.getTime() + 86_400_000) {
    return 'must be after 2000 and not more than a day ahead';
  }
  return null;
}

/**
 * Checks a port call as the port's system sends it: the vessel (IMO number with its check digit, name, flag
 * state, type), arrival before departure, previous ports as UN/LOCODEs and the containers discharged as ISO
 * 6346 numbers with their check digit. Every issue is listed, with its path.
 */
export function checkPortCall(value: unknown, now: Date): CheckedPortCall {
  const issues: PortCallIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!isObject(value)) {
    return { call: null, issues: [{ path: '(body)', message: 'must be a port call object' }] };
  }
  for (const key of Object.keys(value)) {
    if (!['vessel', 'arrivedAt', 'departedAt', 'previousPorts', 'containersDischarged'].includes(key)) {
      add(key, 'is not a field of a port call');
    }
  }
  const v = value.vessel;
  let imo: string | null = null;
  let name = '';
  let flag = '';
  let type: VesselType = 'container-ship';
  if (!isObject(v)) {
    add('vessel', 'must be an object with imo, name, flag and type');
  } else {
    for (const key of Object.keys(v)) {
      if (!['imo', 'name', 'flag', 'type'].includes(key)) {
        add(`vessel.${key}`, 'is not a field of a vessel');
      }
    }
    imo = typeof v.imo === 'string' ? normaliseImo(v.imo) : null;
    if (imo === null) {
      add('vessel.imo', 'must be an IMO number of seven digits whose last is its check digit, e.g. 9074729');
    }
    name = typeof v.name === 'string' ? v.name.trim().replace(/\s+/gu, ' ') : '';
    if (name.length < 2 || name.length > 80) {
      add('vessel.name', 'must be the vessel name, 2 to 80 characters');
    }
    flag = typeof v.flag === 'string' ? v.flag.trim().toUpperCase() : '';
    if (!isAlpha2(flag)) {
      add('vessel.flag', 'must be the flag state as an ISO 3166-1 alpha-2 code, e.g. PA or MT');
    }
    if (typeof v.type !== 'string' || !(VESSEL_TYPES as readonly string[]).includes(v.type)) {
      add('vessel.type', `must be one of ${VESSEL_TYPES.join(', ')}`);
    } else {
      type = v.type as VesselType;
    }
  }
  const arrival = timeIssue(value.arrivedAt, now);
  if (arrival !== null) {
    add('arrivedAt', arrival);
  }
  let departedAt: string | null = null;
  if (value.departedAt !== undefined && value.departedAt !== null) {
    const departure = timeIssue(value.departedAt, now);
    if (departure !== null) {
      add('departedAt', departure);
    } else if (
      arrival === null &&
      Date.parse(value.departedAt as string) < Date.parse(value.arrivedAt as string)
    ) {
      add('departedAt', 'must not be before the arrival');
    } else {
      departedAt = new Date(value.departedAt as string).toISOString();
    }
  }
  const previousPorts: PortOfCall[] = [];
  if (!Array.isArray(value.previousPorts) || value.previousPorts.length > MAX_PREVIOUS_PORTS) {
    add('previousPorts', `must be a list of at most ${MAX_PREVIOUS_PORTS} UN/LOCODEs, the latest first`);
  } else {
    value.previousPorts.forEach((p: unknown, i) => {
      const port = typeof p === 'string' && p.length <= 10 ? portOfCall(p) : null;
      if (port === null) {
        add(`previousPorts[${i}]`, 'must be a UN/LOCODE of a real state, e.g. CNSHA');
      } else {
        previousPorts.push(port);
      }
    });
  }
  const containers: string[] = [];
  if (
    !Array.isArray(value.containersDischarged) ||
    value.containersDischarged.length > MAX_CONTAINERS_PER_CALL
  ) {
    add('containersDischarged', `must be a list of at most ${MAX_CONTAINERS_PER_CALL} container numbers`);
  } else {
    const seen = new Set<string>();
    value.containersDischarged.forEach((c: unknown, i) => {
      const checked = typeof c === 'string' && c.length <= 20 ? checkContainerNumber(c) : null;
      if (checked === null || !checked.valid) {
        add(
          `containersDischarged[${i}]`,
          checked === null
            ? 'must be an ISO 6346 container number, e.g. MSCU3045121'
            : `is not a valid ISO 6346 container number: ${checked.explanation}`,
        );
      } else if (!seen.has(checked.normalised)) {
        seen.add(checked.normalised);
        containers.push(checked.normalised);
      }
    });
  }
  if (issues.length > 0 || imo === null) {
    return { call: null, issues };
  }
  return {
    call: {
      vessel: { imo, name, flag, type },
      arrivedAt: new Date(value.arrivedAt as string).toISOString(),
      departedAt,
      previousPorts,
      containersDischarged: containers,
    },
    issues: [],
  };
}
