import { invalid } from '../../../platform/errors.ts';
import { compareIdentityFields } from './fields.ts';
import { namesCategory } from './names-category.ts';
import { birthDateCategory, nationalityCategory, sexCategory } from './other-categories.ts';
import { resolveMidSettings } from './settings.ts';
import type {
  IdentityData,
  MidCategories,
  MidOutcome,
  MidSettings,
  MidVerdict,
  ResolvedMidSettings,
} from './types.ts';
import { sortRules } from './types.ts';
import { recordNames, recordNationalities, recordScalars, splitIdentities } from './values.ts';

function categories(x: IdentityData, y: IdentityData, settings: MidSettings): MidCategories {
  const pooled = settings.aliasHandling === 'pooled';
  const places = (d: IdentityData) => [
    ...recordScalars(d, 'placeOfBirth', pooled),
    ...recordScalars(d, 'countryOfBirth', pooled),
  ];
  return {
    names: namesCategory(recordNames(x, pooled), recordNames(y, pooled), settings),
    birthDate: birthDateCategory(
      recordScalars(x, 'birthDate', pooled),
      recordScalars(y, 'birthDate', pooled),
      settings,
    ),
    sex: sexCategory(recordScalars(x, 'sex', pooled), recordScalars(y, 'sex', pooled)),
    nationalityAndPlaceOfBirth: nationalityCategory(
      recordNationalities(x, pooled),
      recordNationalities(y, pooled),
      places(x),
      places(y),
      settings,
    ),
  };
}

/**
 * The overall rule (§6.1 of the rules specification): same when all four categories are the same
 * (Annex I §§2-3); similar when none is different (our reading: Annex II is silent on how categories
 * combine, and a white link means the identity data of the linked files are the same or similar);
 * different otherwise, which leads to a yellow link (recital 3).
 */
function overall(c: MidCategories): MidOutcome {
  const outcomes = [
    c.names.outcome,
    c.birthDate.outcome,
    c.sex.outcome,
    c.nationalityAndPlaceOfBirth.outcome,
  ];
  if (outcomes.every((o) => o === 'same')) {
    return 'same';
  }
  return outcomes.includes('different') ? 'different' : 'similar';
}

const RANK: Readonly<Record<MidOutcome, number>> = { same: 2, similar: 1, different: 0 };

function assertInScope(d: IdentityData, side: 'X' | 'Y', settings: ResolvedMidSettings): void {
  if (d.system === 'EURODAC' && !settings.eurodac) {
    throw invalid(
      'IDENTITY_MID_EURODAC_NOT_ENABLED',
      `Record ${side} comes from Eurodac, whose identity data take part only from the date Regulation (EU) ` +
        '2024/1358 applies; turn on the eurodac setting once it does.',
      { side },
    );
  }
}

/**
 * The date-of-birth category of every identity pair {@link midVerdict} would weigh (Annex I-II 3.2), without
 * the other categories: a search that drops a candidate whose date of birth is different on every pair can
 * skip the names rules for it, the costly part. Same scope checks as {@link midVerdict}.
 */
export function midBirthDateOutcomes(
  x: IdentityData,
  y: IdentityData,
  options: Partial<MidSettings> = {},
): MidOutcome[] {
  const settings = resolveMidSettings(options);
  assertInScope(x, 'X', settings);
  assertInScope(y, 'Y', settings);
  const pooled = settings.aliasHandling === 'pooled';
  const pairs = pooled
    ? [{ x, y }]
    : splitIdentities(x).flatMap((ix) => splitIdentities(y).map((iy) => ({ x: ix.data, y: iy.data })));
  return pairs.map(
    (p) =>
      birthDateCategory(
        recordScalars(p.x, 'birthDate', pooled),
        recordScalars(p.y, 'birthDate', pooled),
        settings,
      ).outcome,
  );
}

/**
 * Whether {@link midVerdict} gives 'different' whatever the names: on every identity pair it would weigh, the
 * date of birth, the sex, or the nationality and place of birth is different, and one different category
 * makes the pair different (§6.1 of the rules specification). A detection can then skip the names rules,
 * the costly part, without changing its outcome. Same scope checks as {@link midVerdict}.
 */
export function midDifferentWithoutNames(
  x: IdentityData,
  y: IdentityData,
  options: Partial<MidSettings> = {},
): boolean {
  const settings = resolveMidSettings(options);
  assertInScope(x, 'X', settings);
  assertInScope(y, 'Y', settings);
  const pooled = settings.aliasHandling === 'pooled';
  const places = (d: IdentityData) => [
    ...recordScalars(d, 'placeOfBirth', pooled),
    ...recordScalars(d, 'countryOfBirth', pooled),
  ];
  const pairs = pooled
    ? [{ x, y }]
    : splitIdentities(x).flatMap((ix) => splitIdentities(y).map((iy) => ({ x: ix.data, y: iy.data })));
  return pairs.every(
    (p) =>
      birthDateCategory(
        recordScalars(p.x, 'birthDate', pooled),
        recordScalars(p.y, 'birthDate', pooled),
        settings,
      ).outcome === 'different' ||
      sexCategory(recordScalars(p.x, 'sex', pooled), recordScalars(p.y, 'sex', pooled)).outcome ===
        'different' ||
      nationalityCategory(
        recordNationalities(p.x, pooled),
        recordNationalities(p.y, pooled),
        places(p.x),
        places(p.y),
        settings,
      ).outcome === 'different',
  );
}

/**
 * Decides whether the identity data of two records from two EU systems are the same, similar or different
 * under Commission Delegated Regulations (EU) 2023/333 (Reg. 2019/817) and 2023/332 (Reg. 2019/818), as
 * amended by 2026/327 and 2026/326. Every similarity rule of Annex II §3 is evaluated on every value pair;
 * the verdict names the rules behind it and carries the comparator levels of each field.
 *
 * @throws AppError `IDENTITY_MID_EURODAC_NOT_ENABLED` when a record comes from Eurodac and the `eurodac`
 *   setting is off.
 * @example
 * midVerdict(
 *   { system: 'EES', surname: 'SMITH', givenNames: 'JOHN', birthDate: '1980-05-12', sex: 'M', nationalities: ['GBR'] },
 *   { system: 'VIS', surname: 'SMIETH', givenNames: 'JOHN', birthDate: '1980-05-12', sex: 'M', nationalities: ['GBR'] },
 * ).verdict // 'similar' (rule N-f)
 */
export function midVerdict(x: IdentityData, y: IdentityData, options: Partial<MidSettings> = {}): MidVerdict {
  const settings = resolveMidSettings(options);
  assertInScope(x, 'X', settings);
  assertInScope(y, 'Y', settings);

  const tuples =
    settings.aliasHandling === 'pooled'
      ? [{ x: { label: 'pooled', data: x }, y: { label: 'pooled', data: y } }]
      : splitIdentities(x).flatMap((ix) => splitIdentities(y).map((iy) => ({ x: ix, y: iy })));

  let best: { cats: MidCategories; verdict: MidOutcome; labels: { x: string; y: string } } | undefined;
  for (const t of tuples) {
    const cats = categories(t.x.data, t.y.data, settings);
    const verdict = overall(cats);
    if (best === undefined || RANK[verdict] > RANK[best.verdict]) {
      best = { cats, verdict, labels: { x: t.x.label, y: t.y.label } };
    }
  }
  // There is always at least the confirmed (or pooled) tuple.
  const { cats, verdict, labels } = best ?? {
    cats: categories(x, y, settings),
    verdict: 'different',
    labels: { x: '', y: '' },
  };
  const all = [cats.names, cats.birthDate, cats.sex, cats.nationalityAndPlaceOfBirth];
  return {
    verdict,
    rules: sortRules(all.flatMap((c) => c.decidedBy)),
    firedRules: sortRules(all.flatMap((c) => c.rules)),
    categories: cats,
    fields: compareIdentityFields(x, y),
    ...(settings.aliasHandling === 'per-identity' ? { identities: labels } : {}),
    settings,
  };
}
