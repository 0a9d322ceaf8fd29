import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors.ts';
import {
  generateIdentities,
  identitiesToCsv,
  negativeKindOf,
  type GeneratedIdentity,
} from '../identity/index.ts';
import { compileRules, sharesKey } from './blocking.ts';
import { parseLinkageConfig, type LinkageConfig } from './config.ts';
import { parseCsvTable } from './csv.ts';
import { identityConfig } from './default-config.ts';
import { bounded } from './estimate.ts';
import { levelOf } from './levels.ts';
import { runLinkage, type LinkageRun } from './link.ts';
import { compileModel, explainPair, matchWeight, prepareFor, probabilityOf } from './model.ts';
import { buildConfig } from './testing.ts';

/** Pairwise outcome of a run at p ≥ 0.5, with the false-match rate of each look-alike kind. */
function outcome(run: LinkageRun, records: readonly GeneratedIdentity[]) {
  const byId = new Map(records.map((r) => [r.id, r]));
  let tp = 0;
  let fp = 0;
  const kinds: Record<string, { pairs: number; false: number }> = {};
  for (let p = 0; p < run.pairs.length; p += 1) {
    const a = byId.get(run.left[run.pairs.left[p] ?? 0]?.id ?? '') as GeneratedIdentity;
    const b = byId.get(run.right[run.pairs.right[p] ?? 0]?.id ?? '') as GeneratedIdentity;
    const hit = probabilityOf(run.weights[p] ?? -Infinity) >= 0.5;
    if (a.cluster === b.cluster) {
      tp += hit ? 1 : 0;
      continue;
    }
    fp += hit ? 1 : 0;
    const kind = negativeKindOf(a, b) ?? 'other';
    const k = (kinds[kind] ??= { pairs: 0, false: 0 });
    k.pairs += 1;
    k.false += hit ? 1 : 0;
  }
  const rate = (kind: string) => (kinds[kind]?.false ?? 0) / Math.max(kinds[kind]?.pairs ?? 0, 1);
  return { precision: tp / Math.max(tp + fp, 1), tp, fp, kinds, rate };
}

describe('training sessions (identity data with look-alikes)', () => {
  let records: GeneratedIdentity[];
  let withSessions: ReturnType<typeof outcome>;
  let withoutSessions: ReturnType<typeof outcome>;
  let run: LinkageRun;

  beforeAll(() => {
    records = generateIdentities({ count: 4000, seed: 'sessions-test', hardNegativeRate: 0.5 });
    const table = parseCsvTable(identitiesToCsv(records), 'look-alikes.csv');
    run = runLinkage(identityConfig(), { left: table });
    withSessions = outcome(run, records);
    // The same configuration trained the way it was before sessions: one EM over all blocked pairs.
    const { sessions: _sessions, ...training } = identityConfig().training ?? {};
    const single: LinkageConfig = { ...identityConfig(), training };
    withoutSessions = outcome(runLinkage(single, { left: table }), records);
  });

  it('has enough look-alikes among the candidate pairs for the test to mean something', () => {
    expect(withSessions.kinds.namesake?.pairs ?? 0).toBeGreaterThan(300);
    expect(withSessions.kinds['parent-child']?.pairs ?? 0).toBeGreaterThan(80);
  });

  it('does not take namesakes or a parent and child with the same name for one person', () => {
    expect(withSessions.rate('namesake')).toBeLessThan(0.02);
    expect(withSessions.rate('parent-child')).toBeLessThan(0.02);
    expect(withSessions.precision).toBeGreaterThan(0.97);
  });

  it('fixes what one EM over the blocked pairs gets wrong: namesakes scored as one person', () => {
    expect(withoutSessions.rate('namesake')).toBeGreaterThan(0.2);
    expect(withoutSessions.precision).toBeLessThan(withSessions.precision);
  });

  it('learns from the blocks that a wholly different birth date is rare for one person', () => {
    const birth = run.model.comparisons.findIndex((c) => c.name === 'birth_date');
    const m = run.model.parameters.m[birth] as Float64Array;
    expect(m[m.length - 1]).toBeLessThanOrEqual(0.005);
    expect(run.training.sessions?.map((s) => s.name)).toEqual([
      'names',
      'swapped names',
      'family',
      'family by sound',
      'birth date',
    ]);
  });

  it('explains a namesake pair by the session that scored it, and the parts add up', () => {
    const byId = new Map(run.left.map((r) => [r.id, r]));
    const pair = records.find((r) => r.relation === 'namesake' && r.variantOf === null);
    const other = records.find((r) => r.cluster === pair?.relatedCluster && r.variantOf === null);
    expect(pair).toBeDefined();
    expect(other).toBeDefined();
    const a = byId.get(pair?.id ?? '');
    const b = byId.get(other?.id ?? '');
    if (a === undefined || b === undefined) {
      throw new Error('namesake records missing from the run');
    }
    const e = explainPair(run.model, a, b);
    expect(e.session).toBe('names');
    expect(e.matchProbability).toBeLessThan(0.5);
    const birth = e.comparisons.find((c) => c.comparison === 'birth_date');
    expect(birth?.weight ?? 0).toBeLessThan(0);
    const total = e.comparisons.reduce((s, c) => s + c.weight, e.priorWeight);
    expect(total).toBeCloseTo(e.matchWeight, 9);
    expect(matchWeight(run.model, a, b)).toBeCloseTo(e.matchWeight, 9);
  });
});

describe('training session configuration', () => {
  const base = buildConfig();

  it('refuses sessions that leave a comparison without an estimate', () => {
    expect(() =>
      parseLinkageConfig({
        ...base,
        training: { sessions: [{ on: ['surname'] }, { on: ['surname', 'dob'] }] },
      }),
    ).toThrow(/No training session estimates "surname"/u);
  });

  it('refuses a fixed comparison that does not exist, and mismatched against keys', () => {
    expect(() =>
      parseLinkageConfig({
        ...base,
        training: { sessions: [{ on: ['dob'], fixed: ['nationality'] }, { on: ['surname'] }] },
      }),
    ).toThrow(/holds fixed "nationality"/u);
    expect(() =>
      parseLinkageConfig({
        ...base,
        training: { sessions: [{ on: ['dob'] }, { on: ['surname'], against: ['given', 'dob'] }] },
      }),
    ).toThrow(/same number/u);
  });

  it('holds a comparison fixed only under keys that make its values equal', () => {
    const config = parseLinkageConfig({
      ...base,
      training: {
        sessions: [
          { name: 'year', on: [{ column: 'dob', transform: 'year' }] },
          { name: 'exact', on: ['dob'] },
        ],
      },
    });
    const model = compileModel(config);
    const dob = model.comparisons.findIndex((c) => c.name === 'dob');
    expect(model.sessions[0]?.estimates[dob]).toBe(true);
    expect(model.sessions[1]?.estimates[dob]).toBe(false);
  });
});

describe('training sessions from any JSON', () => {
  it('are accepted, or refused with MATCHING_BAD_CONFIG, never with another error', () => {
    const key = fc.oneof(
      fc.constantFrom('surname', 'given', 'dob', 'nope', '', '\u0000'),
      fc.record({
        column: fc.constantFrom('surname', 'given', 'dob', 'nope'),
        transform: fc.constantFrom('value', 'forms', 'year', 'folded', 'bogus'),
      }),
    );
    const session = fc.record(
      {
        name: fc.string(),
        on: fc.array(key, { maxLength: 3 }),
        against: fc.array(key, { maxLength: 3 }),
        fixed: fc.array(fc.constantFrom('surname', 'given', 'dob', 'x', '\ud800')),
        conditional: fc.oneof(fc.boolean(), fc.constant('yes')),
        maxPairs: fc.oneof(fc.integer(), fc.double(), fc.constant(1e300)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(session, { maxLength: 4 }), (sessions) => {
        try {
          const config = parseLinkageConfig({ ...buildConfig(), training: { sessions } });
          expect(compileModel(config).sessions).toHaveLength(sessions.length);
        } catch (e) {
          expect(isAppError(e) && e.code === 'MATCHING_BAD_CONFIG').toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('bounded m', () => {
  it('caps a level at its bound and shares the excess among the others in proportion', () => {
    const m = Float64Array.from([0, 0.5, 0.2, 0.3]);
    const out = bounded(m, Float64Array.from([1, 1, 1, 0.01]));
    expect(out[3]).toBeCloseTo(0.01, 12);
    expect((out[1] ?? 0) + (out[2] ?? 0) + (out[3] ?? 0)).toBeCloseTo(1, 12);
    expect((out[1] ?? 0) / (out[2] ?? 1)).toBeCloseTo(2.5, 9);
  });

  it('leaves m alone within its bounds', () => {
    const m = Float64Array.from([0, 0.9, 0.09, 0.01]);
    expect([...bounded(m, Float64Array.from([1, 1, 1, 0.05]))]).toEqual([...m]);
  });
});

describe('the "differs on another column" level and shared keys', () => {
  const config = parseLinkageConfig({
    id: 'id',
    columns: { given: 'name', doc: 'document', surname: 'name' },
    comparisons: [
      { name: 'given', column: 'given', levels: [{ kind: 'exact' }, { kind: 'differsWith', column: 'doc' }] },
      { name: 'surname', column: 'surname', levels: [{ kind: 'exact' }] },
    ],
    blocking: [{ on: ['surname'] }],
  });
  const model = compileModel(config);
  const record = (id: string, given: string, doc: string, surname = 'NOWAK') =>
    prepareFor(model, id, { id, given, doc, surname });

  it('sets apart other given names on another document from other given names without one', () => {
    const given = model.comparisons[0];
    if (given === undefined) {
      throw new Error('no comparison');
    }
    const a = record('a', 'ANNA', 'AB123456');
    expect(levelOf(given, a.features, record('b', 'MARTA', 'XY987654').features)).toBe(2);
    expect(levelOf(given, a.features, record('c', 'MARTA', '').features)).toBe(3);
    expect(levelOf(given, a.features, record('d', 'MARTA', 'AB123456').features)).toBe(3);
    expect(levelOf(given, a.features, record('e', 'ANNA', 'XY987654').features)).toBe(1);
  });

  it('finds a shared key either way round for a rule with other keys against', () => {
    const [rule] = compileRules([{ on: ['surname', 'given'], against: ['given', 'surname'] }], model.columns);
    if (rule === undefined) {
      throw new Error('no rule');
    }
    const a = record('a', 'ANNA', '', 'NOWAK');
    const swapped = record('b', 'NOWAK', '', 'ANNA');
    expect(sharesKey(rule, a, swapped)).toBe(true);
    expect(sharesKey(rule, swapped, a)).toBe(true);
    expect(sharesKey(rule, a, record('c', 'ANNA', '', 'NOWAK'))).toBe(false);
  });
});
