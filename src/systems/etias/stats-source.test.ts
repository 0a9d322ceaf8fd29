import { describe, expect, it } from 'vitest';

import type { EtiasStatsRecord } from '../../contexts/etias/index.ts';
import { etiasStatsFacts } from './stats-source.ts';

const record = (over: Partial<EtiasStatsRecord> = {}): EtiasStatsRecord => ({
  id: 'app_1',
  nationality: 'USA',
  intendedState: 'FR',
  responsibleState: null,
  submittedDay: '2026-03-01',
  events: [],
  routingHits: [],
  ...over,
});

const event = (
  over: Partial<EtiasStatsRecord['events'][number]> & Pick<EtiasStatsRecord['events'][number], 'kind'>,
): EtiasStatsRecord['events'][number] => ({
  id: `eev_${over.kind}`,
  day: '2026-03-02',
  grounds: [],
  flags: [],
  limited: false,
  ...over,
});

describe('etiasStatsFacts', () => {
  it('counts the submission on its day by nationality and state of intended first stay', () => {
    expect(etiasStatsFacts(record())).toEqual([
      {
        key: 'submitted',
        figure: 'etias.applications',
        kind: 'event',
        day: '2026-03-01',
        dims: { nationality: 'USA', memberState: 'FR' },
      },
    ]);
  });

  it('names an automated issue `issued` by the central system (EU), a flagged one `issued-flagged`', () => {
    const plain = etiasStatsFacts(record({ events: [event({ kind: 'issued' })] }));
    expect(plain.find((f) => f.figure === 'etias.decisions')?.dims).toEqual({
      decision: 'issued',
      ground: 'none',
      nationality: 'USA',
      memberState: 'EU',
    });
    const flagged = etiasStatsFacts(
      record({ responsibleState: 'DE', events: [event({ kind: 'issued', flags: ['second-line-check'] })] }),
    );
    expect(flagged.find((f) => f.figure === 'etias.decisions')?.dims).toMatchObject({
      decision: 'issued-flagged',
      memberState: 'DE',
    });
    const limited = etiasStatsFacts(record({ events: [event({ kind: 'issued', limited: true })] }));
    expect(limited.find((f) => f.figure === 'etias.decisions')?.dims.decision).toBe(
      'issued-limited-validity',
    );
  });

  it('counts each refusal, annulment and revocation once, with its art. 37 grounds in the regulation’s order', () => {
    const facts = etiasStatsFacts(
      record({
        responsibleState: 'FR',
        events: [
          event({ kind: 'refused', id: 'e1', grounds: ['sis-refusal', 'security-risk', 'security-risk'] }),
          event({ kind: 'revoked', id: 'e2', grounds: [] }),
        ],
      }),
    ).filter((f) => f.figure === 'etias.decisions');
    expect(facts.map((f) => [f.key, f.dims.decision, f.dims.ground])).toEqual([
      ['decision:e1', 'refused', 'security-risk+sis-refusal'],
      ['decision:e2', 'revoked', 'unknown'],
    ]);
  });

  it('gives one routing fact per source and rule that fired, on the day the file went to manual processing', () => {
    const facts = etiasStatsFacts(
      record({
        events: [
          event({ kind: 'to-central-unit', day: '2026-03-01' }),
          event({ kind: 'to-national-unit', day: '2026-03-02' }),
        ],
        routingHits: [
          { source: 'sis', rule: 'SIS_REFUSAL_ALERT', memberState: 'DE' },
          { source: 'sis', rule: 'SIS_REFUSAL_ALERT', memberState: 'IT' },
          { source: 'watchlist', rule: 'WATCHLIST', memberState: 'EUROPOL' },
          { source: 'watchlist', rule: 'WATCHLIST', memberState: 'NL' },
          { source: 'screening-rule', rule: 'sr_0123456789abcdef', memberState: null },
        ],
      }),
    ).filter((f) => f.figure === 'etias.manual-routing');
    expect(facts.map((f) => [f.dims.source, f.dims.rule, f.day])).toEqual([
      ['sis', 'SIS_REFUSAL_ALERT', '2026-03-01'],
      ['europol', 'WATCHLIST', '2026-03-01'],
      ['watchlist', 'WATCHLIST', '2026-03-01'],
      ['screening-rule', 'sr_0123456789abcdef', '2026-03-01'],
    ]);
    expect(new Set(facts.map((f) => f.key)).size).toBe(facts.length);
  });

  it('gives no routing fact for a file that never went to manual processing', () => {
    const facts = etiasStatsFacts(
      record({ routingHits: [{ source: 'ees', rule: 'EES_OVERSTAY', memberState: 'FR' }] }),
    );
    expect(facts.some((f) => f.figure === 'etias.manual-routing')).toBe(false);
  });

  it('falls back to `unknown` for a file without a state of intended first stay', () => {
    expect(etiasStatsFacts(record({ intendedState: null }))[0]?.dims.memberState).toBe('unknown');
  });
});
