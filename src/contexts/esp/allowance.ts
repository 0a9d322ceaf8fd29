import type { SystemCode } from '../access/index.ts';
import type { ExplanationLine, SearchProfile } from './model.ts';
import { findSearchProfile } from './profiles.ts';

/**
 * The field allowance of the search profiles (profiles.ts), applied to every answer that carries a system's
 * personal data: the portal's hits and the systems' own routes (EES, SIS) alike, so that a field a profile
 * withholds never reaches it by another door (2019/817 art. 8-9: the profile fixes the data each user may see).
 *
 * A system's vocabulary lists the fields any profile may be granted, with the JSON keys under which the
 * system's answers carry them and the words by which an explanation speaks of them. A field of the
 * vocabulary that the profile is not granted is withheld: its keys are removed at any depth, and explanation
 * lines that speak of it are dropped. Keys outside the vocabulary are governed by the route's permission.
 */
interface VocabularyEntry {
  /** JSON keys carrying the field in the system's answers (default: the field name itself). */
  readonly keys?: readonly string[];
  /** How an explanation line speaks of the field. */
  readonly words?: RegExp;
}

const FIELD_VOCABULARY: Readonly<Partial<Record<SystemCode, Readonly<Record<string, VocabularyEntry>>>>> = {
  ees: {
    fileId: {},
    surname: {},
    givenNames: {},
    birthDate: {},
    sex: { words: /\b(sex|gender)\b/iu },
    nationalities: {},
    documents: {},
    lastEntry: {},
    lastExit: {},
    overstayer: {},
    refusals: { words: /\brefus/iu },
  },
  sis: {
    alertId: {},
    category: {},
    actionToBeTaken: { keys: ['actionToBeTaken'] },
    warningMarkers: {},
    surname: {},
    givenNames: {},
    birthDate: {},
    nationalities: {},
    documents: {},
    issuingState: {},
    objectType: {},
    plate: {},
    vin: {},
    containerNumber: {},
    discreet: {},
    reason: {},
    decisionReference: { keys: ['decisionReference', 'decisionRef', 'decisionValidUntil'] },
    issuingAuthority: {},
    links: {},
    offenceType: {},
    sex: { words: /\b(sex|gender)\b/iu },
    aliases: { words: /\balias/iu },
    namesAtBirth: { words: /\bnames? at birth\b/iu },
    placeOfBirth: { words: /\bplace of birth\b/iu },
    physicalCharacteristics: { words: /\bphysical\b/iu },
    nationalRegistrationNumber: { words: /\bregistration number\b/iu },
    photographRefs: {},
    dactyloscopicRef: {},
    dnaProfileRef: {},
  },
  etias: {
    applicationId: {},
    valid: {},
    validUntil: {},
    remainingDays: {},
    expiresSoon: {},
    territorialValidity: {},
    flags: { words: /\bflag/iu },
    status: {},
    decidedOn: {},
    familyMember: {},
    surname: {},
    givenNames: {},
    birthDate: {},
    sex: { words: /\b(sex|gender)\b/iu },
    nationalities: {},
    documents: {},
    hits: {},
  },
};

/** What one profile may see of one system. */
export interface FieldAllowance {
  readonly system: SystemCode;
  readonly profile: string;
  /** The fields of the system's vocabulary the profile may see. */
  readonly allowed: ReadonlySet<string>;
  /** The fields of the vocabulary it may not see. */
  readonly withheld: ReadonlySet<string>;
  /** JSON keys of the withheld fields. */
  readonly withheldKeys: ReadonlySet<string>;
  /** Words of the withheld fields in explanation lines. */
  readonly withheldWords: readonly RegExp[];
}

/** The allowance of a profile for a system (its `returnFields`, read against the system's vocabulary). */
export function allowanceOf(profile: SearchProfile, system: SystemCode): FieldAllowance {
  const vocabulary = FIELD_VOCABULARY[system] ?? {};
  const allowed = new Set(profile.returnFields[system] ?? []);
  const withheld = Object.keys(vocabulary).filter((f) => !allowed.has(f));
  return {
    system,
    profile: profile.id,
    allowed,
    withheld: new Set(withheld),
    withheldKeys: new Set(withheld.flatMap((f) => vocabulary[f]?.keys ?? [f])),
    withheldWords: withheld.flatMap((f) => (vocabulary[f]?.words ? [vocabulary[f].words] : [])),
  };
}

/**
 * The allowance for an actor of this authority type acting for this purpose on a system's own routes; null
 * when no search profile exists for them (then the route's permission alone governs, e.g. SIRENE or the
 * police managing their own alerts).
 */
export function allowanceFor(
  profiles: readonly SearchProfile[],
  authorityType: string,
  purpose: string | null,
  system: SystemCode,
): FieldAllowance | null {
  const profile = purpose === null ? undefined : findSearchProfile(profiles, authorityType, purpose);
  return profile === undefined ? null : allowanceOf(profile, system);
}

/** True when an explanation line speaks of no field the profile may not see (by its tags, and by its words). */
export function explanationVisible(line: ExplanationLine, allowance: FieldAllowance): boolean {
  // A tagged line is read only when the profile may see every field it names (an allowlist, as for fields).
  if (typeof line !== 'string' && !line.fields.every((f) => allowance.allowed.has(f))) {
    return false;
  }
  const text = typeof line === 'string' ? line : line.text;
  return !allowance.withheldWords.some((w) => w.test(text));
}

/** The explanation lines a profile may read, as text. */
export function visibleExplanation(lines: readonly ExplanationLine[], allowance: FieldAllowance): string[] {
  return lines
    .filter((l) => explanationVisible(l, allowance))
    .map((l) => (typeof l === 'string' ? l : l.text));
}

/**
 * A copy of a system's answer without the withheld fields: their keys removed at any depth, and strings
 * under an `explanation` key that speak of them dropped.
 */
export function withholdFields(value: unknown, allowance: FieldAllowance): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => withholdFields(v, allowance));
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (allowance.withheldKeys.has(key)) {
      continue;
    }
    if (key === 'explanation' && Array.isArray(v)) {
      out[key] = v.filter((line) => typeof line !== 'string' || explanationVisible(line, allowance));
    } else if (key === 'explanation' && typeof v === 'string' && !explanationVisible(v, allowance)) {
      out[key] = '(withheld by your profile)';
    } else {
      out[key] = withholdFields(v, allowance);
    }
  }
  return out;
}
