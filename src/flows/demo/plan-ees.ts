import type { FileKind, NewFileInput, RefusalReason, VisaInput } from '../../contexts/ees/index.ts';
import { SeededRandom } from '../../contexts/identity/index.ts';
import { lookupBcp } from '../../contexts/reference/index.ts';
import type { PlanCalendar } from './calendar.ts';
import { ageOn, IdentityPool, type DemoIdentity } from './identities.ts';

/**
 * Nationalities of the identity generator whose holders are exempt from the short-stay visa requirement,
 * Reg. (EU) 2018/1806 Annex II (for UKR, SRB, MKD, MDA and GEO: holders of biometric passports). The other
 * third countries the generator draws from are in Annex I (visa required).
 */
export const VISA_EXEMPT_NATIONALITIES: ReadonlySet<string> = new Set([
  'GBR',
  'USA',
  'UKR',
  'SRB',
  'BRA',
  'ISR',
  'KOR',
  'GEO',
  'MKD',
  'MDA',
  'MEX',
  'AUS',
]);

/**
 * Land crossings used by neighbours of the Schengen area. The Finnish land crossings to Russia (Vaalimaa,
 * Nuijamaa, …) are left out: Finland has kept them closed to passenger traffic since December 2023.
 */
const LAND_BCPS: Readonly<Record<string, readonly string[]>> = {
  UKR: ['PL-MEDYKA', 'PL-DOROHUSK', 'PL-KORCZOWA', 'HU-ZAHONY', 'HU-BEREGSURANY'],
  RUS: ['EE-NARVA', 'PL-TERESPOL'],
  TUR: ['GR-KIPOI', 'GR-KASTANIES'],
  SRB: ['HU-ROSZKE', 'HU-TOMPA'],
  MKD: ['GR-EVZONOI'],
  MAR: ['ES-TARAJAL', 'ES-BENI-ENZAR'],
};

/** Airports weighted roughly by their share of third-country passengers. */
const AIRPORTS: readonly string[] = [
  ...Array<string>(4).fill('FR-CDG'),
  ...Array<string>(4).fill('DE-FRA'),
  ...Array<string>(3).fill('NL-AMS'),
  ...Array<string>(3).fill('ES-MAD'),
  ...Array<string>(2).fill('IT-FCO'),
  ...Array<string>(2).fill('DE-MUC'),
  ...Array<string>(2).fill('ES-BCN'),
  ...Array<string>(2).fill('FI-HEL'),
  'FR-ORY',
  'FR-NCE',
  'DE-BER',
  'ES-AGP',
  'IT-MXP',
  'IT-VCE',
  'GR-ATH',
  'PL-WAW',
  'HU-BUD',
  'EE-TLL',
];

/** What a demo traveller stands for; generic travellers are `visitor` (or `present` while in the area). */
export type TravellerRole =
  | 'visitor'
  | 'present'
  | 'child'
  | 'near-limit'
  | 'overstayer'
  | 'refused'
  | 'family-member'
  | 'visa-used'
  | 'sis-refusal-alert'
  | 'sis-document-alert'
  | 'sis-discreet-check';

export type PlannedEvent =
  | { kind: 'entry'; at: string; bcpId: string; visa?: VisaInput; familyMember?: boolean }
  | { kind: 'exit'; at: string; bcpId: string }
  | { kind: 'refusal'; at: string; bcpId: string; reasons: RefusalReason[] };

export interface PlannedTraveller {
  /** Stable reference within the plan, e.g. `T007`. */
  ref: string;
  roles: TravellerRole[];
  identity: DemoIdentity;
  file: NewFileInput;
  /** Crossings in the order they happened. */
  events: PlannedEvent[];
}

export interface EesPlan {
  travellers: PlannedTraveller[];
  /** A traveller with no file yet, for trying a first entry. */
  firstTimer: DemoIdentity;
}

/** One stay: offsets in days from today; `end` null while the traveller is still in the area. */
interface Trip {
  start: number;
  end: number | null;
  /** Last day the traveller means to stay (for the visa of an open stay). */
  lastDay: number;
  entryBcp: string;
  exitBcp: string;
  visa?: VisaInput;
  familyMember?: boolean;
}

const TRIP_COUNTS: readonly number[] = [1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 4];

const alpha3Of = (bcpId: string): string => lookupBcp(bcpId)!.memberStateAlpha3;

class EesPlanner {
  readonly #cal: PlanCalendar;
  readonly #random: SeededRandom;
  readonly #people: IdentityPool;
  readonly travellers: PlannedTraveller[] = [];
  #count = 0;

  constructor(seed: string, cal: PlanCalendar, poolSize?: number) {
    this.#cal = cal;
    this.#random = new SeededRandom(`${seed}:ees-history`);
    this.#people = new IdentityPool(`${seed}:ees`, cal.today, {
      thirdCountryOnly: true,
      ...(poolSize === undefined ? {} : { size: poolSize }),
    });
  }

  /** One more generic traveller, not kept in {@link travellers} (for worlds too large to hold). */
  next(): PlannedTraveller {
    this.generic();
    return this.travellers.pop()!;
  }

  person(nationalities: readonly string[] | null, minAge = 0, maxAge = 120): DemoIdentity {
    return this.#people.take((p) => {
      const age = ageOn(p.birthDate, this.#cal.today);
      return (
        (nationalities === null || nationalities.includes(p.nationality)) && age >= minAge && age <= maxAge
      );
    });
  }

  sticker(issuingState: string): string {
    return `${issuingState}${this.#random.between(100_000_000, 999_999_999)}`;
  }

  /** A single-entry uniform visa for one trip, valid only around it (Visa Code, Reg. (EC) 810/2009 art. 24). */
  singleEntryVisa(trip: Trip, before: number, after: number, issuerBcp = trip.entryBcp): VisaInput {
    const r = this.#random;
    const validFrom = Math.max(before, trip.start - r.between(1, 10));
    const validUntil = Math.min(after, trip.lastDay + r.between(3, 15));
    const issuingState = alpha3Of(issuerBcp);
    return {
      stickerNumber: this.sticker(issuingState),
      issuingState,
      type: 'C',
      entries: 1,
      durationOfStay: Math.min(90, trip.lastDay - trip.start + 1 + r.between(0, 7)),
      validFrom: this.#cal.day(validFrom),
      validUntil: this.#cal.day(validUntil),
    };
  }

  /** A multiple-entry visa of one to three years for a regular traveller (Visa Code art. 24(2)). */
  multipleEntryVisa(firstStart: number, issuerBcp: string): VisaInput {
    const r = this.#random;
    const validFrom = firstStart - r.between(5, 30);
    const issuingState = alpha3Of(issuerBcp);
    return {
      stickerNumber: this.sticker(issuingState),
      issuingState,
      type: 'C',
      entries: 'multiple',
      durationOfStay: 90,
      validFrom: this.#cal.day(validFrom),
      validUntil: this.#cal.day(validFrom + 365 * r.between(1, 3) - 1),
    };
  }

  add(
    identity: DemoIdentity,
    roles: TravellerRole[],
    trips: Trip[],
    refusals: PlannedEvent[] = [],
  ): PlannedTraveller {
    this.#count += 1;
    const ref = `T${String(this.#count).padStart(3, '0')}`;
    const kind: FileKind = VISA_EXEMPT_NATIONALITIES.has(identity.nationality)
      ? 'visa-exempt'
      : 'visa-holder';
    const child = ageOn(identity.birthDate, this.#cal.today) < 12;
    const file: NewFileInput = {
      kind,
      surname: identity.surname,
      givenNames: identity.givenNames,
      birthDate: identity.birthDate,
      nationalities: [identity.nationality],
      sex: identity.sex,
      documents: [
        {
          type: identity.documentType,
          number: identity.documentNumber,
          issuingState: identity.issuingState,
          expiry: identity.expiryDate,
        },
      ],
      facialImageRef: `demo:face/${ref}`,
      // Children under 12 give no fingerprints (EES art. 17(3)); the service records the exemption itself.
      ...(kind === 'visa-exempt' && !child
        ? {
            fingerprints: {
              hand: 'right' as const,
              index: `demo:fp/${ref}/2`,
              middle: `demo:fp/${ref}/3`,
              ring: `demo:fp/${ref}/4`,
              little: `demo:fp/${ref}/5`,
            },
          }
        : {}),
    };
    const events: PlannedEvent[] = [];
    for (const t of trips) {
      events.push({
        kind: 'entry',
        at: this.#cal.at(t.start, this.#random),
        bcpId: t.entryBcp,
        ...(t.visa === undefined ? {} : { visa: t.visa }),
        ...(t.familyMember === true ? { familyMember: true } : {}),
      });
      if (t.end !== null) {
        events.push({ kind: 'exit', at: this.#cal.at(t.end, this.#random, 'afternoon'), bcpId: t.exitBcp });
      }
    }
    const all = [...events, ...refusals].sort((a, b) => a.at.localeCompare(b.at));
    const traveller: PlannedTraveller = {
      ref,
      roles: child && !roles.includes('child') ? [...roles, 'child'] : roles,
      identity,
      file,
      events: all,
    };
    this.travellers.push(traveller);
    return traveller;
  }

  refusal(offset: number, bcpId: string, reasons: RefusalReason[]): PlannedEvent {
    return { kind: 'refusal', at: this.#cal.at(offset, this.#random), bcpId, reasons };
  }

  /** A traveller with one to five stays in the last 180 days, sometimes still in the area. */
  generic(): void {
    const r = this.#random;
    const identity = this.person(null);
    const land = LAND_BCPS[identity.nationality];
    const byLand = land !== undefined && r.chance(0.6);
    const place = () => (byLand ? r.pick(land) : r.pick(AIRPORTS));
    const present = r.chance(0.22);
    const count = r.pick(TRIP_COUNTS);
    const trips: Trip[] = [];
    let latest = -1;
    let used = 0;
    for (let i = 0; i < count; i += 1) {
      const length = byLand ? r.between(1, 6) : r.between(4, 18);
      let trip: Trip;
      if (i === 0 && present) {
        const start = -r.between(1, 25);
        trip = {
          start,
          end: null,
          lastDay: Math.max(1, start + length - 1 + r.between(3, 10)),
          entryBcp: place(),
          exitBcp: '',
        };
      } else {
        const end = latest - r.between(i === 0 ? 0 : 5, i === 0 ? 40 : 50);
        const entryBcp = place();
        trip = {
          start: end - length + 1,
          end,
          lastDay: end,
          entryBcp,
          exitBcp: r.chance(0.75) ? entryBcp : place(),
        };
      }
      const days = (trip.end ?? 0) - trip.start + 1;
      // Every stay lies inside the last 180 days and together they stay well under 90 days (SBC art. 6(1)).
      if (trip.start < -175 || used + days > 75) {
        break;
      }
      used += days;
      trips.unshift(trip);
      latest = trip.start - 1;
    }
    if (trips.length === 0) {
      const start = -r.between(20, 60);
      const entryBcp = place();
      trips.push({ start, end: start + 6, lastDay: start + 6, entryBcp, exitBcp: entryBcp });
    }
    if (!VISA_EXEMPT_NATIONALITIES.has(identity.nationality)) {
      this.visas(trips, r.chance(0.45));
    }
    this.add(identity, [trips.at(-1)!.end === null ? 'present' : 'visitor'], trips);
  }

  visas(trips: Trip[], multiple: boolean): void {
    if (multiple) {
      const visa = this.multipleEntryVisa(trips[0]!.start, trips[0]!.entryBcp);
      for (const t of trips) {
        t.visa = visa;
      }
      return;
    }
    trips.forEach((t, i) => {
      const before = i === 0 ? -400 : (trips[i - 1]!.end ?? 0) + 1;
      const after = i === trips.length - 1 ? 400 : trips[i + 1]!.start - 1;
      t.visa = this.singleEntryVisa(t, before, after);
    });
  }

  /**
   * A business traveller with short stays every week for five months: `target` days used of 90, none of
   * them in the first two weeks of the 180-day window, so that exactly `90 − target` days are left now.
   */
  nearLimit(identity: DemoIdentity, target: number, home: string, other: string): PlannedTraveller {
    const r = this.#random;
    const trips: Trip[] = [];
    let start = -165;
    let total = 0;
    while (total < target) {
      const length = Math.min(r.between(4, 5), target - total);
      const entryBcp = r.chance(0.7) ? home : other;
      trips.push({
        start,
        end: start + length - 1,
        lastDay: start + length - 1,
        entryBcp,
        exitBcp: r.chance(0.8) ? entryBcp : home,
      });
      total += length;
      start += length + r.between(2, 3);
    }
    return this.add(identity, ['near-limit'], trips);
  }

  plan(generic: number): EesPlan {
    const cal = this.#cal;
    const adult = (nats: readonly string[]) => this.person(nats, 25, 64);

    this.nearLimit(adult(['GBR']), 84, 'FI-HEL', 'DE-FRA');
    this.nearLimit(adult(['USA']), 87, 'FR-CDG', 'NL-AMS');

    // Overstayers: a visa-exempt traveller past the 90 days, a visa holder past the visa's duration of stay.
    this.add(
      adult(['BRA', 'MEX', 'GEO', 'MDA']),
      ['overstayer'],
      [{ start: -118, end: null, lastDay: -29, entryBcp: 'ES-MAD', exitBcp: '' }],
    );
    {
      const trip: Trip = { start: -75, end: null, lastDay: -46, entryBcp: 'IT-FCO', exitBcp: '' };
      const issuingState = alpha3Of('IT-FCO');
      trip.visa = {
        stickerNumber: this.sticker(issuingState),
        issuingState,
        type: 'C',
        entries: 1,
        durationOfStay: 30,
        validFrom: cal.day(-80),
        validUntil: cal.day(-35),
      };
      this.add(adult(['NGA', 'GHA', 'SEN']), ['overstayer'], [trip]);
    }

    // Refused at Charles de Gaulle without a valid visa and without documents on the purpose of the stay.
    {
      const trip: Trip = { start: -150, end: -138, lastDay: -138, entryBcp: 'FR-CDG', exitBcp: 'FR-CDG' };
      trip.visa = this.singleEntryVisa(trip, -400, -100);
      this.add(adult(['IND', 'EGY', 'DZA']), ['refused'], [trip], [this.refusal(-12, 'FR-CDG', ['C', 'E'])]);
    }

    // A family member of a Union citizen (Dir. 2004/38/EC art. 5(2)): the calculator does not apply.
    {
      const visa = this.multipleEntryVisa(-150, 'ES-MAD');
      this.add(
        adult(['MAR']),
        ['family-member', 'present'],
        [
          {
            start: -150,
            end: -101,
            lastDay: -101,
            entryBcp: 'ES-BENI-ENZAR',
            exitBcp: 'ES-BENI-ENZAR',
            visa,
            familyMember: true,
          },
          { start: -40, end: null, lastDay: 30, entryBcp: 'ES-MAD', exitBcp: '', visa, familyMember: true },
        ],
      );
    }

    // Single-entry visas already used: a new entry on them is not authorised (EES art. 11(2)(a)).
    {
      const trip: Trip = { start: -55, end: -42, lastDay: -42, entryBcp: 'FR-CDG', exitBcp: 'DE-FRA' };
      trip.visa = { ...this.singleEntryVisa(trip, -400, 400), validUntil: cal.day(30), durationOfStay: 21 };
      this.add(adult(['CHN']), ['visa-used'], [trip]);
      const trip2: Trip = { start: -40, end: -31, lastDay: -31, entryBcp: 'NL-AMS', exitBcp: 'IT-FCO' };
      trip2.visa = { ...this.singleEntryVisa(trip2, -400, 400), validUntil: cal.day(20), durationOfStay: 15 };
      this.add(adult(['IND']), ['visa-used'], [trip2]);
    }

    // Present in the area, entered at Helsinki-Vantaa six days ago.
    this.add(
      adult(['KOR', 'AUS', 'ISR']),
      ['present'],
      [
        { start: -120, end: -106, lastDay: -106, entryBcp: 'FI-HEL', exitBcp: 'FI-HEL' },
        { start: -6, end: null, lastDay: 10, entryBcp: 'FI-HEL', exitBcp: '' },
      ],
    );

    // The subject of a German SIS refusal alert, refused at Frankfurt on ground H (SBC Annex V Part B).
    {
      const trip: Trip = { start: -170, end: -160, lastDay: -160, entryBcp: 'DE-FRA', exitBcp: 'DE-FRA' };
      trip.visa = this.singleEntryVisa(trip, -400, -100);
      this.add(
        adult(['DZA', 'EGY', 'MAR', 'IRN']),
        ['refused', 'sis-refusal-alert'],
        [trip],
        [this.refusal(-30, 'DE-FRA', ['H'])],
      );
    }

    // A traveller whose passport has since been reported stolen in Amsterdam.
    this.add(
      adult(['USA']),
      ['sis-document-alert'],
      [{ start: -95, end: -81, lastDay: -81, entryBcp: 'NL-AMS', exitBcp: 'NL-AMS' }],
    );

    // A regular traveller under a discreet check alert (2018/1862 art. 36), in the area now.
    {
      const trips: Trip[] = [
        { start: -150, end: -141, lastDay: -141, entryBcp: 'DE-FRA', exitBcp: 'DE-FRA' },
        { start: -90, end: -82, lastDay: -82, entryBcp: 'GR-KIPOI', exitBcp: 'GR-KIPOI' },
        { start: -9, end: null, lastDay: 5, entryBcp: 'DE-FRA', exitBcp: '' },
      ];
      this.visas(trips, true);
      this.add(adult(['TUR']), ['sis-discreet-check', 'present'], trips);
    }

    for (let i = 0; i < generic; i += 1) {
      this.generic();
    }
    const firstTimer = adult(['USA', 'GBR', 'AUS', 'KOR', 'BRA']);
    // A visa-exempt traveller refused at Madrid for lack of means of subsistence (SBC Annex V Part B, ground
    // G), whose ETIAS application the EES check sends to manual processing. Planned after the others, so
    // that adding it changed none of them.
    this.add(
      adult(['GBR', 'USA', 'UKR', 'MEX']),
      ['refused'],
      [{ start: -140, end: -131, lastDay: -131, entryBcp: 'ES-MAD', exitBcp: 'ES-MAD' }],
      [this.refusal(-25, 'ES-MAD', ['G'])],
    );
    return { travellers: this.travellers, firstTimer };
  }
}

/** The EES part of the demo world: travellers and their crossings in the last 180 days before `today`. */
export function planEes(seed: string, cal: PlanCalendar, genericTravellers: number): EesPlan {
  return new EesPlanner(seed, cal).plan(genericTravellers);
}

/**
 * {@link planEes}, and after it as many more generic travellers as asked, one at a time from the same
 * planner (the same identity stream, so no person or document twice): the scale path of the demo world.
 */
export function planEesWithMore(
  seed: string,
  cal: PlanCalendar,
  genericTravellers: number,
  poolSize: number,
): { plan: EesPlan; more: () => PlannedTraveller } {
  const planner = new EesPlanner(seed, cal, poolSize);
  const plan = planner.plan(genericTravellers);
  return { plan: { ...plan, travellers: [...plan.travellers] }, more: () => planner.next() };
}
