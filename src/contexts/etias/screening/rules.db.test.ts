import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../../test/support/db.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { isAppError } from '../../../platform/errors.ts';
import type { Actor } from '../../access/index.ts';
import { etiasApplication } from '../testing.ts';
import type { AuthorisationMatch } from '../watchlist/service.ts';
import type { RuleInput } from './service.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

async function failure(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (err) {
    if (isAppError(err)) {
      return err;
    }
    throw err;
  }
}

const brazilians: RuleInput = {
  name: 'Young residents of São Paulo',
  riskType: 'illegal-immigration',
  legalBasis: 'a',
  boardReference: 'ESB-2026-014',
  predicates: { ageRange: { min: 18, max: 30 }, nationalities: ['BRA'], residenceCities: ['Sao Paulo'] },
};

function brazilian(birthDate = '2000-03-01') {
  return etiasApplication({
    surname: 'Souza',
    givenNames: 'Ana',
    sex: 'F',
    birthDate,
    nationalities: ['BRA'],
    placeOfBirth: 'Campinas',
    countryOfBirth: 'BRA',
    residence: { country: 'BRA', city: 'São Paulo' },
    email: `ana.${birthDate}@example.org`,
  });
}

describeEachDatabase('ETIAS screening rules and watchlist', (tier) => {
  let s: TestServices;
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let cu: Actor;
  let es: Actor;
  let fr: Actor;
  let sirene: Actor;
  const as = (actor: Actor) => ({ actor, purpose: 'etias-examination' });
  const handed: AuthorisationMatch[] = [];

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    cu = await s.access.authenticate((await newUser(s, 'etias-central')).token);
    es = await s.access.authenticate((await newUser(s, 'etias-national', { memberState: 'ES' })).token);
    fr = await s.access.authenticate((await newUser(s, 'etias-national', { memberState: 'FR' })).token);
    sirene = await s.access.authenticate((await newUser(s, 'sirene', { memberState: 'IT' })).token);
    s.etiasWatchlist.onWatchlistMatchOfValidAuthorisation((m) => {
      handed.push(m);
      return Promise.resolve();
    });
  });
  afterAll(async () => {
    await s.close();
  });

  describe('screening rules', () => {
    it('refuses a rule on sex and age alone, and a National Unit writing one', async () => {
      const e = await failure(
        s.etiasRules.createDraft({
          ...as(cu),
          rule: { ...brazilians, predicates: { sex: 'F', ageRange: { min: 18, max: 30 } } },
        }),
      );
      expect(e?.code).toBe('ETIAS_RULE_SEX_OR_AGE_ALONE');
      expect((await failure(s.etiasRules.createDraft({ ...as(es), rule: brazilians })))?.code).toBe(
        'ACCESS_PERMISSION_DENIED',
      );
    });

    it('measures the share of past applications before activation, then routes a matching one to a person', async () => {
      // Past applications: two young Brazilians of São Paulo (issued) and one older one.
      for (const birthDate of ['2000-03-01', '1999-07-15', '1970-01-20']) {
        expect((await s.etias.submit({}, brazilian(birthDate))).value.status).toBe('issued');
      }
      const draft = await s.etiasRules.createDraft({ ...as(cu), rule: brazilians });
      expect(draft).toMatchObject({ version: 1, status: 'draft', impact: null, reviewDue: '2026-12-01' });
      const early = await failure(s.etiasRules.activate({ ...as(cu), id: draft.id, expectedVersion: 1 }));
      expect(early?.code).toBe('ETIAS_RULE_IMPACT_MISSING');

      const measured = await s.etiasRules.measureImpact({ ...as(cu), id: draft.id });
      expect(measured.impact).toMatchObject({ version: 1, matched: 2, matchedIssued: 2, from: '2026-03-03' });
      expect(measured.impact!.total).toBeGreaterThanOrEqual(3);
      const active = await s.etiasRules.activate({ ...as(cu), id: draft.id, expectedVersion: 1 });
      expect(active.status).toBe('active');

      const { value } = await s.etias.submit({}, brazilian('2001-11-30'));
      expect(value.status).toBe('manual');
      const hits = await s.etias.hitsOf(null, value.id);
      const hit = hits.find((h) => h.rule === 'SCREENING_RULE');
      expect(hit).toMatchObject({
        source: 'screening-rule',
        record_ref: `rule:${draft.id}@1`,
        refusal_ground: null,
      });
      expect(hit!.explanation).toEqual([
        expect.stringContaining('no refusal ground'),
        'age 18 to 30: applicant 24 on 2026-06-01',
        'nationality one of BRA: applicant BRA',
        'city of residence one of Sao Paulo: applicant São Paulo',
      ]);
      // Someone older is not hit.
      expect((await s.etias.submit({}, brazilian('1960-02-02'))).value.status).toBe('issued');
    });

    it('keeps running the active version until a new one, measured, is activated; old versions stay', async () => {
      const [rule] = await s.etiasRules.list({ ...as(cu), status: 'active' });
      const v2 = await s.etiasRules.newVersion({
        ...as(cu),
        id: rule!.id,
        expectedVersion: 1,
        rule: { ...brazilians, predicates: { ...brazilians.predicates, ageRange: { min: 18, max: 22 } } },
      });
      expect(v2).toMatchObject({ version: 2, status: 'draft', impact: null });
      const stale = await failure(
        s.etiasRules.newVersion({ ...as(cu), id: rule!.id, expectedVersion: 1, rule: brazilians }),
      );
      expect(stale?.code).toBe('ETIAS_RULE_VERSION_CONFLICT');
      expect(
        (await failure(s.etiasRules.activate({ ...as(cu), id: rule!.id, expectedVersion: 2 })))?.code,
      ).toBe('ETIAS_RULE_IMPACT_MISSING');
      await s.etiasRules.measureImpact({ ...as(cu), id: rule!.id });
      await s.etiasRules.activate({ ...as(cu), id: rule!.id, expectedVersion: 2 });
      const versions = await s.etiasRules.versions({ ...as(cu), id: rule!.id });
      expect(versions.map((v) => [v.version, v.status])).toEqual([
        [2, 'active'],
        [1, 'retired'],
      ]);
      // A 24-year-old no longer hits version 2.
      expect((await s.etias.submit({}, brazilian('2001-11-29'))).value.status).toBe('issued');
      await s.etiasRules.retire({ ...as(cu), id: rule!.id });
      expect(await s.etiasRules.list({ ...as(cu), status: 'active' })).toEqual([]);
    });
  });

  describe('watchlist', () => {
    it('refuses an entry whose data match a SIS alert, naming the alert (SIS has priority)', async () => {
      const { alert } = await s.sis.createAlert({
        actor: sirene,
        purpose: 'alert-management',
        alert: {
          category: 'arrest',
          person: {
            surname: 'KOWALSKI',
            givenNames: 'JAN',
            birthDate: '1980-05-12',
            sex: 'M',
            nationalities: ['POL'],
          },
          warningMarkers: [],
          reason: 'European Arrest Warrant',
          decisionRef: 'EAW-TEST',
        },
      });
      const e = await failure(
        s.etiasWatchlist.create({
          ...as(es),
          reason: 'Suspected of armed robbery',
          data: { surname: 'KOWALSKI', givenNames: 'JAN', birthDate: '1980-05-12' },
        }),
      );
      expect(e?.code).toBe('ETIAS_WATCHLIST_IN_SIS');
      expect(e?.message).toContain(alert.id);
      const listed = await s.etiasWatchlist.list(as(es));
      expect(listed.total).toBe(0);
    });

    it('enters an entry for the state, reviewed a year later, and routes a matching application to it', async () => {
      const { entry, authorisationMatches } = await s.etiasWatchlist.create({
        ...as(es),
        reason: 'Suspected member of a criminal organisation',
        data: { surname: 'Moreau', givenNames: 'Lucien', birthDate: '1977-08-09', email: 'l.m@example.net' },
      });
      expect(entry).toMatchObject({ owner: 'ES', reviewDue: '2027-06-01', impact: { matched: 0 } });
      expect(authorisationMatches).toEqual([]);
      const { value } = await s.etias.submit(
        {},
        etiasApplication({
          surname: 'MOREAU',
          givenNames: 'LUCIEN',
          birthDate: '1977-08-09',
          email: 'x@example.org',
        }),
      );
      expect(value.status).toBe('manual');
      const hit = (await s.etias.hitsOf(null, value.id)).find((h) => h.rule === 'WATCHLIST');
      expect(hit).toMatchObject({
        source: 'watchlist',
        record_ref: `watchlist:${entry.id}`,
        member_state: 'ES',
      });
      // The same e-mail alone is enough.
      const byEmail = await s.etias.submit({}, etiasApplication({ email: 'L.M@example.net' }));
      expect(byEmail.value.status).toBe('manual');
    });

    it('compares a new Europol entry with the valid authorisations and hands each match to revocation', async () => {
      const issued = await s.etias.submit(
        {},
        etiasApplication({
          surname: 'Okafor',
          givenNames: 'Chidi',
          birthDate: '1990-02-14',
          email: 'c.o@example.org',
        }),
      );
      expect(issued.value.status).toBe('issued');
      const { entry, authorisationMatches } = await s.etiasWatchlist.create({
        ...as(cu),
        reason: 'Europol: suspected facilitator of terrorist financing',
        data: { documents: [{ number: 'ZZ9999999', issuingState: 'USA' }], email: 'C.O@example.org' },
      });
      expect(entry.owner).toBe('EUROPOL');
      expect(entry.enteredByAuthority).toContain('on behalf of Europol');
      expect(authorisationMatches.map((m) => [m.applicationId, m.memberState])).toEqual([
        [issued.value.id, 'ES'],
      ]);
      expect(handed).toEqual([
        expect.objectContaining({ applicationId: issued.value.id, entryId: entry.id }),
      ]);
      // Wired in the composition root: the file is in Spain's National Unit queue for a revocation review.
      const { items } = await s.etiasManual.queue({
        ...as(es),
        reason: 'revocation-review',
        sort: { field: 'dueAt', descending: false },
        limit: 50,
        offset: 0,
      });
      expect(items.map((i) => [i.applicationId, i.reviewTrigger, i.reviewRecordRef])).toEqual([
        [issued.value.id, 'watchlist-entry', `watchlist:${entry.id}`],
      ]);
    });

    it('finds valid authorisations by phone and by a name variant with the same date of birth', async () => {
      const byPhone = await s.etias.submit({}, etiasApplication({ phone: '+1 (555) 0100-200' }));
      const byName = await s.etias.submit(
        {},
        etiasApplication({ surname: 'Nowakowska', givenNames: 'Zofia', birthDate: '1992-10-01' }),
      );
      const namesake = await s.etias.submit(
        {},
        etiasApplication({ surname: 'Nowakowska', givenNames: 'Zofia', birthDate: '1961-01-01' }),
      );
      expect([byPhone, byName, namesake].map((a) => a.value.status)).toEqual(['issued', 'issued', 'issued']);
      const { authorisationMatches } = await s.etiasWatchlist.create({
        ...as(cu),
        reason: 'Europol: suspected courier',
        data: { surname: 'NOWAKOWSKA', givenNames: 'ZOFIA', birthDate: '1992-10-01', phone: '0015550100200' },
      });
      expect(authorisationMatches.map((m) => m.applicationId).sort()).toEqual(
        [byPhone.value.id, byName.value.id].sort(),
      );
    });

    it('lists the entries due for review; only the owner keeps or removes one', async () => {
      clock.set('2027-05-15T08:00:00Z');
      expect((await s.etiasWatchlist.list({ ...as(es), dueBy: '2027-05-31' })).total).toBe(0);
      const due = await s.etiasWatchlist.list({ ...as(es), dueBy: '2027-06-15' });
      expect(due.items.map((e) => [e.owner, e.reviewDue])).toEqual([['ES', '2027-06-01']]);
      // The Central Unit sees every entry, Europol's too; a National Unit those of its state.
      expect((await s.etiasWatchlist.list(as(cu))).items.map((e) => e.owner).sort()).toEqual([
        'ES',
        'EUROPOL',
        'EUROPOL',
      ]);
      const id = due.items[0]!.id;
      expect((await failure(s.etiasWatchlist.review({ ...as(fr), id, decision: 'keep' })))?.code).toBe(
        'ETIAS_WATCHLIST_NOT_FOUND',
      );
      expect((await failure(s.etiasWatchlist.review({ ...as(cu), id, decision: 'keep' })))?.code).toBe(
        'ETIAS_WATCHLIST_NOT_OWNER',
      );
      const kept = await s.etiasWatchlist.review({ ...as(es), id, decision: 'keep' });
      expect(kept?.reviewDue).toBe('2028-05-15');
      await s.etiasWatchlist.review({ ...as(es), id, decision: 'remove' });
      expect((await s.etiasWatchlist.list(as(es))).total).toBe(0);
      const again = await s.etias.submit(
        {},
        etiasApplication({
          surname: 'MOREAU',
          givenNames: 'LUCIEN',
          birthDate: '1977-08-09',
          email: 'y@example.org',
        }),
      );
      expect(again.value.status).toBe('issued');
    });
  });
});
