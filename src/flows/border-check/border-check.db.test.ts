import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/support/builders.ts';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import type { Actor } from '../../contexts/access/index.ts';
import { generateMrzOrThrow } from '../../contexts/identity/index.ts';
import { ManualClock } from '../../platform/clock.ts';

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
      expect(r.findings.map((f) => f.code).sort()).toEqual(['EES_NO_FILE', 'SIS_NO_HIT']);
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
      expect(f?.message).toMatch(/would exceed the 90\/180 rule on \d{4}-\d{2}-\d{2}/);
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
      expect(r.verdict).toBe('refusal-suggested');
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
      expect(r.findings[0]?.level).toBe('stop');
      expect(r.verdict).toBe('refusal-suggested');
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
