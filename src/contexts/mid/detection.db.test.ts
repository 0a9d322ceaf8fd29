import { afterAll, beforeAll, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { Actor } from '../access/index.ts';
import type { NewFileInput } from '../ees/index.ts';
import { etiasApplication } from '../etias/index.ts';
import { SyntheticBiometrics, type TemplateInput } from '../sbms/index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const bio = new SyntheticBiometrics({ seed: 2719 });
const RIGHT = { hand: 'right', index: 'f:1', middle: 'f:2', ring: 'f:3', little: 'f:4' } as const;

const eesFile = (
  identity: { surname: string; givenNames: string; birthDate: string; nationality: string },
  document: { number: string; issuingState: string },
  biometrics?: TemplateInput[],
): NewFileInput => ({
  kind: 'visa-exempt',
  surname: identity.surname,
  givenNames: identity.givenNames,
  birthDate: identity.birthDate,
  nationalities: [identity.nationality],
  sex: 'M',
  documents: [{ type: 'P', ...document, expiry: '2045-01-01' }],
  facialImageRef: `face:${document.number}`,
  fingerprints: RIGHT,
  ...(biometrics === undefined ? {} : { biometrics }),
});

describeEachDatabase('MID detection through the CIR', (tier) => {
  let s: TestServices;
  let guard: Actor;
  let asylum: Actor;
  const clock = new ManualClock('2026-09-01T08:00:00Z');
  const border = () => ({ actor: guard, purpose: 'border-control' });

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
    asylum = await s.access.authenticate((await newUser(s, 'asylum')).token);
  });
  afterAll(async () => {
    await s.close();
  });

  it('links an EES file and an ETIAS application sharing a travel document under another identity: yellow', async () => {
    const { value: file } = await s.ees.createFile({
      ...border(),
      input: eesFile(
        { surname: 'Okonkwo', givenNames: 'Chidi', birthDate: '1979-02-03', nationality: 'NGA' },
        { number: 'NG4410022', issuingState: 'NGA' },
      ),
    });
    const { value: application } = await s.etias.submit(
      {},
      etiasApplication({
        surname: 'Marsh',
        givenNames: 'Daniel',
        birthDate: '1991-11-20',
        nationalities: ['USA'],
        document: { type: 'P', number: 'NG 441-0022', issuingState: 'NGA', expiry: '2034-01-31' },
      }),
    );
    const links = await s.mid.linksOf([`ees:${file.id}`]);
    expect(links).toHaveLength(1);
    const [link] = links;
    expect(link).toMatchObject({
      color: 'yellow',
      records: [`etias:${application.id}`, `ees:${file.id}`],
      rules: ['document'],
      evidence: { biometric: 'not-compared', identity: 'different', document: true },
      verifier: { authorityType: 'etias-central', memberState: 'EU', system: 'etias' },
    });
    expect(link!.icf).toMatch(/^MID-[A-Z2-9]{10}$/u);
    expect(link!.verifyBy).toBeDefined();
    // A second synchronisation (another node, or the next poll) finds nothing left to do.
    const again = await s.cir.sync(s.changes.position);
    expect(again).toMatchObject({ upserted: 0, removed: 0 });
    expect(await s.mid.linksOf([`ees:${file.id}`])).toEqual(links);
  });

  it('links one face under two names in EES and Eurodac, and the link goes with the erased dataset', async () => {
    const { value: file } = await s.ees.createFile({
      ...border(),
      input: eesFile(
        { surname: 'Haddad', givenNames: 'Omar', birthDate: '1990-04-04', nationality: 'SYR' },
        { number: 'SY0001234', issuingState: 'SYR' },
        [bio.face('omar'), ...bio.fingers('omar', [2, 3, 4, 5])],
      ),
    });
    const { value: dataset } = await s.eurodac.register(
      { actor: asylum, purpose: 'asylum-procedure' },
      {
        category: 'applicant',
        fingerprints: bio.fingers('omar', undefined, { capture: 1 }),
        face: bio.face('omar', { capture: 1 }),
        identity: {
          surname: 'Khalil',
          givenNames: 'Youssef',
          birthDate: '1988-00-00',
          sex: 'M',
          nationalities: ['IRQ'],
        },
      },
    );
    const links = await s.mid.linksOf([`eurodac:${dataset.id}`]);
    expect(links.map((l) => [l.color, l.records, l.evidence.biometric, l.rules])).toEqual([
      ['yellow', [`eurodac:${dataset.id}`, `ees:${file.id}`], 'match', ['biometric']],
    ]);
    expect(links[0]!.evidence.falseMatchRate).toBeLessThan(1e-6);
    expect(links[0]!.verifier).toMatchObject({ authorityType: 'asylum', system: 'eurodac' });

    // Art. 35: erased in Eurodac, the file leaves the CIR and the link with it.
    await s.eurodac.erase({
      actor: asylum,
      purpose: 'asylum-procedure',
      id: dataset.id,
      reason: 'naturalisation',
    });
    expect(await s.mid.linksOf([`eurodac:${dataset.id}`, `ees:${file.id}`])).toEqual([]);
    expect(await s.cir.file(`eurodac:${dataset.id}`)).toBeNull();
    expect(await s.cir.file(`ees:${file.id}`)).toMatchObject({ system: 'ees', biometrics: 'ees' });
  });
});
