import type {
  ApplicationInput,
  ApplicationStatus,
  EducationLevel,
  OccupationGroup,
  Queue,
} from '../../contexts/etias/index.ts';
import { SeededRandom } from '../../contexts/identity/index.ts';
import { lookupBcp, visaRequirement } from '../../contexts/reference/index.ts';
import type { PlanCalendar } from './calendar.ts';
import { ageOn, IdentityPool, type DemoIdentity } from './identities.ts';
import type { PlannedTraveller } from './plan-ees.ts';
import type { PlannedAlert } from './plan-sis.ts';

/**
 * The ETIAS part of the demo world (Reg. (EU) 2018/1240): applications of the demo's visa-exempt travellers
 * (Reg. (EU) 2018/1806 Annex II, from the reference context), most of them issued at once, and a few planted
 * cases that automated processing (art. 20) sends to manual processing: a SIS refusal alert's subject under
 * a name variant, a passport reported stolen, an EES overstayer and a traveller refused at the border, a
 * watchlist entry (art. 34) and one active screening rule (art. 33). Some stay in the Central Unit's queue
 * (art. 22); the Central Unit confirms the others' hits, which sends them to the National Unit of Spain
 * (art. 25(2): the member state that entered the data, or of the first intended stay).
 */

/** Why an application is in the demo world; `clean` ones are issued by automated processing. */
export type EtiasCase =
  | 'clean'
  | 'sis-refusal-variant'
  | 'sis-document'
  | 'ees-overstay'
  | 'ees-refused'
  | 'watchlist'
  | 'screening-rule';

export interface PlannedApplication {
  /** Stable reference within the plan, e.g. `E007`; the import id is `etias_demo-E007`. */
  ref: string;
  case: EtiasCase;
  /** The EES demo traveller applying, when it is one. */
  travellerRef?: string;
  /** The SIS demo alert the application is planted to hit. */
  alertRef?: string;
  input: ApplicationInput;
  /**
   * When the application was submitted (ISO instant, in the days before the world is made); none for those
   * still in the Central Unit's queue, submitted as the world is made (its 12-hour deadline runs from then).
   */
  submittedAt?: string;
  /**
   * The Central Unit confirms the application's hits after automated processing (art. 22(4)), so that it
   * goes to the National Unit responsible.
   */
  confirmByCentralUnit: boolean;
  /** What the application should end as once the world is made. */
  expect: { status: ApplicationStatus; queue?: Queue; nationalUnit?: string };
}

/** One watchlist entry (art. 34): a person Europol or a member state has reasons to watch. */
export interface PlannedWatchlistEntry {
  ref: string;
  /** Who is responsible for it: `EUROPOL` or a member state's alpha-2 code (art. 34(4)). */
  enteredBy: string;
  surname: string;
  givenNames: string;
  birthDate: string;
  nationality: string;
  documentNumber?: string;
  reason: string;
}

/**
 * One screening rule (art. 33): a predicate over permitted fields only (art. 33(5): never on sex or age
 * alone), entered and activated by the Central Unit after its impact was measured.
 */
export interface PlannedScreeningRule {
  name: string;
  description: string;
  /** Countries of residence (alpha-3). */
  residenceCountries: string[];
  occupations: OccupationGroup[];
  ageMin: number;
  ageMax: number;
}

export interface EtiasPlan {
  applications: PlannedApplication[];
  watchlist: PlannedWatchlistEntry[];
  rule: PlannedScreeningRule;
}

/** The National Unit the demo's confirmed cases go to (demo user `etias-nu.es`). */
export const DEMO_NATIONAL_UNIT = 'ES';

/** The demo's screening rule: residents of one country in one occupation group, aged 25 to 45. */
export const DEMO_SCREENING_RULE: PlannedScreeningRule = {
  name: 'Demo risk indicator R-01',
  description:
    'Indicator from the Central Unit (art. 33(4)): residents of the country concerned working in agriculture aged 25 to 45',
  residenceCountries: ['MDA'],
  occupations: ['agriculture'],
  ageMin: 25,
  ageMax: 45,
};

const EDUCATION: readonly EducationLevel[] = ['secondary', 'higher', 'higher', 'secondary', 'primary'];
const OCCUPATIONS: readonly OccupationGroup[] = [
  'professionals',
  'professionals',
  'managers',
  'technicians',
  'clerical-support',
  'service-and-sales',
  'craft-and-trades',
  'student',
  'retired',
];

/** Schengen states of a first intended stay, weighted a little towards the big airports. */
const FIRST_STAYS: readonly string[] = ['FR', 'FR', 'DE', 'DE', 'ES', 'ES', 'IT', 'NL', 'FI', 'GR', 'PL'];

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/gu, '.')
    .replace(/^\.+|\.+$/gu, '');

/** A city of residence for a country (capital or largest city); the country code when none is listed. */
const CITIES: Readonly<Record<string, string>> = {
  GBR: 'London',
  USA: 'New York',
  UKR: 'Kyiv',
  SRB: 'Belgrade',
  BRA: 'São Paulo',
  ISR: 'Tel Aviv',
  KOR: 'Seoul',
  GEO: 'Tbilisi',
  MKD: 'Skopje',
  MDA: 'Chișinău',
  MEX: 'Ciudad de México',
  AUS: 'Sydney',
  JPN: 'Tokyo',
  CAN: 'Toronto',
};

export interface ApplicationOptions {
  /** The day of the application (`YYYY-MM-DD`): the applicant's age on it decides education and occupation. */
  today: string;
  /** Schengen state of the first intended stay (alpha-2); drawn when not given. */
  firstStay?: string;
  occupation?: OccupationGroup;
  residenceCountry?: string;
}

/**
 * An application in the public route's shape for a person of the identity generator: the person's names,
 * birth and document, residence in their country, an e-mail address made from the names, declared education
 * and occupation, and "no" to the three background questions (art. 17(4)). Deterministic for the same
 * random stream.
 */
export function applicationOf(
  p: DemoIdentity,
  r: SeededRandom,
  options: ApplicationOptions,
): ApplicationInput {
  const residence = options.residenceCountry ?? p.nationality;
  const age = ageOn(p.birthDate, options.today);
  const given = p.givenNames.split(' ')[0] ?? p.givenNames;
  return {
    surname: p.surname,
    givenNames: p.givenNames,
    birthDate: p.birthDate,
    placeOfBirth: p.placeOfBirth === '' ? (CITIES[p.nationality] ?? p.nationality) : p.placeOfBirth,
    countryOfBirth: p.nationality,
    sex: p.sex,
    nationalities: [p.nationality],
    document: {
      type: p.documentType === 'P' ? 'P' : p.documentType,
      number: p.documentNumber,
      issuingState: p.issuingState,
      expiry: p.expiryDate,
    },
    residence: { country: residence, city: CITIES[residence] ?? residence },
    email: `${ascii(given) || 'applicant'}.${ascii(p.surname) || 'x'}${r.between(1, 99)}@example.org`,
    education: age < 16 ? 'primary' : r.pick(EDUCATION),
    occupation: options.occupation ?? (age < 18 ? 'student' : age >= 67 ? 'retired' : r.pick(OCCUPATIONS)),
    intendedFirstStay: { memberState: options.firstStay ?? r.pick(FIRST_STAYS) },
    background: { criminalConviction: false, conflictZoneStay: false, removalOrder: false },
  };
}

/**
 * A name as a person may write it on another form: the two surname parts swapped, or one letter of the
 * given names transliterated otherwise (Y/I, KH/H, J/Y), or, failing those, the last letter of the surname
 * doubled (one typo). Deterministic.
 */
export function nameVariant(surname: string, givenNames: string): { surname: string; givenNames: string } {
  const parts = surname.split(' ');
  if (parts.length > 1) {
    return { surname: [...parts.slice(1), parts[0]!].join(' '), givenNames };
  }
  for (const [from, to] of [
    ['Y', 'I'],
    ['KH', 'H'],
    ['J', 'Y'],
    ['I', 'Y'],
  ] as const) {
    if (givenNames.includes(from)) {
      return { surname, givenNames: givenNames.replace(from, to) };
    }
  }
  return { surname: `${surname}${surname.at(-1) ?? ''}`, givenNames };
}

/** An instant `daysAgo` days before the world is made, at a daytime hour drawn from `r`. */
const submitted = (cal: PlanCalendar, daysAgo: number, r: SeededRandom): string => cal.at(-daysAgo, r);

/**
 * Plans the ETIAS part of the demo world: pure, deterministic from the seed and the day, drawing its own
 * extra persons (the watchlist's subject, the screening rule's applicants) from an identity stream of its own
 * so that the EES and SIS parts stay the same.
 */
export function planEtias(
  seed: string,
  cal: PlanCalendar,
  travellers: readonly PlannedTraveller[],
  alerts: readonly PlannedAlert[],
): EtiasPlan {
  const r = new SeededRandom(`${seed}:etias`);
  const people = new IdentityPool(`${seed}:etias`, cal.today, { thirdCountryOnly: true, size: 200_000 });
  const applications: PlannedApplication[] = [];
  const add = (
    kase: EtiasCase,
    input: ApplicationInput,
    extra: Partial<Pick<PlannedApplication, 'travellerRef' | 'alertRef'>> & {
      confirm?: boolean;
    } = {},
  ): PlannedApplication => {
    const confirm = extra.confirm ?? false;
    const application: PlannedApplication = {
      ref: `E${String(applications.length + 1).padStart(3, '0')}`,
      case: kase,
      ...(extra.travellerRef === undefined ? {} : { travellerRef: extra.travellerRef }),
      ...(extra.alertRef === undefined ? {} : { alertRef: extra.alertRef }),
      input,
      ...(kase !== 'clean' && !confirm
        ? {}
        : { submittedAt: submitted(cal, confirm ? 1 : r.between(1, 60), r) }),
      confirmByCentralUnit: confirm,
      expect:
        kase === 'clean'
          ? { status: 'issued' }
          : confirm
            ? { status: 'manual', queue: 'national-unit', nationalUnit: DEMO_NATIONAL_UNIT }
            : { status: 'manual', queue: 'central-unit' },
    };
    applications.push(application);
    return application;
  };
  const exempt = (nationality: string) => visaRequirement(nationality) === 'exempt';
  const keyed = (role: PlannedTraveller['roles'][number]) =>
    travellers.find((t) => t.roles.includes(role) && exempt(t.identity.nationality));
  const firstStayOf = (t: PlannedTraveller) =>
    lookupBcp(t.events.find((e) => e.kind === 'entry')?.bcpId ?? '')?.memberStateAlpha2 ?? 'FR';
  const planted = new Set<string>();

  // SIS (art. 20(2)(a)): the subject of a refusal alert applies under a name variant; the Central Unit has
  // the hit in its queue, side by side with the alert (art. 22).
  const refusal = alerts.find(
    (a) =>
      a.input.category === 'refusal' &&
      a.travellerRef === undefined &&
      a.input.person !== undefined &&
      exempt(a.input.person.nationalities?.[0] ?? '') &&
      (a.input.person.documents?.length ?? 0) > 0,
  );
  if (refusal !== undefined) {
    const person = refusal.input.person!;
    const doc = person.documents![0]!;
    const variant = nameVariant(person.surname ?? '', person.givenNames ?? '');
    const nationality = person.nationalities![0]!;
    add(
      'sis-refusal-variant',
      applicationOf(
        {
          surname: variant.surname,
          givenNames: variant.givenNames,
          surnameNative: '',
          givenNamesNative: '',
          placeOfBirth: '',
          birthDate: person.birthDate ?? '1980-01-01',
          sex: person.sex === 'M' || person.sex === 'F' ? person.sex : 'X',
          nationality,
          documentType: 'P',
          // A new passport: the name variant and the birth date are what the alert is found by.
          documentNumber: `${doc.number.slice(0, 2)}${String(r.between(100_000, 999_999))}`,
          issuingState: doc.issuingCountry ?? nationality,
          expiryDate: cal.day(365 * 6),
          mrz: [],
        },
        r,
        { today: cal.today },
      ),
      { alertRef: refusal.ref },
    );
  }

  // SIS (art. 20(2)(c)): a traveller applies with the passport reported stolen in Amsterdam.
  const stolen = keyed('sis-document-alert');
  if (stolen !== undefined) {
    planted.add(stolen.ref);
    add(
      'sis-document',
      applicationOf(stolen.identity, r, { today: cal.today, firstStay: firstStayOf(stolen) }),
      {
        travellerRef: stolen.ref,
        alertRef: alerts.find((a) => a.travellerRef === stolen.ref)?.ref,
      },
    );
  }

  // EES (art. 20(2)(g)-(h)): the visa-exempt overstayer who entered at Madrid; the Central Unit confirms the
  // hit and Spain, whose border guards recorded the stay, assesses it.
  const overstayer = keyed('overstayer');
  if (overstayer !== undefined) {
    planted.add(overstayer.ref);
    add('ees-overstay', applicationOf(overstayer.identity, r, { today: cal.today, firstStay: 'ES' }), {
      travellerRef: overstayer.ref,
      confirm: true,
    });
  }

  // EES: a traveller refused entry at Madrid applies; confirmed, to Spain.
  const refused = keyed('refused');
  if (refused !== undefined) {
    planted.add(refused.ref);
    add('ees-refused', applicationOf(refused.identity, r, { today: cal.today, firstStay: 'ES' }), {
      travellerRef: refused.ref,
      confirm: true,
    });
  }

  // The watchlist (art. 34): a person entered by Europol applies; the hit waits in the Central Unit's queue.
  const watched = people.take((p) => exempt(p.nationality) && ageOn(p.birthDate, cal.today) >= 25);
  const watchlist: PlannedWatchlistEntry[] = [
    {
      ref: 'W001',
      enteredBy: 'EUROPOL',
      surname: watched.surname,
      givenNames: watched.givenNames,
      birthDate: watched.birthDate,
      nationality: watched.nationality,
      reason:
        'Suspected of facilitating unauthorised entry (art. 34(2)(a): information related to terrorist offences or other serious criminal offences)',
    },
  ];
  add('watchlist', applicationOf(watched, r, { today: cal.today }), {});

  // The screening rule (art. 33): three applicants fit it; one waits for the Central Unit, the Central Unit
  // has sent the other two to Spain, their first intended stay.
  for (let i = 0; i < 3; i += 1) {
    const rule = DEMO_SCREENING_RULE;
    const p = people.take(
      (x) =>
        exempt(x.nationality) &&
        ageOn(x.birthDate, cal.today) >= rule.ageMin + 1 &&
        ageOn(x.birthDate, cal.today) <= rule.ageMax - 1,
    );
    add(
      'screening-rule',
      applicationOf(p, r, {
        today: cal.today,
        residenceCountry: rule.residenceCountries[0]!,
        occupation: rule.occupations[0]!,
        firstStay: 'ES',
      }),
      { confirm: i > 0 },
    );
  }

  // Everybody else of the visa-exempt travellers applies and is issued at once.
  for (const t of travellers) {
    if (planted.has(t.ref) || !exempt(t.identity.nationality) || t.roles.some((x) => x.startsWith('sis-'))) {
      continue;
    }
    add('clean', applicationOf(t.identity, r, { today: cal.today, firstStay: firstStayOf(t) }), {
      travellerRef: t.ref,
    });
  }
  return { applications, watchlist, rule: DEMO_SCREENING_RULE };
}
