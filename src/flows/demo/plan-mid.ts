import type { ApplicationInput } from '../../contexts/etias/index.ts';
import { generateMrzOrThrow, SeededRandom, transliterateToMrz } from '../../contexts/identity/index.ts';
import type { NewFileInput } from '../../contexts/ees/index.ts';
import type { PlanCalendar } from './calendar.ts';
import { ageOn, IdentityPool, type DemoIdentity } from './identities.ts';
import {
  ALL_FINGER_POSITIONS,
  EES_FINGER_POSITIONS,
  type DemoCapture,
  type PlannedDataset,
} from './plan-biometrics.ts';
import { applicationOf, nameVariant } from './plan-etias.ts';
import { VISA_EXEMPT_NATIONALITIES, type PlannedEvent, type PlannedTraveller } from './plan-ees.ts';
import type { PlannedAlert } from './plan-sis.ts';

/**
 * The multiple-identity detector's part of the demo world (Regs. (EU) 2019/817 and 2019/818, arts. 27-33):
 * records planted across EES, ETIAS, Eurodac and SIS that the MID must link, and innocent look-alikes it must
 * not. Everything is written through the same service calls as the rest of the world, so detection runs on
 * them as on any record. Persons come from an identity stream of their own (`<seed>:mid`), so that the other
 * parts of the world stay as they were.
 *
 * - **face-two-names** (fraud): a person registered in Eurodac by Italy travels through Helsinki on a
 *   passport in another name and birth date; the EES file's face and fingers match the Eurodac dataset's
 *   (another capture of the same person). Yellow, for the Finnish border authority (art. 29(1)(a)).
 * - **shared-passport** (fraud): an ETIAS application quotes the passport of an EES traveller, under another
 *   person's identity. Yellow by the document (art. 30), for the ETIAS Central Unit (art. 29(1)(c)); the demo
 *   has the Central Unit verify it red, so a guard checking the traveller sees the red link at once.
 * - **sis-alias** (fraud): an ETIAS applicant whose names are a transliteration variant of the alias of a
 *   person wanted on an Italian arrest alert, with the alert's birth date. Yellow (similar identity data),
 *   for SIRENE Italy whatever record made the link (art. 29(2)).
 * - **same-person** (legitimate): an EES traveller's own ETIAS application, same identity and passport. White
 *   (art. 33(1)(b)).
 * - **homonyms** (legitimate, for a person to decide): two people of the same names, birth date, sex and
 *   nationality, in Eurodac (Germany) and EES (Frankfurt), with different faces. Yellow for the German border
 *   authority, which finds two people: green (art. 31).
 * - **namesakes** (look-alike): the same names, sex and nationality in EES, ETIAS and a SIS arrest alert, with
 *   birth dates years apart and different faces. No link: the identity data are different (Del. Reg.
 *   2023/333 Annex II 3.2) and nothing else matches.
 * - **twins** (look-alike): twins in EES and Eurodac, the same surname, nationality and birth date, other given
 *   names, faces that resemble each other and fingers that do not. No link.
 */

/** The capture of each MID record (another number than the rest of the world's, so none coincides). */
export const MID_CAPTURES = Object.freeze({ eurodac: 0, ees: 4, sis: 3 });

/** How much of a twin's face is the other twin's (the synthetic generator's twin model, docs/biometrics.md). */
export const DEMO_TWIN_FACE_SHARE = 0.5;

export const midPersonKey = (caseRef: string): string => `demo:mid:${caseRef}`;

export type DemoMidCaseId =
  'face-two-names' | 'shared-passport' | 'sis-alias' | 'same-person' | 'homonyms' | 'namesakes' | 'twins';

/** A record of a MID case by its plan reference: an EES traveller, an ETIAS application, a dataset, an alert. */
export interface DemoMidRecord {
  system: 'ees' | 'etias' | 'eurodac' | 'sis';
  ref: string;
}

export interface DemoMidCase {
  id: DemoMidCaseId;
  /** `fraud`: must be linked; `legitimate`: linked, for a person to decide or white; `look-alike`: no link. */
  kind: 'fraud' | 'legitimate' | 'look-alike';
  /** The colour the automated process gives (arts. 30 and 33); `none` for look-alikes. */
  expect: 'yellow' | 'white' | 'none';
  /** The demo user of the verifying authority (art. 29), for yellow links. */
  verifier?: string;
  /** What the verifier decides in the demo (the world seeds `shared-passport` decided already). */
  decide?: 'red' | 'green';
  title: string;
  /** Two records (linked or not), or three for the namesakes (no pair of them linked). */
  records: DemoMidRecord[];
}

/** The MID cases of every demo world: which records, and what the MID should make of them. */
export const DEMO_MID_CASES: readonly DemoMidCase[] = Object.freeze([
  {
    id: 'face-two-names',
    kind: 'fraud',
    expect: 'yellow',
    verifier: 'border.fi',
    decide: 'red',
    title: 'One face under two names (EES and Eurodac)',
    records: [
      { system: 'ees', ref: 'MT1' },
      { system: 'eurodac', ref: 'MD1' },
    ],
  },
  {
    id: 'shared-passport',
    kind: 'fraud',
    expect: 'yellow',
    verifier: 'etias-cu',
    decide: 'red',
    title: 'One passport used by two people (EES and ETIAS)',
    records: [
      { system: 'ees', ref: 'MT2' },
      { system: 'etias', ref: 'M01' },
    ],
  },
  {
    id: 'sis-alias',
    kind: 'fraud',
    expect: 'yellow',
    verifier: 'sirene.it',
    decide: 'red',
    title: 'ETIAS applicant similar to the alias of a wanted person (ETIAS and SIS)',
    records: [
      { system: 'etias', ref: 'M02' },
      { system: 'sis', ref: 'MA1' },
    ],
  },
  {
    id: 'same-person',
    kind: 'legitimate',
    expect: 'white',
    title: 'A traveller and the same traveller’s ETIAS application (EES and ETIAS)',
    records: [
      { system: 'ees', ref: 'MT3' },
      { system: 'etias', ref: 'M03' },
    ],
  },
  {
    id: 'homonyms',
    kind: 'legitimate',
    expect: 'yellow',
    verifier: 'border.de',
    decide: 'green',
    title: 'Two people of the same names and birth date (Eurodac and EES)',
    records: [
      { system: 'ees', ref: 'MT4' },
      { system: 'eurodac', ref: 'MD2' },
    ],
  },
  {
    id: 'namesakes',
    kind: 'look-alike',
    expect: 'none',
    title: 'Namesakes born years apart (EES, ETIAS and SIS)',
    records: [
      { system: 'ees', ref: 'MT5' },
      { system: 'etias', ref: 'M04' },
      { system: 'sis', ref: 'MA2' },
    ],
  },
  {
    id: 'twins',
    kind: 'look-alike',
    expect: 'none',
    title: 'Twins (EES and Eurodac)',
    records: [
      { system: 'ees', ref: 'MT6' },
      { system: 'eurodac', ref: 'MD3' },
    ],
  },
] satisfies DemoMidCase[]);

/** An ETIAS application of the MID cases (import id `app_demo-<ref>`). */
export interface PlannedMidApplication {
  ref: string;
  input: ApplicationInput;
}

export interface MidPlan {
  /** In the order written: Eurodac first (the EES files that follow make the links), then EES, SIS, ETIAS. */
  datasets: PlannedDataset[];
  travellers: PlannedTraveller[];
  /** The EES files' captures by traveller reference. */
  eesCaptures: Array<{ travellerRef: string; capture: DemoCapture }>;
  alerts: PlannedAlert[];
  sisCaptures: Array<{ alertRef: string; capture: DemoCapture }>;
  applications: PlannedMidApplication[];
  /** The alias on the SIS alert of `sis-alias`, as entered. */
  alias: { surname: string; givenNames: string };
}

/** Two dates of birth that the MID rules cannot call similar: other year, month and day (Annex II 3.2). */
export function distantBirthDate(birthDate: string, years: number): string {
  const y = Number(birthDate.slice(0, 4)) - years;
  const m = (Number(birthDate.slice(5, 7)) % 12) + 1;
  const d = ((Number(birthDate.slice(8, 10)) + 12) % 28) + 1;
  const two = (n: number) => String(n).padStart(2, '0');
  // Month and day both change and stay above 12 or unequal, so neither a swap (D-a) nor one edit (D-c) explains it.
  return `${y}-${two(m)}-${two(d === m ? d + 1 : d)}`;
}

const yymmdd = (date: string): string => `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;

const mrzName = (name: string): string => transliterateToMrz(name).mrz.replaceAll('<', ' ').trim();

/** A person of the generator under other names or birth date, with the passport's MRZ made again to match. */
function renamedPerson(
  p: DemoIdentity,
  change: Pick<DemoIdentity, 'surname' | 'givenNames' | 'birthDate' | 'sex'>,
): DemoIdentity {
  const { lines } = generateMrzOrThrow({
    format: 'TD3',
    documentCode: 'P',
    issuingState: p.issuingState,
    // The MRZ holds the names transliterated to A-Z (Doc 9303 Part 3, section 6); the record keeps them as given.
    surname: mrzName(change.surname),
    givenNames: mrzName(change.givenNames),
    documentNumber: p.documentNumber,
    nationality: p.nationality,
    birthDate: yymmdd(change.birthDate),
    sex: change.sex,
    expiryDate: yymmdd(p.expiryDate),
  });
  return { ...p, ...change, surnameNative: '', givenNamesNative: '', mrz: [...lines] };
}

const quality = (r: SeededRandom) => r.between(60, 92);

function capture(
  r: SeededRandom,
  person: string,
  n: number,
  fingers: readonly number[],
  twinOf?: DemoCapture['twinOf'],
): DemoCapture {
  return {
    person,
    capture: n,
    face: quality(r),
    fingers: fingers.map((position) => ({ position, quality: quality(r) })),
    ...(twinOf === undefined ? {} : { twinOf }),
  };
}

/** An EES file of a visa-exempt traveller (face and four fingers, EES art. 17(1)) with one past stay. */
function traveller(
  ref: string,
  p: DemoIdentity,
  cal: PlanCalendar,
  r: SeededRandom,
  bcpId: string,
  stay: { start: number; end: number | null },
): PlannedTraveller {
  const file: NewFileInput = {
    kind: 'visa-exempt',
    surname: p.surname,
    givenNames: p.givenNames,
    birthDate: p.birthDate,
    nationalities: [p.nationality],
    sex: p.sex,
    documents: [
      { type: p.documentType, number: p.documentNumber, issuingState: p.issuingState, expiry: p.expiryDate },
    ],
    facialImageRef: `demo:face/${ref}`,
    fingerprints: {
      hand: 'right',
      index: `demo:fp/${ref}/2`,
      middle: `demo:fp/${ref}/3`,
      ring: `demo:fp/${ref}/4`,
      little: `demo:fp/${ref}/5`,
    },
  };
  const events: PlannedEvent[] = [{ kind: 'entry', at: cal.at(stay.start, r), bcpId }];
  if (stay.end !== null) {
    events.push({ kind: 'exit', at: cal.at(stay.end, r, 'afternoon'), bcpId });
  }
  return { ref, roles: [stay.end === null ? 'present' : 'visitor'], identity: p, file, events };
}

const identityOf = (p: DemoIdentity): PlannedDataset['identity'] => ({
  surname: p.surname,
  givenNames: p.givenNames,
  birthDate: p.birthDate,
  sex: p.sex,
  nationalities: [p.nationality],
});

/** Plans the MID cases: pure, deterministic from the seed and the day. */
export function planMid(seed: string, cal: PlanCalendar): MidPlan {
  const r = new SeededRandom(`${seed}:mid`);
  const people = new IdentityPool(`${seed}:mid`, cal.today, { thirdCountryOnly: true, size: 200_000 });
  const adult = (fits: (p: DemoIdentity) => boolean = () => true) =>
    people.take((p) => {
      const age = ageOn(p.birthDate, cal.today);
      return p.documentType === 'P' && age >= 25 && age <= 60 && fits(p);
    });
  const exempt = (p: DemoIdentity) => VISA_EXEMPT_NATIONALITIES.has(p.nationality);
  const datasets: PlannedDataset[] = [];
  const travellers: PlannedTraveller[] = [];
  const eesCaptures: MidPlan['eesCaptures'] = [];
  const alerts: PlannedAlert[] = [];
  const sisCaptures: MidPlan['sisCaptures'] = [];
  const applications: PlannedMidApplication[] = [];
  const addTraveller = (t: PlannedTraveller, c: DemoCapture) => {
    travellers.push(t);
    eesCaptures.push({ travellerRef: t.ref, capture: c });
  };
  const application = (ref: string, p: DemoIdentity, firstStay: string) =>
    applications.push({ ref, input: applicationOf(p, r, { today: cal.today, firstStay }) });
  const dataset = (d: Omit<PlannedDataset, 'expectHits'>) => datasets.push({ ...d, expectHits: [] });

  // face-two-names: Eurodac first (Italy, an irregular crossing), then the EES file at Helsinki.
  const traveller1 = adult(exempt);
  const asylum1 = adult((p) => !exempt(p) && p.sex === traveller1.sex);
  const key1 = midPersonKey('face-two-names');
  dataset({
    ref: 'MD1',
    author: 'asylum.it',
    category: 'irregular-crossing',
    capture: capture(r, key1, MID_CAPTURES.eurodac, ALL_FINGER_POSITIONS),
    identity: identityOf(asylum1),
    note: 'apprehended crossing irregularly into Italy; later travels on a passport in another name',
  });
  addTraveller(
    traveller('MT1', traveller1, cal, r, 'FI-HEL', { start: -40, end: -33 }),
    capture(r, key1, MID_CAPTURES.ees, EES_FINGER_POSITIONS),
  );

  // shared-passport: the EES traveller's passport, quoted by someone else in an ETIAS application.
  const holder = adult(exempt);
  const other = adult((p) => p.nationality === holder.nationality && p.sex !== holder.sex);
  addTraveller(
    traveller('MT2', holder, cal, r, 'FR-CDG', { start: -70, end: -61 }),
    capture(r, midPersonKey('shared-passport'), MID_CAPTURES.ees, EES_FINGER_POSITIONS),
  );

  // same-person: a traveller and the traveller's own application.
  const same = adult(exempt);
  addTraveller(
    traveller('MT3', same, cal, r, 'NL-AMS', { start: -50, end: -44 }),
    capture(r, midPersonKey('same-person'), MID_CAPTURES.ees, EES_FINGER_POSITIONS),
  );

  // homonyms: Germany's Eurodac dataset, then a traveller of the same identity at Frankfurt, another face.
  const homonym = adult(exempt);
  dataset({
    ref: 'MD2',
    author: 'asylum.de',
    category: 'applicant',
    capture: capture(r, midPersonKey('homonyms:eurodac'), MID_CAPTURES.eurodac, ALL_FINGER_POSITIONS),
    identity: identityOf(homonym),
    note: 'applied for protection in Germany; a traveller of the same names and birth date is another person',
  });
  const homonymTraveller = adult((p) => p.nationality === homonym.nationality);
  addTraveller(
    traveller(
      'MT4',
      renamedPerson(homonymTraveller, {
        surname: homonym.surname,
        givenNames: homonym.givenNames,
        birthDate: homonym.birthDate,
        sex: homonym.sex,
      }),
      cal,
      r,
      'DE-FRA',
      { start: -20, end: -12 },
    ),
    capture(r, midPersonKey('homonyms:ees'), MID_CAPTURES.ees, EES_FINGER_POSITIONS),
  );

  // namesakes: one person in EES, two others of the same names born years apart (ETIAS, a SIS arrest alert).
  const namesake = adult(exempt);
  addTraveller(
    traveller('MT5', namesake, cal, r, 'ES-MAD', { start: -90, end: -80 }),
    capture(r, midPersonKey('namesakes:ees'), MID_CAPTURES.ees, EES_FINGER_POSITIONS),
  );
  const renamed = (p: DemoIdentity, birthDate: string): DemoIdentity =>
    renamedPerson(p, {
      surname: namesake.surname,
      givenNames: namesake.givenNames,
      sex: namesake.sex,
      birthDate,
    });
  const namesakeApplicant = renamed(
    adult((p) => p.nationality === namesake.nationality),
    distantBirthDate(namesake.birthDate, 7),
  );
  const namesakeWanted = renamed(
    adult((p) => p.nationality === namesake.nationality),
    distantBirthDate(namesake.birthDate, -9),
  );

  // twins: one in EES, the other in Eurodac (Germany, illegal stay): the same surname and birth date.
  const twinA = adult(exempt);
  const twinB = adult((p) => p.nationality === twinA.nationality && p.givenNames !== twinA.givenNames);
  addTraveller(
    traveller('MT6', twinA, cal, r, 'GR-ATH', { start: -30, end: -25 }),
    capture(r, midPersonKey('twins:a'), MID_CAPTURES.ees, EES_FINGER_POSITIONS),
  );
  dataset({
    ref: 'MD3',
    author: 'asylum.de',
    category: 'illegal-stay',
    capture: capture(r, midPersonKey('twins:b'), MID_CAPTURES.eurodac, ALL_FINGER_POSITIONS, {
      person: midPersonKey('twins:a'),
      share: DEMO_TWIN_FACE_SHARE,
    }),
    identity: { ...identityOf(twinB), surname: twinA.surname, birthDate: twinA.birthDate },
    note: 'found staying irregularly in Germany; the twin of a traveller in EES',
  });

  // sis-alias: Italy's arrest alert with an alias; the applicant uses the alias, transliterated otherwise.
  const wanted = adult(exempt);
  const aliasOf = adult((p) => p.nationality === wanted.nationality && p.sex === wanted.sex);
  const alias = { surname: aliasOf.surname, givenNames: aliasOf.givenNames };
  const variant = nameVariant(alias.surname, alias.givenNames);
  const wantedPerson = (p: DemoIdentity, extra: { aliases?: string[] } = {}) => ({
    surname: p.surname,
    givenNames: p.givenNames,
    birthDate: p.birthDate,
    sex: p.sex,
    nationalities: [p.nationality],
    documents: [{ type: 'passport', issuingCountry: p.issuingState, number: p.documentNumber }],
    photographRefs: [`demo:sis/face/${p.documentNumber}`],
    ...extra,
  });
  const year = cal.today.slice(0, 4);
  alerts.push({
    ref: 'MA1',
    author: 'sirene.it',
    input: {
      category: 'arrest',
      person: wantedPerson(wanted, { aliases: [`${alias.surname}, ${alias.givenNames}`] }),
      reason: 'European Arrest Warrant for fraud (false identity documents)',
      decisionRef: `EAW-ITA-${year}-${String(r.between(1000, 99_999))}`,
      offenceType: 'fraud',
    },
    linkRefs: [],
  });
  sisCaptures.push({
    alertRef: 'MA1',
    capture: capture(r, midPersonKey('sis-alias'), MID_CAPTURES.sis, ALL_FINGER_POSITIONS),
  });
  alerts.push({
    ref: 'MA2',
    author: 'sirene.de',
    input: {
      category: 'arrest',
      person: wantedPerson(namesakeWanted),
      reason: 'European Arrest Warrant for drug trafficking',
      decisionRef: `EAW-DEU-${year}-${String(r.between(1000, 99_999))}`,
      offenceType: 'drug trafficking',
    },
    linkRefs: [],
  });
  sisCaptures.push({
    alertRef: 'MA2',
    capture: capture(r, midPersonKey('namesakes:sis'), MID_CAPTURES.sis, ALL_FINGER_POSITIONS),
  });

  // ETIAS, last: the shared passport, the alias, the same person, the namesake.
  application(
    'M01',
    {
      ...other,
      documentType: holder.documentType,
      documentNumber: holder.documentNumber,
      issuingState: holder.issuingState,
      expiryDate: holder.expiryDate,
    },
    'FR',
  );
  application(
    'M02',
    {
      ...aliasOf,
      surname: variant.surname,
      givenNames: variant.givenNames,
      birthDate: wanted.birthDate,
      sex: wanted.sex,
    },
    'IT',
  );
  application('M03', same, 'NL');
  application('M04', namesakeApplicant, 'ES');
  return { datasets, travellers, eesCaptures, alerts, sisCaptures, applications, alias };
}
