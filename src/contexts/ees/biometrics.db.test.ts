import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import { isAppError } from '../../platform/errors.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import { SyntheticBiometrics, type TemplateInput } from '../sbms/index.ts';
import type { NewFileInput } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const bio = new SyntheticBiometrics();
const RIGHT = { hand: 'right', index: 'f:1', middle: 'f:2', ring: 'f:3', little: 'f:4' } as const;

const file = (number: string, biometrics?: TemplateInput[]): NewFileInput => ({
  kind: 'visa-exempt',
  surname: 'Doe',
  givenNames: 'Jane',
  birthDate: '1975-04-02',
  nationalities: ['CAN'],
  sex: 'F',
  documents: [{ type: 'P', number, issuingState: 'CAN', expiry: '2045-01-01' }],
  facialImageRef: `face:${number}`,
  fingerprints: RIGHT,
  ...(biometrics === undefined ? {} : { biometrics }),
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return isAppError(err) ? err.code : String(err);
  }
}

describeEachDatabase('EES file templates in the ees partition of sBMS', (tier) => {
  let s: TestServices;
  let guard: Actor;
  const clock = new ManualClock('2026-03-01T08:00:00Z');
  const call = () => ({ actor: guard, purpose: 'border-control' });
  const probe = (person: string, capture: number) =>
    s.sbms.decode(
      [bio.face(person, { capture }), ...bio.fingers(person, [2, 3, 4, 5], { capture })],
      'probe',
      {
        qualityGate: false,
      },
    );

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
  });
  afterAll(async () => {
    await s.close();
  });

  it('enrols the templates with the file, verifies and identifies its holder, and erases them with it', async () => {
    const { value: f } = await s.ees.createFile({
      ...call(),
      input: file('D1', [bio.face('dora'), ...bio.fingers('dora', [2, 3, 4, 5])]),
    });
    const verified = await s.ees.verifyBiometrics({ ...call(), fileId: f.id, probe: probe('dora', 1) });
    expect(verified).toMatchObject({ compared: true, decision: 'match' });
    expect(verified.scores).toHaveLength(5);
    const impostor = await s.ees.verifyBiometrics({ ...call(), fileId: f.id, probe: probe('eve', 1) });
    expect(impostor).toMatchObject({ compared: true, decision: 'no-match' });
    const found = await s.ees.identifyByBiometrics({ ...call(), probe: probe('dora', 2) });
    expect(found.map((c) => [c.file.id, c.candidate.decision, c.file.documents[0]?.number])).toEqual([
      [f.id, 'match', 'D1'],
    ]);
    expect(await s.ees.identifyByBiometrics({ ...call(), probe: probe('eve', 2) })).toEqual([]);

    // Art. 34: 3 years and a day after creation without crossings, the file goes, and its templates with it.
    clock.set('2029-03-03T03:00:00Z');
    const report = await s.retention.run(SYSTEM_ACTOR);
    expect(report.rules.find((r) => r.id === 'ees.individual-file')?.erased).toBe(1);
    expect((await s.sbms.holdings('ees', [f.id])).get(f.id)).toBeUndefined();
    const after = await s.sbms.identify(probe('dora', 3), { partitions: ['ees'], matchesOnly: false });
    expect(after.map((c) => c.recordRef)).not.toContain(f.id);
    clock.set('2026-03-01T08:00:00Z');
  });

  it('keeps a refused write from enrolling anything: the templates share the file’s transaction', async () => {
    await s.ees.createFile({ ...call(), input: file('D2', [bio.face('fred')]) });
    // The document is registered: the second file is refused, and Gina's face is not stored under any file.
    expect(await codeOf(s.ees.createFile({ ...call(), input: file('D2', [bio.face('gina')]) }))).toBe(
      'EES_DOCUMENT_ALREADY_REGISTERED',
    );
    expect(await s.ees.identifyByBiometrics({ ...call(), probe: probe('gina', 1).slice(0, 1) })).toEqual([]);
  });

  it('replaces the templates with a refusal that gives every one the file keeps (art. 18(2))', async () => {
    const { value: f } = await s.ees.createFile({ ...call(), input: file('D3', [bio.face('hana')]) });
    const refusal = (biometrics: TemplateInput[]) =>
      s.ees.recordRefusal({
        ...call(),
        fileId: f.id,
        input: { at: '2026-03-01T07:00:00Z', bcpId: 'FI-HEL', reasons: ['H'], biometrics },
      });
    expect(await codeOf(refusal(bio.fingers('hana', [2, 3, 4, 5])))).toBe('EES_BIOMETRICS_INCOMPLETE');
    expect(await codeOf(refusal([bio.face('hana', { capture: 1 }), bio.finger('hana', 6)]))).toBe(
      'EES_BIOMETRICS_INCONSISTENT',
    );
    await refusal([bio.face('hana', { capture: 1 }), ...bio.fingers('hana', [2, 3, 4, 5])]);
    const held = (await s.sbms.holdings('ees', [f.id])).get(f.id) ?? [];
    expect(held.map((h) => `${h.modality}:${h.position}`).sort()).toEqual([
      'face:0',
      'finger:2',
      'finger:3',
      'finger:4',
      'finger:5',
    ]);
  });
});
