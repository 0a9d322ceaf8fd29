import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import type { Actor } from '../../contexts/access/index.ts';
import { generateMrzOrThrow } from '../../contexts/identity/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createDemoWorld, planDemoWorld, thingsToTry, type PlannedTraveller } from '../demo/index.ts';
import { eesBorderStep, sisBorderStep } from '../../systems/index.ts';
import type { BorderCheckResult } from './model.ts';
import { BorderCheck } from './service.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

function passport(number: string, expiry = '300101'): string {
  return generateMrzOrThrow({
    format: 'TD3',
    documentCode: 'P',
    issuingState: 'USA',
    surname: 'HARRIS',
    givenNames: 'EMILY ROSE',
    documentNumber: number,
    nationality: 'USA',
    birthDate: '900214',
    sex: 'F',
    expiryDate: expiry,
  }).lines.join('\n');
}

/** TD3 line 2, position 20: the check digit of the date of birth. */
function corruptBirthCheckDigit(mrz: string): string {
  const [l1, l2] = mrz.split('\n') as [string, string];
  const digit = String((Number(l2[19]) + 1) % 10);
  return `${l1}\n${l2.slice(0, 19)}${digit}${l2.slice(20)}`;
}

describeEachDatabase('BorderCheck', (tier) => {
  let s: TestServices;
  let guard: Actor;
  const clock = new ManualClock('2026-01-05T09:00:00Z');
  const purpose = 'border-control';

  beforeEach(async () => {
    clock.set('2026-01-05T09:00:00Z');
    s = await createTestServices(tier, { clock });
    guard = await s.access.authenticate((await newUser(s, 'border')).token);
  });
  afterEach(async () => {
    await s.close();
  });

  async function fileWithStays(number: string, stays: Array<[string, string | null]>): Promise<string> {
    const { value: file } = await s.ees.createFile({
      actor: guard,
      purpose,
      input: {
        kind: 'visa-exempt',
        surname: 'HARRIS',
        givenNames: 'EMILY ROSE',
        birthDate: '1990-02-14',
        nationalities: ['USA'],
        sex: 'F',
        documents: [{ type: 'P', number, issuingState: 'USA', expiry: '2030-01-01' }],
        facialImageRef: 'face:harris',
        fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
      },
    });
    for (const [entry, exit] of stays) {
      clock.set(`${entry}T10:00:00Z`);
      await s.ees.recordEntry({
        actor: guard,
        purpose,
        fileId: file.id,
        input: { at: `${entry}T10:00:00Z`, bcpId: 'FI-HEL' },
      });
      if (exit) {
        clock.set(`${exit}T10:00:00Z`);
        await s.ees.recordExit({
          actor: guard,
          purpose,
          fileId: file.id,
          input: { at: `${exit}T10:00:00Z`, bcpId: 'FI-HEL' },
        });
      }
    }
    return file.id;
  }

  describe('run', () => {
    it('says "no EES file: first entry" for a traveller EES does not know', async () => {
      const r = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: { mrz: passport('Z10000001'), bcpId: 'FI-HEL' },
      });
      expect(r.document.valid).toBe(true);
      expect(r.holder).toMatchObject({ surname: 'HARRIS', birthDate: '1990-02-14', issuingState: 'USA' });
      // A US citizen needs an ETIAS travel authorisation; in the transitional period (art. 83(1)) its absence
      // only informs.
      expect(r.findings.map((f) => f.code).sort()).toEqual(['EES_NO_FILE', 'ETIAS_MISSING', 'SIS_NO_HIT']);
      expect(r.findings.find((f) => f.code === 'ETIAS_MISSING')?.level).toBe('info');
      expect(r.verdict).toBe('proceed');
    });

    it('finds the file by document and tells how long the traveller may stay', async () => {
      await fileWithStays('Z10000002', [['2025-10-01', '2025-10-30']]);
      clock.set('2026-01-05T09:00:00Z');
      const r = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: { mrz: passport('Z10000002'), bcpId: 'FI-HEL' },
      });
      const may = r.findings.find((f) => f.code === 'EES_MAY_STAY');
      // 30 days used in the window ending 2026-01-05, so 60 remain at first; old days drop out as the stay goes on.
      expect(may?.message).toMatch(/May stay up to \d+ day/);
      expect(r.verdict).toBe('proceed');
      expect(r.ees.file?.history.records).toHaveLength(1);
    });

    it('suggests refusal when the intended stay would break 90/180, naming the first day it would', async () => {
      await fileWithStays('Z10000003', [['2025-09-20', '2025-12-10']]);
      clock.set('2026-01-05T09:00:00Z');
      const r = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: { mrz: passport('Z10000003'), bcpId: 'FI-HEL', intendedExit: '2026-03-01' },
      });
      const f = r.findings.find((x) => x.code === 'EES_STAY_WOULD_EXCEED');
      expect(f?.level).toBe('stop');
      expect(f?.refusalGround).toBe('F');
      expect(f?.message).toMatch(/would exceed the authorised stay on \d{4}-\d{2}-\d{2}/);
      expect(f?.message).toContain(`on ${String(f?.params?.exceedsOn)}:`);
      expect(r.verdict).toBe('refusal-suggested');
    });

    it('stops on an expired document and warns when it expires within three months', async () => {
      const expired = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: { mrz: passport('Z10000004', '251231'), bcpId: 'FI-HEL' },
      });
      expect(expired.findings[0]).toMatchObject({
        code: 'DOCUMENT_EXPIRED',
        level: 'stop',
        refusalGround: 'A',
        // The figures of the text, so that an interface can say it in its own language.
        params: { until: '2025-12-31' },
      });
      const soon = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: { mrz: passport('Z10000005', '260301'), bcpId: 'FI-HEL' },
      });
      expect(soon.findings.map((f) => f.code)).toContain('DOCUMENT_EXPIRES_SOON');
      expect(soon.verdict).toBe('attention');
    });

    it('repairs OCR look-alikes with the check digits and says so', async () => {
      const good = passport('Z10000006');
      const misread = good.replace('Z10000006', 'Z1O000006');
      const r = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: { mrz: misread, bcpId: 'FI-HEL' },
      });
      expect(r.document.valid).toBe(true);
      expect(r.holder?.documentNumber).toBe('Z10000006');
      expect(r.findings.map((f) => f.code)).toContain('DOCUMENT_MRZ_REPAIRED');
      const repaired = r.findings.find((f) => f.code === 'DOCUMENT_MRZ_REPAIRED');
      expect(repaired?.params?.count).toBe(r.document.corrections.length);
      expect(repaired?.params?.corrections).toMatch(/^\w+: \S+→\S+$/u);
    });

    it('answers an unreadable MRZ with the field in error, and an unknown crossing point with a 404 code', async () => {
      const r = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: {
          mrz: corruptBirthCheckDigit(passport('Z10000007')),
          bcpId: 'FI-HEL',
          autocorrect: false,
        },
      });
      expect(r.document.valid).toBe(false);
      expect(r.verdict).toBe('unreadable');
      expect(r.findings[0]?.code).toBe('DOCUMENT_MRZ_INVALID');
      expect(r.document.problems.map((p) => p.field)).toContain('birthDateCheckDigit');
      await expect(
        s.borderCheck.run({ actor: guard, purpose, request: { mrz: passport('Z1'), bcpId: 'XX-NOWHERE' } }),
      ).rejects.toMatchObject({ code: 'BORDER_CHECK_UNKNOWN_BCP' });
    });

    it('suggests refusal on ground H when SIS holds a refusal alert on the traveller, warning markers first', async () => {
      const sirene = await s.access.authenticate((await newUser(s, 'sirene')).token);
      await s.sis.createAlert({
        actor: sirene,
        purpose: 'alert-management',
        alert: {
          category: 'refusal',
          person: {
            surname: 'HARRIS',
            givenNames: 'EMILY ROSE',
            birthDate: '1990-02-14',
            sex: 'F',
            nationalities: ['USA'],
          },
          warningMarkers: ['violent'],
          reason: 'Entry ban under Directive 2008/115/EC',
          decisionRef: 'IT-EB-2025-77',
        },
      });
      const r = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: { mrz: passport('Z10000008'), bcpId: 'FI-HEL' },
      });
      const hit = r.findings.find((f) => f.code === 'SIS_REFUSAL_ALERT');
      expect(hit).toMatchObject({ level: 'stop', refusalGround: 'H' });
      expect(hit?.message.startsWith('WARNING: VIOLENT.')).toBe(true);
      // The parts of the text, for an interface that says it in its own language; the action as written.
      expect(hit?.params).toMatchObject({
        alertId: hit?.alertId,
        issuingState: sirene.memberState,
        markers: 'violent',
        category: 'refusal',
        via: 'person',
      });
      expect(hit?.params?.action).toEqual(expect.any(String));
      expect(hit?.params?.action).not.toBe('');
      expect(hit?.message).toContain(hit?.params?.action);
      expect(r.findings[0]?.level).toBe('stop');
      expect(r.verdict).toBe('refusal-suggested');
    });

    it('gives a possible SIS person match the calibrated probability the search portal shows', async () => {
      const sirene = await s.access.authenticate((await newUser(s, 'sirene')).token);
      const { alert } = await s.sis.createAlert({
        actor: sirene,
        purpose: 'alert-management',
        alert: {
          category: 'refusal',
          person: {
            surname: 'HARIS',
            givenNames: 'EMILY ROSE',
            birthDate: '1990-02-14',
            sex: 'F',
            nationalities: ['USA'],
          },
          reason: 'Entry ban under Directive 2008/115/EC',
          decisionRef: 'IT-EB-2025-78',
        },
      });
      const r = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: { mrz: passport('Z10000008'), bcpId: 'FI-HEL' },
      });
      const persons = (
        r.extra.sis as { persons: Array<{ alert: { alertId: string }; probability?: number }> }
      ).persons;
      const person = persons.find((p) => p.alert.alertId === alert.id);
      expect(person?.probability).toBeGreaterThan(0);
      expect(person?.probability).toBeLessThanOrEqual(1);
      const possible = r.findings.find((f) => f.code === 'SIS_POSSIBLE_PERSON_MATCH');
      expect(possible?.message).toMatch(/probability that the traveller is the alert's subject at \d/u);
      expect(possible?.params?.probability).toBeCloseTo(person?.probability ?? -1, 4);
      expect(possible?.params).toMatchObject({
        alertId: alert.id,
        issuingState: sirene.memberState,
        markers: '',
        category: 'refusal',
        via: 'person',
      });
    });

    it('checks the vehicle at a land border, tolerating a plate-reader confusion', async () => {
      const police = await s.access.authenticate((await newUser(s, 'police')).token);
      await s.sis.createAlert({
        actor: police,
        purpose: 'alert-management',
        alert: {
          category: 'object-seizure',
          object: {
            type: 'motor-vehicle',
            identifiers: [{ kind: 'plate', value: 'AB-123-CD', country: 'FRA' }],
            make: 'Peugeot',
          },

          reason: 'Stolen vehicle',
          decisionRef: 'FR-VOL-2026-1',
        },
      });
      const r = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: {
          mrz: passport('Z10000009'),
          bcpId: 'FI-VAALIMAA',
          vehiclePlate: 'AB 123 CO',
          vehicleCountry: 'FRA',
        },
      });
      const hit = r.findings.find((f) => f.code === 'SIS_VEHICLE_ALERT');
      expect(hit?.level).toBe('attention');
      expect(hit?.message).toContain('The vehicle is in SIS');
      // Read with a look-alike (O for D): the plate as read and the alert's, to compare.
      expect(hit?.params).toMatchObject({
        alertId: hit?.alertId,
        issuingState: police.memberState,
        markers: '',
        category: 'object-seizure',
        match: 'lookalike',
      });
      expect(hit?.params?.searched).not.toBe(hit?.params?.stored);
      expect(hit?.message).toContain(hit?.params?.action);
      const clean = await s.borderCheck.run({
        actor: guard,
        purpose,
        request: {
          mrz: passport('Z10000010'),
          bcpId: 'FI-VAALIMAA',
          vehiclePlate: 'XY-987-ZW',
          vehicleCountry: 'FRA',
        },
      });
      expect(clean.findings.map((f) => f.code)).toContain('SIS_NO_HIT');
    });

    it('finds a German passport holder whose MRZ says D and whose file says DEU', async () => {
      await s.ees.createFile({
        actor: guard,
        purpose,
        input: {
          kind: 'visa-exempt',
          surname: 'HARRIS',
          givenNames: 'EMILY ROSE',
          birthDate: '1990-02-14',
          nationalities: ['USA'],
          sex: 'F',
          documents: [{ type: 'P', number: 'C01X00T47', issuingState: 'D', expiry: '2030-01-01' }],
          facialImageRef: 'face:d',
          fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
        },
      });
      const mrz = generateMrzOrThrow({
        format: 'TD3',
        documentCode: 'P',
        issuingState: 'D',
        surname: 'HARRIS',
        givenNames: 'EMILY ROSE',
        documentNumber: 'C01X00T47',
        nationality: 'USA',
        birthDate: '900214',
        sex: 'F',
        expiryDate: '300101',
      }).lines.join('\n');
      const r = await s.borderCheck.run({ actor: guard, purpose, request: { mrz, bcpId: 'DE-FRA' } });
      expect(r.ees.file?.file.documents[0]).toMatchObject({ issuingState: 'DEU', number: 'C01X00T47' });
      expect(r.findings.map((f) => f.code)).not.toContain('EES_NO_FILE');
    });

    it('is refused to a police officer', async () => {
      const police = await s.access.authenticate((await newUser(s, 'police')).token);
      await expect(
        s.borderCheck.run({
          actor: police,
          purpose: 'police-identity-check',
          request: { mrz: passport('Z1'), bcpId: 'FI-HEL' },
        }),
      ).rejects.toMatchObject({ code: 'ACCESS_PERMISSION_DENIED' });
    });
  });
});

/**
 * The demo world's cases (README "things to try"), checked as a guard checks them on the demo's day: what
 * the check says must agree with the panel next to it and with the law it cites.
 */
describeEachDatabase('BorderCheck on the demo world', (tier) => {
  const NOW = '2026-05-15T10:00:00Z';
  const plan = planDemoWorld({ seed: 'interlink-demo', today: '2026-05-15' });
  let s: TestServices;
  let guard: Actor;
  const purpose = 'border-control';
  const traveller = (role: PlannedTraveller['roles'][number], nationality?: string): PlannedTraveller =>
    plan.travellers.find(
      (t) => t.roles.includes(role) && (nationality === undefined || t.identity.nationality === nationality),
    )!;
  const check = (t: PlannedTraveller, bcpId: string): Promise<BorderCheckResult> =>
    s.borderCheck.run({ actor: guard, purpose, request: { mrz: t.identity.mrz.join('\n'), bcpId } });
  const hitsOf = async (memberState: string) => {
    const sirene = await s.access.authenticate((await newUser(s, 'sirene', { memberState })).token);
    return (await s.sis.listHits({ actor: sirene, purpose: 'sirene-exchange', open: true })).hits;
  };

  beforeAll(async () => {
    s = await createTestServices(tier, { clock: new ManualClock(NOW) });
    await createDemoWorld(s);
    guard = await s.access.authenticate((await newUser(s, 'border', { memberState: 'DE' })).token);
  }, 180_000);
  afterAll(async () => {
    await s.close();
  });

  it('shows the discreet check at DE-FRA as discreet, with the art. 37 list, and no stop', async () => {
    const r = await check(traveller('sis-discreet-check'), 'DE-FRA');
    expect(r.findings.filter((f) => f.level === 'stop')).toEqual([]);
    expect(r.findings.map((f) => f.code)).not.toContain('SIS_DOCUMENT_ALERT');
    expect(r.findings.some((f) => f.refusalGround !== undefined)).toBe(false);
    const discreet = r.findings.filter((f) => f.discreet === true);
    expect(discreet).toHaveLength(1);
    expect(discreet[0]).toMatchObject({ code: 'SIS_DISCREET_CHECK', level: 'info' });
    expect(discreet[0]!.message).toContain('do not inform the person');
    // No category for a discreet check: what it is stays covert; the issuing state's action as written.
    expect(discreet[0]!.params).toMatchObject({
      alertId: discreet[0]!.alertId,
      issuingState: 'FR',
      category: '',
      on: expect.stringMatching(/^(person|document)$/u) as string,
    });
    expect(discreet[0]!.message).toContain(discreet[0]!.params?.action);
    expect(discreet[0]!.informationToCollect).toContain('route and destination of the journey');
    expect(discreet[0]!.informationToCollect).toContain('place, time and reason of the check');
    // The other findings (an exit, nothing else) give the verdict.
    expect(r.verdict).toBe('proceed');
  });

  it("reports the discreet-check hit to the issuing state's SIRENE hit list with the check's audit record", async () => {
    const r = await check(traveller('sis-discreet-check'), 'DE-FRA');
    const finding = r.findings.find((f) => f.discreet === true)!;
    expect(finding.hitId).toMatch(/^hit_/);
    const hits = await hitsOf('FR');
    const hit = hits.find((h) => h.id === finding.hitId);
    expect(hit).toMatchObject({ alertId: finding.alertId, reportingState: 'DE', discreet: true });
    expect(hit!.place).toContain('DE-FRA');
    // The screen checks again after each record: the same encounter stays one hit in the SIRENE list.
    const again = await check(traveller('sis-discreet-check'), 'DE-FRA');
    expect(again.findings.find((f) => f.discreet === true)?.hitId).toBe(finding.hitId);
    expect((await hitsOf('FR')).filter((h) => h.alertId === finding.alertId)).toHaveLength(1);
    const dpo = await s.access.authenticate((await newUser(s, 'data-protection')).token);
    const { events } = await s.audit.list({
      actor: dpo,
      purpose: 'data-protection-audit',
      filter: { operation: 'border-check.run', limit: 5 },
    });
    expect(events.some((e) => e.recordRefs.includes(finding.hitId!))).toBe(true);
    // The step's own data shows the hit it recorded.
    expect((r.extra.sis as { hits: unknown[] }).hits).toEqual([
      { alertId: finding.alertId, hitId: finding.hitId, replyDueAt: expect.any(String) as string },
    ]);
  });

  it('takes a new system as one more step: its findings and data, recorded with the check', async () => {
    // A check of its own, so that the step plugged in here stays out of the other tests.
    const borderCheck = new BorderCheck({ audit: s.audit, clock: s.clock, database: s.database });
    borderCheck.addStep(eesBorderStep(s.ees));
    borderCheck.addStep(sisBorderStep(s.sis));
    const seen: string[] = [];
    let recorded = 0;
    borderCheck.addStep({
      system: 'mid',
      run: (ctx) => {
        seen.push(...Object.keys(ctx));
        return Promise.resolve({
          findings: [
            { system: 'mid', level: 'attention', code: 'MID_RED_LINK', message: 'A red link to verify.' },
          ],
          data: { links: null },
          record: () => {
            recorded += 1;
            return Promise.resolve();
          },
        });
      },
    });
    const t = traveller('sis-discreet-check');
    const r = await borderCheck.run({
      actor: guard,
      purpose,
      request: { mrz: t.identity.mrz.join('\n'), bcpId: 'DE-FRA' },
    });
    expect(r.extra.mid).toEqual({ links: null });
    expect(r.findings.find((f) => f.system === 'mid')).toMatchObject({ code: 'MID_RED_LINK' });
    expect(r.verdict).toBe('attention');
    expect(r.extra.sis).toBeDefined();
    expect(r.ees.file).not.toBeNull();
    expect(recorded).toBe(1);
    // A step sees the traveller, never the shared result the other systems fill in.
    expect(seen).toContain('holder');
    expect(seen).not.toContain('result');
    expect(() => borderCheck.addStep(sisBorderStep(s.sis))).toThrow(/already/u);
  });

  it('judges a SIS refusal alert as ground H, not as a travel document in SIS, and reports the hit', async () => {
    const r = await check(traveller('sis-refusal-alert'), 'DE-FRA');
    const refusal = r.findings.filter((f) => f.system === 'sis');
    expect(refusal.map((f) => f.code)).toEqual(['SIS_REFUSAL_ALERT']);
    expect(refusal[0]).toMatchObject({ level: 'stop', refusalGround: 'H' });
    expect(refusal[0]!.message).not.toContain('travel document is in SIS');
    expect(refusal[0]!.params).toMatchObject({ alertId: refusal[0]!.alertId, category: 'refusal' });
    expect(r.findings.some((f) => f.refusalGround === 'A')).toBe(false);
    expect(r.verdict).toBe('refusal-suggested');
    expect((await hitsOf('DE')).some((h) => h.id === refusal[0]!.hitId)).toBe(true);
  });

  it('asks to see a visa of visa-required nationals (DZA, MAR), never "may stay" on the 90 days alone', async () => {
    for (const t of [traveller('refused', 'DZA'), traveller('visitor', 'MAR')]) {
      const r = await check(t, 'FR-CDG');
      const codes = r.findings.map((f) => f.code);
      expect(
        codes.some((c) => c === 'VISA_REQUIRED' || c === 'VISA_RECORDED'),
        t.identity.nationality,
      ).toBe(true);
      const visa = r.findings.find((f) => f.code.startsWith('VISA_'))!;
      expect(visa.message).toContain('Annex I');
      if (visa.code === 'VISA_REQUIRED') {
        // The country also by its ISO code, for an interface that names it in its own language.
        expect(visa.params?.countryCode).toBe(t.identity.nationality === 'MAR' ? 'MA' : 'DZ');
        expect(r.verdict).not.toBe('proceed');
        expect(r.findings.find((f) => f.code === 'EES_MAY_STAY')?.message ?? '').toContain('visa');
      }
    }
  });

  it('does not warn at exit about a passport expiring within three months, nor suggest ground A', async () => {
    const t = plan.travellers.find(
      (x) => x.roles.includes('present') && x.events.at(-1)?.bcpId === 'FI-HEL',
    )!;
    expect(t.identity.expiryDate < '2026-08-15').toBe(true);
    const r = await check(t, 'FI-HEL');
    expect(r.findings.map((f) => f.code)).toContain('EES_PRESENT');
    const soon = r.findings.find((f) => f.code === 'DOCUMENT_EXPIRES_SOON');
    expect(soon?.level).toBe('info');
    // Said as an exit in every language, not only in the server's English.
    expect(soon?.params?.atExit).toBe('yes');
    expect(r.findings.some((f) => f.refusalGround === 'A')).toBe(false);
    expect(r.verdict).toBe('proceed');
  });

  it('says the used single-entry visa ends the stay, not "90 days already used", next to 14 days used', async () => {
    const r = await check(traveller('visa-used', 'CHN'), 'FR-CDG');
    expect(r.ees.file?.stay?.control?.daysUsed).toBe(14);
    expect(r.findings.map((f) => f.message).join(' ')).not.toMatch(/90 days already used/);
    expect(r.findings.map((f) => f.code)).not.toContain('EES_NO_DAYS_LEFT');
    expect(r.findings.find((f) => f.code === 'EES_VISA_USED')).toMatchObject({
      level: 'attention',
      refusalGround: 'C',
    });
  });

  it('ends the authorised stay of a visitor on the passport expiry date when the passport expires first', async () => {
    const t = plan.travellers.find(
      (x) =>
        x.roles.includes('visitor') &&
        x.identity.expiryDate > '2026-05-15' &&
        x.identity.expiryDate < '2026-08-01',
    )!;
    const r = await check(t, 'FI-HEL');
    const may = r.findings.find((f) => f.code === 'EES_MAY_STAY');
    expect(may?.params).toMatchObject({ until: t.identity.expiryDate, limit: 'DOCUMENT_EXPIRY' });
    expect(may?.message).toContain("limited by the travel document's expiry date");
    const longer = await s.borderCheck.run({
      actor: guard,
      purpose,
      request: { mrz: t.identity.mrz.join('\n'), bcpId: 'FI-HEL', intendedExit: '2026-08-10' },
    });
    expect(longer.findings.find((f) => f.code === 'EES_STAY_WOULD_EXCEED')).toMatchObject({
      level: 'stop',
      refusalGround: 'A',
    });
  });

  it('answers "hello world" as an MRZ with "cannot read: re-scan", not with a refusal', async () => {
    const r = await s.borderCheck.run({
      actor: guard,
      purpose,
      request: { mrz: 'hello world', bcpId: 'FI-HEL' },
    });
    expect(r.verdict).toBe('unreadable');
    expect(r.holder).toBeNull();
    expect(r.findings.some((f) => f.level === 'stop' || f.refusalGround !== undefined)).toBe(false);
    expect(r.findings[0]).toMatchObject({ code: 'DOCUMENT_MRZ_INVALID', level: 'attention' });
    expect(r.findings[0]?.message).toMatch(/re-scan/);
  });

  it('never writes "day(s)", "time(s)" or a calculator code into a finding', async () => {
    const near = await check(traveller('near-limit'), 'FI-HEL');
    expect(near.findings.find((f) => f.code === 'EES_MAY_STAY')?.message).toMatch(
      /^May stay up to \d+ days, until \d{4}-\d{2}-\d{2}, limited by the 90\/180-day rule\./,
    );
    for (const t of thingsToTry(plan).filter((x) => x.mrz !== undefined)) {
      const r = await s.borderCheck.run({ actor: guard, purpose, request: { mrz: t.mrz!, bcpId: t.bcpId! } });
      expect(r.findings.map((f) => f.message).join(' '), t.title).not.toMatch(
        /\(s\)|RULE_90_180|VISA_[A-Z]+|DOCUMENT_EXPIRY|EXTENSION|DECISION/,
      );
    }
  });
});
