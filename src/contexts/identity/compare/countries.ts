import type { Comparison } from './levels.ts';

/**
 * Harmonises a nationality or country code to ICAO Doc 9303 Part 3 / ISO 3166-1 alpha-3: upper case, MRZ
 * filler removed, and the MRZ code `D` (Germany, Doc 9303 Part 3 §5) mapped to `DEU`. The ICAO codes for
 * stateless persons and refugees (`XXA`, `XXB`, `XXC`) and unspecified (`XXX`) stay as they are.
 *
 * @example harmoniseCountryCode('d<<') // 'DEU'
 */
export function harmoniseCountryCode(value: string): string {
  const code = value.trim().toUpperCase().replace(/</gu, '');
  return code === 'D' ? 'DEU' : code;
}

/** True for a three-letter code, as opposed to a country or place written out in full. */
export const isCountryCode = (value: string): boolean => /^[A-Z]{3}$/u.test(harmoniseCountryCode(value));

/** One known renaming: an older name or code and the current one. */
export interface Renaming {
  from: string;
  to: string;
  note: string;
}

/** Version label of {@link KNOWN_RENAMINGS}, to be logged with every decision that used it. */
export const RENAMINGS_VERSION = '2026.1';

/**
 * Known renamings of countries and cities, with the retired ICAO/ISO codes. Compiled from public facts; each
 * entry records the event. Used by MID rule P-c (Annex II 3.4(c) of Delegated Regulations 2023/333 and
 * 2023/332) and by the nationality comparator.
 */
export const KNOWN_RENAMINGS: readonly Renaming[] = Object.freeze([
  { from: 'ZAR', to: 'COD', note: 'Zaire became the Democratic Republic of the Congo (1997)' },
  { from: 'ZAIRE', to: 'DEMOCRATIC REPUBLIC OF THE CONGO', note: 'Zaire renamed (1997)' },
  { from: 'BUR', to: 'MMR', note: 'Burma became Myanmar (1989)' },
  { from: 'BURMA', to: 'MYANMAR', note: 'Burma renamed (1989)' },
  { from: 'TMP', to: 'TLS', note: 'East Timor code changed on independence (2002)' },
  { from: 'EAST TIMOR', to: 'TIMOR-LESTE', note: 'East Timor renamed (2002)' },
  { from: 'ROM', to: 'ROU', note: 'Romania alpha-3 code changed (2002)' },
  { from: 'SWAZILAND', to: 'ESWATINI', note: 'Swaziland renamed (2018)' },
  { from: 'TURKEY', to: 'TURKIYE', note: 'Turkey renamed Türkiye (2022)' },
  { from: 'MACEDONIA', to: 'NORTH MACEDONIA', note: 'Macedonia renamed (2019)' },
  { from: 'CEYLON', to: 'SRI LANKA', note: 'Ceylon renamed (1972)' },
  { from: 'UPPER VOLTA', to: 'BURKINA FASO', note: 'Upper Volta renamed (1984)' },
  { from: 'DAHOMEY', to: 'BENIN', note: 'Dahomey renamed (1975)' },
  { from: 'BOMBAY', to: 'MUMBAI', note: 'Bombay renamed (1995)' },
  { from: 'MADRAS', to: 'CHENNAI', note: 'Madras renamed (1996)' },
  { from: 'CALCUTTA', to: 'KOLKATA', note: 'Calcutta renamed (2001)' },
  { from: 'BANGALORE', to: 'BENGALURU', note: 'Bangalore renamed (2014)' },
  { from: 'LENINGRAD', to: 'SAINT PETERSBURG', note: 'Leningrad renamed (1991)' },
  { from: 'STALINGRAD', to: 'VOLGOGRAD', note: 'Stalingrad renamed (1961)' },
  { from: 'SVERDLOVSK', to: 'YEKATERINBURG', note: 'Sverdlovsk renamed (1991)' },
  { from: 'SAIGON', to: 'HO CHI MINH CITY', note: 'Saigon renamed (1976)' },
  { from: 'RANGOON', to: 'YANGON', note: 'Rangoon renamed (1989)' },
  { from: 'SALISBURY', to: 'HARARE', note: 'Salisbury (Rhodesia) renamed (1982)' },
  { from: 'LEOPOLDVILLE', to: 'KINSHASA', note: 'Léopoldville renamed (1966)' },
  { from: 'DNIPROPETROVSK', to: 'DNIPRO', note: 'Dnipropetrovsk renamed (2016)' },
  { from: 'ASTANA', to: 'NUR-SULTAN', note: 'Astana was named Nur-Sultan from 2019 to 2022' },
]);

const renamingKey = (value: string) =>
  harmoniseCountryCode(value)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[-\s]+/gu, ' ');

const renamingIndex = new Map<string, Renaming[]>();
for (const r of KNOWN_RENAMINGS) {
  for (const key of [renamingKey(r.from), renamingKey(r.to)]) {
    renamingIndex.set(key, [...(renamingIndex.get(key) ?? []), r]);
  }
}

/** The renaming that links `a` and `b` (in either direction), or `undefined`. */
export function findRenaming(a: string, b: string): Renaming | undefined {
  const ka = renamingKey(a);
  const kb = renamingKey(b);
  if (ka === kb) {
    return undefined;
  }
  return renamingIndex.get(ka)?.find((r) => {
    const [from, to] = [renamingKey(r.from), renamingKey(r.to)];
    return (from === ka && to === kb) || (to === ka && from === kb);
  });
}

/**
 * Compares two sets of nationality codes: `exact` when the sets are equal, `equivalent` when they are equal
 * once known renamings are applied, `close` when some nationality is shared, `partial` when one is shared
 * only through a renaming. `XXX` (unspecified) never matches.
 *
 * @example compareNationalities(['SYR', 'TUR'], ['TUR']).level // 'close'
 */
export function compareNationalities(a: readonly string[], b: readonly string[]): Comparison {
  const sa = [...new Set(a.map(harmoniseCountryCode).filter((c) => c !== ''))];
  const sb = [...new Set(b.map(harmoniseCountryCode).filter((c) => c !== ''))];
  if (sa.length === 0 || sb.length === 0) {
    return { level: 'missing', explanation: 'no nationality on one side or both' };
  }
  const known = (c: string) => c !== 'XXX';
  const shared = sa.filter((c) => known(c) && sb.includes(c));
  const renamed = sa.flatMap((x) =>
    sb.flatMap((y) => (known(x) && known(y) && findRenaming(x, y) ? [`${x}→${y}`] : [])),
  );
  const sameSet = (xs: string[], ys: string[]) => xs.length === ys.length && xs.every((c) => ys.includes(c));
  if (sameSet(sa, sb) && sa.every(known)) {
    return { level: 'exact', explanation: `same nationalities ${sa.join(', ')}` };
  }
  const canon = (xs: string[]) => [
    ...new Set(xs.map((c) => KNOWN_RENAMINGS.find((r) => r.from === c)?.to ?? c)),
  ];
  if (renamed.length > 0 && sameSet(canon(sa), canon(sb))) {
    return { level: 'equivalent', explanation: `same nationalities after renaming ${renamed.join(', ')}` };
  }
  if (shared.length > 0) {
    return { level: 'close', explanation: `shared nationality ${shared.join(', ')}` };
  }
  if (renamed.length > 0) {
    return { level: 'partial', explanation: `nationality shared through renaming ${renamed.join(', ')}` };
  }
  return { level: 'different', explanation: `${sa.join(', ')} vs ${sb.join(', ')}` };
}
