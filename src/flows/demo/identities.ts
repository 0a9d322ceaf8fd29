import {
  generateIdentityStream,
  harmoniseDocumentNumber,
  type GeneratedIdentity,
} from '../../contexts/identity/index.ts';
import { isThirdCountry } from '../../contexts/reference/index.ts';

/** A person of the demo world as the identity generator made them, with the document they travel on. */
export interface DemoIdentity {
  surname: string;
  givenNames: string;
  /** Names in the native script; empty for Latin-script names. */
  surnameNative: string;
  givenNamesNative: string;
  birthDate: string;
  /** As the generator gives it (a city or region of the country of birth). */
  placeOfBirth: string;
  sex: 'M' | 'F' | 'X';
  nationality: string;
  documentType: string;
  documentNumber: string;
  issuingState: string;
  expiryDate: string;
  /** The document's machine-readable zone (ICAO Doc 9303), valid check digits. */
  mrz: string[];
}

/** Age in whole years on `today` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Draws persons from the seeded identity generator on demand: `take` returns the first not yet used person
 * who fits, keeping the others for later draws. The same seed and the same sequence of draws always give
 * the same persons.
 */
export class IdentityPool {
  readonly #stream: Iterator<GeneratedIdentity>;
  readonly #waiting: DemoIdentity[] = [];
  readonly #thirdCountryOnly: boolean;
  /**
   * Travel documents already drawn (issuing state and harmonised number): at a million persons the generator
   * gives a few numbers twice, and EES holds a document in one file only (the importer refuses the second).
   */
  readonly #documents = new Set<string>();

  constructor(
    seed: string,
    today: string,
    options: {
      thirdCountryOnly: boolean;
      size?: number;
      /** The persons to draw from instead of the seeded generator's (tests). */
      source?: Iterable<GeneratedIdentity>;
    },
  ) {
    this.#stream =
      options.source?.[Symbol.iterator]() ??
      generateIdentityStream({
        count: options.size ?? 1_000_000,
        seed,
        variantRate: 0,
        referenceDate: today,
      });
    this.#thirdCountryOnly = options.thirdCountryOnly;
  }

  take(fits: (p: DemoIdentity) => boolean = () => true): DemoIdentity {
    const i = this.#waiting.findIndex(fits);
    if (i >= 0) {
      return this.#waiting.splice(i, 1)[0]!;
    }
    // A bounded search: the generator draws every nationality the demo asks for within a few thousand persons.
    for (let drawn = 0; drawn < 50_000; drawn += 1) {
      const next = this.#stream.next();
      if (next.done === true) {
        break;
      }
      const g = next.value;
      if (g.documentNumber === '' || (this.#thirdCountryOnly && !isThirdCountry(g.nationality))) {
        continue;
      }
      const document = `${g.issuingState}:${harmoniseDocumentNumber(g.documentNumber)}`;
      if (this.#documents.has(document)) {
        continue;
      }
      this.#documents.add(document);
      const person = demoIdentityOf(g);
      if (fits(person)) {
        return person;
      }
      this.#waiting.push(person);
    }
    throw new Error('the identity generator gave no person who fits the demo world; check its nationalities');
  }
}

/** A person of the identity generator as the demo world holds them (names in capitals, first nationality). */
export function demoIdentityOf(g: GeneratedIdentity): DemoIdentity {
  return {
    surname: g.surname.toUpperCase(),
    givenNames: g.givenNames.toUpperCase(),
    surnameNative: g.surnameNative,
    givenNamesNative: g.givenNamesNative,
    birthDate: g.birthDate,
    placeOfBirth: g.placeOfBirth,
    sex: g.sex,
    nationality: g.nationality.split(';')[0]!,
    documentType: g.documentType,
    documentNumber: g.documentNumber,
    issuingState: g.issuingState,
    expiryDate: g.expiryDate,
    mrz: [...g.mrz],
  };
}
