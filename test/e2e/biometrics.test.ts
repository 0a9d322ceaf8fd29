import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Actor } from '../../src/contexts/access/index.ts';
import { generateMrzOrThrow } from '../../src/contexts/identity/index.ts';
import { SyntheticBiometrics, type TemplateInput } from '../../src/contexts/sbms/index.ts';
import en from '../../web/src/messages/en.json' with { type: 'json' };
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { apiToken, demoActor, seriousAccessibilityViolations, signIn } from './helpers.ts';

/**
 * The biometric screens (issue 15): Eurodac registration from a capture file with its hits, the fingerprint
 * expert's comparison and verification of a hit, and the live capture in the border check (EES 1:1 and 1:N,
 * SIS). Capture files are written by the synthetic generator into a temporary directory, as a capture device's
 * extractor would write them, and chosen in the file field as an officer would.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let captures: string;

const synthetic = new SyntheticBiometrics();
/** The fingers EES takes (the right hand's four, EES art. 17(1)(b)). */
const RIGHT_FINGERS = [2, 3, 4, 5];

/** Writes a capture file and returns its path. */
function captureFile(name: string, content: unknown): string {
  const file = path.join(captures, `${name}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

/** A Eurodac capture: the ten fingers and the face of a person, as `{ fingerprints, face }`. */
function eurodacCapture(person: string, capture: number, quality = 80) {
  return {
    fingerprints: synthetic.fingers(person, undefined, { capture, quality }),
    face: synthetic.face(person, { capture, quality }),
  };
}

/** A live capture at the booth: the face and the right hand's four fingers, as a plain list. */
function liveCapture(person: string, capture: number): TemplateInput[] {
  return [synthetic.face(person, { capture }), ...synthetic.fingers(person, RIGHT_FINGERS, { capture })];
}

async function openScreen(label: string, heading: string): Promise<void> {
  await page
    .getByRole('navigation', { name: en['shell.navigation'] })
    .getByRole('link', { name: label })
    .click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Loads a capture file in the screen's file field and waits for its templates to be listed. */
async function loadCapture(file: string, templates: number): Promise<void> {
  await page.getByTestId('capture-file-input').setInputFiles(file);
  await expect.poll(() => page.getByTestId('capture-template').count()).toBe(templates);
}

describeBrowser('Biometric screens: Eurodac and the live capture at the border', () => {
  beforeAll(async () => {
    ensureWebBundle();
    captures = mkdtempSync(path.join(tmpdir(), 'interlink-captures-'));
    server = await startTestServer();
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(captures, { recursive: true, force: true });
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Athens' });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  describe('Eurodac: registration and the fingerprint expert', () => {
    /** A select of the form by its label (Mantine's select is a combobox; its multiple form a textbox). */
    const field = (label: string) =>
      page
        .getByRole('combobox', { name: label })
        .or(page.getByRole('textbox', { name: label }))
        .first();

    async function chooseCategory(label: string): Promise<void> {
      await field(en['eurodac.register.category']).click();
      await page.getByRole('option', { name: label }).click();
    }

    /** Fills the identity, whole (the API takes its five fields together). */
    async function fillIdentity(surname: string, givenNames: string, birthDate: string): Promise<void> {
      await page.getByRole('textbox', { name: en['eurodac.identity.surname'] }).fill(surname);
      await page.getByRole('textbox', { name: en['eurodac.identity.givenNames'] }).fill(givenNames);
      await page.getByTestId('eurodac-birth-date').fill(birthDate);
      await page.getByTestId('eurodac-birth-date').press('Tab');
      await field(en['eurodac.identity.sex']).click();
      await page.getByRole('option', { name: en['etias.apply.sex.F'] }).click();
      const nationalities = field(en['eurodac.identity.nationalities']);
      await nationalities.fill('Syria');
      await page.getByRole('option', { name: /Syria/ }).first().click();
      await page.keyboard.press('Escape');
    }

    it('registers a person from a capture file: each template listed with its quality, then the dataset and no hit', async () => {
      await signIn(page, server.url, 'asylum.gr');
      await openScreen(en['eurodac.register.nav'], en['eurodac.register.title']);
      await chooseCategory(en['eurodac.category.applicant']);
      await loadCapture(captureFile('nadia-0', eurodacCapture('nadia', 0)), 11);
      const rows = page.getByTestId('capture-template');
      // The face first, then the fingers by ISO position, each with its quality.
      expect(await rows.first().getByRole('cell').first().textContent()).toBe(en['biometrics.face']);
      expect(await rows.nth(2).getByRole('cell').first().textContent()).toBe(
        `${en['biometrics.finger.2']} (2)`,
      );
      expect(await rows.nth(2).locator('[data-col="quality"]').textContent()).toBe('80 of 100');
      await fillIdentity('Haddad', 'Nadia', '1994-04-12');
      await page.getByRole('button', { name: en['eurodac.register.submit'] }).click();
      await page.getByTestId('registration-result').waitFor();
      expect(await page.getByTestId('dataset-id').textContent()).toMatch(/\S{8,}/);
      expect(await page.getByTestId('no-hit').textContent()).toBe(en['eurodac.register.noHit']);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });

    it('refuses a finger captured below the minimum quality, and says which one to capture again', async () => {
      await signIn(page, server.url, 'asylum.gr');
      await openScreen(en['eurodac.register.nav'], en['eurodac.register.title']);
      await chooseCategory(en['eurodac.category.irregular-crossing']);
      const fingerprints = synthetic.fingers('omar', undefined, { capture: 0 });
      fingerprints[6] = synthetic.finger('omar', 7, { quality: 20 });
      await loadCapture(captureFile('omar-low', fingerprints), 10);
      await page.getByRole('button', { name: en['eurodac.register.submit'] }).click();
      const refused = page.locator('[data-testid="capture-template"][data-state="low-quality"]');
      await refused.waitFor();
      expect(await refused.count()).toBe(1);
      expect(await refused.getAttribute('data-position')).toBe('7');
      expect(await refused.getByTestId('template-problem').textContent()).toBe(
        en['biometrics.template.lowQuality.detail'].replace('{quality}', '20'),
      );
      expect(await page.getByRole('alert').first().textContent()).toContain(
        en['eurodac.register.refusedTemplates'],
      );
      expect(await page.getByTestId('registration-result').count()).toBe(0);
    });

    it('registers the same person again from a new capture: a hit, verified by the expert side by side', async () => {
      await signIn(page, server.url, 'asylum.gr');
      await openScreen(en['eurodac.register.nav'], en['eurodac.register.title']);
      // Another person first: no hit.
      await chooseCategory(en['eurodac.category.applicant']);
      await loadCapture(captureFile('samir-0', eurodacCapture('samir', 0)), 11);
      await page.getByRole('button', { name: en['eurodac.register.submit'] }).click();
      await page.getByTestId('no-hit').waitFor();
      // Rania is registered, then registered again from a new capture (another capture number).
      await page.getByRole('button', { name: en['eurodac.register.next'] }).click();
      await chooseCategory(en['eurodac.category.irregular-crossing']);
      await loadCapture(captureFile('rania-0', eurodacCapture('rania', 0)), 11);
      await fillIdentity('Khalil', 'Rania', '1990-01-20');
      await page.getByRole('button', { name: en['eurodac.register.submit'] }).click();
      await page.getByTestId('no-hit').waitFor();
      const first = (await page.getByTestId('dataset-id').textContent()) ?? '';
      await page.getByRole('button', { name: en['eurodac.register.next'] }).click();
      await expect.poll(() => page.getByTestId('registration-result').count()).toBe(0);
      await chooseCategory(en['eurodac.category.applicant']);
      await loadCapture(captureFile('rania-1', eurodacCapture('rania', 1, 70)), 11);
      await page.getByRole('button', { name: en['eurodac.register.submit'] }).click();
      const hit = page.getByTestId('registration-hit');
      await hit.waitFor();
      expect(await hit.count()).toBe(1);
      expect(await hit.getAttribute('data-dataset-id')).toBe(first);
      expect(await hit.locator('[data-col="memberState"]').textContent()).toBe('Greece (GR)');
      expect(await hit.locator('[data-col="category"]').textContent()).toBe(
        en['eurodac.category.irregular-crossing'],
      );
      expect(
        Number((await hit.locator('[data-col="score"]').textContent())?.replace(/,/g, '')),
      ).toBeGreaterThan(0);
      const second = (await page.getByTestId('dataset-id').textContent()) ?? '';

      // The hit waits in the queue of the state of origin for a fingerprint expert (art. 38).
      await page.getByRole('link', { name: en['eurodac.register.openQueue'] }).click();
      await page.getByRole('heading', { level: 1, name: en['eurodac.hits.title'] }).waitFor();
      const row = page.getByTestId('eurodac-hit-row');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.locator('[data-col="matched"]').textContent()).toContain('Greece (GR)');
      await row.getByRole('link', { name: en['eurodac.hits.compare'] }).click();
      await page.getByRole('heading', { level: 1, name: en['eurodac.compare.title'] }).waitFor();

      // Both datasets side by side, with the identity this state may see.
      expect(await page.getByTestId('dataset-ours-id').textContent()).toBe(second);
      expect(await page.getByTestId('dataset-theirs-id').textContent()).toBe(first);
      expect(await page.getByTestId('dataset-theirs-surname').locator('dd').textContent()).toBe('Khalil');
      expect(await page.getByTestId('dataset-ours-surname').locator('dd').textContent()).toBe('—');
      // A score per finger and for the face, with both qualities; the fused decision.
      const scores = page.getByTestId('template-score');
      expect(await scores.count()).toBe(11);
      const face = page.locator('[data-testid="template-score"][data-modality="face"]');
      expect(await face.locator('[data-col="probeQuality"]').textContent()).toBe('70');
      expect(await face.locator('[data-col="storedQuality"]').textContent()).toBe('80');
      expect(Number(await face.locator('[data-col="score"]').textContent())).toBeGreaterThan(0.4);
      expect(await page.getByTestId('fused-result').getAttribute('data-decision')).toBe('match');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // A reason is required; then the expert confirms.
      await page.getByRole('button', { name: en['eurodac.verify.submit'] }).click();
      expect(await page.getByText(en['eurodac.verify.decisionRequired']).count()).toBe(1);
      expect(await page.getByText(en['eurodac.verify.reasonRequired']).count()).toBe(1);
      await page.getByRole('radio', { name: en['eurodac.verify.confirm'] }).check();
      await page
        .getByRole('textbox', { name: en['eurodac.verify.reason'] })
        .fill('Ten fingers compared: ridge detail agrees on all of them.');
      await page.getByRole('button', { name: en['eurodac.verify.submit'] }).click();
      await page.getByTestId('verification').waitFor();
      expect(await page.getByTestId('verification').getAttribute('data-outcome')).toBe('confirmed');
      expect(await page.getByTestId('verification-reason').textContent()).toBe(
        'Ten fingers compared: ridge detail agrees on all of them.',
      );
      expect(await page.getByTestId('eurodac-hit').getAttribute('data-state')).toBe('confirmed');

      // The queue of hits to verify is empty again; the hit is among the confirmed ones.
      await page.getByRole('link', { name: en['eurodac.compare.back'] }).click();
      await page.getByRole('heading', { level: 1, name: en['eurodac.hits.title'] }).waitFor();
      await expect.poll(() => page.getByTestId('table-summary').textContent()).toBe(en['eurodac.hits.none']);
      await field(en['eurodac.hits.filter.state']).click();
      await page.getByRole('option', { name: en['eurodac.hit.state.confirmed'] }).click();
      await expect.poll(() => page.getByTestId('eurodac-hit-row').count()).toBe(1);
    });
  });

  describe('The live capture in the border check', () => {
    let guard: Actor;

    /** A US passport MRZ for a traveller of our own making. */
    function passport(documentNumber: string, surname: string, givenNames: string, birth = '880305'): string {
      return generateMrzOrThrow({
        format: 'TD3',
        documentCode: 'P',
        issuingState: 'USA',
        surname,
        givenNames,
        documentNumber,
        nationality: 'USA',
        birthDate: birth,
        sex: 'F',
        expiryDate: '400101',
      }).lines.join('\n');
    }

    /** An EES file with the traveller's enrolled face and four fingers. */
    async function seedFile(person: string, documentNumber: string, surname: string, givenNames: string) {
      const { value: file } = await server.services.ees.createFile({
        actor: guard,
        purpose: 'border-control',
        input: {
          kind: 'visa-exempt',
          surname,
          givenNames,
          birthDate: '1988-03-05',
          nationalities: ['USA'],
          sex: 'F',
          documents: [{ type: 'P', number: documentNumber, issuingState: 'USA', expiry: '2040-01-01' }],
          facialImageRef: `face:${documentNumber}`,
          fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
          biometrics: [synthetic.face(person), ...synthetic.fingers(person, RIGHT_FINGERS)],
        },
      });
      return file.id;
    }

    let sisAlertId = '';

    beforeAll(async () => {
      guard = await demoActor(server, 'border.fi');
      await seedFile('ana', 'BA1000001', 'WALKER', 'ANA');
      await seedFile('bella', 'BB1000001', 'MORENO', 'BELLA');
      // A SIS refusal alert with the face of Vera, entered by the Italian SIRENE Bureau.
      const answer = await fetch(new URL('/api/v1/sis/alerts', server.url), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${await apiToken(server.url, 'sirene.it')}`,
          'X-Interlink-Purpose': 'alert-management',
        },
        body: JSON.stringify({
          category: 'refusal',
          person: { surname: 'KOVAC', givenNames: 'VERA', birthDate: '1979-07-07', sex: 'F' },
          reason: 'Entry ban after a return decision',
          decisionRef: 'IT-BAN-BIO-1',
          biometrics: [synthetic.face('vera')],
        }),
      });
      expect(answer.status, await answer.clone().text()).toBe(201);
      sisAlertId = ((await answer.json()) as { id: string }).id;
    });

    async function openBorderCheck(): Promise<void> {
      await signIn(page, server.url, 'border.fi');
      await openScreen(en['nav.borderCheck'], en['border.title']);
      await expect.poll(() => page.getByRole('button', { name: en['border.check'] }).isEnabled()).toBe(true);
    }

    async function checkWith(mrz: string, capture: string, templates: number): Promise<void> {
      await page.getByRole('button', { name: en['border.next'] }).click();
      await page.getByRole('textbox', { name: en['mrz.label'] }).fill(mrz);
      await loadCapture(capture, templates);
      await page.getByRole('button', { name: en['border.check'] }).click();
      await page.getByTestId('biometric-results').waitFor();
    }

    const result = (outcome: string) =>
      page.locator(`[data-testid="biometric-result"][data-outcome="${outcome}"]`);

    it('verifies the traveller against the EES file, and shows a mismatch when the capture is someone else', async () => {
      await openBorderCheck();
      await checkWith(
        passport('BA1000001', 'WALKER', 'ANA'),
        captureFile('ana-live', liveCapture('ana', 1)),
        5,
      );
      const verified = result('verified');
      await verified.waitFor();
      expect(await verified.getAttribute('data-code')).toBe('EES_BIOMETRIC_VERIFIED');
      // Explained: the finding in words, the scores per template with the live and stored qualities.
      expect(await verified.textContent()).toContain('verified against the EES file');
      expect(await verified.getByTestId('template-score').count()).toBe(5);
      expect(await verified.getByTestId('biometric-scores').textContent()).toMatch(
        /Face similarity 0\.\d\d · 4 fingerprints, mean similarity 0\.\d\d · fused score/,
      );
      expect(await page.getByTestId('biometric-probe').textContent()).toContain('Face, quality 80');
      // SIS was searched with the capture as well: no alert holds Ana's face.
      expect(await result('none').getAttribute('data-code')).toBe('SIS_NO_BIOMETRIC_MATCH');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // The same passport, another person's capture: a mismatch, to be settled at second line.
      await checkWith(
        passport('BA1000001', 'WALKER', 'ANA'),
        captureFile('impostor-live', liveCapture('imogen', 0)),
        5,
      );
      const mismatch = result('mismatch');
      await mismatch.waitFor();
      expect(await mismatch.getAttribute('data-code')).toBe('EES_BIOMETRIC_MISMATCH');
      expect(await mismatch.textContent()).toContain('does not match the EES file');
      expect(await page.locator('[data-testid="finding"][data-code="EES_BIOMETRIC_MISMATCH"]').count()).toBe(
        1,
      );
    });

    it('finds the EES file by the face when the passport is new, and names the document it is held under', async () => {
      await openBorderCheck();
      await checkWith(
        passport('BB2000002', 'MORENO', 'BELLA'),
        captureFile('bella-live', [synthetic.face('bella', { capture: 2 })]),
        1,
      );
      const identified = result('identified');
      await identified.waitFor();
      expect(await identified.count()).toBe(1);
      expect(await identified.textContent()).toContain('MORENO, BELLA');
      expect(await identified.textContent()).toContain('P BB1000001 (USA)');
      expect(await identified.getByTestId('template-score').count()).toBe(1);
      expect(await page.getByTestId('no-ees-file').count()).toBe(0);
    });

    it('finds a SIS refusal alert by the face, explained with its score', async () => {
      await openBorderCheck();
      await checkWith(
        passport('VK3000003', 'NOVAK', 'VERA', '790707'),
        captureFile('vera-live', [synthetic.face('vera', { capture: 1 })]),
        1,
      );
      const hit = result('sis-hit');
      await hit.waitFor();
      expect(await hit.getAttribute('data-code')).toBe('SIS_REFUSAL_ALERT');
      expect(await hit.textContent()).toContain(sisAlertId);
      // The finding says how the alert was found; the scores follow it.
      expect(await hit.textContent()).toMatch(/live capture.*face.*similarity 0\.\d\d/);
      expect(await hit.getByTestId('biometric-scores').textContent()).toMatch(
        /^Face similarity 0\.\d\d · fused score/,
      );
      expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('refusal-suggested');
    });
  });
});
