import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { DEMO_PASSWORD, type Actor } from '../../contexts/access/index.ts';
import { SyntheticBiometrics } from '../../contexts/sbms/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import { createDemoWorld, describePlan, planDemoWorld } from './index.ts';
import { ALL_FINGER_POSITIONS, captureFile, uniformCapture } from './plan-biometrics.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const NOW = '2026-05-15T10:00:00Z';
const TODAY = '2026-05-15';
// Fewer generic travellers than the standard world: the planted cases are the same, the test is quicker.
const GENERIC = 20;

/** A live capture, as `interlink biometrics capture --person <key> --face` makes it (capture 1, quality 80). */
const liveFace = (person: string) =>
  captureFile(
    uniformCapture(person, { capture: 1, quality: 80, face: true, fingers: [] }),
    new SyntheticBiometrics(),
  ).face!;

describeEachDatabase('the demo world’s biometrics', (tier) => {
  let s: TestServices;
  const plan = planDemoWorld({ seed: 'interlink-demo', today: TODAY, genericTravellers: GENERIC });
  const bio = plan.biometrics;
  const login = async (username: string): Promise<Actor> =>
    s.access.authenticate((await s.access.login({ username, password: DEMO_PASSWORD })).token);

  beforeAll(async () => {
    s = await createTestServices(tier, { clock: new ManualClock(NOW) });
    const world = await createDemoWorld(s, { genericTravellers: GENERIC, hubs: null });
    expect(world.status).toBe('created');
  }, 300_000);
  afterAll(async () => {
    await s.close();
  });

  it('enrols every planned face and finger in the partition of its system', async () => {
    const r = await sql<{ partition: string; modality: string; n: number }>`
      select partition, modality, count(*)::int as n from sbms.template group by partition, modality`.execute(
      s.database.db,
    );
    const held = Object.fromEntries(r.rows.map((x) => [`${x.partition}/${x.modality}`, Number(x.n)]));
    const c = describePlan(plan).biometrics;
    // The MID's cases: a face and four fingers per EES file, a face and ten fingers per alert and dataset.
    const mid = describePlan(plan).mid;
    expect(held).toMatchObject({
      'ees/face': c.eesFaces + mid.eesFiles,
      'ees/finger': (c.eesFingerprints + mid.eesFiles) * 4,
      'sis/face': c.sisFaces + mid.sisAlerts,
      'sis/finger': (c.sisFingerprints + mid.sisAlerts) * 10,
      'eurodac/face': c.eurodacDatasets + mid.eurodacDatasets,
      'eurodac/finger': (c.eurodacDatasets + mid.eurodacDatasets) * 10,
    });
  });

  it('identifies the EES traveller with a new passport by a live face', async () => {
    const t = plan.travellers.find((x) => x.ref === bio.newPassport.travellerRef)!;
    const bcpId = t.events.at(-1)!.bcpId;
    const guard = await login(
      bcpId.startsWith('FR') ? 'border.fr' : bcpId.startsWith('NL') ? 'border.nl' : 'border.fi',
    );
    const request = { mrz: bio.newPassport.mrz.join('\n'), bcpId };
    const withoutFace = await s.borderCheck.run({ actor: guard, purpose: 'border-control', request });
    // No file holds the new passport; the identity search only suggests the file under the old one.
    expect(withoutFace.ees.file).toBeNull();
    expect(withoutFace.findings.map((f) => f.code)).toContain('EES_FILE_UNDER_OTHER_DOCUMENT');

    const r = await s.borderCheck.run({
      actor: guard,
      purpose: 'border-control',
      request: { ...request, biometrics: [liveFace(`demo:ees:${t.ref}`)] },
    });
    const found = r.findings.find((f) => f.code === 'EES_IDENTIFIED_BY_BIOMETRICS');
    expect(found?.params?.documents).toContain(t.identity.documentNumber);
    expect(r.ees.file?.file.surname).toBe(t.identity.surname);
    expect(r.ees.file?.history.records.length).toBeGreaterThan(10);
    expect(r.ees.biometrics?.foundBy).toBe('biometrics');
  });

  it('finds nobody for the live face of a person the world does not know', async () => {
    const guard = await login('border.fr');
    const r = await s.borderCheck.run({
      actor: guard,
      purpose: 'border-control',
      request: { mrz: bio.newPassport.mrz.join('\n'), bcpId: 'FR-CDG', biometrics: [liveFace('demo:new:1')] },
    });
    expect(r.findings.map((f) => f.code)).not.toContain('EES_IDENTIFIED_BY_BIOMETRICS');
    expect(r.ees.file).toBeNull();
  });

  it('gives the SIS hit on the wanted person travelling on a passport in another name, by face', async () => {
    const wantedKey = bio.sis.find((x) => x.alertRef === bio.wantedAlias.alertRef)!.capture.person;
    const guard = await login('border.de');
    const request = { mrz: bio.wantedAlias.mrz.join('\n'), bcpId: 'DE-FRA' };
    const byName = await s.borderCheck.run({ actor: guard, purpose: 'border-control', request });
    expect(byName.findings.map((f) => f.code)).not.toContain('SIS_ARREST_ALERT');

    const r = await s.borderCheck.run({
      actor: guard,
      purpose: 'border-control',
      request: { ...request, biometrics: [liveFace(wantedKey)] },
    });
    const hit = r.findings.find((f) => f.code === 'SIS_ARREST_ALERT');
    expect(hit?.params?.via).toBe('biometric');
    expect(r.verdict).not.toBe('proceed');
  });

  describe('Eurodac', () => {
    const capture = (person: string) =>
      captureFile(
        uniformCapture(person, { capture: 1, quality: 80, face: true, fingers: ALL_FINGER_POSITIONS }),
        new SyntheticBiometrics(),
      );
    const pending = async (username: string) =>
      (await s.eurodac.hits({ actor: await login(username), purpose: 'asylum-procedure', state: 'pending' }))
        .hits;

    it('holds a hit for each person registered again in another state, for that state to verify', async () => {
      const greece = await pending('asylum.gr');
      expect(greece.map((h) => [h.matchedMemberState, h.matchedCategory])).toEqual([
        ['IT', 'irregular-crossing'],
      ]);
      const germany = await pending('asylum.de');
      expect(germany.map((h) => [h.matchedMemberState, h.matchedCategory])).toEqual([['GR', 'applicant']]);
      expect(await pending('asylum.it')).toEqual([]);
    });

    it('gives the asylum officer who registers a new capture of demo:eurodac:2 a hit on Italy’s dataset', async () => {
      const officer = await login('asylum.gr');
      const file = capture('demo:eurodac:2');
      const crosser = bio.eurodac.find((d) => d.capture.person === 'demo:eurodac:2')!;
      const { value } = await s.eurodac.register(
        { actor: officer, purpose: 'asylum-procedure' },
        {
          category: 'applicant',
          fingerprints: file.fingerprints,
          face: file.face!,
          identity: crosser.identity,
        },
      );
      expect(value.recorded).toBe(true);
      expect(value.hits.map((h) => [h.memberState, h.category])).toEqual([['IT', 'irregular-crossing']]);

      // The fingerprint expert compares finger by finger, and confirms.
      const hit = await s.eurodac.hit({
        actor: officer,
        purpose: 'asylum-procedure',
        id: value.hits[0]!.hitId!,
      });
      expect(hit.decision).toBe('match');
      expect(hit.comparison.filter((x) => x.modality === 'finger')).toHaveLength(10);
      const { value: verified } = await s.eurodac.verifyHit({
        actor: officer,
        purpose: 'asylum-procedure',
        id: hit.id,
        outcome: 'confirmed',
        reason: 'Ten fingers compared: the same person',
      });
      expect(verified.state).toBe('confirmed');
    });

    it('gives no hit for a person the world does not know', async () => {
      const file = capture('demo:new:1');
      const { value } = await s.eurodac.register(
        { actor: await login('asylum.it'), purpose: 'asylum-procedure' },
        { category: 'irregular-crossing', fingerprints: file.fingerprints, face: file.face! },
      );
      expect(value.hits).toEqual([]);
    });
  });
});
