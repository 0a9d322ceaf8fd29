import {
  compareDamerauLevenshtein,
  compareDates,
  compareDocumentNumbers,
  compareJaroWinkler,
  compareNameSwap,
  compareNationalities,
  compareNicknames,
  comparePhonetic,
  compareSex,
  compareTokenSet,
  compareTransliteration,
} from '../compare/index.ts';
import type { Comparison } from '../compare/index.ts';
import type { IdentityData, MidFieldComparisons, NameField } from './types.ts';

const first = (v: NameField | undefined): string => (typeof v === 'string' ? v : (v?.[0] ?? ''));

function nameComparators(a: string, b: string, withNicknames: boolean): Record<string, Comparison> {
  return {
    jaroWinkler: compareJaroWinkler(a, b),
    damerauLevenshtein: compareDamerauLevenshtein(a, b),
    phonetic: comparePhonetic(a, b),
    transliteration: compareTransliteration(a, b),
    tokenSet: compareTokenSet(a, b),
    ...(withNicknames ? { nickname: compareNicknames(a, b) } : {}),
  };
}

/**
 * Runs every comparator on the primary value of each field of two records. The levels describe how close
 * the records are for a reviewer and can rank yellow links; the MID verdict never depends on them.
 */
export function compareIdentityFields(a: IdentityData, b: IdentityData): MidFieldComparisons {
  const [as, bs, ag, bg] = [first(a.surname), first(b.surname), first(a.givenNames), first(b.givenNames)];
  return {
    surname: nameComparators(as, bs, false),
    givenNames: nameComparators(ag, bg, true),
    nameSwap: compareNameSwap({ surname: as, givenNames: ag }, { surname: bs, givenNames: bg }),
    birthDate: compareDates(a.birthDate, b.birthDate),
    sex: compareSex(a.sex, b.sex),
    nationalities: compareNationalities(a.nationalities ?? [], b.nationalities ?? []),
    placeOfBirth: {
      jaroWinkler: compareJaroWinkler(a.placeOfBirth ?? '', b.placeOfBirth ?? ''),
      transliteration: compareTransliteration(a.placeOfBirth ?? '', b.placeOfBirth ?? ''),
    },
    documentNumber: compareDocumentNumbers(a.documentNumber, b.documentNumber),
  };
}
