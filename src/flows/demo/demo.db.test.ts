import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import type { Actor, AuthorityType } from '../../contexts/access/index.ts';
import type { FileDetails } from '../../contexts/ees/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { sql } from '../../platform/database/index.ts';
import {
  createDemoWorld,
  describePlan,
  planDemoWorld,
  thingsToTry,
  type DemoWorldReport,
  type PlannedTraveller,
} from './index.ts';
import { demoApplicationId } from './write-etias.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const NOW = '2026-05-15T10:00:00Z';
const TODAY = '2026-05-15';

describeEachDatabase('createDemoWorld', (tier) => {
  let s: TestServices;
  let world: DemoWorldReport;
  const plan = planDemoWorld({ seed: 'interlink-demo', today: TODAY });
  const actors = new Map<AuthorityType, Actor>();
  const actor = async (type: AuthorityType): Promise<Actor> => {
    const known = actors.get(type);
    if (known !== undefined) {
      return known;
    }
    const made = await s.access.authenticate((await newUser(s, type)).token);
    actors.set(type, made);
    return made;
  };
  const traveller = (role: PlannedTraveller['roles'][number]): PlannedTraveller =>
    plan.travellers.find((t) => t.roles.includes(role))!;
  const fileOf = async (t: PlannedTraveller): Promise<FileDetails> => {
    const guard = await actor('border');
    const [found] = await s.ees.searchByDocument({
      actor: guard,
      purpose: 'border-control',
      query: { number: t.identity.documentNumber, issuingState: t.identity.issuingState },
    });
    return s.ees.viewFile({ actor: guard, purpose: 'border-control', fileId: found!.id });
  };

  beforeAll(async () => {
    s = await createTestServices(tier, { clock: new ManualClock(NOW) });
    world = await createDemoWorld(s);
  }, 240_000);
  afterAll(async () => {
    await s.close();
  });

  describe('first run', () => {
    it('writes the planned world through the services', async () => {
      expect(world.status).toBe('created');
      expect(world.plannedOn).toBe(TODAY);
      // Deterministic: what was written is the plan for this seed and day, which is a pure function of both.
      expect(world.contents).toEqual(describePlan(plan));
      expect(world.tryThis).toEqual(thingsToTry(plan));
      const counts = await s.ees.counts();
      const c = world.contents!.ees;
      // The MID's cases add files with one stay each (an entry and an exit).
      const mid = world.contents!.mid;
      expect(counts['ees.individual_file']).toBe(c.travellers + mid.eesFiles);
      expect(counts['ees.entry_exit_record']).toBe(c.entries + mid.crossings / 2);
      expect(counts['ees.refusal_record']).toBe(c.refusals);
    });

    it('logs every write in the audit trail, whose chain stays intact', async () => {
      const report = await s.audit.verify();
      expect(report.ok).toBe(true);
      expect(report.checked).toBeGreaterThan(world.contents!.ees.entries + world.contents!.sis.alerts);
    });
  });

  describe('second run', () => {
    it('adds nothing and describes the same world', async () => {
      const before = await s.ees.counts();
      const again = await createDemoWorld(s);
      expect(again.status).toBe('existing');
      expect(again.contents).toEqual(world.contents);
      expect(again.tryThis).toEqual(world.tryThis);
      expect(await s.ees.counts()).toEqual(before);
    });
  });

  describe('EES situations', () => {
    it('puts both overstayers on the list of overstayers, flagged today', async () => {
      const { overstayers: list } = await s.ees.listOverstayers({
        actor: await actor('immigration'),
        purpose: 'immigration-check',
        limit: 100,
      });
      const expected = plan.travellers.filter((t) => t.roles.includes('overstayer'));
      expect(list.map((o) => o.surname).sort()).toEqual(expected.map((t) => t.identity.surname).sort());
      for (const o of list) {
        expect(o.overstayDays).toBeGreaterThan(0);
        expect(o.flaggedOn).toBe(TODAY);
      }
    });

    it('leaves the frequent business traveller fewer than 10 days', async () => {
      const { stay, history } = await fileOf(traveller('near-limit'));
      expect(history.records.length).toBeGreaterThan(10);
      expect(stay!.present).toBe(false);
      expect(stay!.plannedStay!.days).toBeGreaterThan(0);
      expect(stay!.plannedStay!.days).toBeLessThan(10);
    });

    it('holds the refusal of the refused traveller with its Annex V letters', async () => {
      const refused = plan.travellers.find(
        (t) => t.roles.includes('refused') && !t.roles.includes('sis-refusal-alert'),
      )!;
      const { history } = await fileOf(refused);
      expect(history.refusals).toHaveLength(1);
      expect(history.refusals[0]!.reasons).toEqual(['C', 'E']);
      expect(history.refusals[0]!.bcp).toBe('FR-CDG');
    });

    it('does not apply the calculator to the family member of a Union citizen', async () => {
      const { stay, history } = await fileOf(traveller('family-member'));
      expect(stay!.calculatorApplied).toBe(false);
      expect(history.records.every((r) => r.familyMember)).toBe(true);
    });

    it('shows the single-entry visa as used', async () => {
      const { stay } = await fileOf(traveller('visa-used'));
      expect(stay!.visa?.entriesExhausted).toBe(true);
    });

    it('has the traveller who entered at Helsinki six days ago in the area', async () => {
      const t = plan.travellers.find(
        (x) => x.roles.includes('present') && x.events.at(-1)?.bcpId === 'FI-HEL',
      )!;
      const { stay, history } = await fileOf(t);
      expect(stay!.present).toBe(true);
      const last = history.records.at(-1)!;
      expect(last.entry.date).toBe('2026-05-09');
      expect(last.entry.bcp).toBe('FI-HEL');
      expect(last.entry.memberState).toBe('FI');
      expect(last.exit).toBeNull();
      expect(stay!.authorisedUntil! > TODAY).toBe(true);
    });
  });

  describe('ETIAS applications', () => {
    const apps = plan.etias.applications;
    // The Central Unit and the National Unit of Spain (users of the standard demo, made here as in tests).
    const login = async (unit: 'central' | 'es'): Promise<Actor> =>
      unit === 'central'
        ? actor('etias-central')
        : s.access.authenticate((await newUser(s, 'etias-national', { memberState: 'ES' })).token);
    const queueIds = async (unit: 'central' | 'es', queue: 'central-unit' | 'national-unit') => {
      const page = await s.etias.queue({
        actor: await login(unit),
        purpose: 'etias-examination',
        queue,
        sort: { field: 'deadline', descending: false },
        limit: 100,
        offset: 0,
      });
      // The MID's cases' applications (`app_demo-M…`) meet automated processing too; their queue is theirs.
      return page.items
        .map((i) => i.id)
        .filter((id) => !id.startsWith('app_demo-M'))
        .sort();
    };
    const idsOf = (list: typeof apps) => list.map((a) => demoApplicationId(a)).sort();

    it('holds every planned application, counted by status as planned', async () => {
      // The MID's cases' applications (`app_demo-M…`) are counted apart.
      const r = await sql<{ status: string; n: number }>`select status, count(*)::int as n
        from etias.application where id not like 'app_demo-M%' group by status`.execute(s.database.db);
      expect(Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]))).toEqual(
        world.contents!.etias.byStatus,
      );
      expect(world.contents!.etias.byStatus.issued).toBeGreaterThan(60);
    });

    it('brings each planted case to its planned status, as the applicant’s status route tells', async () => {
      for (const a of apps) {
        const answer = await s.etias.status(demoApplicationId(a), a.input.document.number);
        expect(answer.status, `${a.ref} ${a.case}`).toBe(a.expect.status);
      }
    });

    it('leaves the planned files in the Central Unit’s queue and sends the confirmed ones to Spain', async () => {
      expect(await queueIds('central', 'central-unit')).toEqual(
        idsOf(apps.filter((a) => a.expect.queue === 'central-unit')),
      );
      expect(await queueIds('es', 'national-unit')).toEqual(
        idsOf(apps.filter((a) => a.expect.queue === 'national-unit')),
      );
    });

    it('explains each planted hit by the rule of its source', async () => {
      const rules: Record<string, string> = {
        'sis-refusal-variant': 'SIS_',
        'sis-document': 'SIS_DOCUMENT_LOST_STOLEN',
        'ees-overstay': 'EES_OVERSTAY',
        'ees-refused': 'EES_REFUSAL',
        watchlist: 'WATCHLIST',
        'screening-rule': 'SCREENING_RULE',
      };
      const cu = await login('central');
      for (const a of apps.filter((x) => x.case !== 'clean')) {
        const file = await s.etias.view({
          actor: cu,
          purpose: 'etias-examination',
          id: demoApplicationId(a),
        });
        expect(
          file.hits.some((h) => h.rule.startsWith(rules[a.case]!)),
          `${a.ref} ${a.case}: ${file.hits.map((h) => h.rule).join(', ')}`,
        ).toBe(true);
      }
    });
  });

  describe('SIS alerts', () => {
    it('finds the refusal alert on the demo traveller refused on ground H', async () => {
      const t = traveller('sis-refusal-alert');
      const { results } = await s.sis.searchPersons({
        actor: await actor('border'),
        purpose: 'border-control',
        query: {
          surname: t.identity.surname,
          givenNames: t.identity.givenNames,
          birthDate: t.identity.birthDate,
        },
      });
      expect(results.some((r) => r.alert.category === 'refusal' && r.alert.issuingState === 'DE')).toBe(true);
      expect((await fileOf(t)).history.refusals[0]!.reasons).toEqual(['H']);
    });

    it('finds the stolen passport of a demo traveller by its number', async () => {
      const t = traveller('sis-document-alert');
      const { results } = await s.sis.searchDocuments({
        actor: await actor('border'),
        purpose: 'border-control',
        query: { number: t.identity.documentNumber, issuingCountry: t.identity.issuingState },
      });
      expect(results).toHaveLength(1);
      expect(results[0]!.alert.object?.type).toBe('issued-document');
    });

    it('shows the check alert on a demo traveller to a border guard as discreet', async () => {
      const t = traveller('sis-discreet-check');
      const { results } = await s.sis.searchPersons({
        actor: await actor('border'),
        purpose: 'border-control',
        query: {
          surname: t.identity.surname,
          givenNames: t.identity.givenNames,
          birthDate: t.identity.birthDate,
        },
      });
      expect(results.some((r) => r.alert.discreet)).toBe(true);
    });

    it('holds alerts due for review in the Italian SIRENE review queue, soonest first', async () => {
      const sirene = await s.access.authenticate((await newUser(s, 'sirene', { memberState: 'IT' })).token);
      const { items } = await s.sis.reviewQueue({ actor: sirene, purpose: 'alert-management' });
      // Due in 9, 38 and 95 days; the one due in 150 days is outside the four-month advance warning.
      expect(items.map((i) => i.daysLeft)).toEqual([9, 38, 95]);
      expect(items.every((i) => i.alert.issuingState === 'IT')).toBe(true);
      expect(items.every((i) => i.alert.createdAt < `${TODAY}T00:00:00Z`)).toBe(true);
    });

    it('gives a hub operator hits on the demo vehicles and containers', async () => {
      const hub = await actor('hub-operator');
      for (const t of world.tryThis.filter((x) => x.user === 'hub.be')) {
        const { results } = await s.sis.searchVehicles({
          actor: hub,
          purpose: 'hub-vehicle-check',
          query:
            t.input!.plate === undefined
              ? { container: t.input!.container! }
              : { plate: t.input!.plate, country: t.input!.country! },
        });
        expect(results.length, t.title).toBeGreaterThan(0);
      }
    });
  });
});

describeEachDatabase('createDemoWorld on a database with data', (tier) => {
  it('adds no demo world to EES files that are not one', async () => {
    const s = await createTestServices(tier, { clock: new ManualClock(NOW) });
    try {
      const guard = await s.access.authenticate((await newUser(s, 'border')).token);
      await s.ees.createFile({
        actor: guard,
        purpose: 'border-control',
        input: {
          kind: 'visa-holder',
          surname: 'REAL',
          givenNames: 'PERSON',
          birthDate: '1980-01-01',
          nationalities: ['IND'],
          sex: 'F',
          documents: [{ type: 'P', number: 'Z1234567', issuingState: 'IND', expiry: '2030-01-01' }],
          facialImageRef: 'face:real',
        },
      });
      const r = await createDemoWorld(s);
      expect(r.status).toBe('not-empty');
      expect(r.contents).toBeNull();
      expect((await s.ees.counts())['ees.individual_file']).toBe(1);
    } finally {
      await s.close();
    }
  });
});
