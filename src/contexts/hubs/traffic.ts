import { containerCheckDigit, PLATE_CONFUSIONS } from '../sis/index.ts';
import type { PortCallInput, VesselType } from './model.ts';
import { imoCheckDigit } from './vessels.ts';

/**
 * Realistic synthetic gate traffic for the camera simulator, the tests and the benchmark: number plates in the
 * current general formats of the states whose lorries pass North Sea ports and Rhine terminals, ISO 6346
 * container numbers with their check digit, and the misreads plate readers make. Deterministic for a seed.
 */

/** A small, fast deterministic generator (mulberry32): the same seed gives the same traffic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const pick = (rnd: () => number, s: string) => s[Math.floor(rnd() * s.length)]!;
const many = (rnd: () => number, s: string, n: number) =>
  Array.from({ length: n }, () => pick(rnd, s)).join('');

/** Dutch plates: the current side codes 7 to 11 (consonants only, as issued). */
const NL_LETTERS = 'BDFGHJKLNPRSTVXZ';
function dutch(r: () => number): string {
  const L = (n: number) => many(r, NL_LETTERS, n);
  const D = (n: number) => many(r, DIGITS, n);
  switch (Math.floor(r() * 5)) {
    case 0:
      return `${D(2)}-${L(3)}-${D(1)}`;
    case 1:
      return `${D(1)}-${L(3)}-${D(2)}`;
    case 2:
      return `${L(2)}-${D(3)}-${L(1)}`;
    case 3:
      return `${L(1)}-${D(3)}-${L(2)}`;
    default:
      return `${L(3)}-${D(2)}-${L(1)}`;
  }
}

/**
 * Plate generators by registration state (ICAO/ISO alpha-3), with their traffic share at a Benelux or Rhine
 * hub. The formats follow each state's current general series; separators are as printed.
 */
const PLATES: ReadonlyArray<{ country: string; share: number; make: (r: () => number) => string }> = [
  {
    country: 'BEL',
    share: 0.2,
    make: (r) => `${1 + Math.floor(r() * 9)}-${many(r, LETTERS, 3)}-${many(r, DIGITS, 3)}`,
  },
  {
    country: 'NLD',
    share: 0.18,
    make: (r) => dutch(r),
  },
  {
    country: 'DEU',
    share: 0.2,
    make: (r) =>
      `${many(r, LETTERS, 1 + Math.floor(r() * 3))}-${many(r, LETTERS, 2)} ${1 + Math.floor(r() * 9999)}`,
  },
  {
    country: 'FRA',
    share: 0.1,
    make: (r) => `${many(r, LETTERS, 2)}-${many(r, DIGITS, 3)}-${many(r, LETTERS, 2)}`,
  },
  {
    country: 'POL',
    share: 0.12,
    make: (r) => `${many(r, LETTERS, 3)} ${many(r, DIGITS, 4)}${pick(r, LETTERS)}`,
  },
  { country: 'LTU', share: 0.06, make: (r) => `${many(r, LETTERS, 3)} ${many(r, DIGITS, 3)}` },
  {
    country: 'ROU',
    share: 0.05,
    make: (r) => `${many(r, LETTERS, 2)} ${many(r, DIGITS, 2)} ${many(r, LETTERS, 3)}`,
  },
  { country: 'ESP', share: 0.04, make: (r) => `${many(r, DIGITS, 4)} ${many(r, 'BCDFGHJKLMNPRSTVWXYZ', 3)}` },
  {
    country: 'ITA',
    share: 0.03,
    make: (r) => `${many(r, LETTERS, 2)} ${many(r, DIGITS, 3)}${many(r, LETTERS, 2)}`,
  },
  {
    country: 'GBR',
    share: 0.02,
    make: (r) => `${many(r, LETTERS, 2)}${many(r, DIGITS, 2)} ${many(r, LETTERS, 3)}`,
  },
];

/** A plate in some state's format, drawn by traffic share. */
export function randomPlate(rnd: () => number): { text: string; country: string } {
  let x = rnd();
  for (const p of PLATES) {
    x -= p.share;
    if (x <= 0) {
      return { text: p.make(rnd), country: p.country };
    }
  }
  const last = PLATES[PLATES.length - 1]!;
  return { text: last.make(rnd), country: last.country };
}

const OWNERS = ['MSC', 'MAE', 'CMA', 'HLX', 'ONE', 'EGH', 'COS', 'YML', 'ZIM', 'HMM'];

/** An ISO 6346 container number (owner code, category U, serial, check digit). */
export function randomContainer(rnd: () => number): string {
  const first10 = `${OWNERS[Math.floor(rnd() * OWNERS.length)]!.slice(0, 3)}U${many(rnd, DIGITS, 6)}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

/** Look-alike pairs a plate reader confuses, both ways (the folded pairs of the SIS matcher). */
const LOOK_ALIKES: ReadonlyArray<[string, string]> = Object.entries(PLATE_CONFUSIONS).map(([a, b]) => [a, b]);

/**
 * The text with `count` look-alike substitutions (O↔0, I↔1, B↔8, …) at random positions that have one; the
 * text is returned unchanged when it has no such character.
 */
export function confuse(text: string, rnd: () => number, count = 1): string {
  const chars = [...text];
  for (let n = 0; n < count; n++) {
    const positions = chars
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => LOOK_ALIKES.some(([a, b]) => a === c || b === c));
    if (positions.length === 0) {
      break;
    }
    const { c, i } = positions[Math.floor(rnd() * positions.length)]!;
    const options = LOOK_ALIKES.filter(([a, b]) => a === c || b === c).map(([a, b]) => (a === c ? b : a));
    chars[i] = options[Math.floor(rnd() * options.length)]!;
  }
  return chars.join('');
}

/** A misread that no look-alike folding recovers: one character dropped. */
export function garble(text: string, rnd: () => number): string {
  const chars = [...text].filter((c) => /[A-Z0-9]/u.test(c));
  chars.splice(Math.floor(rnd() * chars.length), 1);
  return chars.join('');
}

/** A seven-digit IMO number with its check digit (IMO Res. A.1117(30)); new-builds since the 1990s start 9. */
export function randomImo(rnd: () => number): string {
  const first6 = `9${many(rnd, DIGITS, 5)}`;
  return `${first6}${imoCheckDigit(first6)}`;
}

/** Vessels of the liner services calling at a North Sea port: name, flag (alpha-2) and type. */
const VESSELS: ReadonlyArray<{ name: string; flag: string; type: VesselType }> = [
  { name: 'MSC Aurelia', flag: 'PA', type: 'container-ship' },
  { name: 'Maersk Elba', flag: 'DK', type: 'container-ship' },
  { name: 'CMA CGM Tage', flag: 'MT', type: 'container-ship' },
  { name: 'Hapag Al Zubara', flag: 'DE', type: 'container-ship' },
  { name: 'ONE Harmony', flag: 'JP', type: 'container-ship' },
  { name: 'Ever Given Star', flag: 'LR', type: 'container-ship' },
  { name: 'Cosco Pacific Dawn', flag: 'HK', type: 'container-ship' },
  { name: 'Nordic Feeder', flag: 'PT', type: 'feeder' },
  { name: 'Baltic Reefer', flag: 'LR', type: 'reefer' },
  { name: 'Zim Atlantic', flag: 'MH', type: 'container-ship' },
];

/**
 * Previous ports of call of the services that reach the North Sea, the latest first: Asia by Tanger Med or
 * Algeciras, South America, West Africa and the short-sea feeders.
 */
const ROUTES: ReadonlyArray<readonly string[]> = [
  ['MAPTM', 'SGSIN', 'CNSHA'],
  ['ESALG', 'LKCMB', 'CNNGB', 'CNSHA'],
  ['NLRTM', 'SGSIN', 'MYPKG'],
  ['GBFXT', 'NLRTM'],
  ['ECGYE', 'COCTG', 'PAMIT'],
  ['BRSSZ', 'ARBUE'],
  ['MAPTM', 'CIABJ', 'NGAPP'],
  ['DEHAM', 'PLGDN'],
];

/**
 * A port call of a liner vessel arriving at `arrivedAt` (and leaving a day later if that is past) that
 * discharged `containers`: a valid IMO number, a flag and previous ports such as CNSHA, SGSIN, MAPTM, NLRTM.
 */
export function randomPortCall(
  rnd: () => number,
  containers: readonly string[],
  arrivedAt: Date,
  now: Date,
): PortCallInput {
  const vessel = VESSELS[Math.floor(rnd() * VESSELS.length)]!;
  const departure = new Date(arrivedAt.getTime() + 86_400_000);
  return {
    vessel: { imo: randomImo(rnd), ...vessel },
    arrivedAt: arrivedAt.toISOString(),
    departedAt: departure <= now ? departure.toISOString() : null,
    previousPorts: [...ROUTES[Math.floor(rnd() * ROUTES.length)]!],
    containersDischarged: [...containers],
  };
}
