import { collapseWhitespace, foldDiacritics, harmoniseName } from './normalise.ts';

/**
 * Name particles that belong to the surname and precede its core: Dutch, German, French, Iberian, Italian and
 * Arabic/Hebrew patronymic particles. `DE LA`, `VAN DER` and similar runs are sequences of these.
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'VAN',
  'VON',
  'DER',
  'DEN',
  'TER',
  'TEN',
  'DE',
  'DI',
  'DA',
  'DO',
  'DU',
  'DEL',
  'DELLA',
  'DELLE',
  'DEI',
  'DOS',
  'DAS',
  'LA',
  'LE',
  'LO',
  'Y',
  'ST',
  'AL',
  'EL',
  'BIN',
  'BINT',
  'BEN',
  'BAT',
  'IBN',
  'ABU',
  'ABOU',
  'OULD',
  'MAC',
]);

/** The parts of one person's name. All values are harmonised, diacritics folded. */
export interface ParsedName {
  /** Given names in order, initials excluded. */
  givenNames: string[];
  /** Initials found among the given names, as single letters (`J.` gives `J`). */
  initials: string[];
  /** The whole surname as written, particles included (`VAN DER BERG`). */
  surname: string;
  /** The particles that open the surname (`['VAN', 'DER']`). */
  particles: string[];
  /** The surname without its particles, split into its components: compound (`SMITH-JONES`) and double
   * (`GARCIA LOPEZ`) surnames give one entry per component. */
  surnameParts: string[];
}

/** How the tokens of a full name are ordered when the string has no comma or MRZ separator. */
export interface ParseNameOptions {
  /** `given-first` (`JOHN SMITH`, the default) or `surname-first` (`SMITH JOHN`). */
  order?: 'given-first' | 'surname-first';
  /** How many core (non-particle) tokens the surname has, when known (2 for Spanish double surnames). */
  surnameTokens?: number;
}

const isParticle = (token: string): boolean => NAME_PARTICLES.has(token);
const isInitial = (token: string): boolean => /^\p{L}\.?$/u.test(token);

function tokenise(value: string): string[] {
  // Keep hyphens inside tokens (compound surnames); delete apostrophes (D'ALMEIDA is one token).
  const cleaned = collapseWhitespace(
    foldDiacritics(harmoniseName(value))
      .replace(/['\u2019\u2018\u02BC\u0060\u00B4]/gu, '')
      .replace(/[^\p{L}\p{N}\s.-]/gu, ' '),
  );
  return cleaned === '' ? [] : cleaned.split(' ');
}

function buildSurname(tokens: string[]): Pick<ParsedName, 'surname' | 'particles' | 'surnameParts'> {
  const particles: string[] = [];
  let i = 0;
  // A particle only counts as one when a core token follows it ("DE" alone is a surname).
  while (i < tokens.length - 1 && isParticle(tokens[i] ?? '')) {
    particles.push(tokens[i] ?? '');
    i += 1;
  }
  const core = tokens.slice(i);
  return {
    surname: tokens.join(' '),
    particles,
    surnameParts: core.flatMap((t) => t.split('-')).filter((t) => t !== ''),
  };
}

function buildGiven(tokens: string[]): Pick<ParsedName, 'givenNames' | 'initials'> {
  const givenNames: string[] = [];
  const initials: string[] = [];
  for (const token of tokens) {
    if (isInitial(token)) {
      initials.push(token.replace('.', ''));
    } else {
      givenNames.push(token.replace(/\./gu, ''));
    }
  }
  return { givenNames, initials };
}

/**
 * Parses a full name into given names, initials, surname particles and surname components.
 *
 * Accepts `SURNAME, GIVEN NAMES`, the ICAO MRZ form `SURNAME<<GIVEN<NAMES` (Doc 9303 Part 3 §4.6), or a
 * plain sequence of tokens read in `options.order`. Without a known number of surname tokens, a
 * given-first name takes its last token plus the particles before it as the surname.
 *
 * @example parseFullName('Ludwig van Beethoven').surname // 'VAN BEETHOVEN'
 * @example parseFullName('GARCIA LOPEZ, Juan Carlos').surnameParts // ['GARCIA', 'LOPEZ']
 */
export function parseFullName(fullName: string, options: ParseNameOptions = {}): ParsedName {
  const mrz = fullName.split('<<');
  if (mrz.length >= 2) {
    const [surnamePart = '', ...rest] = mrz;
    return {
      ...buildSurname(tokenise(surnamePart.replace(/</gu, ' '))),
      ...buildGiven(tokenise(rest.join(' ').replace(/</gu, ' '))),
    };
  }
  const comma = fullName.indexOf(',');
  if (comma >= 0) {
    return {
      ...buildSurname(tokenise(fullName.slice(0, comma))),
      ...buildGiven(tokenise(fullName.slice(comma + 1))),
    };
  }
  const tokens = tokenise(fullName);
  const coreCount = Math.max(1, options.surnameTokens ?? 1);
  if ((options.order ?? 'given-first') === 'surname-first') {
    let end = 0;
    while (end < tokens.length - 1 && isParticle(tokens[end] ?? '')) {
      end += 1;
    }
    end = Math.min(tokens.length, end + coreCount);
    return { ...buildSurname(tokens.slice(0, end)), ...buildGiven(tokens.slice(end)) };
  }
  let start = Math.max(tokens.length > 1 ? 1 : 0, tokens.length - coreCount);
  while (start > 1 && isParticle(tokens[start - 1] ?? '')) {
    start -= 1;
  }
  return { ...buildSurname(tokens.slice(start)), ...buildGiven(tokens.slice(0, start)) };
}

/**
 * The forms under which a surname may be recorded elsewhere: as written, without its particles, with the
 * particles fused (`VANDERBERG`), with hyphens as spaces and fused, and each component of a compound or
 * double surname. Used for candidate generation and token comparison, not for MID equality.
 *
 * @example surnameVariants('van der Berg') // ['VAN DER BERG', 'BERG', 'VANDERBERG']
 */
export function surnameVariants(surname: string): string[] {
  const parsed = buildSurname(tokenise(surname));
  if (parsed.surname === '') {
    return [];
  }
  const core = parsed.surnameParts.join(' ');
  const variants = [
    parsed.surname,
    parsed.surname.replace(/-/gu, ' '),
    parsed.surname.replace(/-/gu, ''),
    core,
    parsed.surname.replace(/[\s-]/gu, ''),
    ...(parsed.surnameParts.length > 1 ? parsed.surnameParts : []),
  ];
  return [...new Set(variants.filter((v) => v !== ''))];
}
