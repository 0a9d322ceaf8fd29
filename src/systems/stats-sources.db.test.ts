import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../test/support/db.ts';
import type { Actor } from '../contexts/access/index.ts';
import type { NewFileInput } from '../contexts/ees/index.ts';
import { etiasApplication, FakeEtiasCheck } from '../contexts/etias/index.ts';
import { SyntheticBiometrics, type TemplateInput } from '../contexts/sbms/index.ts';
import type { AlertInput } from '../contexts/sis/index.ts';
import type { StatsFact, StatsSource } from '../contexts/stats/index.ts';
import { ManualClock } from '../platform/clock.ts';
import { sql } from '../platform/database/index.ts';
import { plusDays } from '../platform/dates.ts';
import { eesStatsSource } from './ees/index.ts';
import { etiasStatsSource } from './etias/index.ts';
import { eurodacStatsSource } from './eurodac/index.ts';
import { midStatsSource } from './mid/index.ts';
import { sisStatsSource } from './sis/index.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const ALERT: AlertInput = {
  category: 'arrest',
  person: {
    surname: 'KOWALSKI',
    givenNames: 'JAN',
    birthDate: '1980-05-12',
    sex: 'M',
    nationalities: ['POL'],
    documents: [{ type: 'passport', issuingCountry: 'POL', number: 'EK1234567' }],
  },
  warningMarkers: ['armed'],
  reason: 'European Arrest Warrant for armed robbery',
  decisionRef: 'EAW-2026-0001',
};

const bio = new SyntheticBiometrics({ seed: 4171 });
const RIGHT = { hand: 'right', index: 'f:1', middle: 'f:2', ring: 'f:3', little: 'f:4' } as const;

function eesFile(surname: string, number: string, extra: Partial<NewFileInput> = {}): NewFileInput {
  return {
    kind: 'visa-exempt',
    surname,
    givenNames: 'Omar',
    birthDate: '1990-04-04',
    nationalities: ['SYR'],
    sex: 'M',
    documents: [{ type: 'P', number, issuingState: 'SYR', expiry: '2045-01-01' }],
    facialImageRef: `face:${number}`,
    fingerprints: RIGHT,
    ...extra,
  };
}

/**
 * The ETIAS, Eurodac, MID and data-quality figures written through the services and read back from the
 * statistics repository's answers (2019/817 art. 39): what each source counts, that an erased record's states
 * leave while its events stay, and that no fact carries a name, a number, a date of birth or a record id.
 */
describeEachDatabase('Statistics sources of ETIAS, Eurodac, MID and data quality', (tier) => {
  let s: TestServices;
  let es: Actor;
  let asylum: Actor;
  let guard: Actor;
  let sirene: Actor;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  const sisCheck = new FakeEtiasCheck('fake-sis');
  /** Everything personal the test writes: none of it may stand in a fact's day or dimensions, or an answer. */
  const personal = new Set<string>();
  const etiasIds: string[] = [];
  const datasetIds: string[] = [];
  const fileIds: string[] = [];

  beforeAll(async () => {
    s = await createTestServices(tier, { clock, env: { INTERLINK_STATS_MIN_CELL: '1' } });
    sisCheck.hitsFor = (subject) =>
      subject.surname === 'Fenwick'
        ? [
            {
              source: 'sis',
              recordRef: 'sis:SIS-FAKE-1',
              rule: 'SIS_REFUSAL_ALERT',
              explanation: ['test'],
              memberState: 'DE',
              refusalGround: 'sis-refusal',
            },
          ]
        : [];
    s.etias.addCheck(sisCheck);
    es = await s.access.authenticate((await newUser(s, 'etias-national', { memberState: 'ES' })).token);
    asylum = await s.access.authenticate((await newUser(s, 'asylum', { memberState: 'IT' })).token);
    guard = await s.access.authenticate((await newUser(s, 'border', { memberState: 'FI' })).token);
    sirene = await s.access.authenticate((await newUser(s, 'sirene', { memberState: 'IT' })).token);
  });
  afterAll(async () => {
    await s.close();
  });

  /** This node applies the feed, then the cells follow. */
  const catchUp = async () => {
    await s.changes.sync();
    await s.stats.sync();
  };
  const counts = async (figure: string, by: string[], to = '2026-12-31') => {
    const answer = await s.stats.answer({ figure, from: '2026-01-01', to, by, interval: 'total' });
    assertAnonymous(JSON.stringify(answer));
    return Object.fromEntries(answer.rows.map((r) => [by.map((d) => r.key[d]).join('|'), r.count]));
  };
  function assertAnonymous(text: string): void {
    for (const v of personal) {
      expect(text.includes(v), `${v} in ${text.slice(0, 200)}`).toBe(false);
    }
  }
  /** What is kept in clear of a fact: its figure, day and dimensions (the key is kept only hashed). */
  async function assertCodesOnly(
    source: StatsSource,
    refs: readonly string[],
    only: (f: StatsFact) => boolean = () => true,
  ): Promise<StatsFact[]> {
    const facts = [...(await source.facts(s.database.db, refs)).values()].flat().filter(only);
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) {
      expect(f.day).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
      assertAnonymous(JSON.stringify([f.figure, f.dims]));
      for (const v of Object.values(f.dims)) {
        expect(v).toMatch(/^[A-Za-z0-9_.:+-]{1,64}$/u);
      }
    }
    return facts;
  }

  describe('ETIAS (2018/1240 arts. 33, 84)', () => {
    it('counts applications, decisions by ground and what sent each file to manual processing', async () => {
      const submit = async (over: Parameters<typeof etiasApplication>[0]) => {
        const app = etiasApplication(over);
        const { value } = await s.etias.submit({}, app);
        etiasIds.push(value.id);
        for (const v of [
          app.surname,
          app.givenNames,
          app.birthDate,
          app.document.number,
          app.email,
          value.id,
        ]) {
          personal.add(v);
        }
        return value;
      };
      for (const surname of ['Abbott', 'Barlow', 'Carver']) {
        expect((await submit({ surname })).status).toBe('issued');
      }
      const background = await submit({
        surname: 'Dalton',
        birthDate: '1971-02-13',
        background: { criminalConviction: false, conflictZoneStay: true, removalOrder: false },
      });
      expect(background.status).toBe('manual');
      const sisHit = await submit({ surname: 'Fenwick', birthDate: '1969-09-19', nationalities: ['CAN'] });
      expect(sisHit.status).toBe('manual');
      await s.etiasManual.decide({
        actor: es,
        purpose: 'etias-examination',
        applicationId: background.id,
        input: { kind: 'refuse', grounds: ['security-risk'], justification: 'Assessment.' },
      });
      await catchUp();

      expect(await counts('etias.applications', ['nationality', 'memberState'])).toEqual({
        'CAN|ES': 1,
        'USA|ES': 4,
      });
      expect(await counts('etias.decisions', ['decision', 'ground'])).toEqual({
        'issued|none': 3,
        'refused|security-risk': 1,
      });
      expect(await counts('etias.manual-routing', ['source', 'rule'])).toEqual({
        'background|BACKGROUND_ANSWER': 1,
        'sis|SIS_REFUSAL_ALERT': 1,
      });
      await assertCodesOnly(etiasStatsSource(), etiasIds);
    });
  });

  describe('Eurodac (2024/1358 art. 12) and the MID (2019/817 arts. 29, 39)', () => {
    it('counts registrations and hits, links by colour and the backlog; erasure takes the states only', async () => {
      const { value: file } = await s.ees.createFile({
        actor: guard,
        purpose: 'border-control',
        input: eesFile('Haddad', 'SY0001234', {
          biometrics: [bio.face('omar'), ...bio.fingers('omar', [2, 3, 4, 5])] as TemplateInput[],
        }),
      });
      fileIds.push(file.id);
      for (const v of ['Haddad', 'SY0001234', '1990-04-04', file.id]) {
        personal.add(v);
      }
      const register = async (category: 'irregular-crossing' | 'applicant', capture: number) => {
        const { value } = await s.eurodac.register(
          { actor: asylum, purpose: 'asylum-procedure' },
          {
            category,
            fingerprints: bio.fingers('omar', undefined, { capture }),
            face: bio.face('omar', { capture }),
            identity: {
              surname: 'Khalil',
              givenNames: 'Youssef',
              birthDate: '1988-00-00',
              sex: 'M',
              nationalities: ['IRQ'],
            },
          },
        );
        datasetIds.push(value.id);
        personal.add(value.id);
        return value;
      };
      for (const v of ['Khalil', 'Youssef', '1988-00-00']) {
        personal.add(v);
      }
      await register('irregular-crossing', 1);
      clock.advance(3_600_000);
      const applicant = await register('applicant', 2);
      await catchUp();

      expect(await counts('eurodac.registrations', ['category', 'memberState'])).toEqual({
        'applicant|IT': 1,
        'irregular-crossing|IT': 1,
      });
      expect(await counts('eurodac.hits', ['category', 'matchedCategory'])).toEqual({
        'applicant|irregular-crossing': 1,
      });
      expect(await counts('mid.links', ['color', 'systems'])).toEqual({ 'yellow|ees-eurodac': 2 });
      expect(await counts('mid.backlog', ['verifier', 'memberState'])).toEqual({ 'asylum|IT': 2 });
      // A state counts on its deadline: none missed as of the day before it, both the day after.
      expect(await counts('mid.backlog', ['verifier'], '2026-05-31')).toEqual({});
      expect(await counts('mid.backlog', ['verifier'], '2026-06-02')).toEqual({ asylum: 2 });

      const links = await s.mid.linksOf([`eurodac:${applicant.id}`]);
      const linkIds = (await s.mid.linksOf(datasetIds.map((id) => `eurodac:${id}` as const))).map(
        (l) => l.id,
      );
      for (const l of await s.mid.linksOf([`ees:${file.id}`])) {
        personal.add(l.id);
        personal.add(l.icf);
      }
      await assertCodesOnly(eurodacStatsSource(s.sbms), datasetIds);
      await assertCodesOnly(midStatsSource(), linkIds);
      expect(links).toHaveLength(1);

      await s.eurodac.erase({
        actor: asylum,
        purpose: 'asylum-procedure',
        id: applicant.id,
        reason: 'naturalisation',
      });
      await catchUp();
      // Events stay counted (art. 39(2) [K]); the erased dataset's link leaves with it (art. 35).
      expect(await counts('eurodac.registrations', ['category'])).toEqual({
        applicant: 1,
        'irregular-crossing': 1,
      });
      expect(await counts('eurodac.hits', ['category'])).toEqual({ applicant: 1 });
      expect(await counts('mid.links', ['color', 'systems'])).toEqual({ 'yellow|ees-eurodac': 1 });
      expect(await counts('mid.backlog', ['verifier'])).toEqual({ asylum: 1 });
    });
  });

  describe('data quality (2019/817 and 2019/818 art. 37)', () => {
    it('counts EES files lacking fingerprints that are due, while they lack them', async () => {
      const { value: file } = await s.ees.createFile({
        actor: guard,
        purpose: 'border-control',
        input: eesFile('Lindqvist', 'SY0009876', {
          fingerprints: undefined,
          fingerprintExemption: 'temporary-impossibility',
        }),
      });
      for (const v of ['Lindqvist', 'SY0009876', file.id]) {
        personal.add(v);
      }
      await catchUp();
      expect(await counts('quality.files-without-biometrics', ['system', 'missing', 'memberState'])).toEqual({
        'ees|fingerprints|FI': 1,
      });
      const facts = await assertCodesOnly(eesStatsSource(), [file.id]);
      expect(facts.filter((f) => f.kind === 'state').map((f) => f.figure)).toEqual([
        'quality.files-without-biometrics',
      ]);
    });

    it('counts SIS alerts on their review date and hits awaiting a SIRENE reply on their deadline', async () => {
      const { alert } = await s.sis.createAlert({ actor: sirene, purpose: 'alert-management', alert: ALERT });
      for (const v of ['KOWALSKI', 'EK1234567', '1980-05-12', 'EAW-2026-0001', alert.id]) {
        personal.add(v);
      }
      const { hit } = await s.sis.reportHit({
        actor: guard,
        purpose: 'border-control',
        alertId: alert.id,
        location: { place: 'FI-VAALIMAA' },
        checked: { dataTypes: ['surname', 'birthDate'], matchedOn: 'surname' },
      });
      personal.add(hit.hitId);
      await catchUp();
      const review = alert.reviewDue;
      const beforeReview = plusDays(review, -1);
      const pastReview = (to: string) =>
        counts('quality.alerts-past-review', ['category', 'memberState'], to);
      expect(await pastReview(beforeReview)).toEqual({});
      expect(await pastReview(review)).toEqual({ 'arrest|IT': 1 });
      // The reply was due on 2026-06-01: missed as of the day after, while it is not in.
      expect(await counts('quality.hits-without-reply', ['category'], '2026-05-31')).toEqual({});
      expect(await counts('quality.hits-without-reply', ['category', 'memberState'], '2026-06-01')).toEqual({
        'arrest|IT': 1,
      });
      await assertCodesOnly(sisStatsSource(), [alert.id, hit.hitId], (f) => f.figure.startsWith('quality.'));

      await s.sis.addExchangeMessage({
        actor: sirene,
        purpose: 'sirene-exchange',
        hitId: hit.hitId,
        body: 'Known; hold.',
      });
      await catchUp();
      expect(await counts('quality.hits-without-reply', ['category'])).toEqual({});

      await s.sis.deleteAlert({
        actor: sirene,
        purpose: 'alert-management',
        alertId: alert.id,
        reason: 'Person arrested.',
      });
      await catchUp();
      expect(await pastReview(review)).toEqual({});
      expect(await counts('sis.hits', ['category'])).toEqual({ arrest: 1 });
    });
  });

  it('keeps no personal value anywhere in the repository’s cells', async () => {
    const { rows } = await sql<{ row: string }>`select row_to_json(c)::text as row from stats.cell c`.execute(
      s.database.db,
    );
    expect(rows.length).toBeGreaterThan(0);
    assertAnonymous(rows.map((r) => r.row).join('\n'));
  });
});
