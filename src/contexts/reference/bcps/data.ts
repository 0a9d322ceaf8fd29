import { findMemberState } from '../member-states.ts';
import type { BcpKind, BorderCrossingPoint } from './types.ts';

/** The IANA zone of each Schengen state's European mainland; BCPs elsewhere name their zone explicitly. */
const MAINLAND_ZONE: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CH: 'Europe/Zurich',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GR: 'Europe/Athens',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  LI: 'Europe/Vaduz',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
};

// Zones outside the European mainland of their state.
const CANARY = 'Atlantic/Canary';
const AZORES = 'Atlantic/Azores';
const MADEIRA = 'Atlantic/Madeira';
// Ceuta and Melilla, on the African coast, keep Spanish mainland time under their own zone.
const CEUTA = 'Africa/Ceuta';

function bcp(
  alpha2: string,
  kind: BcpKind,
  id: string,
  name: string,
  extra: Pick<BorderCrossingPoint, 'iata' | 'unLocode' | 'neighbour'>,
  timeZone?: string,
): BorderCrossingPoint {
  const state = findMemberState(alpha2);
  const zone = timeZone ?? MAINLAND_ZONE[alpha2];
  if (state === undefined || zone === undefined) {
    // Only reachable through a typo in the table below, which the tests load.
    throw new Error(`BCP ${id}: no member state or time zone for ${alpha2}`);
  }
  return Object.freeze({
    id,
    name,
    memberStateAlpha2: state.alpha2,
    memberStateAlpha3: state.alpha3,
    kind,
    timeZone: zone,
    ...extra,
  });
}

const air = (cc: string, iata: string, name: string, timeZone?: string) =>
  bcp(cc, 'air', `${cc}-${iata}`, name, { iata }, timeZone);
const sea = (cc: string, unLocode: string, name: string, timeZone?: string) =>
  bcp(cc, 'sea', `${cc}-${unLocode.slice(2)}-SEA`, name, { unLocode }, timeZone);
const land = (cc: string, place: string, name: string, neighbour: string, timeZone?: string) =>
  bcp(cc, 'land', `${cc}-${place}`, name, { neighbour }, timeZone);
const rail = (cc: string, place: string, name: string, neighbour: string) =>
  bcp(cc, 'rail', `${cc}-${place}-RAIL`, name, { neighbour });

/**
 * Border crossing points of the Schengen states: the main international airports, the sea ports with
 * passenger traffic from outside the area, and the road and rail crossings on the external land borders.
 * Several crossings to Russia and Belarus have been closed for traffic since 2021–2023; they remain BCPs and
 * are kept so that historical entries and exits stay resolvable.
 *
 * Liechtenstein has no BCP: it has no airport and borders only Schengen states.
 */
export const borderCrossingPoints: readonly BorderCrossingPoint[] = Object.freeze([
  // Austria
  air('AT', 'VIE', 'Wien-Schwechat (Vienna International Airport)'),
  air('AT', 'SZG', 'Salzburg W. A. Mozart'),
  air('AT', 'INN', 'Innsbruck Kranebitten'),
  air('AT', 'GRZ', 'Graz'),
  air('AT', 'LNZ', 'Linz'),

  // Belgium
  air('BE', 'BRU', 'Brussels Airport (Zaventem)'),
  air('BE', 'CRL', 'Brussels South Charleroi'),
  air('BE', 'LGG', 'Liège'),
  sea('BE', 'BEANR', 'Antwerpen'),
  sea('BE', 'BEZEE', 'Zeebrugge'),
  // Eurostar terminal: Schengen exit and entry checks for trains to and from London.
  rail('BE', 'BRUSSELS-MIDI', 'Bruxelles-Midi / Brussel-Zuid (Eurostar)', 'GBR'),

  // Bulgaria
  air('BG', 'SOF', 'Sofia'),
  air('BG', 'VAR', 'Varna'),
  air('BG', 'BOJ', 'Burgas'),
  air('BG', 'PDV', 'Plovdiv'),
  sea('BG', 'BGVAR', 'Varna'),
  sea('BG', 'BGBOJ', 'Burgas'),
  land('BG', 'KAPITAN-ANDREEVO', 'Kapitan Andreevo', 'TUR'),
  land('BG', 'LESOVO', 'Lesovo', 'TUR'),
  land('BG', 'MALKO-TARNOVO', 'Malko Tarnovo', 'TUR'),
  land('BG', 'KALOTINA', 'Kalotina', 'SRB'),
  land('BG', 'VRASHKA-CHUKA', 'Vrashka Chuka', 'SRB'),
  land('BG', 'GYUESHEVO', 'Gyueshevo', 'MKD'),
  land('BG', 'ZLATAREVO', 'Zlatarevo', 'MKD'),

  // Croatia
  air('HR', 'ZAG', 'Zagreb Franjo Tuđman'),
  air('HR', 'SPU', 'Split'),
  air('HR', 'DBV', 'Dubrovnik'),
  air('HR', 'ZAD', 'Zadar'),
  air('HR', 'PUY', 'Pula'),
  sea('HR', 'HRRJK', 'Rijeka'),
  sea('HR', 'HRSPU', 'Split'),
  sea('HR', 'HRDBV', 'Dubrovnik'),
  sea('HR', 'HRZAD', 'Zadar'),
  land('HR', 'BAJAKOVO', 'Bajakovo', 'SRB'),
  land('HR', 'TOVARNIK', 'Tovarnik', 'SRB'),
  land('HR', 'ILOK', 'Ilok', 'SRB'),
  land('HR', 'BATINA', 'Batina', 'SRB'),
  land('HR', 'STARA-GRADISKA', 'Stara Gradiška', 'BIH'),
  land('HR', 'SLAVONSKI-BROD', 'Slavonski Brod', 'BIH'),
  land('HR', 'ZUPANJA', 'Županja', 'BIH'),
  land('HR', 'NOVA-SELA', 'Nova Sela', 'BIH'),
  land('HR', 'MALJEVAC', 'Maljevac', 'BIH'),
  land('HR', 'KARASOVICI', 'Karasovići', 'MNE'),
  rail('HR', 'TOVARNIK', 'Tovarnik', 'SRB'),

  // Czechia
  air('CZ', 'PRG', 'Praha Václav Havel'),
  air('CZ', 'BRQ', 'Brno-Tuřany'),
  air('CZ', 'OSR', 'Ostrava Leoš Janáček'),

  // Denmark
  air('DK', 'CPH', 'København Kastrup (Copenhagen Airport)'),
  air('DK', 'BLL', 'Billund'),
  air('DK', 'AAL', 'Aalborg'),
  air('DK', 'AAR', 'Aarhus'),
  sea('DK', 'DKCPH', 'København'),
  sea('DK', 'DKHIR', 'Hirtshals'),

  // Estonia
  air('EE', 'TLL', 'Tallinn Lennart Meri'),
  air('EE', 'TAY', 'Tartu'),
  sea('EE', 'EETLL', 'Tallinn'),
  land('EE', 'NARVA', 'Narva-1', 'RUS'),
  land('EE', 'KOIDULA', 'Koidula', 'RUS'),
  land('EE', 'LUHAMAA', 'Luhamaa', 'RUS'),
  rail('EE', 'NARVA', 'Narva', 'RUS'),

  // Finland
  air('FI', 'HEL', 'Helsinki-Vantaa'),
  air('FI', 'OUL', 'Oulu'),
  air('FI', 'RVN', 'Rovaniemi'),
  air('FI', 'TKU', 'Turku'),
  air('FI', 'TMP', 'Tampere-Pirkkala'),
  sea('FI', 'FIHEL', 'Helsinki'),
  sea('FI', 'FITKU', 'Turku'),
  land('FI', 'VAALIMAA', 'Vaalimaa', 'RUS'),
  land('FI', 'NUIJAMAA', 'Nuijamaa', 'RUS'),
  land('FI', 'IMATRA', 'Imatra', 'RUS'),
  land('FI', 'NIIRALA', 'Niirala', 'RUS'),
  land('FI', 'VARTIUS', 'Vartius', 'RUS'),
  land('FI', 'KUUSAMO', 'Kuusamo', 'RUS'),
  land('FI', 'SALLA', 'Salla', 'RUS'),
  land('FI', 'RAJA-JOOSEPPI', 'Raja-Jooseppi', 'RUS'),
  rail('FI', 'VAINIKKALA', 'Vainikkala', 'RUS'),

  // France
  air('FR', 'CDG', 'Paris-Charles de Gaulle'),
  air('FR', 'ORY', 'Paris-Orly'),
  air('FR', 'BVA', 'Beauvais-Tillé'),
  air('FR', 'NCE', 'Nice Côte d’Azur'),
  air('FR', 'LYS', 'Lyon-Saint-Exupéry'),
  air('FR', 'MRS', 'Marseille Provence'),
  air('FR', 'TLS', 'Toulouse-Blagnac'),
  air('FR', 'BOD', 'Bordeaux-Mérignac'),
  air('FR', 'NTE', 'Nantes Atlantique'),
  // The binational EuroAirport lies on French territory; French border police check its passengers.
  air('FR', 'MLH', 'EuroAirport Basel-Mulhouse-Freiburg'),
  sea('FR', 'FRCQF', 'Calais'),
  sea('FR', 'FRDKK', 'Dunkerque'),
  sea('FR', 'FRLEH', 'Le Havre'),
  sea('FR', 'FRCER', 'Cherbourg'),
  sea('FR', 'FRMRS', 'Marseille'),
  // Eurostar and Channel Tunnel: checks for the United Kingdom under the juxtaposed-controls treaties.
  rail('FR', 'PARIS-NORD', 'Paris Gare du Nord (Eurostar)', 'GBR'),
  rail('FR', 'COQUELLES', 'Coquelles (Channel Tunnel terminal)', 'GBR'),

  // Germany
  air('DE', 'FRA', 'Frankfurt am Main'),
  air('DE', 'MUC', 'München Franz Josef Strauß'),
  air('DE', 'BER', 'Berlin Brandenburg Willy Brandt'),
  air('DE', 'DUS', 'Düsseldorf'),
  air('DE', 'HAM', 'Hamburg Helmut Schmidt'),
  air('DE', 'CGN', 'Köln/Bonn Konrad Adenauer'),
  air('DE', 'STR', 'Stuttgart'),
  air('DE', 'HAJ', 'Hannover-Langenhagen'),
  air('DE', 'NUE', 'Nürnberg'),
  air('DE', 'LEJ', 'Leipzig/Halle'),
  air('DE', 'BRE', 'Bremen'),
  sea('DE', 'DEHAM', 'Hamburg'),
  sea('DE', 'DEBRV', 'Bremerhaven'),
  sea('DE', 'DEKEL', 'Kiel'),
  sea('DE', 'DERSK', 'Rostock'),

  // Greece
  air('GR', 'ATH', 'Athens Eleftherios Venizelos'),
  air('GR', 'SKG', 'Thessaloniki Makedonia'),
  air('GR', 'HER', 'Heraklion Nikos Kazantzakis'),
  air('GR', 'RHO', 'Rhodes Diagoras'),
  air('GR', 'CFU', 'Corfu Ioannis Kapodistrias'),
  air('GR', 'CHQ', 'Chania Ioannis Daskalogiannis'),
  sea('GR', 'GRPIR', 'Piraeus'),
  sea('GR', 'GRGPA', 'Patras'),
  sea('GR', 'GRIGO', 'Igoumenitsa'),
  sea('GR', 'GRSKG', 'Thessaloniki'),
  land('GR', 'KIPOI', 'Kipoi', 'TUR'),
  land('GR', 'KASTANIES', 'Kastanies', 'TUR'),
  land('GR', 'EVZONOI', 'Evzonoi', 'MKD'),
  land('GR', 'NIKI', 'Niki', 'MKD'),
  land('GR', 'KAKAVIA', 'Kakavia', 'ALB'),
  land('GR', 'KRYSTALLOPIGI', 'Krystallopigi', 'ALB'),

  // Hungary
  air('HU', 'BUD', 'Budapest Liszt Ferenc'),
  air('HU', 'DEB', 'Debrecen'),
  land('HU', 'ROSZKE', 'Röszke', 'SRB'),
  land('HU', 'TOMPA', 'Tompa', 'SRB'),
  rail('HU', 'KELEBIA', 'Kelebia', 'SRB'),
  land('HU', 'ZAHONY', 'Záhony', 'UKR'),
  rail('HU', 'ZAHONY', 'Záhony', 'UKR'),
  land('HU', 'BEREGSURANY', 'Beregsurány', 'UKR'),
  land('HU', 'TISZABECS', 'Tiszabecs', 'UKR'),

  // Iceland
  air('IS', 'KEF', 'Keflavík'),
  air('IS', 'RKV', 'Reykjavík'),
  sea('IS', 'ISREY', 'Reykjavík'),

  // Italy
  air('IT', 'FCO', 'Roma Fiumicino Leonardo da Vinci'),
  air('IT', 'CIA', 'Roma Ciampino'),
  air('IT', 'MXP', 'Milano Malpensa'),
  air('IT', 'LIN', 'Milano Linate'),
  air('IT', 'BGY', 'Bergamo Orio al Serio'),
  air('IT', 'VCE', 'Venezia Marco Polo'),
  air('IT', 'NAP', 'Napoli Capodichino'),
  air('IT', 'BLQ', 'Bologna Guglielmo Marconi'),
  air('IT', 'TRN', 'Torino Caselle'),
  air('IT', 'PSA', 'Pisa Galileo Galilei'),
  air('IT', 'BRI', 'Bari Karol Wojtyła'),
  air('IT', 'CTA', 'Catania Fontanarossa'),
  air('IT', 'PMO', 'Palermo Falcone e Borsellino'),
  sea('IT', 'ITGOA', 'Genova'),
  sea('IT', 'ITCVV', 'Civitavecchia'),
  sea('IT', 'ITNAP', 'Napoli'),
  sea('IT', 'ITLIV', 'Livorno'),
  sea('IT', 'ITVCE', 'Venezia'),
  sea('IT', 'ITTRS', 'Trieste'),
  sea('IT', 'ITAOI', 'Ancona'),
  sea('IT', 'ITBRI', 'Bari'),
  sea('IT', 'ITBDS', 'Brindisi'),
  sea('IT', 'ITPMO', 'Palermo'),

  // Latvia
  air('LV', 'RIX', 'Rīga'),
  sea('LV', 'LVRIX', 'Rīga'),
  sea('LV', 'LVVNT', 'Ventspils'),
  sea('LV', 'LVLPX', 'Liepāja'),
  land('LV', 'TEREHOVA', 'Terehova', 'RUS'),
  land('LV', 'GREBNEVA', 'Grebņeva', 'RUS'),
  land('LV', 'VIENTULI', 'Vientuļi', 'RUS'),
  rail('LV', 'ZILUPE', 'Zilupe', 'RUS'),
  land('LV', 'PATERNIEKI', 'Pāternieki', 'BLR'),
  land('LV', 'SILENE', 'Silene', 'BLR'),

  // Lithuania
  air('LT', 'VNO', 'Vilnius'),
  air('LT', 'KUN', 'Kaunas'),
  air('LT', 'PLQ', 'Palanga'),
  sea('LT', 'LTKLJ', 'Klaipėda'),
  land('LT', 'MEDININKAI', 'Medininkai', 'BLR'),
  land('LT', 'SALCININKAI', 'Šalčininkai', 'BLR'),
  land('LT', 'LAVORISKES', 'Lavoriškės', 'BLR'),
  land('LT', 'RAIGARDAS', 'Raigardas', 'BLR'),
  rail('LT', 'KENA', 'Kena', 'BLR'),
  land('LT', 'KYBARTAI', 'Kybartai', 'RUS'),
  land('LT', 'PANEMUNE', 'Panemunė', 'RUS'),
  rail('LT', 'KYBARTAI', 'Kybartai', 'RUS'),

  // Luxembourg
  air('LU', 'LUX', 'Luxembourg-Findel'),

  // Malta
  air('MT', 'MLA', 'Malta International (Luqa)'),
  sea('MT', 'MTMLA', 'Valletta'),

  // Netherlands
  air('NL', 'AMS', 'Amsterdam Schiphol'),
  air('NL', 'EIN', 'Eindhoven'),
  air('NL', 'RTM', 'Rotterdam The Hague'),
  sea('NL', 'NLRTM', 'Rotterdam'),
  sea('NL', 'NLAMS', 'Amsterdam'),
  sea('NL', 'NLIJM', 'IJmuiden'),

  // Norway
  air('NO', 'OSL', 'Oslo Gardermoen'),
  air('NO', 'BGO', 'Bergen Flesland'),
  air('NO', 'SVG', 'Stavanger Sola'),
  air('NO', 'TRD', 'Trondheim Værnes'),
  air('NO', 'TOS', 'Tromsø Langnes'),
  sea('NO', 'NOOSL', 'Oslo'),
  sea('NO', 'NOBGO', 'Bergen'),
  land('NO', 'STORSKOG', 'Storskog', 'RUS'),

  // Poland
  air('PL', 'WAW', 'Warszawa Chopin'),
  air('PL', 'WMI', 'Warszawa-Modlin'),
  air('PL', 'KRK', 'Kraków Jana Pawła II'),
  air('PL', 'GDN', 'Gdańsk Lecha Wałęsy'),
  air('PL', 'KTW', 'Katowice'),
  air('PL', 'WRO', 'Wrocław Mikołaja Kopernika'),
  air('PL', 'POZ', 'Poznań-Ławica'),
  air('PL', 'RZE', 'Rzeszów-Jasionka'),
  sea('PL', 'PLGDN', 'Gdańsk'),
  sea('PL', 'PLGDY', 'Gdynia'),
  sea('PL', 'PLSWI', 'Świnoujście'),
  sea('PL', 'PLSZZ', 'Szczecin'),
  land('PL', 'TERESPOL', 'Terespol', 'BLR'),
  rail('PL', 'TERESPOL', 'Terespol', 'BLR'),
  land('PL', 'KUKURYKI', 'Kukuryki', 'BLR'),
  land('PL', 'SLAWATYCZE', 'Sławatycze', 'BLR'),
  land('PL', 'POLOWCE', 'Połowce', 'BLR'),
  land('PL', 'BOBROWNIKI', 'Bobrowniki', 'BLR'),
  land('PL', 'KUZNICA', 'Kuźnica', 'BLR'),
  land('PL', 'MEDYKA', 'Medyka', 'UKR'),
  land('PL', 'DOROHUSK', 'Dorohusk', 'UKR'),
  rail('PL', 'DOROHUSK', 'Dorohusk', 'UKR'),
  land('PL', 'HREBENNE', 'Hrebenne', 'UKR'),
  land('PL', 'KORCZOWA', 'Korczowa', 'UKR'),
  land('PL', 'ZOSIN', 'Zosin', 'UKR'),
  land('PL', 'BUDOMIERZ', 'Budomierz', 'UKR'),
  land('PL', 'KROSCIENKO', 'Krościenko', 'UKR'),
  rail('PL', 'PRZEMYSL', 'Przemyśl', 'UKR'),
  land('PL', 'GRZECHOTKI', 'Grzechotki', 'RUS'),
  land('PL', 'BEZLEDY', 'Bezledy', 'RUS'),
  land('PL', 'GRONOWO', 'Gronowo', 'RUS'),
  rail('PL', 'BRANIEWO', 'Braniewo', 'RUS'),

  // Portugal
  air('PT', 'LIS', 'Lisboa Humberto Delgado'),
  air('PT', 'OPO', 'Porto Francisco Sá Carneiro'),
  air('PT', 'FAO', 'Faro'),
  air('PT', 'FNC', 'Madeira Cristiano Ronaldo (Funchal)', MADEIRA),
  air('PT', 'PDL', 'Ponta Delgada João Paulo II', AZORES),
  air('PT', 'TER', 'Lajes (Terceira)', AZORES),
  sea('PT', 'PTLIS', 'Lisboa'),
  sea('PT', 'PTLEI', 'Leixões'),
  sea('PT', 'PTFNC', 'Funchal', MADEIRA),
  sea('PT', 'PTPDL', 'Ponta Delgada', AZORES),

  // Romania
  air('RO', 'OTP', 'București Henri Coandă'),
  air('RO', 'CLJ', 'Cluj-Napoca Avram Iancu'),
  air('RO', 'TSR', 'Timișoara Traian Vuia'),
  air('RO', 'IAS', 'Iași'),
  sea('RO', 'ROCND', 'Constanța'),
  land('RO', 'SIRET', 'Siret', 'UKR'),
  land('RO', 'HALMEU', 'Halmeu', 'UKR'),
  land('RO', 'SIGHETU-MARMATIEI', 'Sighetu Marmației', 'UKR'),
  land('RO', 'ALBITA', 'Albița', 'MDA'),
  land('RO', 'SCULENI', 'Sculeni', 'MDA'),
  land('RO', 'OANCEA', 'Oancea', 'MDA'),
  land('RO', 'PORTILE-DE-FIER-I', 'Porțile de Fier I', 'SRB'),
  land('RO', 'MORAVITA', 'Moravița', 'SRB'),
  land('RO', 'JIMBOLIA', 'Jimbolia', 'SRB'),

  // Slovakia
  air('SK', 'BTS', 'Bratislava M. R. Štefánik'),
  air('SK', 'KSC', 'Košice'),
  land('SK', 'VYSNE-NEMECKE', 'Vyšné Nemecké', 'UKR'),
  land('SK', 'UBLA', 'Ubľa', 'UKR'),
  land('SK', 'VELKE-SLEMENCE', 'Veľké Slemence', 'UKR'),
  rail('SK', 'CIERNA-NAD-TISOU', 'Čierna nad Tisou', 'UKR'),

  // Slovenia
  air('SI', 'LJU', 'Ljubljana Jože Pučnik'),
  air('SI', 'MBX', 'Maribor Edvard Rusjan'),
  sea('SI', 'SIKOP', 'Koper'),

  // Spain
  air('ES', 'MAD', 'Adolfo Suárez Madrid-Barajas'),
  air('ES', 'BCN', 'Josep Tarradellas Barcelona-El Prat'),
  air('ES', 'AGP', 'Málaga-Costa del Sol'),
  air('ES', 'ALC', 'Alicante-Elche Miguel Hernández'),
  air('ES', 'VLC', 'Valencia'),
  air('ES', 'SVQ', 'Sevilla'),
  air('ES', 'BIO', 'Bilbao'),
  air('ES', 'PMI', 'Palma de Mallorca'),
  air('ES', 'IBZ', 'Ibiza'),
  air('ES', 'TFS', 'Tenerife Sur', CANARY),
  air('ES', 'TFN', 'Tenerife Norte-Ciudad de La Laguna', CANARY),
  air('ES', 'LPA', 'Gran Canaria', CANARY),
  air('ES', 'ACE', 'César Manrique-Lanzarote', CANARY),
  air('ES', 'FUE', 'Fuerteventura', CANARY),
  sea('ES', 'ESALG', 'Algeciras'),
  sea('ES', 'ESBCN', 'Barcelona'),
  sea('ES', 'ESVLC', 'Valencia'),
  sea('ES', 'ESPMI', 'Palma de Mallorca'),
  sea('ES', 'ESLPA', 'Las Palmas de Gran Canaria', CANARY),
  sea('ES', 'ESSCT', 'Santa Cruz de Tenerife', CANARY),
  sea('ES', 'ESCEU', 'Ceuta', CEUTA),
  sea('ES', 'ESMLN', 'Melilla', CEUTA),
  land('ES', 'TARAJAL', 'Ceuta – El Tarajal', 'MAR', CEUTA),
  land('ES', 'BENI-ENZAR', 'Melilla – Beni Enzar', 'MAR', CEUTA),
  land('ES', 'LA-LINEA', 'La Línea de la Concepción', 'GIB'),
  land('ES', 'LA-FARGA-DE-MOLES', 'La Farga de Moles', 'AND'),

  // Sweden
  air('SE', 'ARN', 'Stockholm Arlanda'),
  air('SE', 'GOT', 'Göteborg Landvetter'),
  air('SE', 'MMX', 'Malmö'),
  air('SE', 'BMA', 'Stockholm Bromma'),
  sea('SE', 'SEGOT', 'Göteborg'),
  sea('SE', 'SESTO', 'Stockholm'),

  // Switzerland
  air('CH', 'ZRH', 'Zürich'),
  air('CH', 'GVA', 'Genève'),
  air('CH', 'BRN', 'Bern-Belp'),
]);
