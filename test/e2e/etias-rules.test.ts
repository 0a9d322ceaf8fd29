import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { etiasApplication } from '../../src/contexts/etias/index.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { demoActor, seriousAccessibilityViolations, signIn } from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** An applicant of the group the rule targets: Canadian, resident in Vancouver, no formal education. */
const applicant = () =>
  etiasApplication({
    surname: 'Leblanc',
    givenNames: 'Andre',
    nationalities: ['CAN'],
    residence: { country: 'CAN', city: 'Vancouver' },
    education: 'none',
  });

async function apply(body: unknown): Promise<{ id: string; status: string }> {
  const r = await fetch(`${server.url}/api/v1/etias/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as { id: string; status: string };
}

async function choose(label: string, option: string): Promise<void> {
  // A multiple choice's field lies under its pills box, which takes the click.
  await page.getByRole('combobox', { name: label, exact: true }).click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

describeBrowser('ETIAS screening-rule editor and watchlist', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels' });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('lets the Central Unit write a rule, refuses sex and age alone, shows the impact, then activates it', async () => {
    // Two past applications, one of the group, issued before the rule exists.
    expect((await apply(applicant())).status).toBe('issued');
    expect((await apply(etiasApplication())).status).toBe('issued');

    await signIn(page, server.url, 'etias-cu');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Screening rules' })
      .click();
    await page.getByRole('heading', { name: 'ETIAS screening rules' }).waitFor();
    await page.getByRole('button', { name: 'New screening rule' }).click();

    const editor = page.getByTestId('rule-editor');
    await editor.getByLabel('Name').fill('Vancouver residents without education');
    await editor.getByLabel('Screening Board consultation').fill('ESB-2026-E2E');
    await choose('Risk', 'Illegal-immigration risk');
    await choose(
      'Source of the risk (art. 33(2))',
      '(c) ETIAS and EES statistics: answers correlated with overstays or refusals',
    );
    // Sex and age alone: refused on the spot, nothing can be saved.
    await choose('Sex', 'Male');
    await editor.getByLabel('Age from').fill('18');
    await expect
      .poll(() => page.getByTestId('sex-age-alone').textContent())
      .toContain('never be based solely on sex or age');
    expect(await editor.getByRole('button', { name: 'Save draft' }).isDisabled()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Only the permitted fields are offered; a residence condition makes the rule acceptable.
    const labels = await editor.locator('label').allTextContents();
    expect(labels.join('|')).not.toMatch(/religion|ethnic|language/i);
    await editor.getByRole('combobox', { name: 'Sex', exact: true }).click();
    await page.getByRole('option', { name: 'Male', exact: true }).click(); // deselects
    await editor.getByLabel('Age from').fill('');
    const cities = editor.getByLabel('City of residence (any of)');
    await cities.fill('Vancouver');
    await cities.press('Enter');
    await choose('Education (any of)', 'None');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('sex-age-alone').count()).toBe(0);
    await editor.getByRole('button', { name: 'Save draft' }).click();

    // Saved as a draft: the impact is not measured, so Activate stays disabled.
    await page.getByTestId('impact-missing').waitFor();
    expect(await page.getByTestId('activate').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Measure impact' }).click();
    await expect
      .poll(() => page.getByTestId('impact-figures').textContent())
      .toMatch(/^1 of 2 applications .* would go to manual processing/);
    await expect.poll(() => page.getByTestId('activate').isDisabled()).toBe(false);
    await page.getByTestId('activate').click();
    await expect
      .poll(() => page.getByTestId('rule-editor').getByRole('heading').first().textContent())
      .toContain('(Active)');

    // An application of the group now goes to a person; another is still issued at once.
    expect((await apply(applicant())).status).toBe('manual');
    expect((await apply(etiasApplication())).status).toBe('issued');
  });

  it('shows a National Unit its watchlist, the SIS-priority refusal, and the entry due for review', async () => {
    const sirene = await demoActor(server, 'sirene.it');
    const { alert } = await server.services.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'arrest',
        person: { surname: 'DRAGAN', givenNames: 'MILOS', birthDate: '1969-09-09', nationalities: ['SRB'] },
        warningMarkers: [],
        reason: 'European Arrest Warrant',
        decisionRef: 'EAW-TEST',
      },
    });
    await signIn(page, server.url, 'etias-nu.es');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Watchlist' })
      .click();
    await page.getByRole('heading', { name: 'ETIAS watchlist' }).waitFor();
    const form = page.getByTestId('watchlist-form');
    await expect.poll(() => form.textContent()).toContain('This entry is entered for ES.');

    await form.getByLabel('Reason').fill('Suspected people smuggling');
    await form.getByLabel('Surname').fill('Dragan');
    await form.getByLabel('First names').fill('Milos');
    await form.getByLabel('Date of birth').fill('1969-09-09');
    await form.getByRole('button', { name: 'Enter' }).click();
    await expect.poll(() => page.getByTestId('watchlist-in-sis').textContent()).toContain(alert.id);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Other data are entered, with the impact shown first, and listed with their review a year later.
    await form.getByLabel('Surname').fill('Petrovic');
    await form.getByLabel('First names').fill('Ana');
    await form.getByLabel('Date of birth').fill('1988-03-03');
    await form.getByRole('button', { name: 'Check against SIS and measure impact' }).click();
    await expect
      .poll(() => page.getByTestId('watchlist-preview').textContent())
      .toContain('No SIS alert matches');
    await form.getByRole('button', { name: 'Enter' }).click();
    await page.getByTestId('watchlist-done').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Petrovic, Ana' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Suspected people smuggling');
    const nextYear = String(new Date().getUTCFullYear() + 1);
    expect(await row.textContent()).toContain(nextYear);
  });
});
