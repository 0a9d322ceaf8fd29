import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { generateMrzOrThrow } from '../../src/contexts/identity/index.ts';
import en from '../../web/src/messages/en.json' with { type: 'json' };
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { apiToken, seriousAccessibilityViolations, signIn } from './helpers.ts';

/**
 * The MID screens (issue 16): SIRENE Italy issues an arrest alert, a Finnish guard records an EES file with the
 * alert's passport under another name; the detector links them (yellow). SIRENE verifies the link red in its
 * queue, and a guard checking the passport sees the red link as a warning, not as a stop.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function call(as: string, purpose: string, url: string, body: unknown): Promise<Response> {
  return fetch(new URL(url, server.url), {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await apiToken(server.url, as)}`,
      'X-Interlink-Purpose': purpose,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
}

interface Person {
  surname: string;
  givenNames: string;
  birthDate: string;
  sex: 'M' | 'F';
}

/**
 * Plants one Albanian passport held by two people: Italy's arrest alert on `wanted`, and a Finnish guard's EES
 * file on `traveller` with fingerprints `fingers`. The detector links them yellow (one document, two identities).
 */
async function plantSharedPassport(
  number: string,
  decisionRef: string,
  wanted: Person,
  traveller: Person,
  fingers: readonly [string, string, string, string],
): Promise<void> {
  const alert = await call('sirene.it', 'alert-management', '/api/v1/sis/alerts', {
    category: 'arrest',
    person: {
      ...wanted,
      nationalities: ['ALB'],
      documents: [{ type: 'P', issuingCountry: 'ALB', number }],
    },
    reason: 'European Arrest Warrant',
    decisionRef,
  });
  expect(alert.status).toBe(201);
  const [index, middle, ring, little] = fingers;
  const file = await call('border.fi', 'border-control', '/api/v1/ees/files', {
    kind: 'visa-exempt',
    ...traveller,
    nationalities: ['ALB'],
    documents: [{ type: 'P', number, issuingState: 'ALB', expiry: '2040-01-01' }],
    facialImageRef: `face:${number}`,
    fingerprints: { hand: 'right', index, middle, ring, little },
  });
  expect(file.status).toBe(201);
}

const nav = () => page.getByRole('navigation', { name: en['shell.navigation'] });

describeBrowser('MID: the verification queue, a link side by side, the red link at the border', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
    await plantSharedPassport(
      'BA1234567',
      'EAW-IT-16',
      { surname: 'Hoxha', givenNames: 'Arben', birthDate: '1980-05-12', sex: 'M' },
      { surname: 'Marku', givenNames: 'Ilir', birthDate: '1975-01-30', sex: 'M' },
      ['f:1', 'f:2', 'f:3', 'f:4'],
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('SIRENE opens its queue, compares both records, verifies the link red, and it leaves the yellow list', async () => {
    await signIn(page, server.url, 'sirene.it');
    await nav().getByRole('link', { name: en['mid.links.nav'] }).click();
    await page.getByRole('heading', { level: 1, name: en['mid.links.title'] }).waitFor();
    const row = page.getByTestId('mid-link-row').first();
    await row.waitFor();
    expect(await row.getAttribute('data-color')).toBe('yellow');
    expect(await row.getByTestId('link-color').textContent()).toBe('Yellow');
    expect(await row.textContent()).toContain('SIS');
    expect(await row.textContent()).toContain('EES');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Enter on the focused row opens the link.
    await row.focus();
    await page.keyboard.press('Enter');
    const link = page.getByTestId('mid-link');
    await link.waitFor();
    expect(await page.getByTestId('records-side-by-side').textContent()).toContain('BA1234567');
    expect(
      await page.locator('[data-testid="record-field"][data-field="surname"]').getAttribute('data-differs'),
    ).toBe('true');
    expect(await page.getByTestId('document-evidence').getAttribute('data-document')).toBe('true');
    // Codes in words: the sex as the portal writes it, the nationality by its name.
    expect(await page.locator('[data-testid="record-field"][data-field="sex"]').textContent()).toContain(
      'Male (M)',
    );
    expect(
      await page.locator('[data-testid="record-field"][data-field="nationalities"]').textContent(),
    ).toContain('Albania');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/mid-link-detail.png`, fullPage: true });

    // No reason: the form says so on the field and sends nothing.
    await page.getByTestId('decision-red').click();
    await page.getByRole('button', { name: en['mid.decision.submit'] }).click();
    await page.getByText(en['mid.decision.reasonRequired']).waitFor();
    await page
      .getByRole('textbox', { name: en['mid.decision.reason'] })
      .fill('The passport of the wanted person is used under another name.');
    await page.getByRole('button', { name: en['mid.decision.submit'] }).click();
    await page.getByTestId('verification-notice').waitFor();
    expect(await page.getByTestId('verification').getAttribute('data-color')).toBe('red');

    await page.goto(new URL('/#/mid/links?color=yellow', server.url).toString());
    await page.getByRole('heading', { level: 1, name: en['mid.links.title'] }).waitFor();
    await expect
      .poll(() => page.locator('[data-testid="mid-link-row"][data-color="yellow"]').count())
      .toBe(0);
  }, 120_000);

  it('a guard checking the passport sees the red link as a warning, not as a stop', async () => {
    const mrz = generateMrzOrThrow({
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'ALB',
      surname: 'MARKU',
      givenNames: 'ILIR',
      documentNumber: 'BA1234567',
      nationality: 'ALB',
      birthDate: '750130',
      sex: 'M',
      expiryDate: '400101',
    }).lines.join('\n');
    await signIn(page, server.url, 'border.fi');
    await nav().getByRole('link', { name: 'Border check' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Check traveller' }).isEnabled()).toBe(true);
    await page.getByRole('textbox', { name: /Machine-readable zone/ }).fill(mrz);
    await page.getByRole('button', { name: 'Check traveller' }).click();
    const warning = page.getByTestId('mid-warning');
    await warning.waitFor();
    expect(await warning.getByRole('heading', { name: en['mid.warning.title'] }).isVisible()).toBe(true);
    expect(await warning.locator('[data-testid="mid-notice"][data-color="red"]').count()).toBeGreaterThan(0);
    expect(await warning.textContent()).toContain('give the person the chance to explain');
    // The check found both linked records (the EES file and the SIS alert of the passport): one link, shown once.
    const notices = warning.getByTestId('mid-notice');
    expect(await notices.count()).toBe(1);
    expect(await notices.first().textContent()).toMatch(/links EES .+ and SIS .+, both found here/);
    const midFindings = page.locator('[data-testid="finding"][data-code^="MID_"]');
    expect(await midFindings.count()).toBeGreaterThan(0);
    for (const level of await midFindings.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-level')),
    )) {
      expect(level).not.toBe('stop');
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // On a phone the finding's level is read whole ("Attention"), not cut to "ATTENTI…".
    await page.setViewportSize({ width: 390, height: 844 });
    const level = midFindings.first().getByTestId('finding-level').locator('span').last();
    await expect
      .poll(() => level.evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth > 0))
      .toBe(true);
  }, 120_000);

  it('on a phone the link keeps to the screen: its tables scroll within themselves, sign-out stays reachable', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, server.url, 'sirene.it');
    await page.goto(new URL('/#/mid/links?color=all', server.url).toString());
    const row = page.getByTestId('mid-link-row').first();
    await row.waitFor();
    // The copy button is drawn, not a character the fonts may lack.
    expect(await row.getByTestId('copy-icon').count()).toBeGreaterThan(0);
    await row.getByRole('link').first().click();
    await page.getByTestId('comparison').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const signOut = page.getByRole('button', { name: en['shell.logout'] });
    expect(await signOut.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/mid-link-390.png`, fullPage: true });
  }, 120_000);

  it('the flag search says what is missing at each field, and keeps the follow-up until it is recorded', async () => {
    await signIn(page, server.url, 'police.nl');
    await nav().getByRole('link', { name: en['cir.flags.nav'] }).click();
    await page.getByRole('heading', { level: 1, name: en['cir.flags.title'] }).waitFor();
    await page.getByRole('button', { name: en['cir.flags.submit'] }).click();
    await page.getByText(en['cir.flags.required.caseReference']).waitFor();
    expect(await page.getByText(en['cir.flags.required.grounds']).isVisible()).toBe(true);
    expect(await page.getByTestId('flag-person-missing').textContent()).toBe(en['cir.flags.required.person']);
    await page.getByRole('textbox', { name: en['cir.flags.caseReference'] }).fill('NL-OM-2026-16');
    await page.getByRole('textbox', { name: en['cir.flags.surname'] }).fill('Marku');
    await page.getByRole('button', { name: en['cir.flags.submit'] }).click();
    expect(await page.getByText(en['cir.flags.required.identity']).count()).toBe(2);
    await page.getByRole('textbox', { name: en['cir.flags.givenNames'] }).fill('Ilir');
    await page.getByRole('textbox', { name: en['cir.flags.birthDate'] }).fill('1975-01-30');
    await page
      .getByRole('textbox', { name: /^Grounds/ })
      .fill('Suspected of using a wanted person’s passport in a trafficking case.');
    await page.getByRole('button', { name: en['cir.flags.submit'] }).click();
    const answer = page.getByTestId('flag-answer');
    await answer.waitFor();
    expect(await answer.getAttribute('data-systems')).toBe('ees');

    // Left without a follow-up, the search waits in the list of the page, where the reason for none is recorded.
    await page.reload();
    const pending = page.getByTestId('pending-follow-up').first();
    await pending.waitFor();
    expect(await pending.textContent()).toContain('NL-OM-2026-16');
    await pending.getByRole('button', { name: en['cir.flags.followUp.none'] }).click();
    await pending.getByRole('button', { name: en['cir.flags.followUp.noneSubmit'] }).click();
    await pending.getByText(en['cir.flags.followUp.noneReasonRequired']).waitFor();
    await pending
      .getByRole('textbox', { name: en['cir.flags.followUp.noneReason'] })
      .fill('The suspect was arrested; the national file holds the data.');
    await pending.getByRole('button', { name: en['cir.flags.followUp.noneSubmit'] }).click();
    expect(await pending.getByTestId('follow-up-done').getAttribute('data-follow-up')).toBe('not-requested');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }, 120_000);

  it('a decision made meanwhile by a colleague is shown, not lost behind an error', async () => {
    await plantSharedPassport(
      'BA7654321',
      'EAW-IT-17',
      { surname: 'Berisha', givenNames: 'Dritan', birthDate: '1982-09-03', sex: 'M' },
      { surname: 'Gashi', givenNames: 'Arta', birthDate: '1990-04-11', sex: 'F' },
      ['f:5', 'f:6', 'f:7', 'f:8'],
    );
    const token = await apiToken(server.url, 'sirene.it');
    const headers = { Authorization: `Bearer ${token}`, 'X-Interlink-Purpose': 'identity-verification' };
    let linkId = '';
    await expect
      .poll(async () => {
        const answer = await fetch(new URL('/api/v1/mid/links?color=yellow', server.url), { headers });
        const { links } = (await answer.json()) as { links: Array<{ id: string; records: string[] }> };
        linkId = links.find((l) => l.records.some((r) => r.startsWith('ees:')))?.id ?? '';
        return linkId;
      })
      .not.toBe('');

    await signIn(page, server.url, 'sirene.it');
    await page.goto(new URL(`/#/mid/links/${linkId}`, server.url).toString());
    await page.getByTestId('decision-form').waitFor();
    // A colleague of the same bureau decides first.
    const first = await fetch(new URL(`/api/v1/mid/links/${linkId}/verification`, server.url), {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ color: 'red', reason: 'The wanted person’s passport, used by another person.' }),
    });
    expect(first.status).toBe(200);
    await page.getByTestId('decision-red').click();
    await page.getByRole('textbox', { name: en['mid.decision.reason'] }).fill('Same passport, other person.');
    await page.getByRole('button', { name: en['mid.decision.submit'] }).click();
    await page.getByTestId('verification-stale').waitFor();
    expect(await page.getByTestId('verification').getAttribute('data-color')).toBe('red');
    expect(await page.getByTestId('verification-reason').textContent()).toContain('used by another person');
    expect(await page.getByTestId('decision-form').count()).toBe(0);
  }, 120_000);
});
