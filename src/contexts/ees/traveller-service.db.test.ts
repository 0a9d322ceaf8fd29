import { PostgresQueryCompiler, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import {
  createTestDatabase,
  describeEachDatabase,
  testConfig,
  type TestDatabase,
} from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { openDatabase } from '../../platform/database/index.ts';
import { createServices, type Services } from '../../services.ts';
import type { Actor } from '../access/index.ts';
import type { NewFileInput } from './index.ts';

const PRINTS = { hand: 'right' as const, index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' };

function exemptFile(number: string): NewFileInput {
  return {
    kind: 'visa-exempt',
    surname: 'Smith',
    givenNames: 'Jane',
    birthDate: '1985-03-02',
    nationalities: ['USA'],
    sex: 'F',
    documents: [{ type: 'P', number, issuingState: 'USA', expiry: '2032-01-01' }],
    facialImageRef: 'face:1',
    fingerprints: PRINTS,
  };
}

/**
 * Records the SQL text (without values) of every statement the services run, while `recording` is on, but
 * the change feed's: its poll runs on a timer of its own, whatever the requests, and may fall in any run.
 */
function statementRecorder() {
  const compiler = new PostgresQueryCompiler();
  const state = { recording: false, statements: [] as string[] };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      const text = state.recording ? compiler.compileQuery(args.node, args.queryId).sql : '';
      if (state.recording && !text.includes('"platform"."change"')) {
        state.statements.push(text);
      }
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  return { state, plugin };
}

describeEachDatabase('EES traveller web service (art. 13(1))', (tier) => {
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  const recorder = statementRecorder();
  let testDb: TestDatabase;
  let s: Services;
  let border: { actor: Actor; purpose: string };

  const ask = (document: { number: string; issuingState: string; expiry: string }, intendedEntry: string) =>
    s.ees.travellerService({ document, intendedEntry, intendedExit: '2026-06-20' });

  beforeAll(async () => {
    testDb = await createTestDatabase(tier);
    const config = testConfig(testDb);
    const database = await openDatabase(config);
    s = await createServices(config, {
      clock,
      database: { ...database, db: database.db.withPlugin(recorder.plugin) },
    });
    const { token } = await newUser(s, 'border');
    border = { actor: await s.access.authenticate(token), purpose: 'border-control' };
    // A traveller who stayed 20 days in April, and a family member of a Union citizen who is in the area.
    const { value: known } = await s.ees.createFile({ ...border, input: exemptFile('K1000001') });
    clock.set('2026-04-21T12:00:00Z');
    await s.ees.recordEntry({
      ...border,
      fileId: known.id,
      input: { at: '2026-04-01T09:00:00Z', bcpId: 'FI-HEL' },
    });
    await s.ees.recordExit({
      ...border,
      fileId: known.id,
      input: { at: '2026-04-20T09:00:00Z', bcpId: 'FI-HEL' },
    });
    const { value: family } = await s.ees.createFile({ ...border, input: exemptFile('F2000002') });
    clock.set('2026-05-25T12:00:00Z');
    await s.ees.recordEntry({
      ...border,
      fileId: family.id,
      input: { at: '2026-05-25T09:00:00Z', bcpId: 'FI-HEL', familyMember: true },
    });
    clock.set('2026-06-01T08:00:00Z');
  }, 120_000);

  afterAll(async () => {
    await s.close();
    await testDb.drop();
  });

  describe('answers', () => {
    it('gives the remaining days for a known document with number, issuing state and expiry', async () => {
      // 20 days used in April: 70 remain for an entry on 1 June; 20 days wanted.
      expect(
        await ask({ number: 'K1000001', issuingState: 'USA', expiry: '2032-01-01' }, '2026-06-01'),
      ).toEqual({
        status: 'OK',
        remainingDays: 70,
      });
    });

    it('gives one and the same answer for an unknown document, a wrong expiry date and a family member', async () => {
      const unknown = await ask(
        { number: 'U9999999', issuingState: 'USA', expiry: '2032-01-01' },
        '2026-06-01',
      );
      const wrongExpiry = await ask(
        { number: 'K1000001', issuingState: 'USA', expiry: '2031-01-01' },
        '2026-06-01',
      );
      const wrongState = await ask(
        { number: 'K1000001', issuingState: 'CAN', expiry: '2032-01-01' },
        '2026-06-01',
      );
      const family = await ask(
        { number: 'F2000002', issuingState: 'USA', expiry: '2032-01-01' },
        '2026-06-01',
      );
      const neutral = { status: 'CANNOT_ANSWER', remainingDays: 0 };
      expect([unknown, wrongExpiry, wrongState, family]).toEqual([neutral, neutral, neutral, neutral]);
    });

    it('gives every case the same fields of the same types', async () => {
      const answers = await Promise.all([
        ask({ number: 'K1000001', issuingState: 'USA', expiry: '2032-01-01' }, '2026-06-01'),
        ask({ number: 'U9999999', issuingState: 'USA', expiry: '2032-01-01' }, '2026-06-01'),
        ask({ number: 'F2000002', issuingState: 'USA', expiry: '2032-01-01' }, '2026-06-01'),
      ]);
      for (const a of answers) {
        expect(Object.keys(a).sort()).toEqual(['remainingDays', 'status']);
        expect(typeof a.status).toBe('string');
        expect(Number.isInteger(a.remainingDays)).toBe(true);
      }
    });
  });

  describe('intended dates', () => {
    it('refuses a past date, so that the service cannot read back when a person was in the area', async () => {
      await expect(
        ask({ number: 'K1000001', issuingState: 'USA', expiry: '2032-01-01' }, '2026-04-10'),
      ).rejects.toMatchObject({ kind: 'Invalid', code: 'EES_TRAVELLER_DATE_OUT_OF_RANGE' });
    });

    it('refuses a date more than a year ahead, and an exit beyond it', async () => {
      const doc = { number: 'K1000001', issuingState: 'USA', expiry: '2032-01-01' };
      await expect(
        s.ees.travellerService({ document: doc, intendedEntry: '2027-06-03' }),
      ).rejects.toMatchObject({
        code: 'EES_TRAVELLER_DATE_OUT_OF_RANGE',
      });
      await expect(
        s.ees.travellerService({ document: doc, intendedEntry: '2026-07-01', intendedExit: '2027-07-01' }),
      ).rejects.toMatchObject({ code: 'EES_TRAVELLER_DATE_OUT_OF_RANGE' });
    });

    it('accepts today, and yesterday in UTC (still today west of Greenwich)', async () => {
      const doc = { number: 'K1000001', issuingState: 'USA', expiry: '2032-01-01' };
      expect((await s.ees.travellerService({ document: doc, intendedEntry: '2026-06-01' })).status).toBe(
        'OK',
      );
      expect((await s.ees.travellerService({ document: doc, intendedEntry: '2026-05-31' })).status).toBe(
        'OK',
      );
    });
  });

  describe('equal work', () => {
    it('runs the same statements for a known and an unknown document', async () => {
      const run = async (number: string, expiry: string) => {
        recorder.state.statements = [];
        recorder.state.recording = true;
        try {
          await ask({ number, issuingState: 'USA', expiry }, '2026-06-01');
        } finally {
          recorder.state.recording = false;
        }
        return recorder.state.statements;
      };
      const known = await run('K1000001', '2032-01-01');
      const unknown = await run('U9999999', '2032-01-01');
      const wrongExpiry = await run('K1000001', '2030-12-31');
      expect(known.length).toBeGreaterThan(3);
      expect(unknown).toEqual(known);
      expect(wrongExpiry).toEqual(known);
    });
  });
});
