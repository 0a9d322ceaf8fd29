/** A border of a Schengen state, by the means of transport that crosses it. */
export type BorderKind = 'air' | 'sea' | 'land';

/**
 * The first day on which a state applied the Schengen acquis in full, i.e. without checks on persons at its
 * internal borders, per kind of border (ISO dates). States that joined in stages lifted checks at some
 * borders before others (e.g. air borders of the 2007 enlargement only from 30 March 2008).
 */
export type SchengenDates = Readonly<Record<BorderKind, string>>;

/** An EU Member State, EEA state or Switzerland: the states whose citizens enjoy free movement. */
export interface MemberState {
  /** ISO 3166-1 alpha-2 code. */
  readonly alpha2: string;
  /** ISO 3166-1 alpha-3 code. */
  readonly alpha3: string;
  /** English short name. */
  readonly name: string;
  /** Date of accession to the European Communities / European Union, or null for non-EU states. */
  readonly euMemberSince: string | null;
  /** True for EU Member States and the EEA EFTA states (Iceland, Liechtenstein, Norway). */
  readonly eea: boolean;
  /** Dates from which the state applies the Schengen acquis in full, or null if it does not (yet). */
  readonly schengen: SchengenDates | null;
}

const allBorders = (date: string): SchengenDates => ({ air: date, sea: date, land: date });

// Original Schengen Convention states: the Convention was put into effect on 26 March 1995.
const ORIGINAL = allBorders('1995-03-26');
// Nordic Passport Union states, together: 25 March 2001 (Council Decision 2000/777/EC).
const NORDIC = allBorders('2001-03-25');
// 2004 enlargement: land and sea borders from 21 December 2007, airports from 30 March 2008 (the change of
// airline timetables), Council Decision 2007/801/EC.
const ENLARGEMENT_2004: SchengenDates = { air: '2008-03-30', sea: '2007-12-21', land: '2007-12-21' };
// Bulgaria and Romania: air and sea borders from 31 March 2024 (Council Decision (EU) 2024/210), land
// borders from 1 January 2025 (Council Decision (EU) 2024/3212).
const BG_RO: SchengenDates = { air: '2024-03-31', sea: '2024-03-31', land: '2025-01-01' };

/**
 * The 27 EU Member States, the three EEA EFTA states and Switzerland, alphabetical by alpha-2 code.
 * The 29 Schengen states are the 25 EU Member States other than Cyprus and Ireland, plus Iceland,
 * Liechtenstein, Norway and Switzerland. Cyprus applies the acquis only in part (Act of Accession 2003,
 * art. 3(2)); Ireland stays outside under Protocol No 19 to the Treaties.
 */
export const memberStates: readonly MemberState[] = Object.freeze(
  (
    [
      {
        alpha2: 'AT',
        alpha3: 'AUT',
        name: 'Austria',
        euMemberSince: '1995-01-01',
        eea: true,
        // Put into effect on 1 December 1997; checks at the internal land borders ended on 1 April 1998.
        schengen: { air: '1997-12-01', sea: '1997-12-01', land: '1998-04-01' },
      },
      {
        alpha2: 'BE',
        alpha3: 'BEL',
        name: 'Belgium',
        euMemberSince: '1958-01-01',
        eea: true,
        schengen: ORIGINAL,
      },
      {
        alpha2: 'BG',
        alpha3: 'BGR',
        name: 'Bulgaria',
        euMemberSince: '2007-01-01',
        eea: true,
        schengen: BG_RO,
      },
      {
        alpha2: 'CH',
        alpha3: 'CHE',
        name: 'Switzerland',
        euMemberSince: null,
        eea: false,
        // Land borders from 12 December 2008, airports from 29 March 2009 (Council Decision 2008/903/EC).
        schengen: { air: '2009-03-29', sea: '2008-12-12', land: '2008-12-12' },
      },
      { alpha2: 'CY', alpha3: 'CYP', name: 'Cyprus', euMemberSince: '2004-05-01', eea: true, schengen: null },
      {
        alpha2: 'CZ',
        alpha3: 'CZE',
        name: 'Czechia',
        euMemberSince: '2004-05-01',
        eea: true,
        schengen: ENLARGEMENT_2004,
      },
      {
        alpha2: 'DE',
        alpha3: 'DEU',
        name: 'Germany',
        euMemberSince: '1958-01-01',
        eea: true,
        schengen: ORIGINAL,
      },
      {
        alpha2: 'DK',
        alpha3: 'DNK',
        name: 'Denmark',
        euMemberSince: '1973-01-01',
        eea: true,
        schengen: NORDIC,
      },
      {
        alpha2: 'EE',
        alpha3: 'EST',
        name: 'Estonia',
        euMemberSince: '2004-05-01',
        eea: true,
        schengen: ENLARGEMENT_2004,
      },
      {
        alpha2: 'ES',
        alpha3: 'ESP',
        name: 'Spain',
        euMemberSince: '1986-01-01',
        eea: true,
        schengen: ORIGINAL,
      },
      {
        alpha2: 'FI',
        alpha3: 'FIN',
        name: 'Finland',
        euMemberSince: '1995-01-01',
        eea: true,
        schengen: NORDIC,
      },
      {
        alpha2: 'FR',
        alpha3: 'FRA',
        name: 'France',
        euMemberSince: '1958-01-01',
        eea: true,
        schengen: ORIGINAL,
      },
      {
        alpha2: 'GR',
        alpha3: 'GRC',
        name: 'Greece',
        euMemberSince: '1981-01-01',
        eea: true,
        schengen: allBorders('2000-03-26'),
      },
      {
        alpha2: 'HR',
        alpha3: 'HRV',
        name: 'Croatia',
        euMemberSince: '2013-07-01',
        eea: true,
        // Land and sea borders from 1 January 2023, airports from 26 March 2023 (Council Decision (EU) 2022/2451).
        schengen: { air: '2023-03-26', sea: '2023-01-01', land: '2023-01-01' },
      },
      {
        alpha2: 'HU',
        alpha3: 'HUN',
        name: 'Hungary',
        euMemberSince: '2004-05-01',
        eea: true,
        schengen: ENLARGEMENT_2004,
      },
      {
        alpha2: 'IE',
        alpha3: 'IRL',
        name: 'Ireland',
        euMemberSince: '1973-01-01',
        eea: true,
        schengen: null,
      },
      { alpha2: 'IS', alpha3: 'ISL', name: 'Iceland', euMemberSince: null, eea: true, schengen: NORDIC },
      {
        alpha2: 'IT',
        alpha3: 'ITA',
        name: 'Italy',
        euMemberSince: '1958-01-01',
        eea: true,
        // Put into effect on 26 October 1997; checks at the internal land borders ended on 1 April 1998.
        schengen: { air: '1997-10-26', sea: '1997-10-26', land: '1998-04-01' },
      },
      {
        alpha2: 'LI',
        alpha3: 'LIE',
        name: 'Liechtenstein',
        euMemberSince: null,
        eea: true,
        // Council Decision 2011/842/EU.
        schengen: allBorders('2011-12-19'),
      },
      {
        alpha2: 'LT',
        alpha3: 'LTU',
        name: 'Lithuania',
        euMemberSince: '2004-05-01',
        eea: true,
        schengen: ENLARGEMENT_2004,
      },
      {
        alpha2: 'LU',
        alpha3: 'LUX',
        name: 'Luxembourg',
        euMemberSince: '1958-01-01',
        eea: true,
        schengen: ORIGINAL,
      },
      {
        alpha2: 'LV',
        alpha3: 'LVA',
        name: 'Latvia',
        euMemberSince: '2004-05-01',
        eea: true,
        schengen: ENLARGEMENT_2004,
      },
      {
        alpha2: 'MT',
        alpha3: 'MLT',
        name: 'Malta',
        euMemberSince: '2004-05-01',
        eea: true,
        schengen: ENLARGEMENT_2004,
      },
      {
        alpha2: 'NL',
        alpha3: 'NLD',
        name: 'Netherlands',
        euMemberSince: '1958-01-01',
        eea: true,
        schengen: ORIGINAL,
      },
      { alpha2: 'NO', alpha3: 'NOR', name: 'Norway', euMemberSince: null, eea: true, schengen: NORDIC },
      {
        alpha2: 'PL',
        alpha3: 'POL',
        name: 'Poland',
        euMemberSince: '2004-05-01',
        eea: true,
        schengen: ENLARGEMENT_2004,
      },
      {
        alpha2: 'PT',
        alpha3: 'PRT',
        name: 'Portugal',
        euMemberSince: '1986-01-01',
        eea: true,
        schengen: ORIGINAL,
      },
      {
        alpha2: 'RO',
        alpha3: 'ROU',
        name: 'Romania',
        euMemberSince: '2007-01-01',
        eea: true,
        schengen: BG_RO,
      },
      {
        alpha2: 'SE',
        alpha3: 'SWE',
        name: 'Sweden',
        euMemberSince: '1995-01-01',
        eea: true,
        schengen: NORDIC,
      },
      {
        alpha2: 'SI',
        alpha3: 'SVN',
        name: 'Slovenia',
        euMemberSince: '2004-05-01',
        eea: true,
        schengen: ENLARGEMENT_2004,
      },
      {
        alpha2: 'SK',
        alpha3: 'SVK',
        name: 'Slovakia',
        euMemberSince: '2004-05-01',
        eea: true,
        schengen: ENLARGEMENT_2004,
      },
    ] satisfies MemberState[]
  ).map((s) => Object.freeze(s)),
);

/** The 27 EU Member States. */
export const euMemberStates: readonly MemberState[] = Object.freeze(
  memberStates.filter((s) => s.euMemberSince !== null),
);

/** The 29 states applying the Schengen acquis in full (as of 1 January 2025). */
export const schengenStates: readonly MemberState[] = Object.freeze(
  memberStates.filter((s) => s.schengen !== null),
);

const byCode = new Map<string, MemberState>();
for (const s of memberStates) {
  byCode.set(s.alpha2, s);
  byCode.set(s.alpha3, s);
}
// Germany's travel-document code designates the same state.
byCode.set('D', byCode.get('DEU') as MemberState);

/**
 * The EU/EEA/Swiss state with this ISO alpha-2 or alpha-3 code (or the travel-document code `D`), if any.
 * Case-insensitive.
 *
 * @example findMemberState('de')?.alpha3 // 'DEU'
 */
export function findMemberState(code: string): MemberState | undefined {
  return byCode.get(code.trim().toUpperCase());
}

/** True if the code (alpha-2, alpha-3 or `D`) designates one of the 29 Schengen states. */
export function isSchengenState(code: string): boolean {
  const state = findMemberState(code);
  return state !== undefined && state.schengen !== null;
}

/** True if the code (alpha-2, alpha-3 or `D`) designates one of the 27 EU Member States. */
export function isEuMemberState(code: string): boolean {
  const state = findMemberState(code);
  return state !== undefined && state.euMemberSince !== null;
}

/**
 * True if the code designates a state whose citizens enjoy free movement: an EU Member State, an EEA EFTA
 * state or Switzerland (Schengen Borders Code, Reg. (EU) 2016/399, art. 2(5)).
 */
export function isEuEeaOrSwissState(code: string): boolean {
  return findMemberState(code) !== undefined;
}

/**
 * True if the state applied the Schengen acquis in full on `date` ('YYYY-MM-DD') at the given kind of border;
 * without a kind, true only once it applied at all of them. Used to tell whether a past stay counts towards
 * the 90/180-day rule (stays in a state before it joined do not).
 *
 * @example isSchengenStateOn('RO', '2024-06-01', 'air') // true
 * @example isSchengenStateOn('RO', '2024-06-01', 'land') // false
 */
export function isSchengenStateOn(code: string, date: string, border?: BorderKind): boolean {
  const dates = findMemberState(code)?.schengen;
  if (dates === null || dates === undefined) {
    return false;
  }
  // ISO calendar dates compare correctly as strings.
  if (border !== undefined) {
    return date >= dates[border];
  }
  return date >= dates.air && date >= dates.sea && date >= dates.land;
}
