import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { readSharedJson } from '../../../test/support/shared-data.ts';
import type { Actor } from '../../contexts/access/index.ts';
import type { CheckHit, CheckSubject } from '../../contexts/etias/index.ts';
import type { AlertInput } from '../../contexts/sis/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { ETIAS_HIT_PLACE, sisEtiasCheck } from './etias-check.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

/** The application's identity as automated processing sees it; any field can be overridden. */
function subject(over: Partial<CheckSubject> = {}): CheckSubject {
  return {
    applicationId: 'app_test',
    surname: 'PETROV',
    givenNames: 'IVAN',
    otherNames: [],
    birthDate: '1985-03-14',
    sex: 'M',
    nationalities: ['RUS'],
    placeOfBirth: 'MOSCOW',
    countryOfBirth: 'RUS',
    document: { type: 'P', number: '751234567', issuingState: 'RUS', expiry: '2031-01-01' },
    residence: { country: 'RUS', city: 'MOSCOW' },
    email: 'ivan@example.com',
    ...over,
  };
}

const base = (over: Partial<AlertInput>): AlertInput => ({
  category: 'refusal',
  reason: 'Entry ban under Directive 2008/115',
  decisionRef: 'DEC-1',
  ...over,
});

/** Routing hits: those that send the application to the Central Unit (everything but notify-only). */
const routing = (hits: readonly CheckHit[]) => hits.filter((h) => h.notifyOnly !== true);

describeEachDatabase('SIS in ETIAS automated processing', (tier) => {
  let s: TestServices;
  let manager: { actor: Actor; purpose: string };
  let sireneDe: Actor;
  const clock = new ManualClock('2026-11-02T08:00:00Z');
  const ids: Record<string, string> = {};
  const run = (over: Partial<CheckSubject> = {}) =>
    sisEtiasCheck(s.sis, s.identityIndex).run(subject(over), {});

  async function enter(name: string, alert: AlertInput, actor = manager.actor) {
    const { alert: created } = await s.sis.createAlert({ actor, purpose: 'alert-management', alert });
    ids[name] = created.id;
  }

  beforeAll(async () => {
    s = await createTestServices(tier, { clock });
    manager = {
      actor: await s.access.authenticate((await newUser(s, 'sirene', { memberState: 'IT' })).token),
      purpose: 'alert-management',
    };
    sireneDe = await s.access.authenticate((await newUser(s, 'sirene', { memberState: 'DE' })).token);
    // The person of the issue's target: a refusal alert entered by Italy.
    await enter(
      'refusal',
      base({
        person: {
          surname: 'PETROV',
          givenNames: 'IVAN',
          birthDate: '1985-03-14',
          sex: 'M',
          nationalities: ['RUS'],
          documents: [{ type: 'passport', issuingCountry: 'RUS', number: '720000001' }],
        },
      }),
    );
    // An arrest alert entered by Germany, a Turkish name with diacritics, its day of birth unknown.
    await enter(
      'arrest',
      base({
        category: 'arrest',
        person: {
          surname: 'ÇELİK',
          givenNames: 'MEHMET',
          birthDate: '1979-11-00',
          sex: 'M',
          nationalities: ['TUR'],
        },
        warningMarkers: ['violent'],
        reason: 'European Arrest Warrant',
        decisionRef: 'EAW-9',
      }),
      sireneDe,
    );
    await enter(
      'missing',
      base({
        category: 'missing',
        missingSubcategory: 'd',
        person: {
          surname: 'ALVAREZ',
          givenNames: 'SOFIA',
          birthDate: '2010-04-02',
          sex: 'F',
          nationalities: ['MEX'],
        },
        reason: 'Child at risk of being trafficked',
      }),
    );
    await enter(
      'judicial',
      base({
        category: 'judicial-procedure',
        person: {
          surname: 'OKAFOR',
          givenNames: 'CHIDI',
          birthDate: '1990-06-21',
          sex: 'M',
          nationalities: ['NGA'],
        },
        reason: 'Witness in criminal proceedings',
      }),
    );
    await enter(
      'discreet',
      base({
        category: 'check',
        checkType: 'discreet',
        person: {
          surname: 'TANAKA',
          givenNames: 'HIRO',
          birthDate: '1975-01-30',
          sex: 'M',
          nationalities: ['JPN'],
        },
        reason: 'Serious crime: discreet check',
      }),
    );
    await enter(
      'return',
      base({
        category: 'return',
        person: {
          surname: 'SILVA',
          givenNames: 'JOAO',
          birthDate: '1988-08-08',
          sex: 'M',
          nationalities: ['BRA'],
        },
        returnData: {
          returnDecisionRef: 'RET-1',
          publicSecurityThreat: false,
          suspended: false,
          entryBanWithRefusalAlert: false,
        },
      }),
    );
    await enter(
      'stolen',
      base({
        category: 'object-seizure',
        object: {
          type: 'issued-document',
          identifiers: [{ kind: 'document', value: 'C01X00T47', country: 'USA' }],
          description: 'Passport reported stolen',
        },
        reason: 'Stolen passport',
      }),
    );
  });
  afterAll(async () => {
    await s.close();
  });

  describe('maps each kind of alert to its hit', () => {
    it('a refusal alert on the same identity: SIS_REFUSAL_ALERT with the issuing state, the ground and the record', async () => {
      const outcome = await run();
      const { hits } = outcome;
      expect(hits).toHaveLength(1);
      const hit = hits[0]!;
      expect(hit).toMatchObject({
        source: 'sis',
        recordRef: `sis:${ids.refusal}`,
        rule: 'SIS_REFUSAL_ALERT',
        memberState: 'IT',
        refusalGround: 'sis-refusal',
        record: {
          alertId: ids.refusal,
          surname: 'PETROV',
          givenNames: 'IVAN',
          birthDate: '1985-03-14',
          nationalities: ['RUS'],
          documents: [expect.objectContaining({ number: '720000001' })],
        },
      });
      expect(hit.notifyOnly).toBeUndefined();
      expect(hit.probability).toBeGreaterThan(0.5);
      expect(hit.explanation[0]).toMatch(/surname and given names.*same identity/);
      expect(hit.explanation.join('\n')).toMatch(/names: same/);
      // A routing hit is not reported to SIRENE by automated processing: the Central Unit verifies first.
      expect(outcome).not.toHaveProperty('record');
    });

    it('a refusal alert found by the travel document it lists, whoever the applicant says they are', async () => {
      const { hits } = await run({
        surname: 'SMITH',
        givenNames: 'JOHN',
        birthDate: '1960-01-01',
        nationalities: ['USA'],
        document: { type: 'P', number: '720000001', issuingState: 'RUS', expiry: '2030-01-01' },
      });
      expect(hits).toEqual([
        expect.objectContaining({ rule: 'SIS_REFUSAL_ALERT', recordRef: `sis:${ids.refusal}` }),
      ]);
      expect(hits[0]!.explanation[0]).toMatch(/travel document RUS 720000001 matched .*number equals/);
    });

    it('an arrest alert: SIS_ARREST_ALERT, under a name written without diacritics and a full date of birth', async () => {
      const { hits } = await run({
        surname: 'CELIK',
        givenNames: 'MEHMET',
        birthDate: '1979-11-23',
        nationalities: ['TUR'],
        document: { type: 'P', number: 'U11111111', issuingState: 'TUR', expiry: '2030-01-01' },
      });
      expect(routing(hits)).toEqual([
        expect.objectContaining({ recordRef: `sis:${ids.arrest}`, memberState: 'DE' }),
      ]);
      expect(['SIS_ARREST_ALERT', 'SIS_POSSIBLE_MATCH']).toContain(hits[0]!.rule);
      expect(hits[0]!.refusalGround).toBeUndefined();
    });

    it('a similar identity on an arrest alert is a possible match for the Central Unit, never the arrest alert itself', async () => {
      const { hits } = await run({
        surname: 'CELIK',
        givenNames: 'MEHMED',
        birthDate: '1979-11-23',
        nationalities: ['TUR'],
        document: { type: 'P', number: 'U22222222', issuingState: 'TUR', expiry: '2030-01-01' },
      });
      expect(hits).toEqual([
        expect.objectContaining({ rule: 'SIS_POSSIBLE_MATCH', recordRef: `sis:${ids.arrest}` }),
      ]);
      expect(hits[0]!.explanation[0]).toMatch(/similar identity, to be verified/);
    });

    it('a stolen travel document: SIS_DOCUMENT_LOST_STOLEN with its ground; a look-alike number is a possible match', async () => {
      const exact = await run({
        surname: 'DOE',
        givenNames: 'JANE',
        birthDate: '1970-02-02',
        sex: 'F',
        nationalities: ['USA'],
        document: { type: 'P', number: 'C01X00T47', issuingState: 'USA', expiry: '2030-01-01' },
      });
      expect(exact.hits).toEqual([
        expect.objectContaining({
          rule: 'SIS_DOCUMENT_LOST_STOLEN',
          refusalGround: 'document-lost-stolen',
          recordRef: `sis:${ids.stolen}`,
          memberState: 'IT',
          record: expect.objectContaining({ objectType: 'issued-document' }) as unknown,
        }),
      ]);
      const lookalike = await run({
        surname: 'DOE',
        givenNames: 'JANE',
        birthDate: '1970-02-02',
        sex: 'F',
        nationalities: ['USA'],
        document: { type: 'P', number: 'CO1XOOT47', issuingState: 'USA', expiry: '2030-01-01' },
      });
      expect(lookalike.hits).toEqual([
        expect.objectContaining({ rule: 'SIS_POSSIBLE_MATCH', refusalGround: 'document-lost-stolen' }),
      ]);
    });

    it('missing persons, judicial procedures and discreet checks only notify; return alerts are no hit', async () => {
      const missing = await run({
        surname: 'ALVAREZ',
        givenNames: 'SOFIA',
        birthDate: '2010-04-02',
        sex: 'F',
        nationalities: ['MEX'],
      });
      expect(missing.hits).toEqual([
        expect.objectContaining({ rule: 'SIS_MISSING_PERSON', notifyOnly: true, memberState: 'IT' }),
      ]);
      const judicial = await run({
        surname: 'OKAFOR',
        givenNames: 'CHIDI',
        birthDate: '1990-06-21',
        nationalities: ['NGA'],
      });
      expect(judicial.hits).toEqual([
        expect.objectContaining({ rule: 'SIS_JUDICIAL_PROCEDURE', notifyOnly: true }),
      ]);
      const discreet = await run({
        surname: 'TANAKA',
        givenNames: 'HIRO',
        birthDate: '1975-01-30',
        nationalities: ['JPN'],
      });
      expect(discreet.hits).toEqual([
        expect.objectContaining({ rule: 'SIS_DISCREET_CHECK', notifyOnly: true }),
      ]);
      const ret = await run({
        surname: 'SILVA',
        givenNames: 'JOAO',
        birthDate: '1988-08-08',
        nationalities: ['BRA'],
      });
      expect(ret.hits).toEqual([]);
    });
  });

  describe('notify-only hits reach the issuing SIRENE Bureau', () => {
    it('reports the hit through the SIS hit procedure with the application, once per application', async () => {
      const outcome = await run({
        applicationId: 'app_notify',
        surname: 'OKAFOR',
        givenNames: 'CHIDI',
        birthDate: '1990-06-21',
        nationalities: ['NGA'],
      });
      const record = outcome.record?.bind(outcome);
      expect(record).toBeDefined();
      await s.database.db.transaction().execute((trx) => record!(trx, 'app_notify'));
      // Processing run again on the same application: the same encounter, not a second hit.
      await s.database.db.transaction().execute((trx) => record!(trx, 'app_notify'));
      const list = await s.sis.listHits({
        actor: manager.actor,
        purpose: 'sirene-exchange',
        alertId: ids.judicial!,
      });
      expect(list.hits).toHaveLength(1);
      expect(list.hits[0]).toMatchObject({
        issuingState: 'IT',
        place: `${ETIAS_HIT_PLACE} (application app_notify)`,
        alertId: ids.judicial,
      });
      // SIS logs the searches and the hit under the ETIAS purpose and legal basis (2018/1862 art. 12).
      const dpo = await s.access.authenticate((await newUser(s, 'data-protection')).token);
      const { events } = await s.audit.list({
        actor: dpo,
        purpose: 'data-protection-audit',
        filter: { operation: 'sis.search.persons', limit: 5 },
      });
      expect(events[0]).toMatchObject({
        system: 'sis',
        purpose: 'etias-examination',
        legalBasis: 'Reg. (EU) 2018/1240 arts. 20 and 23',
        recordRefs: [ids.judicial],
      });
      const reported = await s.audit.list({
        actor: dpo,
        purpose: 'data-protection-audit',
        filter: { operation: 'sis.hits.create', limit: 5 },
      });
      expect(reported.events[0]).toMatchObject({ purpose: 'etias-examination' });
      expect(reported.events[0]!.recordRefs).toContain(list.hits[0]!.id);
    });
  });

  describe("the issue's target: every application of the person with a refusal alert routes", () => {
    const variants: Array<[string, Partial<CheckSubject>]> = [
      ['the exact identity', {}],
      ['Cyrillic script', { surname: 'ПЕТРОВ', givenNames: 'ИВАН' }],
      ['diacritics', { surname: 'PETRÖV', givenNames: 'IVÁN' }],
      ['one typo in the surname', { surname: 'PETRIV' }],
      ['one typo in the given name', { givenNames: 'IVEN' }],
      ['swapped name parts', { surname: 'IVAN', givenNames: 'PETROV' }],
      ['unknown day of birth', { birthDate: '1985-03-00' }],
      ['the refusal name given as the surname at birth', { surname: 'SMIRNOVA', surnameAtBirth: 'PETROV' }],
      [
        'the refusal name given as another name',
        { surname: 'SMIRNOV', givenNames: 'IVAN', otherNames: ['PETROV'] },
      ],
      [
        'another document',
        { document: { type: 'P', number: '759999999', issuingState: 'RUS', expiry: '2032-01-01' } },
      ],
    ];
    for (const [label, over] of variants) {
      it(`under ${label}`, async () => {
        const { hits } = await run({
          document: { type: 'P', number: '751234567', issuingState: 'RUS', expiry: '2031-01-01' },
          ...over,
        });
        const on = routing(hits).filter((h) => h.recordRef === `sis:${ids.refusal}`);
        expect(on).toHaveLength(1);
        expect(['SIS_REFUSAL_ALERT', 'SIS_POSSIBLE_MATCH']).toContain(on[0]!.rule);
        expect(on[0]).toMatchObject({ memberState: 'IT', refusalGround: 'sis-refusal' });
      });
    }

    it('and other people of the same name, born on another day, with another document, produce no hit', async () => {
      for (const birthDate of ['1991-08-02', '1985-09-30', '1962-03-14']) {
        const { hits } = await run({
          birthDate,
          document: { type: 'P', number: '760000042', issuingState: 'RUS', expiry: '2031-01-01' },
        });
        expect(hits, birthDate).toEqual([]);
      }
    });
  });

  describe('Greek and Arabic names against Latin alerts (ICAO 9303 transliteration)', () => {
    it('routes a Greek-script and an Arabic-script application of persons with refusal alerts', async () => {
      await enter(
        'greek',
        base({
          person: {
            surname: 'PAPADOPOULOS',
            givenNames: 'GEORGIOS',
            birthDate: '1970-07-07',
            sex: 'M',
            nationalities: ['USA'],
          },
        }),
      );
      await enter(
        'arabic',
        base({
          person: {
            surname: 'HASSAN',
            givenNames: 'AHMED',
            birthDate: '1982-12-01',
            sex: 'M',
            nationalities: ['EGY'],
          },
        }),
      );
      const greek = await run({
        surname: 'ΠΑΠΑΔΟΠΟΥΛΟΣ',
        givenNames: 'ΓΕΩΡΓΙΟΣ',
        birthDate: '1970-07-07',
        nationalities: ['USA'],
      });
      expect(routing(greek.hits).map((h) => h.recordRef)).toEqual([`sis:${ids.greek}`]);
      const arabic = await run({
        surname: 'حسن',
        givenNames: 'أحمد',
        birthDate: '1982-12-01',
        nationalities: ['EGY'],
      });
      expect(routing(arabic.hits).map((h) => h.recordRef)).toEqual([`sis:${ids.arabic}`]);
    });
  });

  describe('Cyrillic names of the shared transliteration vectors', () => {
    it('routes an application written in Cyrillic of each Serbian name vector to the Latin refusal alert', async () => {
      const vectors = readSharedJson<{
        vectors: Array<{ input: string; expected_mrz_name_field: string; script: string }>;
      }>('icao-transliteration', 'transliteration_test_vectors.json').vectors.filter(
        (v) => v.script.startsWith('Cyrillic') && /^[A-Z]+$/u.test(v.expected_mrz_name_field),
      );
      expect(vectors.length).toBeGreaterThan(0);
      for (const [i, v] of vectors.entries()) {
        const birthDate = `1966-02-${String(10 + i).padStart(2, '0')}`;
        await enter(
          `vector${i}`,
          base({
            person: {
              surname: v.expected_mrz_name_field,
              givenNames: 'ZORAN',
              birthDate,
              sex: 'M',
              nationalities: ['SRB'],
            },
          }),
        );
        const { hits } = await run({
          surname: v.input,
          givenNames: 'ЗОРАН',
          birthDate,
          nationalities: ['SRB'],
          document: { type: 'P', number: `01000${i}`, issuingState: 'SRB', expiry: '2030-01-01' },
        });
        expect(
          routing(hits).map((h) => h.recordRef),
          v.input,
        ).toEqual([`sis:${ids[`vector${i}`]}`]);
      }
    });
  });
});
