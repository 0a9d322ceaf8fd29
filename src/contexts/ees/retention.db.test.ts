import { afterEach, beforeEach, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import type { NewFileInput } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

let n = 0;
const file = (): NewFileInput => {
  n += 1;
  return {
    kind: 'visa-exempt',
    surname: 'Doe',
    givenNames: 'Jane',
    birthDate: '1975-00-00',
    nationalities: ['CAN'],
    sex: 'F',
    documents: [{ type: 'P', number: `R${n}`, issuingState: 'CAN', expiry: '2035-01-01' }],
    facialImageRef: 'face:r',
    fingerprints: { hand: 'right', index: 'f:1', middle: 'f:2', ring: 'f:3', little: 'f:4' },
  };
};

describeEachDatabase('EES retention rules (art. 34)', (tier) => {
  let s: TestServices;
  let guard: Actor;
  const clock = new ManualClock('2026-01-01T08:00:00Z');
  const call = () => ({ actor: guard, purpose: 'border-control' });
  const at = (iso: string) => {
    clock.set(iso);
    return iso;
  };
  /** Runs retention on the given day and returns the counts per EES table afterwards. */
  const runOn = async (day: string) => {
    clock.set(`${day}T03:00:00Z`);
    const report = await s.retention.run(SYSTEM_ACTOR);
    return { report, counts: await s.ees.counts() };
  };
  const erasedBy = (report: Awaited<ReturnType<TestServices['retention']['run']>>, id: string) =>
    report.rules.find((r) => r.id === id)?.erased;

  beforeEach(async () => {
    clock.set('2026-01-01T08:00:00Z');
    s = await createTestServices(tier, { clock });
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
  });
  afterEach(async () => {
    await s.close();
  });

  it('erases an entry/exit record 3 years after exit and the file 1 day later', async () => {
    const { value: f } = await s.ees.createFile({ ...call(), input: file() });
    await s.ees.recordEntry({
      ...call(),
      fileId: f.id,
      input: { at: at('2026-04-01T09:00:00Z'), bcpId: 'FI-HEL' },
    });
    await s.ees.recordExit({
      ...call(),
      fileId: f.id,
      input: { at: at('2026-05-10T09:00:00Z'), bcpId: 'FI-HEL' },
    });

    let r = await runOn('2029-05-09');
    expect(r.counts).toMatchObject({
      'ees.entry_exit_record': 1,
      'ees.individual_file': 1,
      'ees.travel_document': 1,
    });
    r = await runOn('2029-05-10');
    expect(erasedBy(r.report, 'ees.entry-exit-record')).toBe(1);
    expect(r.counts).toMatchObject({
      'ees.entry_exit_record': 0,
      'ees.individual_file': 1,
      'ees.travel_document': 1,
    });
    r = await runOn('2029-05-11');
    expect(erasedBy(r.report, 'ees.individual-file')).toBe(1);
    expect(r.counts).toMatchObject({ 'ees.individual_file': 0, 'ees.travel_document': 0 });
  });

  it('keeps the file when a new entry comes within the 3 years', async () => {
    const { value: f } = await s.ees.createFile({ ...call(), input: file() });
    await s.ees.recordEntry({
      ...call(),
      fileId: f.id,
      input: { at: at('2026-04-01T09:00:00Z'), bcpId: 'FI-HEL' },
    });
    await s.ees.recordExit({
      ...call(),
      fileId: f.id,
      input: { at: at('2026-05-10T09:00:00Z'), bcpId: 'FI-HEL' },
    });
    await s.ees.recordEntry({
      ...call(),
      fileId: f.id,
      input: { at: at('2028-01-10T09:00:00Z'), bcpId: 'FI-HEL' },
    });
    await s.ees.recordExit({
      ...call(),
      fileId: f.id,
      input: { at: at('2028-01-20T09:00:00Z'), bcpId: 'FI-HEL' },
    });
    const r = await runOn('2029-05-11');
    expect(r.counts).toMatchObject({ 'ees.entry_exit_record': 1, 'ees.individual_file': 1 });
    expect((await runOn('2031-01-20')).counts['ees.entry_exit_record']).toBe(0);
    expect((await runOn('2031-01-21')).counts['ees.individual_file']).toBe(0);
  });

  it('erases a refusal 3 years after it and the file 1 day later', async () => {
    const { value: f } = await s.ees.createFile({ ...call(), input: file() });
    await s.ees.recordRefusal({
      ...call(),
      fileId: f.id,
      input: { at: at('2026-02-01T10:00:00Z'), bcpId: 'FI-VAALIMAA', reasons: ['E', 'G'] },
    });
    expect((await runOn('2029-01-31')).counts['ees.refusal_record']).toBe(1);
    const r = await runOn('2029-02-01');
    expect(erasedBy(r.report, 'ees.refusal-record')).toBe(1);
    expect(r.counts).toMatchObject({ 'ees.refusal_record': 0, 'ees.individual_file': 1 });
    expect((await runOn('2029-02-02')).counts['ees.individual_file']).toBe(0);
  });

  it('flags an overstayer the day after the stay ends, warns the member state 3 months before erasure, and erases after 5 years', async () => {
    const { value: f } = await s.ees.createFile({ ...call(), input: file() });
    await s.ees.recordEntry({
      ...call(),
      fileId: f.id,
      input: { at: at('2026-03-04T09:00:00Z'), bcpId: 'FI-HEL' },
    });
    await s.ees.recordDecision({
      ...call(),
      recordId: (await s.ees.viewFile({ ...call(), fileId: f.id })).history.records[0]!.id,
      input: { kind: 'revoked', place: 'Helsinki', decidedOn: '2026-03-04', newEndOfStay: '2026-06-01' },
    });

    await runOn('2026-06-01');
    expect((await s.ees.viewFile({ ...call(), fileId: f.id })).file.overstayer).toBe(false);
    await runOn('2026-06-02');
    const view = await s.ees.viewFile({ ...call(), fileId: f.id });
    expect(view.file.overstayer).toBe(true);
    expect(view.history.records[0]).toMatchObject({
      overstayer: true,
      overstayerFlaggedOn: '2026-06-02',
      eraseAfter: '2031-06-01',
    });

    await runOn('2031-02-28');
    expect(await s.ees.notices()).toEqual([]);
    await runOn('2031-03-01');
    await runOn('2031-03-02');
    const notices = await s.ees.notices();
    expect(notices).toEqual([
      expect.objectContaining({
        file_id: f.id,
        responsible_state: 'FI',
        planned_erasure: '2031-06-01',
        notified_on: '2031-03-01',
      }),
    ]);
    const logged = await s.audit.list({
      actor: {
        ...SYSTEM_ACTOR,
        profile: {
          ...SYSTEM_ACTOR.profile,
          permissions: ['audit:read'],
          purposes: ['data-protection-audit'],
        },
      },
      purpose: 'data-protection-audit',
      filter: { operation: 'ees.overstayer.erasure-notice', limit: 10 },
    });
    expect(logged.events).toHaveLength(1);
    expect(logged.events[0]!.resultSummary).toContain('notice to FI');

    expect((await runOn('2031-05-31')).counts).toMatchObject({
      'ees.entry_exit_record': 1,
      'ees.erasure_notice': 1,
    });
    const r = await runOn('2031-06-01');
    expect(r.counts).toMatchObject({
      'ees.individual_file': 0,
      'ees.travel_document': 0,
      'ees.entry_exit_record': 0,
      'ees.stay_decision': 0,
      'ees.erasure_notice': 0,
    });
    expect((await s.audit.verify()).ok).toBe(true);
  });

  it("erases a family member's record 1 year after exit, with the file", async () => {
    const { value: f } = await s.ees.createFile({ ...call(), input: file() });
    await s.ees.recordEntry({
      ...call(),
      fileId: f.id,
      input: { at: at('2026-04-01T09:00:00Z'), bcpId: 'FI-HEL', familyMember: true },
    });
    const { value: exit } = await s.ees.recordExit({
      ...call(),
      fileId: f.id,
      input: { at: at('2026-10-01T09:00:00Z'), bcpId: 'FI-HEL' },
    });
    expect(exit).toMatchObject({ authorisedUntil: null, overstayDays: null, eraseAfter: '2027-10-01' });
    expect((await runOn('2027-09-30')).counts['ees.entry_exit_record']).toBe(1);
    expect((await runOn('2027-10-01')).counts).toMatchObject({
      'ees.entry_exit_record': 0,
      'ees.individual_file': 0,
    });
  });

  it('never flags a family member without exit, and erases them 5 years after the entry', async () => {
    const { value: f } = await s.ees.createFile({ ...call(), input: file() });
    await s.ees.recordEntry({
      ...call(),
      fileId: f.id,
      input: { at: at('2026-04-01T09:00:00Z'), bcpId: 'FI-HEL', familyMember: true },
    });
    await runOn('2027-01-01');
    expect((await s.ees.viewFile({ ...call(), fileId: f.id })).file.overstayer).toBe(false);
    expect((await runOn('2031-03-31')).counts['ees.entry_exit_record']).toBe(1);
    expect((await runOn('2031-04-01')).counts).toMatchObject({
      'ees.entry_exit_record': 0,
      'ees.individual_file': 0,
    });
    expect(await s.ees.notices()).toEqual([]);
  });
});
