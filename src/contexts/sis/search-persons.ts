import { requireAccess } from '../access/index.ts';
import {
  compareDates,
  levelRank,
  midBirthDateOutcomes,
  midVerdict,
  normaliseName,
  parsePartialDate,
  strongest,
  type IdentityData,
  type Level,
  type MidOutcome,
  type MidVerdict,
} from '../identity/index.ts';
import { invalid } from '../../platform/errors.ts';
import { readThenLog, searchBasis, type Call, type SisContext } from './context.ts';
import { SIS_ERRORS } from './errors.ts';
import { contentOf, summariseAlert, type AlertSummary } from './present.ts';
import type { AlertRow } from './repository.ts';
import { canSeeAlert } from './visibility.ts';

/** What a person search gives: the identity as read from a document or stated. */
export interface PersonQuery {
  surname: string;
  givenNames?: string;
  /** `YYYY-MM-DD`, `00` for unknown parts. */
  birthDate?: string;
  sex?: string;
  nationalities?: string[];
  /** At most this many results (default 20, at most 100). */
  limit?: number;
}

/** Why a person alert matched: the MID verdict, the rules that fired and the comparator levels. */
export interface PersonMatchReason {
  verdict: Exclude<MidOutcome, 'different'>;
  /** Similarity rules of Delegated Regs. 2023/333 and 2023/332 Annex II behind the verdict. */
  rules: string[];
  /** The identity of the alert that matched: the confirmed one, or the misused identity of its victim. */
  identity: 'confirmed' | 'misused';
  fields: { surname: Level; givenNames: Level; birthDate: Level; nationalities: Level };
  explanation: string[];
}

export interface PersonSearchResult {
  alert: AlertSummary;
  why: PersonMatchReason;
}

/** Candidates fetched before ranking: enough for the rules to choose from, bounded. */
const CANDIDATES = 200;

/** The identities of an alert to compare one at a time: the confirmed one, and the misused one if any. */
function identitiesOf(row: AlertRow): Array<{ label: 'confirmed' | 'misused'; data: IdentityData }> {
  const c = contentOf(row);
  const p = c.person ?? {};
  const m = c.misusedIdentity;
  const out: Array<{ label: 'confirmed' | 'misused'; data: IdentityData }> = [
    {
      label: 'confirmed',
      data: {
        system: 'SIS',
        ...(p.surname ? { surname: p.surname } : {}),
        ...(p.givenNames ? { givenNames: p.givenNames } : {}),
        ...(p.namesAtBirth ? { surnameAtBirth: p.namesAtBirth } : {}),
        ...(p.aliases ? { aliases: p.aliases } : {}),
        ...(p.birthDate ? { birthDate: p.birthDate } : {}),
        ...(p.sex ? { sex: p.sex } : {}),
        ...(p.nationalities ? { nationalities: p.nationalities } : {}),
        ...(p.placeOfBirth ? { placeOfBirth: p.placeOfBirth } : {}),
      },
    },
  ];
  if (m) {
    out.push({
      label: 'misused',
      data: {
        system: 'SIS',
        ...(m.surname ? { surname: m.surname } : {}),
        ...(m.givenNames ? { givenNames: m.givenNames } : {}),
        ...(m.birthDate ? { birthDate: m.birthDate } : {}),
        ...(m.nationalities ? { nationalities: m.nationalities } : {}),
      },
    });
  }
  return out;
}

function queryIdentity(q: PersonQuery): IdentityData {
  return {
    surname: q.surname,
    ...(q.givenNames ? { givenNames: q.givenNames } : {}),
    ...(q.birthDate ? { birthDate: q.birthDate } : {}),
    ...(q.sex ? { sex: q.sex } : {}),
    ...(q.nationalities ? { nationalities: q.nationalities } : {}),
  };
}

const levelOf = (r: Record<string, { level: Level; explanation: string }>): Level =>
  strongest(Object.values(r)).level;

type Category = 'names' | 'birthDate' | 'sex' | 'nationalityAndPlaceOfBirth';
const CATEGORY_WORDS: Readonly<Record<Category, string>> = {
  names: 'names',
  birthDate: 'date of birth',
  sex: 'sex',
  nationalityAndPlaceOfBirth: 'nationality and place of birth',
};

/** The categories both sides hold data for: a search gives what it knows, and a missing field decides nothing. */
function comparedCategories(q: IdentityData, alert: IdentityData): Category[] {
  const has = (d: IdentityData, c: Category): boolean => {
    switch (c) {
      case 'names':
        return true;
      case 'birthDate':
        return d.birthDate !== undefined && parsePartialDate(d.birthDate).ok;
      case 'sex':
        return d.sex !== undefined && d.sex.trim() !== '';
      case 'nationalityAndPlaceOfBirth':
        return (d.nationalities?.length ?? 0) > 0 || d.placeOfBirth !== undefined;
    }
  };
  return (Object.keys(CATEGORY_WORDS) as Category[]).filter((c) => has(q, c) && has(alert, c));
}

/**
 * The names category for a search. With given names on both sides it is the MID outcome; when one side has
 * none, the MID rules (which ask for both a surname and a first-name condition) cannot be met, so the
 * surname pairs decide: equal makes it the same, a similarity rule similar.
 */
function namesOutcome(q: IdentityData, alert: IdentityData, v: MidVerdict): MidOutcome {
  const cat = v.categories.names;
  if (q.givenNames !== undefined && alert.givenNames !== undefined) {
    return cat.outcome;
  }
  const onSurname = cat.matches.filter((m) => m.x === 'surname');
  if (onSurname.length === 0) {
    return 'different';
  }
  return onSurname.some((m) => m.rule === 'equal') ? 'same' : 'similar';
}

interface Judged {
  label: 'confirmed' | 'misused';
  v: MidVerdict;
  compared: Category[];
  outcomes: Record<Category, MidOutcome>;
  /** Set when a date with unknown parts decided the date-of-birth category (see {@link partialBirthDate}). */
  partialDate: string | null;
}

/**
 * A date of birth with unknown parts (`1985-03-00`, ICAO 9303 Part 3 §4.6) that agrees with the other date
 * wherever both parts are known. The MID similarity rules (Annex II) have no case for it and call the dates
 * different; a search must not drop the candidate for it — the day is unknown, not different — so the
 * category counts as similar for the search, never as the same. Returns the explanation, or null.
 */
function partialBirthDate(q: IdentityData, data: IdentityData): string | null {
  const c = compareDates(q.birthDate, data.birthDate);
  return c.level === 'equivalent' ? `partial date: ${c.explanation}` : null;
}

function judge(q: IdentityData, label: 'confirmed' | 'misused', data: IdentityData): Judged | null {
  const compared = comparedCategories(q, data);
  const partialDate = compared.includes('birthDate') ? partialBirthDate(q, data) : null;
  // A date of birth different on every identity pair drops the candidate whatever the names say: the names
  // rules (the costly part) are not run for it. At a million alerts most of the name block ends here.
  if (
    compared.includes('birthDate') &&
    partialDate === null &&
    midBirthDateOutcomes(q, data).every((o) => o === 'different')
  ) {
    return null;
  }
  const v = midVerdict(q, data);
  const birthDate = v.categories.birthDate.outcome;
  const outcomes = {
    names: namesOutcome(q, data, v),
    birthDate: birthDate === 'different' && partialDate !== null ? 'similar' : birthDate,
    sex: v.categories.sex.outcome,
    nationalityAndPlaceOfBirth: v.categories.nationalityAndPlaceOfBirth.outcome,
  };
  return compared.some((c) => outcomes[c] === 'different')
    ? null
    : {
        label,
        v,
        compared,
        outcomes,
        partialDate: birthDate === 'different' ? partialDate : null,
      };
}

/**
 * Ranks candidates with the MID "same / similar" rules, one identity of the alert at a time so that a match
 * on the misused identity is told apart. Only the categories both sides hold data for are judged (a search
 * by surname alone must not drop every alert with a date of birth); a candidate is kept when none of them is
 * different. Pure.
 */
export function rankPersonCandidates(
  query: PersonQuery,
  rows: readonly AlertRow[],
): Array<{ row: AlertRow; why: PersonMatchReason; score: number }> {
  const q = queryIdentity(query);
  const out: Array<{ row: AlertRow; why: PersonMatchReason; score: number }> = [];
  for (const row of rows) {
    const judged = identitiesOf(row)
      .map((i) => judge(q, i.label, i.data))
      .filter((j): j is Judged => j !== null)
      .sort((x, y) => y.compared.length - x.compared.length);
    const best = judged[0];
    if (best === undefined) {
      continue;
    }
    const { v, compared, outcomes, partialDate } = best;
    const explain = (c: Category) =>
      c === 'birthDate' && partialDate !== null ? partialDate : v.categories[c].explanation;
    const misused = best.label === 'misused';
    const verdict =
      compared.every((c) => outcomes[c] === 'same') && compared.length === 4 ? 'same' : 'similar';
    const fields = {
      surname: levelOf(v.fields.surname),
      givenNames: levelOf(v.fields.givenNames),
      birthDate: v.fields.birthDate.level,
      nationalities: v.fields.nationalities.level,
    };
    const score =
      (verdict === 'same' ? 100 : 50) +
      compared.length * 10 +
      levelRank(fields.surname) * 4 +
      levelRank(fields.givenNames) * 2 +
      levelRank(fields.birthDate) * 2 +
      levelRank(fields.nationalities);
    const notCompared = (Object.keys(CATEGORY_WORDS) as Category[]).filter((c) => !compared.includes(c));
    out.push({
      row,
      score,
      why: {
        verdict,
        rules: [...new Set(compared.flatMap((c) => v.categories[c].decidedBy))],
        identity: misused ? 'misused' : 'confirmed',
        fields,
        explanation: [
          ...(misused
            ? [
                'matched the identity that was MISUSED: the person may be the victim of identity theft (2018/1861 art. 47)',
              ]
            : []),
          ...compared.map((c) => `${CATEGORY_WORDS[c]}: ${outcomes[c]} (${explain(c)})`),
          ...(notCompared.length > 0
            ? [`not compared (no data on one side): ${notCompared.map((c) => CATEGORY_WORDS[c]).join(', ')}`]
            : []),
        ],
      },
    });
  }
  return out.sort((a, b) => b.score - a.score || a.row.id.localeCompare(b.row.id));
}

/**
 * Searches person alerts by identity: candidates by normalised surname (equal or trigram-similar, narrowed
 * to the birth year ± 1), ranked and explained with the MID rules. Alerts the actor may not see are left out;
 * covert alerts come back marked "discreet: do not inform the person". The search is logged with the types
 * of data used (2018/1862 art. 12).
 */
export async function searchPersons(
  ctx: SisContext,
  call: Call & { query: PersonQuery },
): Promise<{ results: PersonSearchResult[] }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'sis:search', purpose: call.purpose });
  const q = call.query;
  const nameNorm = normaliseName(q.surname);
  if (nameNorm === '') {
    throw invalid(SIS_ERRORS.searchInvalid, 'Give the surname to search for (letters, at least one).');
  }
  let birthYear: number | null = null;
  if (q.birthDate !== undefined) {
    const parsed = parsePartialDate(q.birthDate);
    if (!parsed.ok) {
      throw invalid(SIS_ERRORS.searchInvalid, parsed.reason);
    }
    birthYear = parsed.date.year === 0 ? null : parsed.date.year;
  }
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
  // Before reading: catching up may need a connection of its own (PGlite has only one).
  await ctx.changes?.ownWrites();
  return readThenLog(
    ctx,
    async (reads, logs) => {
      const rows = await ctx.reads.personCandidates(reads, { nameNorm, birthYear, limit: CANDIDATES });
      // The identity index adds what the name/birth-year block misses (typos, transliterations, swapped names).
      const { limit: _limit, ...identity } = q;
      const extra = ctx.identityIndex?.propose(identity, 'sis', new Set(rows.map((r) => r.id))) ?? [];
      if (extra.length > 0) {
        rows.push(...(await ctx.reads.findAlerts(reads, extra)));
      }
      const visible = rows.filter((r) =>
        canSeeAlert(call.actor, { category: contentOf(r).category, objectType: null, covert: r.covert }),
      );
      const ranked = rankPersonCandidates(q, visible).slice(0, limit);
      logs.add(call, {
        purpose,
        operation: 'sis.search.persons',
        legalBasis: searchBasis(purpose, 'Reg. (EU) 2018/1862 art. 44; Reg. (EU) 2018/1861 art. 34'),
        queryDataTypes: Object.keys(q).filter((k) => k !== 'limit'),
        recordRefs: ranked.map((r) => r.row.id),
        resultSummary: ranked.length === 0 ? 'no hit' : `${ranked.length} candidate alert(s)`,
      });
      return { results: ranked.map((r) => ({ alert: summariseAlert(call.actor, r.row), why: r.why })) };
    },
    { replica: true },
  );
}
