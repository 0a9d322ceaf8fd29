import { generateMrzOrThrow, parseMrz, SeededRandom } from '../../contexts/identity/index.ts';
import { encodeVector, SyntheticBiometrics, type TemplateInput } from '../../contexts/sbms/index.ts';
import type { PlanCalendar } from './calendar.ts';
import { ageOn, IdentityPool, type DemoIdentity } from './identities.ts';
import type { PlannedTraveller } from './plan-ees.ts';
import type { PlannedAlert } from './plan-sis.ts';

/**
 * The biometrics of the demo world, made by the synthetic generator (docs/biometrics.md): every person who
 * has biometrics is a **person key**, and a key with a capture number is one capture of that person's face
 * and fingers. The world enrols capture 0; `interlink biometrics capture --person <key>` (the demo's
 * "capture device") makes another capture of the same person, which matches, while any other key is another
 * person, who does not. Keys depend only on the plan's stable references (`T001`, `A067`, dataset numbers),
 * never on the day the world is made, so the CLI and the world agree.
 */

/** Capture numbers: which capture of a person each record of the world holds. */
export const DEMO_CAPTURES = Object.freeze({
  /** EES files and Eurodac datasets: the capture taken when the record was made. */
  enrolment: 0,
  /** The default of `interlink biometrics capture`: a new capture that no record holds. */
  live: 1,
  /** The second Eurodac registration of the person registered twice. */
  reRegistration: 2,
  /** SIS alerts: the photograph and fingerprints the issuing state took, another capture again. */
  sisPhotograph: 3,
});

/** EES files hold four fingers of the right hand besides the face (EES art. 17(1)(b)): index to little. */
export const EES_FINGER_POSITIONS: readonly number[] = [2, 3, 4, 5];
export const ALL_FINGER_POSITIONS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export const eesPersonKey = (travellerRef: string): string => `demo:ees:${travellerRef}`;
export const sisPersonKey = (alertRef: string): string => `demo:sis:${alertRef}`;
export const eurodacPersonKey = (n: number): string => `demo:eurodac:${n}`;

/** One capture of one person: which templates, of what quality. */
export interface DemoCapture {
  person: string;
  capture: number;
  /** The face's quality (0-100), or null for no face. */
  face: number | null;
  fingers: Array<{ position: number; quality: number }>;
  /** A twin's face: this share of it is the other twin's (the generator's twin model); fingers are the person's own. */
  twinOf?: { person: string; share: number };
}

/** The capture file of the demo's capture device, and what Eurodac registration takes. */
export interface CaptureFile {
  face?: TemplateInput;
  fingerprints: TemplateInput[];
}

/** The templates of a capture, as the capture file holds them. */
export function captureFile(c: DemoCapture, generator: SyntheticBiometrics): CaptureFile {
  const at = { capture: c.capture };
  const face = (q: number): TemplateInput =>
    c.twinOf === undefined
      ? generator.face(c.person, { ...at, quality: q })
      : {
          modality: 'face',
          template: encodeVector(
            generator.captureVector(c.person, 'face', 0, { ...at, quality: q, twinOf: c.twinOf }),
          ),
          quality: q,
        };
  return {
    ...(c.face === null ? {} : { face: face(c.face) }),
    fingerprints: c.fingers.map((f) => generator.finger(c.person, f.position, { ...at, quality: f.quality })),
  };
}

/** The templates of a capture in one list, face first (the `biometrics` of EES files and SIS alerts). */
export function captureTemplates(c: DemoCapture, generator: SyntheticBiometrics): TemplateInput[] {
  const file = captureFile(c, generator);
  return [...(file.face === undefined ? [] : [file.face]), ...file.fingerprints];
}

/** A capture with the same quality for every template (the capture device's). */
export function uniformCapture(
  person: string,
  options: { capture: number; quality: number; face: boolean; fingers: readonly number[] },
): DemoCapture {
  return {
    person,
    capture: options.capture,
    face: options.face ? options.quality : null,
    fingers: options.fingers.map((position) => ({ position, quality: options.quality })),
  };
}

/** Eurodac categories the demo uses (Reg. (EU) 2024/1358 arts. 15, 22, 23, 24(a), 18(2)). */
export type DemoEurodacCategory = 'applicant' | 'irregular-crossing' | 'illegal-stay' | 'disembarkation';

/** The asylum authorities that register the demo's Eurodac datasets. */
export type EurodacAuthor = 'asylum.gr' | 'asylum.it' | 'asylum.de';

/** One Eurodac dataset of the demo world. */
export interface PlannedDataset {
  /** Stable reference within the plan, e.g. `D01`. */
  ref: string;
  author: EurodacAuthor;
  category: DemoEurodacCategory;
  capture: DemoCapture;
  identity: {
    surname: string;
    givenNames: string;
    birthDate: string;
    sex: 'M' | 'F' | 'X';
    nationalities: string[];
  };
  /** Datasets of the plan this one's 1:N comparison finds (the same person registered earlier). */
  expectHits: string[];
  /** What the dataset stands for, for people trying the demo. */
  note: string;
}

/** A person of the world who has biometrics, and which records hold them. */
export interface DemoBiometricPerson {
  key: string;
  /** `GIVEN NAMES SURNAME`. */
  name: string;
  nationality: string;
  birthDate: string;
  /** E.g. `EES traveller T001 (near-limit): face, fingers 2-5`, `SIS refusal alert A113 (sirene.de): face`. */
  records: string[];
}

export interface DemoBiometricsPlan {
  /** EES files' captures by traveller. */
  ees: Array<{ travellerRef: string; capture: DemoCapture }>;
  /** SIS person alerts' captures by alert. */
  sis: Array<{ alertRef: string; capture: DemoCapture }>;
  /** Eurodac datasets in the order they are registered. */
  eurodac: PlannedDataset[];
  persons: DemoBiometricPerson[];
  /** An EES traveller who has since been issued a new passport, which EES has not seen (identified by face). */
  newPassport: { travellerRef: string; mrz: string[] };
  /** The wanted person (first arrest alert) travelling on a passport in another name (found by face). */
  wantedAlias: { alertRef: string; mrz: string[] };
}

/** Nationalities of the demo's Eurodac datasets (among those the identity generator draws). */
const EURODAC_NATIONALITIES = ['IRN', 'EGY', 'DZA', 'MAR', 'NGA', 'SEN', 'GHA', 'TUR', 'IND'];

const fingerList = (positions: readonly number[]): string => {
  if (positions.length === 0) {
    return '';
  }
  const contiguous = positions.every((p, i) => i === 0 || p === positions[i - 1]! + 1);
  return contiguous && positions.length > 2
    ? `fingers ${positions[0]}-${positions.at(-1)}`
    : `finger${positions.length > 1 ? 's' : ''} ${positions.join(', ')}`;
};

/** `face, fingers 2-5`: what a capture holds. */
export function describeCapture(c: Pick<DemoCapture, 'face' | 'fingers'>): string {
  return [c.face === null ? '' : 'face', fingerList(c.fingers.map((f) => f.position))]
    .filter((x) => x !== '')
    .join(', ');
}

/** A passport number of the same shape as `number`, every digit moved on by five: a new document. */
function renewedNumber(number: string): string {
  return [...number].map((c) => (/\d/u.test(c) ? String((Number(c) + 5) % 10) : c)).join('');
}

/** The MRZ of a new passport of the same holder: another number, valid ten years from today. */
export function renewedPassportMrz(identity: DemoIdentity, today: string): string[] {
  const parsed = parseMrz(identity.mrz.join('\n'));
  const expiry = `${String((Number(today.slice(0, 4)) + 10) % 100).padStart(2, '0')}${today.slice(5, 7)}${today.slice(8, 10)}`;
  const { lines } = generateMrzOrThrow({
    format: 'TD3',
    documentCode: 'P',
    issuingState: parsed.issuingState,
    surname: parsed.surname,
    givenNames: parsed.givenNames,
    documentNumber: renewedNumber(identity.documentNumber),
    nationality: parsed.nationality,
    birthDate: parsed.birthDate,
    sex: parsed.sex,
    expiryDate: expiry,
  });
  return [...lines];
}

class BiometricsPlanner {
  readonly #random: SeededRandom;
  readonly #people: IdentityPool;
  readonly #cal: PlanCalendar;
  readonly #persons = new Map<string, DemoBiometricPerson>();

  constructor(seed: string, cal: PlanCalendar) {
    this.#cal = cal;
    this.#random = new SeededRandom(`${seed}:biometrics`);
    this.#people = new IdentityPool(`${seed}:biometrics`, cal.today, { thirdCountryOnly: true });
  }

  /** A quality as extractors give them for cooperative captures: 55-95. */
  quality(): number {
    return this.#random.between(55, 95);
  }

  capture(person: string, capture: number, face: boolean, fingers: readonly number[]): DemoCapture {
    return {
      person,
      capture,
      face: face ? this.quality() : null,
      fingers: fingers.map((position) => ({ position, quality: this.quality() })),
    };
  }

  note(
    key: string,
    who: { name: string; nationality: string; birthDate: string },
    record: string,
    c: DemoCapture,
  ): void {
    let person = this.#persons.get(key);
    if (person === undefined) {
      person = { key, ...who, records: [] };
      this.#persons.set(key, person);
    }
    person.records.push(`${record}: ${describeCapture(c)}`);
  }

  plan(travellers: readonly PlannedTraveller[], alerts: readonly PlannedAlert[]): DemoBiometricsPlan {
    // EES: every traveller's face; the four fingers of those whose file holds them (not visa holders, whose
    // fingerprints are in the VIS, nor children under 12, EES art. 17(3)).
    const ees = travellers.map((t) => {
      const key = eesPersonKey(t.ref);
      const capture = this.capture(
        key,
        DEMO_CAPTURES.enrolment,
        true,
        t.file.fingerprints === undefined ? [] : EES_FINGER_POSITIONS,
      );
      this.note(
        key,
        {
          name: `${t.identity.givenNames} ${t.identity.surname}`,
          nationality: t.identity.nationality,
          birthDate: t.identity.birthDate,
        },
        `EES traveller ${t.ref} (${t.roles.join(', ')})`,
        capture,
      );
      return { travellerRef: t.ref, capture };
    });

    // SIS: every person alert has the person's photograph (2018/1862 art. 20(3)(w)); arrest alerts also
    // fingerprints. One person is one key, whichever alerts are about them: a demo traveller keeps the
    // EES key; persons with two alerts (a refusal and the linked return alert) the first alert's.
    const byDocument = new Map<string, string>();
    const sis: DemoBiometricsPlan['sis'] = [];
    for (const a of alerts) {
      const p = a.input.person;
      if (p === undefined) {
        continue;
      }
      const doc = p.documents?.[0];
      const docKey = doc === undefined ? `alert:${a.ref}` : `${doc.issuingCountry}:${doc.number}`;
      let key = byDocument.get(docKey);
      if (key === undefined) {
        key = a.travellerRef === undefined ? sisPersonKey(a.ref) : eesPersonKey(a.travellerRef);
        byDocument.set(docKey, key);
      }
      const capture = this.capture(
        key,
        DEMO_CAPTURES.sisPhotograph,
        true,
        a.input.category === 'arrest' ? ALL_FINGER_POSITIONS : [],
      );
      this.note(
        key,
        {
          name: `${p.givenNames ?? ''} ${p.surname ?? ''}`.trim(),
          nationality: p.nationalities?.[0] ?? '',
          birthDate: p.birthDate ?? '',
        },
        `SIS ${a.input.category} alert ${a.ref} (${a.author})`,
        capture,
      );
      sis.push({ alertRef: a.ref, capture });
    }

    const eurodac = this.eurodac();

    const renewed = travellers.find(
      (t) => t.roles.includes('near-limit') && t.identity.nationality === 'USA',
    );
    const known = renewed ?? travellers.find((t) => t.file.fingerprints !== undefined)!;
    const wanted = alerts.find((a) => a.input.category === 'arrest')!;
    const alias = this.#people.take((p) => {
      const age = ageOn(p.birthDate, this.#cal.today);
      return p.documentType === 'P' && age >= 25 && age <= 60;
    });
    return {
      ees,
      sis,
      eurodac,
      persons: [...this.#persons.values()],
      newPassport: {
        travellerRef: known.ref,
        mrz: renewedPassportMrz(known.identity, this.#cal.today),
      },
      wantedAlias: { alertRef: wanted.ref, mrz: alias.mrz },
    };
  }

  /**
   * Eurodac (Reg. (EU) 2024/1358): applicants registered in Greece and Germany, persons apprehended crossing
   * irregularly into Greece and Italy and disembarked in Italy after a search and rescue operation. Two
   * persons are registered again in another state later, so that the second registration's comparison finds
   * the first (art. 27) and the hit waits for the fingerprint expert of the state that made it (art. 38): an
   * applicant of Greece who applies again in Germany, and a person Italy apprehended who applies in Greece.
   * The irregular crosser `demo:eurodac:2` of Italy is left for the person trying the demo to register.
   */
  eurodac(): PlannedDataset[] {
    const out: PlannedDataset[] = [];
    const persons = new Map<number, DemoIdentity>();
    const personOf = (n: number): DemoIdentity => {
      let p = persons.get(n);
      if (p === undefined) {
        p = this.#people.take((x) => {
          const age = ageOn(x.birthDate, this.#cal.today);
          return EURODAC_NATIONALITIES.includes(x.nationality) && age >= 18 && age <= 45;
        });
        persons.set(n, p);
      }
      return p;
    };
    const add = (
      n: number,
      author: EurodacAuthor,
      category: DemoEurodacCategory,
      capture: number,
      note: string,
      expectHits: string[] = [],
    ): PlannedDataset => {
      const key = eurodacPersonKey(n);
      const p = personOf(n);
      const c = this.capture(key, capture, true, ALL_FINGER_POSITIONS);
      const dataset: PlannedDataset = {
        ref: `D${String(out.length + 1).padStart(2, '0')}`,
        author,
        category,
        capture: c,
        identity: {
          surname: p.surname,
          givenNames: p.givenNames,
          birthDate: p.birthDate,
          sex: p.sex,
          nationalities: [p.nationality],
        },
        expectHits,
        note,
      };
      this.note(
        key,
        { name: `${p.givenNames} ${p.surname}`, nationality: p.nationality, birthDate: p.birthDate },
        `Eurodac ${category} dataset ${dataset.ref} (${author})`,
        c,
      );
      out.push(dataset);
      return dataset;
    };
    const greek = add(
      1,
      'asylum.gr',
      'applicant',
      DEMO_CAPTURES.enrolment,
      'applied for protection in Greece',
    );
    add(
      2,
      'asylum.it',
      'irregular-crossing',
      DEMO_CAPTURES.enrolment,
      'apprehended crossing irregularly into Italy; register a new capture as an applicant to find it',
    );
    add(3, 'asylum.gr', 'applicant', DEMO_CAPTURES.enrolment, 'applied for protection in Greece');
    add(
      4,
      'asylum.it',
      'disembarkation',
      DEMO_CAPTURES.enrolment,
      'disembarked in Italy after a rescue at sea',
    );
    add(5, 'asylum.gr', 'irregular-crossing', DEMO_CAPTURES.enrolment, 'apprehended crossing into Greece');
    add(6, 'asylum.de', 'applicant', DEMO_CAPTURES.enrolment, 'applied for protection in Germany');
    const italian = add(
      7,
      'asylum.it',
      'irregular-crossing',
      DEMO_CAPTURES.enrolment,
      'apprehended crossing irregularly into Italy',
    );
    add(
      1,
      'asylum.de',
      'applicant',
      DEMO_CAPTURES.reRegistration,
      'the applicant of Greece applying again in Germany: a hit on the Greek dataset, for Germany to verify',
      [greek.ref],
    );
    add(
      7,
      'asylum.gr',
      'applicant',
      DEMO_CAPTURES.reRegistration,
      'the person Italy apprehended applying in Greece: a hit on the Italian dataset, for Greece to verify',
      [italian.ref],
    );
    return out;
  }
}

/** The demo world's biometrics: pure, from the plan's travellers and alerts. */
export function planBiometrics(
  seed: string,
  cal: PlanCalendar,
  travellers: readonly PlannedTraveller[],
  alerts: readonly PlannedAlert[],
): DemoBiometricsPlan {
  return new BiometricsPlanner(seed, cal).plan(travellers, alerts);
}
