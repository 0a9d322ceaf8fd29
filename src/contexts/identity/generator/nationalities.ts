/**
 * The nationalities the identity generator draws persons from: the Faker locale that supplies their names
 * and places, the script the names are written in, and the shape of their documents.
 *
 * The weights are rounded, approximate shares of persons crossing or staying in the Schengen area: EU/EEA
 * and Swiss nationals on top, then the third countries with the largest flows at the external borders
 * (United Kingdom, United States, Ukraine, Türkiye, Russia, China, India, Serbia, Morocco, …). They are an
 * order-of-magnitude picture for realistic test data, not statistics.
 */

/** The script a nationality's names are written in, and so how they are romanised for the document. */
export type NameScript =
  'Latin' | 'Cyrillic' | 'Greek' | 'Arabic' | 'Hebrew' | 'Han' | 'Hangul' | 'Georgian' | 'Armenian';

export interface NationalitySpec {
  /** ICAO Doc 9303 Part 3 / ISO 3166-1 alpha-3 code, as written in the identity data. */
  readonly code: string;
  /** Relative frequency of the nationality among generated persons. */
  readonly weight: number;
  /** The Faker locale whose name lists (and, where present, city names) are used. */
  readonly locale: string;
  readonly script: NameScript;
  /** Language hint for {@link transliterateToMrz} where the script serves several languages. */
  readonly language?: string;
  /** Share of persons whose document is a national identity card (TD1), for EU/EEA/Swiss nationals. */
  readonly idCardShare: number;
  /** Share of persons with two given names. */
  readonly twoGivenNames: number;
  /** Share of persons with two surnames (Spanish and Portuguese naming). */
  readonly twoSurnames: number;
  /**
   * Shape of a passport number: `A` a letter (I and O left out, as many issuers do), `9` a digit, `X` either;
   * other characters stand for themselves. Shaped like the issuer's numbers, never a real one.
   */
  readonly passportNumber: string;
  /** Places of birth, used where the Faker locale has no (or no fitting) list of cities. */
  readonly cities?: readonly string[];
  /** Second nationalities commonly held together with this one. */
  readonly secondNationalities?: readonly string[];
}

const EU_ID = 0.4;

function spec(
  code: string,
  weight: number,
  locale: string,
  rest: Partial<Omit<NationalitySpec, 'code' | 'weight' | 'locale'>> = {},
): NationalitySpec {
  return {
    code,
    weight,
    locale,
    script: 'Latin',
    idCardShare: 0,
    twoGivenNames: 0.1,
    twoSurnames: 0,
    passportNumber: 'AA9999999',
    ...rest,
  };
}

export const NATIONALITIES: readonly NationalitySpec[] = Object.freeze([
  // EU, EEA and Switzerland.
  spec('DEU', 9, 'de', {
    idCardShare: 0.5,
    twoGivenNames: 0.25,
    passportNumber: 'CXXXXXXXX',
    secondNationalities: ['TUR', 'POL', 'ITA'],
  }),
  spec('FRA', 7, 'fr', {
    idCardShare: EU_ID,
    twoGivenNames: 0.3,
    passportNumber: '99AA99999',
    secondNationalities: ['DZA', 'MAR', 'PRT'],
  }),
  spec('ITA', 6, 'it', { idCardShare: EU_ID, twoGivenNames: 0.1, passportNumber: 'AA9999999' }),
  spec('ESP', 5, 'es', {
    idCardShare: EU_ID,
    twoGivenNames: 0.3,
    twoSurnames: 0.9,
    passportNumber: 'AAA999999',
    secondNationalities: ['MAR'],
  }),
  spec('POL', 4, 'pl', { idCardShare: EU_ID, twoGivenNames: 0.15, passportNumber: 'AA9999999' }),
  spec('NLD', 3, 'nl', {
    idCardShare: EU_ID,
    twoGivenNames: 0.35,
    passportNumber: 'AAXXXXXX9',
    cities: ['Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere'],
    secondNationalities: ['MAR', 'TUR'],
  }),
  spec('ROU', 3, 'ro', { idCardShare: EU_ID, passportNumber: '999999999', secondNationalities: ['MDA'] }),
  spec('PRT', 2, 'pt_PT', {
    idCardShare: EU_ID,
    twoGivenNames: 0.5,
    twoSurnames: 0.6,
    passportNumber: 'A999999',
    secondNationalities: ['BRA'],
  }),
  spec('GRC', 2, 'el', {
    script: 'Greek',
    language: 'el',
    idCardShare: EU_ID,
    twoGivenNames: 0,
    passportNumber: 'AA9999999',
  }),
  spec('CZE', 2, 'cs_CZ', { idCardShare: EU_ID, passportNumber: '99999999' }),
  spec('HUN', 2, 'hu', { idCardShare: EU_ID, passportNumber: 'AA9999999' }),
  spec('SWE', 2, 'sv', {
    idCardShare: EU_ID,
    twoGivenNames: 0.5,
    passportNumber: '99999999',
    cities: ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala', 'Västerås', 'Örebro', 'Linköping', 'Umeå'],
  }),
  spec('AUT', 2, 'de_AT', { idCardShare: EU_ID, twoGivenNames: 0.2, passportNumber: 'A9999999' }),
  spec('BEL', 2, 'nl_BE', {
    idCardShare: EU_ID,
    twoGivenNames: 0.3,
    passportNumber: 'AA999999',
    cities: ['Antwerpen', 'Gent', 'Brugge', 'Leuven', 'Mechelen', 'Hasselt', 'Brussel', 'Kortrijk'],
    secondNationalities: ['MAR'],
  }),
  spec('CHE', 2, 'de_CH', { idCardShare: EU_ID, twoGivenNames: 0.2, passportNumber: 'A9999999' }),
  spec('NOR', 1, 'nb_NO', {
    idCardShare: 0.2,
    twoGivenNames: 0.3,
    passportNumber: '99999999',
    cities: ['Oslo', 'Bergen', 'Trondheim', 'Stavanger', 'Drammen', 'Kristiansand', 'Tromsø', 'Ålesund'],
  }),
  spec('DNK', 1, 'da', { idCardShare: 0, twoGivenNames: 0.3, passportNumber: '999999999' }),
  spec('FIN', 1, 'fi', { idCardShare: EU_ID, twoGivenNames: 0.5, passportNumber: 'AA9999999' }),
  spec('HRV', 1, 'hr', { idCardShare: EU_ID, passportNumber: '999999999' }),
  spec('SVK', 1, 'sk', { idCardShare: EU_ID, passportNumber: 'AA9999999' }),
  spec('SVN', 0.5, 'sl_SI', { idCardShare: EU_ID, passportNumber: 'PA9999999' }),
  spec('LVA', 0.5, 'lv', { idCardShare: EU_ID, passportNumber: 'AA9999999' }),
  // Third countries.
  spec('GBR', 8, 'en', {
    twoGivenNames: 0.4,
    passportNumber: '999999999',
    cities: [
      'London',
      'Birmingham',
      'Manchester',
      'Glasgow',
      'Liverpool',
      'Leeds',
      'Edinburgh',
      'Bristol',
      'Cardiff',
      'Belfast',
      'Sheffield',
      'Nottingham',
    ],
    secondNationalities: ['IRL', 'USA', 'AUS'],
  }),
  spec('USA', 5, 'en', {
    twoGivenNames: 0.45,
    passportNumber: 'A99999999',
    secondNationalities: ['GBR', 'ITA', 'ISR', 'IRL', 'DEU', 'MEX'],
  }),
  spec('UKR', 5, 'uk', {
    script: 'Cyrillic',
    language: 'uk',
    twoGivenNames: 0,
    passportNumber: 'AA999999',
    secondNationalities: ['POL', 'ISR'],
  }),
  spec('TUR', 4, 'tr', {
    twoGivenNames: 0.15,
    passportNumber: 'U99999999',
    secondNationalities: ['DEU', 'NLD', 'FRA'],
  }),
  spec('RUS', 3, 'ru', {
    script: 'Cyrillic',
    language: 'ru',
    twoGivenNames: 0,
    passportNumber: '999999999',
    secondNationalities: ['ISR', 'DEU'],
  }),
  spec('CHN', 3, 'zh_CN', { script: 'Han', twoGivenNames: 0, passportNumber: 'E99999999' }),
  spec('IND', 3, 'en_IN', { twoGivenNames: 0.2, passportNumber: 'A9999999', secondNationalities: ['GBR'] }),
  spec('SRB', 2, 'sr_RS_latin', { passportNumber: '999999999', secondNationalities: ['HUN', 'AUT'] }),
  spec('MAR', 2, 'ar', {
    script: 'Arabic',
    language: 'ar',
    passportNumber: 'AA9999999',
    cities: ['Casablanca', 'Rabat', 'Fès', 'Marrakech', 'Tanger', 'Agadir', 'Meknès', 'Oujda', 'Tétouan'],
    secondNationalities: ['FRA', 'ESP', 'NLD', 'BEL'],
  }),
  spec('BRA', 2, 'pt_BR', {
    twoGivenNames: 0.4,
    twoSurnames: 0.5,
    passportNumber: 'AA999999',
    cities: [
      'São Paulo',
      'Rio de Janeiro',
      'Brasília',
      'Salvador',
      'Fortaleza',
      'Belo Horizonte',
      'Manaus',
      'Curitiba',
      'Recife',
      'Porto Alegre',
    ],
    secondNationalities: ['PRT', 'ITA'],
  }),
  spec('ISR', 1, 'he', {
    script: 'Hebrew',
    language: 'he',
    twoGivenNames: 0,
    passportNumber: '99999999',
    cities: [
      'Jerusalem',
      'Tel Aviv-Yafo',
      'Haifa',
      'Rishon LeZion',
      'Petah Tikva',
      'Ashdod',
      'Netanya',
      'Holon',
    ],
    secondNationalities: ['USA', 'DEU', 'POL'],
  }),
  spec('KOR', 1, 'ko', {
    script: 'Hangul',
    twoGivenNames: 0,
    passportNumber: 'M99999999',
    cities: ['Seoul', 'Busan', 'Incheon', 'Daegu', 'Daejeon', 'Gwangju', 'Ulsan', 'Suwon', 'Jeonju'],
  }),
  spec('EGY', 1, 'ar', {
    script: 'Arabic',
    language: 'ar',
    passportNumber: 'A99999999',
    cities: ['Cairo', 'Alexandria', 'Giza', 'Port Said', 'Suez', 'Luxor', 'Aswan', 'Mansoura', 'Tanta'],
  }),
  spec('DZA', 1, 'ar', {
    script: 'Arabic',
    language: 'ar',
    passportNumber: '999999999',
    cities: ['Alger', 'Oran', 'Constantine', 'Annaba', 'Blida', 'Batna', 'Sétif', 'Tlemcen', 'Béjaïa'],
    secondNationalities: ['FRA'],
  }),
  spec('SAU', 1, 'ar', {
    script: 'Arabic',
    language: 'ar',
    passportNumber: 'A99999999',
    cities: ['Riyadh', 'Jeddah', 'Mecca', 'Medina', 'Dammam', 'Taif', 'Tabuk', 'Buraidah', 'Abha'],
  }),
  spec('IRN', 1, 'fa', {
    script: 'Arabic',
    language: 'fa',
    passportNumber: 'A99999999',
    cities: ['Tehran', 'Mashhad', 'Isfahan', 'Karaj', 'Shiraz', 'Tabriz', 'Qom', 'Ahvaz', 'Rasht'],
  }),
  spec('GEO', 1, 'ka_GE', { script: 'Georgian', twoGivenNames: 0, passportNumber: '99AA99999' }),
  spec('ARM', 0.5, 'hy', {
    script: 'Armenian',
    twoGivenNames: 0,
    passportNumber: 'AA9999999',
    cities: ['Yerevan', 'Gyumri', 'Vanadzor', 'Vagharshapat', 'Abovyan', 'Kapan', 'Hrazdan', 'Gavar'],
  }),
  spec('MKD', 1, 'mk', { script: 'Cyrillic', language: 'mk', twoGivenNames: 0, passportNumber: 'A9999999' }),
  spec('MDA', 1, 'ro_MD', { passportNumber: 'AA9999999', secondNationalities: ['ROU'] }),
  spec('AZE', 0.5, 'az', { passportNumber: 'C99999999' }),
  spec('UZB', 0.5, 'uz_UZ_latin', { passportNumber: 'AA9999999' }),
  spec('VNM', 1, 'vi', { twoGivenNames: 0, passportNumber: 'C9999999' }),
  spec('IDN', 0.5, 'id_ID', { passportNumber: 'A9999999' }),
  spec('NGA', 1, 'en_NG', { twoGivenNames: 0.3, passportNumber: 'A99999999' }),
  spec('MEX', 1, 'es_MX', {
    twoGivenNames: 0.3,
    twoSurnames: 0.8,
    passportNumber: 'A99999999',
    secondNationalities: ['USA', 'ESP'],
  }),
  spec('ZAF', 0.5, 'en_ZA', { twoGivenNames: 0.3, passportNumber: 'A99999999' }),
  spec('AUS', 1, 'en_AU', {
    twoGivenNames: 0.4,
    passportNumber: 'AA9999999',
    cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide', 'Canberra', 'Hobart', 'Darwin'],
    secondNationalities: ['GBR'],
  }),
  spec('SEN', 0.5, 'fr_SN', { passportNumber: 'A99999999', secondNationalities: ['FRA'] }),
  spec('GHA', 0.3, 'en_GH', { passportNumber: 'G9999999' }),
]);

/** Second nationalities for nationalities without a list of their own. */
export const COMMON_SECOND_NATIONALITIES: readonly string[] = Object.freeze([
  'DEU',
  'FRA',
  'GBR',
  'USA',
  'ITA',
  'ESP',
  'NLD',
  'SWE',
  'CAN',
]);

/** The generator's description of a nationality, or undefined for a code it does not draw from. */
export function nationalitySpec(code: string): NationalitySpec | undefined {
  return NATIONALITIES.find((n) => n.code === code);
}

/** The MRZ form of an alpha-3 code (only Germany differs, Doc 9303 Part 3 §5). */
export function mrzStateCode(code: string): string {
  return code === 'DEU' ? 'D' : code;
}
