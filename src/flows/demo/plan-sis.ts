import {
  containerCheckDigit,
  reviewPeriod,
  vinCheckDigit,
  vinCheckDigitApplies,
  type AlertInput,
  type ObjectData,
  type PersonIdentity,
} from '../../contexts/sis/index.ts';
import { SeededRandom } from '../../contexts/identity/index.ts';
import { isThirdCountry } from '../../contexts/reference/index.ts';
import { ALERT_AUTHORS, type AlertAuthor } from './authorities.ts';
import type { PlanCalendar } from './calendar.ts';
import { ageOn, IdentityPool, type DemoIdentity } from './identities.ts';
import { plusYears } from '../../platform/dates.ts';
import type { PlannedTraveller } from './plan-ees.ts';

/** One alert of the demo world; `links` of the input are filled in from `linkRefs` when it is entered. */
export interface PlannedAlert {
  /** Stable reference within the plan, e.g. `A012`. */
  ref: string;
  author: AlertAuthor;
  input: AlertInput;
  /** Earlier alerts of the plan this one is linked to (2018/1862 art. 63). */
  linkRefs: string[];
  /** The demo traveller the alert is about, when it is about one. */
  travellerRef?: string;
  /**
   * The day the alert was entered, when years before the world is made: its review then falls due soon, so
   * that the review queue (2018/1862 art. 53) has work in it.
   */
  enteredOn?: string;
}

/**
 * Alerts of each SIRENE bureau dated so that their review falls due this many days after the world is made:
 * within the four-month advance warning [K] (one of them within two weeks), and one just outside it.
 */
export const REVIEW_DUE_IN_DAYS: Readonly<Partial<Record<AlertAuthor, readonly number[]>>> = {
  'sirene.it': [9, 38, 95, 150],
  'sirene.fr': [21, 70],
  'sirene.de': [30],
};

/**
 * How many alerts of each kind the demo holds. In the real SIS objects dominate by far (issued documents
 * alone are most of the alerts; vehicles, number plates and firearms follow) and persons are a few per cent,
 * of which refusals of entry and return alerts are the largest groups. The demo keeps that order with
 * numbers small enough to be created in seconds.
 */
export const SIS_DEMO_MIX = {
  issuedDocuments: 56,
  blankDocuments: 4,
  registrationCertificates: 3,
  vehicles: 18,
  numberPlates: 10,
  trailers: 4,
  containers: 6,
  firearms: 8,
  boats: 1,
  itItems: 2,
  refusals: 10,
  returns: 10,
  arrests: 4,
  missing: 3,
  checks: 3,
  judicialProcedure: 1,
} as const;

const AUTHORS: readonly AlertAuthor[] = ALERT_AUTHORS;

/** Alpha-3 code of each author's member state, for the registration country of what they report. */
const AUTHOR_STATE: Readonly<Record<AlertAuthor, string>> = {
  'sirene.it': 'ITA',
  'police.nl': 'NLD',
  'sirene.fr': 'FRA',
  'sirene.de': 'DEU',
  'sirene.pl': 'POL',
  'sirene.es': 'ESP',
  'police.se': 'SWE',
};

/** Number plates in each state's format (letters that the format leaves out are simply not drawn). */
const PLATE_FORMATS: Readonly<Record<string, readonly string[]>> = {
  NLD: ['AA-999-A', '99-AAA-9', 'A-999-AA'],
  BEL: ['9-AAA-999'],
  DEU: ['A-AA 9999', 'AA-A 999', 'AAA-AA 99'],
  FRA: ['AA-999-AA'],
  POL: ['AA 99999', 'AAA 9999A'],
  LTU: ['AAA 999'],
  ITA: ['AA 999AA'],
  ESP: ['9999 AAA'],
  SWE: ['AAA 99A'],
  CZE: ['9A9 9999'],
};

/** Makes and the world manufacturer identifiers (ISO 3780) of their VINs. */
const VEHICLES: ReadonlyArray<readonly [make: string, models: readonly string[], wmi: string]> = [
  ['Volkswagen', ['Golf', 'Passat', 'Tiguan', 'Transporter'], 'WVW'],
  ['BMW', ['X5', '330d', '520d'], 'WBA'],
  ['Mercedes-Benz', ['E 220', 'Sprinter', 'GLC 300'], 'WDD'],
  ['Audi', ['A6', 'Q7', 'RS 6'], 'WAU'],
  ['Škoda', ['Octavia', 'Superb', 'Kodiaq'], 'TMB'],
  ['Renault', ['Clio', 'Master', 'Mégane'], 'VF1'],
  ['Toyota', ['RAV4', 'Land Cruiser', 'Corolla'], 'JTD'],
  ['Volvo', ['XC90', 'V60'], 'YV1'],
  ['Land Rover', ['Range Rover', 'Defender'], 'SAL'],
  ['Porsche', ['Cayenne', '911'], 'WP0'],
  ['Ford', ['Transit', 'F-150'], '1FT'],
];
const TRAILERS: ReadonlyArray<readonly [make: string, wmi: string]> = [
  ['Schmitz Cargobull', 'WSM'],
  ['Krone', 'WKE'],
  ['Kögel', 'WK0'],
];
const COLOURS = ['black', 'white', 'grey', 'silver', 'dark blue', 'red', 'green'];
const CONTAINER_OWNERS = ['MSCU', 'MAEU', 'CMAU', 'HLBU', 'TGHU', 'OOLU', 'SEGU', 'TCLU'];
const FIREARMS: ReadonlyArray<readonly [make: string, model: string, prefix: string]> = [
  ['Glock', '17 Gen5', 'BX'],
  ['Česká zbrojovka', 'CZ 75 B', 'E'],
  ['Beretta', '92FS', 'BER'],
  ['Walther', 'P99', 'FA'],
  ['Zastava', 'M70', 'Z'],
  ['SIG Sauer', 'P226', 'U'],
];
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const YEAR_CODES = 'GHJKLMNPRST';
const CITIES: Readonly<Record<string, readonly string[]>> = {
  ITA: ['Milano', 'Roma', 'Napoli', 'Torino'],
  NLD: ['Amsterdam', 'Rotterdam', 'Utrecht'],
  FRA: ['Paris', 'Marseille', 'Lyon', 'Lille'],
  DEU: ['Berlin', 'Hamburg', 'München', 'Frankfurt am Main'],
  POL: ['Warszawa', 'Kraków', 'Gdańsk'],
  ESP: ['Madrid', 'Barcelona', 'Valencia', 'Málaga'],
  SWE: ['Stockholm', 'Göteborg', 'Malmö'],
};

class SisPlanner {
  readonly #cal: PlanCalendar;
  readonly #r: SeededRandom;
  readonly #people: IdentityPool;
  readonly alerts: PlannedAlert[] = [];

  constructor(seed: string, cal: PlanCalendar, poolSize?: number) {
    this.#cal = cal;
    this.#r = new SeededRandom(`${seed}:sis-alerts`);
    this.#people = new IdentityPool(`${seed}:sis`, cal.today, {
      thirdCountryOnly: false,
      ...(poolSize === undefined ? {} : { size: poolSize }),
    });
  }

  add(author: AlertAuthor, input: AlertInput, linkRefs: string[] = [], travellerRef?: string): PlannedAlert {
    const alert: PlannedAlert = {
      ref: `A${String(this.alerts.length + 1).padStart(3, '0')}`,
      author,
      input,
      linkRefs,
      ...(travellerRef === undefined ? {} : { travellerRef }),
    };
    this.alerts.push(alert);
    return alert;
  }

  author(): AlertAuthor {
    return this.#r.pick(AUTHORS);
  }

  /** `A` a letter, `9` a digit, anything else itself. */
  shape(format: string): string {
    return [...format]
      .map((c) =>
        c === 'A' ? this.#r.pick([...'ABCDEFGHJKLMNPRSTUVWXYZ']) : c === '9' ? String(this.#r.int(10)) : c,
      )
      .join('');
  }

  plate(country: string): string {
    return this.shape(this.#r.pick(PLATE_FORMATS[country] ?? PLATE_FORMATS.DEU!));
  }

  vin(wmi: string): string {
    const body = Array.from({ length: 5 }, () => this.#r.pick([...VIN_CHARS])).join('');
    const serial = String(this.#r.between(100_000, 999_999));
    const vin = `${wmi}${body}0${this.#r.pick([...YEAR_CODES])}${this.#r.pick([...VIN_CHARS])}${serial}`;
    // Position 9 carries the check digit where it is mandatory (North-American VINs, 49 CFR 565.15).
    return vinCheckDigitApplies(vin) ? `${vin.slice(0, 8)}${vinCheckDigit(vin)}${vin.slice(9)}` : vin;
  }

  container(): string {
    const first10 = `${this.#r.pick(CONTAINER_OWNERS)}${String(this.#r.between(100_000, 999_999))}`;
    return `${first10}${containerCheckDigit(first10)}`;
  }

  pastDay(from: number, to: number): string {
    return this.#cal.day(-this.#r.between(from, to));
  }

  ref(prefix: string): string {
    return `${prefix}-${this.#cal.today.slice(0, 4)}-${String(this.#r.between(1000, 99_999))}`;
  }

  city(author: AlertAuthor): string {
    return this.#r.pick(CITIES[AUTHOR_STATE[author]] ?? ['Bruxelles']);
  }

  object(
    category: 'object-seizure' | 'object-check',
    author: AlertAuthor,
    object: ObjectData,
    reason: string,
  ): PlannedAlert {
    const input: AlertInput = {
      category,
      object,
      reason,
      decisionRef: this.ref(AUTHOR_STATE[author]),
      ...(category === 'object-check' ? { checkType: 'discreet' as const } : {}),
    };
    return this.add(author, input);
  }

  personOf(p: DemoIdentity, extra: Partial<PersonIdentity> = {}): PersonIdentity {
    return {
      surname: p.surname,
      givenNames: p.givenNames,
      birthDate: p.birthDate,
      sex: p.sex,
      nationalities: [p.nationality],
      documents: [
        {
          type: p.documentType === 'P' ? 'passport' : 'identity card',
          issuingCountry: p.issuingState,
          number: p.documentNumber,
        },
      ],
      photographRefs: [`demo:sis/face/${p.documentNumber}`],
      ...extra,
    };
  }

  thirdCountryAdult(): DemoIdentity {
    return this.#people.take(
      (p) => isThirdCountry(p.nationality) && ageOn(p.birthDate, this.#cal.today) >= 18,
    );
  }

  adult(): DemoIdentity {
    return this.#people.take((p) => ageOn(p.birthDate, this.#cal.today) >= 18);
  }

  plan(travellers: readonly PlannedTraveller[]): PlannedAlert[] {
    const r = this.#r;
    const cal = this.#cal;
    const keyed = (role: PlannedTraveller['roles'][number]) => travellers.find((t) => t.roles.includes(role));
    const mix = SIS_DEMO_MIX;

    // Issued documents: the bulk of SIS (2018/1862 art. 38(2)(k)), stolen, lost or invalidated.
    const stolen = keyed('sis-document-alert');
    if (stolen !== undefined) {
      const p = stolen.identity;
      this.add(
        'police.nl',
        {
          category: 'object-seizure',
          object: {
            type: 'issued-document',
            identifiers: [{ kind: 'document', value: p.documentNumber, country: p.issuingState }],
            description: `Passport reported stolen in Amsterdam on ${cal.day(-70)}; the holder has been issued a new one`,
          },
          reason: 'Stolen travel document',
          decisionRef: this.ref('NLD'),
        },
        [],
        stolen.ref,
      );
    }
    for (let i = this.alerts.length; i < mix.issuedDocuments; i += 1) {
      const p = this.#people.take();
      const author = this.author();
      const what = r.pick(['stolen', 'stolen', 'lost', 'lost', 'invalidated']);
      const doc = p.documentType === 'P' ? 'Passport' : 'Identity card';
      this.object(
        r.chance(0.95) ? 'object-seizure' : 'object-check',
        author,
        {
          type: 'issued-document',
          identifiers: [{ kind: 'document', value: p.documentNumber, country: p.issuingState }],
          description: `${doc} reported ${what} in ${this.city(author)} on ${this.pastDay(5, 700)}`,
        },
        what === 'invalidated'
          ? 'Invalidated travel document'
          : `${what === 'lost' ? 'Lost' : 'Stolen'} travel document`,
      );
    }
    for (let i = 0; i < mix.blankDocuments; i += 1) {
      const author = this.author();
      const country = AUTHOR_STATE[author];
      this.object(
        'object-seizure',
        author,
        {
          type: 'blank-document',
          identifiers: [{ kind: 'document', value: this.shape('AA9999999'), country }],
          description: `Blank residence permit card stolen in transit to the issuing office in ${this.city(author)}`,
        },
        'Stolen blank document',
      );
    }
    for (let i = 0; i < mix.registrationCertificates; i += 1) {
      const author = this.author();
      const country = AUTHOR_STATE[author];
      this.object(
        'object-seizure',
        author,
        {
          type: 'registration-certificate',
          identifiers: [{ kind: 'document', value: this.shape('AA99999999'), country }],
          description: 'Vehicle registration certificate stolen with the vehicle',
        },
        'Stolen vehicle registration certificate',
      );
    }

    // Vehicles: stolen cars and vans; two under discreet check for organised property crime.
    const vehicles: PlannedAlert[] = [];
    for (let i = 0; i < mix.vehicles; i += 1) {
      const author = this.author();
      const [make, models, wmi] = r.pick(VEHICLES);
      const check = i % 9 === 8;
      vehicles.push(
        this.object(
          check ? 'object-check' : 'object-seizure',
          author,
          {
            type: 'motor-vehicle',
            identifiers: [
              { kind: 'plate', value: this.plate(AUTHOR_STATE[author]), country: AUTHOR_STATE[author] },
              { kind: 'vin', value: this.vin(wmi) },
            ],
            make,
            model: r.pick(models),
            colour: r.pick(COLOURS),
          },
          check
            ? 'Vehicle used by an organised property-crime group'
            : `Vehicle stolen in ${this.city(author)} on ${this.pastDay(2, 400)}`,
        ),
      );
    }
    for (let i = 0; i < mix.numberPlates; i += 1) {
      const author = this.author();
      const country = r.pick(['NLD', 'BEL', 'DEU', 'FRA', 'POL', 'LTU', AUTHOR_STATE[author]]);
      this.object(
        'object-seizure',
        author,
        {
          type: 'number-plate',
          identifiers: [{ kind: 'plate', value: this.plate(country), country }],
          description: 'Number plates stolen from a parked vehicle',
        },
        'Stolen number plates',
      );
    }
    for (let i = 0; i < mix.trailers; i += 1) {
      const author = this.author();
      const [make, wmi] = r.pick(TRAILERS);
      const country = r.pick(['POL', 'LTU', 'NLD', 'DEU']);
      this.object(
        'object-seizure',
        author,
        {
          type: 'trailer',
          identifiers: [
            { kind: 'plate', value: this.plate(country), country },
            { kind: 'vin', value: this.vin(wmi) },
          ],
          make,
          description: 'Curtain-sider semi-trailer stolen with its load from a motorway service area',
        },
        'Stolen semi-trailer',
      );
    }
    for (let i = 0; i < mix.containers; i += 1) {
      const author = this.author();
      const check = i % 3 === 2;
      this.object(
        check ? 'object-check' : 'object-seizure',
        author,
        {
          type: 'container',
          identifiers: [{ kind: 'container', value: this.container() }],
          description: check
            ? '40-foot container on a route used to smuggle cocaine; report movements without opening it'
            : 'Container stolen with its cargo of electronics from a terminal',
        },
        check ? 'Suspected drug trafficking route' : 'Stolen container and cargo',
      );
    }
    const firearms: PlannedAlert[] = [];
    for (let i = 0; i < mix.firearms; i += 1) {
      const author = this.author();
      const [make, model, prefix] = r.pick(FIREARMS);
      firearms.push(
        this.object(
          'object-seizure',
          author,
          {
            type: 'firearm',
            identifiers: [{ kind: 'serial', value: `${prefix}${String(r.between(10_000, 999_999))}` }],
            make,
            model,
            description: r.chance(0.5)
              ? 'Stolen in a burglary of a licensed dealer'
              : 'Stolen from a hunting-licence holder',
          },
          'Stolen firearm',
        ),
      );
    }
    for (let i = 0; i < mix.boats; i += 1) {
      this.object(
        'object-seizure',
        'sirene.fr',
        {
          type: 'boat',
          identifiers: [{ kind: 'serial', value: `FR-${this.shape('AAA99999A999')}` }],
          make: 'Bénéteau',
          model: 'Flyer 8',
          description: 'Motor boat stolen from the marina of Cannes',
        },
        'Stolen boat',
      );
    }
    for (let i = 0; i < mix.itItems; i += 1) {
      const author = this.author();
      this.object(
        'object-seizure',
        author,
        {
          type: 'it-item',
          identifiers: [{ kind: 'serial', value: `C02${this.shape('A9AA9AAAA9A')}` }],
          make: 'Apple',
          model: 'MacBook Pro',
          description: 'Laptop stolen from a government office, holding classified information',
        },
        'Stolen IT equipment',
      );
    }

    // Persons. Refusal alerts (2018/1861 art. 24) and return alerts (2018/1860 art. 3) are the largest groups;
    // several persons have both, the return decision carrying the entry ban behind the refusal alert.
    const refusalOf = keyed('sis-refusal-alert');
    const refusals: PlannedAlert[] = [];
    for (let i = 0; i < mix.refusals; i += 1) {
      const traveller = i === 0 ? refusalOf : undefined;
      const p = traveller?.identity ?? this.thirdCountryAdult();
      const author: AlertAuthor = i === 0 ? 'sirene.de' : this.author();
      const threat = r.chance(0.3);
      refusals.push(
        this.add(
          author,
          {
            category: 'refusal',
            person: this.personOf(p),
            reason: threat
              ? 'Threat to public policy: convicted of an offence carrying a custodial sentence of at least one year (Reg. (EU) 2018/1861 art. 24(2)(a))'
              : 'Entry ban issued with a return decision (Dir. 2008/115/EC art. 11)',
            decisionRef: this.ref(`${AUTHOR_STATE[author]}-EB`),
            decisionValidUntil: cal.day(365 * r.between(2, 5)),
          },
          [],
          traveller?.ref,
        ),
      );
    }
    for (let i = 0; i < mix.returns; i += 1) {
      // The first four return alerts are on persons who also have a refusal alert, and are linked to it.
      const linked = i < 4 ? refusals[i + 1] : undefined;
      const author = linked?.author ?? this.author();
      const person = linked?.input.person ?? this.personOf(this.thirdCountryAdult());
      this.add(
        author,
        {
          category: 'return',
          person,
          reason: 'Illegal stay; return decision not complied with',
          decisionRef: this.ref(`${AUTHOR_STATE[author]}-RD`),
          returnData: {
            returnDecisionRef: this.ref(`${AUTHOR_STATE[author]}-RD`),
            publicSecurityThreat: false,
            voluntaryDepartureEnds: cal.day(r.between(-60, 30)),
            suspended: false,
            entryBanWithRefusalAlert: linked !== undefined,
          },
        },
        linked === undefined ? [] : [linked.ref],
      );
    }

    // Arrest: European Arrest Warrants, the first linked to the car and pistol used in the robbery.
    const offences = [
      ['armed robbery', ['armed', 'violent']],
      ['drug trafficking', []],
      ['fraud', []],
      ['child abduction', []],
    ] as const;
    const arrests: PlannedAlert[] = [];
    for (let i = 0; i < mix.arrests; i += 1) {
      const [offence, markers] = offences[i % offences.length]!;
      const author = this.author();
      arrests.push(
        this.add(
          author,
          {
            category: 'arrest',
            person: this.personOf(this.adult()),
            ...(markers.length > 0 ? { warningMarkers: [...markers] } : {}),
            reason: `European Arrest Warrant for ${offence}`,
            decisionRef: this.ref(`EAW-${AUTHOR_STATE[author]}`),
            offenceType: offence,
          },
          i === 0 ? [vehicles[0]!.ref, firearms[0]!.ref] : [],
        ),
      );
    }

    // Missing persons (2018/1862 art. 32): an adult, a missing child, and a child at risk of abduction by a
    // parent, linked to the parent's arrest alert.
    const child = (max: number) => this.#people.take((p) => ageOn(p.birthDate, cal.today) <= max);
    const adultMissing = this.adult();
    this.add('sirene.pl', {
      category: 'missing',
      missingSubcategory: 'b',
      person: this.personOf(adultMissing, { physicalCharacteristics: 'About 175 cm, slim, short dark hair' }),
      reason:
        'Missing since leaving home; whereabouts to be communicated to the family through the issuing state',
      decisionRef: this.ref('PL-MISSING'),
    });
    this.add('sirene.es', {
      category: 'missing',
      missingSubcategory: 'a',
      person: this.personOf(child(15), { dnaProfileRef: 'demo:sis/dna/missing-child' }),
      reason: 'Missing minor; to be placed under protection',
      decisionRef: this.ref('ES-MENOR'),
    });
    this.add(
      arrests[3]?.author ?? 'sirene.it',
      {
        category: 'missing',
        missingSubcategory: 'c',
        person: this.personOf(child(10)),
        reason: 'Child at concrete and apparent risk of abduction by a parent (2018/1862 art. 32(1)(c))',
        decisionRef: this.ref('FAMILY-COURT'),
      },
      arrests[3] === undefined ? [] : [arrests[3].ref],
    );

    // Checks (2018/1862 art. 36): discreet checks, one on a demo traveller, and a specific check.
    const watched = keyed('sis-discreet-check');
    for (let i = 0; i < mix.checks; i += 1) {
      const traveller = i === 0 ? watched : undefined;
      const p = traveller?.identity ?? this.adult();
      this.add(
        i === 0 ? 'sirene.fr' : this.author(),
        {
          category: 'check',
          checkType: i === mix.checks - 1 ? 'specific' : 'discreet',
          person: this.personOf(p),
          reason:
            'Clear indication of intent to commit a serious offence (organised crime); collect route and contacts',
          decisionRef: this.ref('CHECK'),
        },
        [],
        traveller?.ref,
      );
    }
    for (let i = 0; i < mix.judicialProcedure; i += 1) {
      this.add('sirene.it', {
        category: 'judicial-procedure',
        person: this.personOf(this.adult()),
        reason: 'Witness summoned to appear before the Tribunale di Milano',
        decisionRef: this.ref('TRIB-MI'),
      });
    }
    return this.alerts;
  }
}

/** The SIS part of the demo world, with alerts on some of the EES demo travellers. */
export function planSis(
  seed: string,
  cal: PlanCalendar,
  travellers: readonly PlannedTraveller[],
): PlannedAlert[] {
  return dateForReview(new SisPlanner(seed, cal).plan(travellers), cal);
}

/**
 * {@link planSis}, and after it more rounds of {@link SIS_DEMO_MIX} from the same planner, one round at a
 * time (their `linkRefs` name alerts of the same round): the scale path of the demo world.
 */
export function planSisWithMore(
  seed: string,
  cal: PlanCalendar,
  travellers: readonly PlannedTraveller[],
  poolSize: number,
): { alerts: PlannedAlert[]; more: () => PlannedAlert[] } {
  const planner = new SisPlanner(seed, cal, poolSize);
  const alerts = [...dateForReview(planner.plan(travellers), cal)];
  return {
    alerts,
    more: () => {
      planner.alerts.length = 0;
      return [...planner.plan([])];
    },
  };
}

/** The calendar date `years` before `date`; 29 February becomes the 28th in a common year. */
function yearsBefore(date: string, years: number): string {
  return plusYears(date, -years);
}

/**
 * Dates some alerts of each SIRENE bureau in {@link REVIEW_DUE_IN_DAYS} as entered years ago, the review
 * period of their category before their review date. Only object alerts and arrests not about a demo
 * traveller are chosen, so that the border check's things to try stay as they are.
 */
function dateForReview(alerts: PlannedAlert[], cal: PlanCalendar): PlannedAlert[] {
  for (const [author, offsets] of Object.entries(REVIEW_DUE_IN_DAYS) as Array<[AlertAuthor, number[]]>) {
    const candidates = alerts.filter(
      (a) =>
        a.author === author &&
        a.travellerRef === undefined &&
        (a.input.category === 'object-seizure' || a.input.category === 'arrest'),
    );
    offsets.forEach((offset, i) => {
      const alert = candidates[i];
      if (alert !== undefined) {
        const due = cal.day(offset);
        alert.enteredOn = yearsBefore(due, reviewPeriod(alert.input, cal.today).years);
      }
    });
  }
  return alerts;
}
