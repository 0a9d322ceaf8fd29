import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

import de from '../../web/src/messages/de.json' with { type: 'json' };
import en from '../../web/src/messages/en.json' with { type: 'json' };
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { isFocused, seriousAccessibilityViolations } from './helpers.ts';

/**
 * The applicant's ETIAS pages (Reg. (EU) 2018/1240 arts. 17 and 31): the public form in English and German
 * on a desktop and a phone, a clean application issued at once and shown by the status page, and a bad field
 * shown with its problem.
 */

const SHOTS = fileURLToPath(new URL('../../test-results/etias/', import.meta.url));

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

type Catalogue = typeof en;

/** An adult traveller from a visa-exempt country with a passport valid for years; unique per call. */
let serial = 0;
function traveller() {
  serial += 1;
  return {
    surname: `Okafor${String.fromCharCode(65 + serial)}`,
    givenNames: 'Adaeze',
    documentNumber: `PA${Date.now().toString().slice(-6)}${serial}`,
  };
}

/** The texts an input's `aria-describedby` points at, joined: its hint and its problem. */
async function describedText(input: Locator): Promise<string> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter((x) => x !== '');
  const texts = await Promise.all(ids.map((id) => input.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

/** Chooses an option of a searchable select by typing part of its name. */
async function choose(label: string, typed: string, option: string | RegExp): Promise<void> {
  const input = page
    .getByRole('textbox', { name: label, exact: true })
    .or(page.getByRole('combobox', { name: label, exact: true }));
  await input.first().click();
  await input.first().fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Answers a yes/no question of the form. */
async function answer(m: Catalogue, question: keyof Catalogue, yes: boolean): Promise<void> {
  await page
    .getByRole('radiogroup', { name: m[question] })
    .getByRole('radio', { name: yes ? m['etias.apply.yes'] : m['etias.apply.no'] })
    .check();
}

/** Fills the whole form for a traveller, in the catalogue's language. */
async function fillForm(
  m: Catalogue,
  who: { surname: string; givenNames: string; documentNumber: string },
  options: { email?: string; countryTyped: string; country: RegExp },
): Promise<void> {
  await page.getByRole('textbox', { name: m['etias.apply.surname'], exact: true }).fill(who.surname);
  await page.getByRole('textbox', { name: m['etias.apply.givenNames'], exact: true }).fill(who.givenNames);
  await page.getByRole('textbox', { name: m['etias.apply.birthDate'], exact: true }).fill('1988-06-21');
  await page.getByRole('textbox', { name: m['etias.apply.birthDate'], exact: true }).press('Tab');
  await page.getByRole('radio', { name: m['etias.apply.sex.F'] }).check();
  await page.getByRole('textbox', { name: m['etias.apply.placeOfBirth'], exact: true }).fill('Toronto');
  await choose(m['etias.apply.countryOfBirth'], options.countryTyped, options.country);
  await choose(m['etias.apply.nationality'], options.countryTyped, options.country);
  await page
    .getByRole('textbox', { name: m['etias.apply.documentNumber'], exact: true })
    .fill(who.documentNumber);
  await choose(m['etias.apply.issuingState'], options.countryTyped, options.country);
  await page.getByRole('textbox', { name: m['etias.apply.expiry'], exact: true }).fill('2033-05-31');
  await page.getByRole('textbox', { name: m['etias.apply.expiry'], exact: true }).press('Tab');
  await choose(m['etias.apply.residenceCountry'], options.countryTyped, options.country);
  await page.getByRole('textbox', { name: m['etias.apply.residenceCity'], exact: true }).fill('Toronto');
  await page
    .getByRole('textbox', { name: m['etias.apply.email'], exact: true })
    .fill(options.email ?? `${who.surname.toLowerCase()}@example.com`);
  await answer(m, 'etias.apply.background.criminalConviction', false);
  await answer(m, 'etias.apply.background.conflictZoneStay', false);
  await answer(m, 'etias.apply.background.removalOrder', false);
  await page.getByRole('checkbox', { name: m['etias.apply.declaration.truth'] }).check();
  await page.getByRole('checkbox', { name: m['etias.apply.declaration.privacy'] }).check();
}

describeBrowser('ETIAS: the applicant’s form and status page', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('applies in German on a phone: the application is issued at once and the status page shows it', async () => {
    context = await browser.newContext({ locale: 'de-DE', viewport: { width: 390, height: 844 } });
    page = await context.newPage();
    const posts: Array<string | null> = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/etias/applications')) {
        posts.push(r.headers()['idempotency-key'] ?? null);
      }
    });

    // From the sign-in page, without an account.
    await page.goto(server.url);
    await page.getByRole('link', { name: de['etias.apply.loginLink'] }).click();
    await page.getByRole('heading', { level: 1, name: de['etias.apply.title'] }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The page fits a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const who = traveller();
    await fillForm(de, who, { countryTyped: 'Kanad', country: /^Kanada$/ });
    // The fee and its exemptions are shown before sending (art. 18).
    await expect.poll(() => page.getByTestId('etias-fee').innerText()).toMatch(/Gebühr: 20,00\s€/);
    await page.screenshot({ path: `${SHOTS}apply-de-390.png`, fullPage: true });

    // A double click sends at most twice with the same key: one application.
    await page.getByRole('button', { name: de['etias.apply.submit'] }).dblclick();
    await page.getByTestId('etias-result').waitFor();
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(posts).size).toBe(1);
    expect(await page.getByTestId('etias-status').getAttribute('data-status')).toBe('issued');
    expect(await page.getByTestId('etias-status').textContent()).toBe(de['etias.apply.status.issued']);
    expect(await page.getByTestId('etias-result-fee').innerText()).toMatch(/20,00\s€/);
    // Issued for three years, or until the passport expires if earlier (art. 36(5)).
    expect(await page.getByTestId('etias-valid-until').innerText()).toMatch(/^Gültig bis .*20\d\d\.$/);
    const id = await page.getByTestId('etias-application-id').innerText();
    expect(id).not.toBe('');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}result-de-390.png`, fullPage: true });

    // The status page: the id is carried over, the document number is asked for.
    await page.getByRole('link', { name: de['etias.apply.result.statusLink'] }).click();
    await page.getByRole('heading', { level: 1, name: de['etias.apply.status.title'] }).waitFor();
    expect(
      await page.getByRole('textbox', { name: de['etias.apply.status.id'], exact: true }).inputValue(),
    ).toBe(id);
    await page
      .getByRole('textbox', { name: de['etias.apply.documentNumber'], exact: true })
      .fill(who.documentNumber);
    await page.getByRole('button', { name: de['etias.apply.status.submit'] }).click();
    await page.getByTestId('etias-status-answer').waitFor();
    expect(await page.getByTestId('etias-status').getAttribute('data-status')).toBe('issued');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}status-de-390.png`, fullPage: true });

    // Another document number learns nothing.
    await page
      .getByRole('textbox', { name: de['etias.apply.documentNumber'], exact: true })
      .fill('ZZ0000000');
    await page.getByRole('button', { name: de['etias.apply.status.submit'] }).click();
    await page.getByTestId('etias-status-not-found').waitFor();
  });

  it('applies in English: a bad field shows its problem on the field and takes focus, then the fixed application is sent', async () => {
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${server.url}#/etias/apply`);
    await page.getByRole('heading', { level: 1, name: en['etias.apply.title'] }).waitFor();

    // Sent empty: every required field says so, the first has focus, nothing reaches the server.
    await page.getByRole('button', { name: en['etias.apply.submit'] }).click();
    const surname = page.getByRole('textbox', { name: en['etias.apply.surname'], exact: true });
    await expect.poll(() => surname.getAttribute('aria-invalid')).toBe('true');
    expect(await isFocused(surname)).toBe(true);
    await page.getByTestId('etias-problems').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const who = traveller();
    await fillForm(en, who, { countryTyped: 'Canad', country: /^Canada$/, email: 'adaeze@' });
    await page.getByRole('button', { name: en['etias.apply.submit'] }).click();
    const email = page.getByRole('textbox', { name: en['etias.apply.email'], exact: true });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await isFocused(email)).toBe(true);
    expect(await describedText(email)).toContain(en['etias.apply.problem.email']);
    await page.screenshot({ path: `${SHOTS}apply-en-problem.png`, fullPage: true });

    // A problem only the server sees is shown on its field too: a passport issued before its holder was born.
    await email.fill('adaeze@example.com');
    const issuedOn = page.getByRole('textbox', { name: en['etias.apply.issuedOn'], exact: true });
    await issuedOn.fill('1980-01-15');
    await issuedOn.press('Tab');
    await page.getByRole('button', { name: en['etias.apply.submit'] }).click();
    const birthDate = page.getByRole('textbox', { name: en['etias.apply.birthDate'], exact: true });
    await expect.poll(() => birthDate.getAttribute('aria-invalid')).toBe('true');
    expect(await isFocused(birthDate)).toBe(true);
    expect(await describedText(birthDate)).toContain('lies after the date the travel document was issued');
    await page.screenshot({ path: `${SHOTS}apply-en-server-problem.png`, fullPage: true });
    await issuedOn.fill('2023-06-01');
    await issuedOn.press('Tab');

    await page.getByRole('button', { name: en['etias.apply.submit'] }).click();
    await page.getByTestId('etias-result').waitFor();
    expect(await page.getByTestId('etias-status').getAttribute('data-status')).toBe('issued');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}result-en.png`, fullPage: true });
  });

  it('shows the fee exemption of a family member before sending, and switches language without signing in', async () => {
    context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${server.url}#/etias/apply`);
    await page.getByRole('heading', { level: 1, name: /Demander une autorisation/ }).waitFor();
    await page.getByRole('checkbox', { name: /membre de la famille/ }).check();
    await expect.poll(() => page.getByTestId('etias-fee').innerText()).toContain('Aucuns frais');
    await page.getByTestId('language-select').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: en['etias.apply.title'] }).waitFor();
    expect(await page.getByTestId('etias-fee').innerText()).toContain(
      en['etias.apply.fee.exemption.family-member'],
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
