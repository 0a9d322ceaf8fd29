import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import type { Actor } from '../../contexts/access/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import { createDemoWorld, describePlan, planDemoWorld, thingsToTry, type DemoWorldReport } from './index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const NOW = '2026-05-15T10:00:00Z';
const TODAY = '2026-05-15';
const SCALE = 400;

describeEachDatabase('demo world at scale (through the bulk importer)', (tier) => {
  let s: TestServices;
  let world: DemoWorldReport;
  let guard: Actor;
  const plan = planDemoWorld({ seed: 'interlink-demo', today: TODAY });

  beforeAll(async () => {
    s = await createTestServices(tier, { clock: new ManualClock(NOW) });
    world = await createDemoWorld(s, { scale: SCALE, scaleAlerts: 300, hubs: null, batchSize: 100 });
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
  }, 300_000);
  afterAll(async () => {
    await s.close();
  });

  it('holds the travellers and alerts asked for, every line accepted, with the things to try of the standard world', async () => {
    expect(world.status).toBe('created');
    expect(world.scale).toMatchObject({ travellers: SCALE, alerts: 300, rejected: 0 });
    expect(world.scale!.crossings).toBeGreaterThan(SCALE);
    const counts = await s.ees.counts();
    // The MID's cases add their own files beside the imported ones.
    expect(counts['ees.individual_file']).toBe(SCALE + describePlan(plan).mid.eesFiles);
    expect(world.tryThis).toEqual(thingsToTry(plan));
    // The overstayer job ran over the imported stays (EES art. 12(1)).
    const immigration = await s.access.authenticate((await newUser(s, 'immigration')).token);
    const { overstayers } = await s.ees.listOverstayers({
      actor: immigration,
      purpose: 'immigration-check',
      limit: 50,
    });
    expect(overstayers.length).toBeGreaterThanOrEqual(2);
  });

  it("finds the marked travellers by their documents, and a generic one through this process's identity index", async () => {
    const stolen = plan.travellers.find((t) => t.roles.includes('sis-document-alert'))!;
    const files = await s.ees.searchByDocument({
      actor: guard,
      purpose: 'border-control',
      query: { number: stolen.identity.documentNumber, issuingState: stolen.identity.issuingState },
    });
    expect(files).toHaveLength(1);
    const generic = await s.identityIndex.stored('ees', 'eesf_demo-T390');
    expect(generic.identity).not.toBeNull();
    const found = await s.ees.searchByIdentity({
      actor: guard,
      purpose: 'border-control',
      query: {
        surname: generic.identity!.surname,
        givenNames: generic.identity!.givenNames,
        birthDate: generic.identity!.birthDate,
      },
    });
    const hit = found.find((c) => c.file.id === 'eesf_demo-T390');
    // A probability means the in-memory index of this process holds the imported identity.
    expect(hit?.probability).not.toBeNull();
  });

  it('carries the marked alerts’ photographs and registers the Eurodac datasets; only the MID cases’ EES files hold templates', async () => {
    const r = await sql<{ partition: string; n: number }>`
      select partition, count(*)::int as n from sbms.template where modality = 'face' group by partition`.execute(
      s.database.db,
    );
    const c = describePlan(plan).biometrics;
    const mid = describePlan(plan).mid;
    expect(Object.fromEntries(r.rows.map((x) => [x.partition, Number(x.n)]))).toEqual({
      ees: mid.eesFiles,
      sis: c.sisFaces + mid.sisAlerts,
      eurodac: c.eurodacDatasets + mid.eurodacDatasets,
    });
  });
});
