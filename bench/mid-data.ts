import {
  SeededRandom,
  generateIdentityStream,
  negativeKindOf,
  type GeneratedIdentity,
  type HardNegativeKind,
} from '../src/contexts/identity/index.ts';
import { isThirdCountry, visaRequirement } from '../src/contexts/reference/index.ts';
import { SyntheticBiometrics, encodeVector, type TemplateInput } from '../src/contexts/sbms/index.ts';
import { demoIdentityOf } from '../src/flows/demo/identities.ts';
import { applicationOf } from '../src/flows/demo/plan-etias.ts';
import { VISA_EXEMPT_NATIONALITIES } from '../src/flows/demo/plan-ees.ts';

/**
 * The data of the MID benchmark: generated persons spread over EES, ETIAS and SIS (person alerts) with the
 * ground truth of which records belong to one person, and two labelled lists of cross-system pairs:
 *
 * - **planted** true multiple identities, which the detector should link: a labelled variant of a person
 *   (typo, transliteration, swapped names, …) in another system; one face under two names (an EES file and
 *   a SIS alert with another person's identity and another capture of the same face); one travel document
 *   used by two different people (an EES file and an ETIAS application);
 * - **hard negatives**, which it should not: the generator's related persons (namesakes with another birth
 *   date, twins, parents and children of the same name, siblings) in another system than their look-alike,
 *   twins with faces of partly shared identity vectors, and look-alike documents (the same number but for
 *   one OCR-confusable character, another person).
 *
 * Everything is deterministic from the seed.
 */

export type BenchSystem = 'ees' | 'etias' | 'sis';

export interface BenchRecord {
  system: BenchSystem;
  /** The record id in its system (`eesf_…`, `app_…`, `sis_…`). */
  id: string;
  /** The person (ground truth). */
  person: string;
  /** The JSON line the system's import takes. */
  line: unknown;
  /** EES only: the face templates to enrol with the file (the EES import takes none). */
  face?: TemplateInput[];
}

export type PlantedKind = 'variant' | 'face-two-names' | 'shared-document';
export type NegativeKind = HardNegativeKind | 'twin-face' | 'ocr-document';

export interface LabelledPair {
  a: string;
  b: string;
  kind: PlantedKind | NegativeKind;
}

export interface MidBenchOptions {
  seed: string;
  today: string;
  /** Records in all. */
  count: number;
  /** Shares of records per system (EES, ETIAS, SIS); persons a system cannot hold go to another. */
  shares: Record<BenchSystem, number>;
  /** Share of EES files enrolled with a face. */
  eesFaceShare: number;
  /** Share of SIS person alerts with a photograph. */
  sisFaceShare: number;
  /** Share of persons with a labelled variant in another system. */
  variantRate: number;
  /** Share of persons with a related person (hard negative). */
  hardNegativeRate: number;
  /** Share of EES files with a face whose person is also a SIS alert under another name. */
  faceTwoNamesRate: number;
  /** Share of EES files whose document another person uses in ETIAS. */
  sharedDocumentRate: number;
  /** Share of EES files with an ETIAS application of another person holding a look-alike document. */
  ocrDocumentRate: number;
  /** When the ETIAS applications were submitted (an instant in the past). */
  submittedAt: string;
  /** How much of the twin's identity vector the other twin's face shares (0-1). */
  twinFaceShare: number;
}

/** Characters an OCR reader confuses, both ways. */
const CONFUSABLE: Readonly<Record<string, string>> = {
  O: '0',
  '0': 'O',
  I: '1',
  '1': 'I',
  S: '5',
  '5': 'S',
  B: '8',
  '8': 'B',
  Z: '2',
  '2': 'Z',
  G: '6',
  '6': 'G',
};

/** The number with its first OCR-confusable character swapped, or null when it has none. */
export function confusedNumber(number: string): string | null {
  for (let i = 0; i < number.length; i += 1) {
    const to = CONFUSABLE[number[i]!];
    if (to !== undefined) {
      return number.slice(0, i) + to + number.slice(i + 1);
    }
  }
  return null;
}

const faceKey = (person: string) => `mid-bench:${person}`;

/** What each system needs of a person. */
function eligible(g: GeneratedIdentity, today: string): Set<BenchSystem> {
  const out = new Set<BenchSystem>();
  const nationality = g.nationality.split(';')[0]!;
  const full = /^\d{4}-\d{2}-\d{2}$/u.test(g.birthDate) && !g.birthDate.includes('-00');
  const documented = g.documentNumber !== '' && g.expiryDate > today;
  const adult = g.birthDate <= `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`;
  if (full && adult) {
    out.add('sis');
  }
  if (full && documented && isThirdCountry(nationality)) {
    out.add('ees');
    if (
      visaRequirement(nationality) === 'exempt' &&
      g.birthDate < `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`
    ) {
      out.add('etias');
    }
  }
  return out;
}

/**
 * Streams the records (EES, ETIAS and SIS lines) and fills `planted` and `negatives` as it goes. Records
 * come in an order where each pair's two records are near each other, as a stream of inserts would bring
 * them.
 */
export function* midBenchRecords(
  options: MidBenchOptions,
  planted: LabelledPair[],
  negatives: LabelledPair[],
): Generator<BenchRecord> {
  const r = new SeededRandom(`${options.seed}:assign`);
  const bio = new SyntheticBiometrics();
  const stream = generateIdentityStream({
    count: Math.ceil(options.count * 4) + 10_000,
    seed: options.seed,
    variantRate: options.variantRate,
    maxVariantsPerPerson: 1,
    hardNegativeRate: options.hardNegativeRate,
    referenceDate: options.today,
  })[Symbol.iterator]();
  /** ETIAS and EES hold a travel document once each: the documents used so far per system. */
  const documents: Record<'ees' | 'etias', Set<string>> = { ees: new Set(), etias: new Set() };
  /** Fresh persons to borrow names from (face under two names, shared and look-alike documents). */
  const spare: Record<'sis' | 'etias', GeneratedIdentity[]> = { sis: [], etias: [] };
  let n = 0;
  let serial = 0;
  const next = (): GeneratedIdentity | null => {
    const x = stream.next();
    return x.done === true ? null : x.value;
  };
  const docKey = (g: GeneratedIdentity) => `${g.issuingState}:${g.documentNumber}`;
  const pickSystem = (allowed: Set<BenchSystem>, not?: BenchSystem): BenchSystem | null => {
    const list = [...allowed].filter((s) => s !== not);
    if (list.length === 0) {
      return null;
    }
    const total = list.reduce((t, s) => t + options.shares[s], 0);
    let x = r.next() * total;
    for (const s of list) {
      x -= options.shares[s];
      if (x < 0) {
        return s;
      }
    }
    return list.at(-1)!;
  };

  const make = (
    system: BenchSystem,
    g: GeneratedIdentity,
    person: string,
    extra: { face?: { key: string; capture: number; twinOf?: { person: string; share: number } } } = {},
  ): BenchRecord | null => {
    if (system !== 'sis') {
      const k = docKey(g);
      if (documents[system].has(k)) {
        return null;
      }
      documents[system].add(k);
    }
    serial += 1;
    const p = demoIdentityOf(g);
    const faces: TemplateInput[] | undefined =
      extra.face === undefined
        ? undefined
        : [
            {
              modality: 'face',
              template: encodeVector(
                bio.captureVector(extra.face.key, 'face', 0, {
                  capture: extra.face.capture,
                  quality: 80,
                  ...(extra.face.twinOf === undefined ? {} : { twinOf: extra.face.twinOf }),
                }),
              ),
              quality: 80,
            },
          ];
    if (system === 'ees') {
      const id = `eesf_mid-${serial}`;
      return {
        system,
        id,
        person,
        face: faces,
        line: {
          id,
          file: {
            kind: VISA_EXEMPT_NATIONALITIES.has(p.nationality) ? 'visa-exempt' : 'visa-holder',
            surname: p.surname,
            givenNames: p.givenNames,
            birthDate: p.birthDate,
            nationalities: [p.nationality],
            sex: p.sex,
            documents: [
              {
                type: p.documentType,
                number: p.documentNumber,
                issuingState: p.issuingState,
                expiry: p.expiryDate,
              },
            ],
            facialImageRef: `mid-bench:face/${serial}`,
            ...(VISA_EXEMPT_NATIONALITIES.has(p.nationality)
              ? { fingerprintExemption: 'temporary-impossibility' }
              : {}),
          },
          crossings: [],
        },
      };
    }
    if (system === 'etias') {
      const id = `app_mid-${serial}`;
      return {
        system,
        id,
        person,
        line: {
          id,
          submittedAt: options.submittedAt,
          ...applicationOf(p, r, { today: options.today }),
        },
      };
    }
    const id = `sis_mid-${serial}`;
    return {
      system,
      id,
      person,
      line: {
        id,
        alert: {
          category: 'arrest',
          person: {
            surname: p.surname,
            givenNames: p.givenNames,
            birthDate: p.birthDate,
            sex: p.sex,
            nationalities: [p.nationality],
            ...(p.documentNumber === ''
              ? {}
              : {
                  documents: [
                    {
                      type: p.documentType === 'P' ? 'passport' : 'identity card',
                      issuingCountry: p.issuingState,
                      number: p.documentNumber,
                    },
                  ],
                }),
          },
          reason: 'European Arrest Warrant',
          decisionRef: `EAW-MID-${serial}`,
          offenceType: 'fraud',
          ...(faces === undefined ? {} : { biometrics: faces }),
        },
        issuer: { memberState: 'DE', authority: 'SIRENE Deutschland (Bundeskriminalamt)' },
      },
    };
  };

  /** A person and the records that follow them in the stream: their variants, a related person and theirs. */
  let pending: GeneratedIdentity | null = null;
  const readGroup = (): GeneratedIdentity[] | null => {
    const first = pending ?? next();
    pending = null;
    if (first === null) {
      return null;
    }
    const group = [first];
    for (let g = next(); g !== null; g = next()) {
      if (g.variantOf === null && g.relation === null) {
        pending = g;
        break;
      }
      group.push(g);
    }
    return group;
  };
  /** Persons of skipped groups, to borrow names from (never otherwise placed). */
  const takeSpare = (system: 'sis' | 'etias'): GeneratedIdentity | null => spare[system].pop() ?? null;
  const faceOf = (system: BenchSystem, g: GeneratedIdentity, twinOf?: GeneratedIdentity, always = false) =>
    system === 'etias'
      ? undefined
      : always ||
          twinOf !== undefined ||
          r.chance(system === 'ees' ? options.eesFaceShare : options.sisFaceShare)
        ? {
            key: faceKey(g.cluster),
            capture: system === 'ees' ? 0 : 3,
            ...(twinOf === undefined
              ? {}
              : { twinOf: { person: faceKey(twinOf.cluster), share: options.twinFaceShare } }),
          }
        : undefined;

  for (let group = readGroup(); group !== null && n < options.count; group = readGroup()) {
    const o = group[0]!;
    const target = pickSystem(new Set<BenchSystem>(['ees', 'etias', 'sis']))!;
    if (o.relation !== null || !eligible(o, options.today).has(target)) {
      const can = eligible(o, options.today);
      for (const k of ['sis', 'etias'] as const) {
        if (can.has(k) && spare[k].length < 500 && o.relation === null) {
          spare[k].push(o);
          break;
        }
      }
      continue;
    }
    // Twins get faces (the slice with biometrics includes every base of a twin pair).
    const hasTwin = group.some((g) => g.relation === 'twin' && g.relatedCluster === o.cluster);
    const oFace = hasTwin && target !== 'etias' ? faceOf(target, o, undefined, true) : faceOf(target, o);
    const rec = make(target, o, o.cluster, oFace === undefined ? {} : { face: oFace });
    if (rec === null) {
      continue;
    }
    n += 1;
    yield rec;
    for (const g of group.slice(1)) {
      if (n >= options.count) {
        break;
      }
      if (g.variantOf !== null && g.cluster === o.cluster) {
        // A labelled variant of the person: the same person in another system.
        const system = pickSystem(eligible(g, options.today), target);
        const v = system === null ? null : make(system, g, g.cluster);
        if (v !== null) {
          n += 1;
          planted.push({ a: rec.id, b: v.id, kind: 'variant' });
          yield v;
        }
      } else if (g.variantOf === null && g.relation !== null && g.relatedCluster === o.cluster) {
        // The related person (a hard negative) in another system than their look-alike.
        const system = pickSystem(eligible(g, options.today), target);
        if (system === null) {
          continue;
        }
        const twin = g.relation === 'twin' && oFace !== undefined && system !== 'etias';
        const face = twin ? faceOf(system, g, o) : faceOf(system, g);
        const x = make(system, g, g.cluster, face === undefined ? {} : { face });
        if (x !== null) {
          n += 1;
          negatives.push({ a: rec.id, b: x.id, kind: negativeKindOf(g, o)! });
          if (twin) {
            negatives.push({ a: rec.id, b: x.id, kind: 'twin-face' });
          }
          yield x;
        }
      }
    }
    if (target !== 'ees' || n >= options.count) {
      continue;
    }
    // Planted frauds and look-alike documents around this EES file.
    if (oFace !== undefined && r.chance(options.faceTwoNamesRate / Math.max(options.eesFaceShare, 1e-9))) {
      const other = takeSpare('sis');
      const alias =
        other === null
          ? null
          : make('sis', other, o.cluster, { face: { key: faceKey(o.cluster), capture: 3 } });
      if (alias !== null) {
        n += 1;
        planted.push({ a: rec.id, b: alias.id, kind: 'face-two-names' });
        yield alias;
      }
    } else if (r.chance(options.sharedDocumentRate)) {
      const other = takeSpare('etias');
      if (other !== null) {
        const borrowed = {
          ...other,
          documentNumber: o.documentNumber,
          issuingState: o.issuingState,
          mrz: [],
        };
        const user = make('etias', borrowed, other.cluster);
        if (user !== null) {
          n += 1;
          planted.push({ a: rec.id, b: user.id, kind: 'shared-document' });
          yield user;
        }
      }
    } else if (r.chance(options.ocrDocumentRate)) {
      const confused = confusedNumber(o.documentNumber);
      const other = confused === null ? null : takeSpare('etias');
      if (other !== null && confused !== null) {
        const lookAlike = { ...other, documentNumber: confused, issuingState: o.issuingState, mrz: [] };
        const user = make('etias', lookAlike, other.cluster);
        if (user !== null) {
          n += 1;
          negatives.push({ a: rec.id, b: user.id, kind: 'ocr-document' });
          yield user;
        }
      }
    }
  }
}
