import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import de from '../../web/src/messages/de.json' with { type: 'json' };
import en from '../../web/src/messages/en.json' with { type: 'json' };
import fr from '../../web/src/messages/fr.json' with { type: 'json' };
import { createDemoWorld, type DemoWorldReport } from '../../src/flows/demo/index.ts';
import { startTestServer } from '../support/server.ts';
import { ensureWebBundle, launchBrowser } from './browser.ts';
import { PASSWORD, seriousAccessibilityViolations } from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let world: DemoWorldReport;

/** A demo guard's sign-in, with the labels of whatever language the page is in. */
async function signInAs(page: Page, messages: typeof en, username: string): Promise<void> {
  await page.getByRole('textbox', { name: messages['login.username'] }).fill(username);
  await page.getByRole('textbox', { name: messages['login.password'] }).fill(PASSWORD);
  await page.getByRole('button', { name: messages['login.submit'] }).click();
  await page.getByTestId('current-user').waitFor();
}

async function openBorderCheck(page: Page, messages: typeof en): Promise<void> {
  await page
    .getByRole('navigation', { name: messages['shell.navigation'] })
    .getByRole('link', { name: messages['nav.borderCheck'] })
    .click();
  await page.getByRole('heading', { level: 1, name: messages['border.title'] }).waitFor();
}

describe('Conventions of every screen: language and colour scheme', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    // Only the travellers that each show one situation: among them, one with a SIS refusal alert.
    world = await createDemoWorld(server.services, { genericTravellers: 0 });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function withContext<T>(
    options: Parameters<Browser['newContext']>[0],
    body: (page: Page, context: BrowserContext) => Promise<T>,
  ): Promise<T> {
    const context = await browser.newContext(options);
    try {
      return await body(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  it('speaks German to a de-DE browser: a German-speaking guard works the border check in German', async () => {
    await withContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' }, async (page) => {
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1, name: de['login.title'] }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      // A server error carries a stable code, which the interface says in the user's language.
      await page.getByRole('textbox', { name: de['login.username'] }).fill('border.fi');
      await page.getByRole('textbox', { name: de['login.password'] }).fill('not-the-password');
      await page.getByRole('button', { name: de['login.submit'] }).click();
      expect(await page.getByRole('alert').getByTestId('error-detail').textContent()).toBe(
        de['errorCode.ACCESS_INVALID_CREDENTIALS'],
      );
      await signInAs(page, de, 'border.fi');
      await openBorderCheck(page, de);
      expect(await page.getByRole('button', { name: de['border.check'] }).count()).toBe(1);
      expect(await page.getByText(en['border.check'], { exact: true }).count()).toBe(0);
      // A SIS hit: the finding in German, the alert's action in the issuing state's words, quoted as written.
      const sisCase = world.tryThis.find((t) => t.title.startsWith('Person with a SIS refusal alert'));
      expect(sisCase?.mrz).toBeDefined();
      await page.getByRole('textbox', { name: de['mrz.label'] }).fill(sisCase!.mrz!);
      await page.getByRole('button', { name: de['border.check'] }).click();
      await page.getByTestId('verdict').waitFor();
      const sisFinding = page.locator('[data-testid="finding"][data-code="SIS_REFUSAL_ALERT"]');
      const text = (await sisFinding.textContent()) ?? '';
      expect(text).toMatch(/SIS-Ausschreibung \S+ \(DE\), .+, zur Person/u);
      expect(text).toContain('Zu ergreifende Maßnahme, in den Worten des ausschreibenden Staates: „');
      expect(text).not.toMatch(/refusal-of-entry|alert|on the person/u);
      // A discreet check, shown apart, in German: no reason to refuse, and the person is not told.
      const discreetCase = world.tryThis.find((t) => t.title.startsWith('Traveller under a discreet check'));
      expect(discreetCase?.mrz).toBeDefined();
      await openBorderCheck(page, de);
      await page.getByRole('textbox', { name: de['mrz.label'] }).fill(discreetCase!.mrz!);
      await page.getByRole('button', { name: de['border.check'] }).click();
      const discreet = (await page.getByTestId('discreet-check').textContent()) ?? '';
      expect(discreet).toContain('Verdeckte Kontrolle');
      expect(discreet).toContain('Die Person nicht informieren.');
      expect(discreet).toContain('Dies ist kein Grund für eine Einreiseverweigerung');
      expect(discreet).not.toContain('Discreet check on');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });
  });

  it('switches language from the header and keeps the choice after a reload', async () => {
    await withContext({ locale: 'en-GB', timezoneId: 'Europe/Paris' }, async (page) => {
      await page.goto(server.url);
      await signInAs(page, en, 'border.fi');
      await openBorderCheck(page, en);
      await page.getByRole('combobox', { name: en['shell.language'] }).click();
      await page.getByRole('option', { name: 'Français' }).click();
      await page.getByRole('heading', { level: 1, name: fr['border.title'] }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      await page.reload();
      await page.getByTestId('current-user').waitFor();
      expect(await page.getByRole('combobox', { name: fr['shell.language'] }).inputValue()).toBe('Français');
    });
  });

  it('follows a dark system setting, toggles to light, and passes axe in both', async () => {
    await withContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', colorScheme: 'dark' }, async (page) => {
      const scheme = () => page.evaluate(() => document.documentElement.dataset.mantineColorScheme);
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1, name: en['login.title'] }).waitFor();
      expect(await scheme()).toBe('dark');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await signInAs(page, en, 'border.fi');
      await openBorderCheck(page, en);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.getByRole('button', { name: en['shell.lightMode'] }).click();
      expect(await scheme()).toBe('light');
      expect(
        await page.getByRole('button', { name: en['shell.darkMode'] }).getAttribute('aria-pressed'),
      ).toBe('false');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });
  });
});
