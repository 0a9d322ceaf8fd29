import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import en from '../../web/src/messages/en.json' with { type: 'json' };
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { PASSWORD, seriousAccessibilityViolations } from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

const NEW_PASSWORD = 'a long initial password';

async function newPage(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Rome', colorScheme });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel('Username').fill(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('current-user').waitFor();
}

async function openAdministration(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: en['admin.nav'] })
    .click();
  await page.getByRole('heading', { level: 1, name: en['admin.title'] }).waitFor();
  await page.getByTestId('admin-users').waitFor();
}

async function addUser(page: Page, username: string, authority: RegExp): Promise<void> {
  const form = page.getByTestId('admin-create-user');
  await form.getByRole('textbox', { name: en['admin.create.username'], exact: true }).fill(username);
  await form
    .getByRole('textbox', { name: en['admin.create.displayName'], exact: true })
    .fill(`Trainee ${username}`);
  await form.locator('input[type="password"]').fill(NEW_PASSWORD);
  await form.getByRole('combobox', { name: en['admin.create.authority'], exact: true }).click();
  await page.getByRole('option', { name: authority }).click();
  await form.getByRole('button', { name: en['admin.create.submit'] }).click();
  await expect.poll(() => form.getByTestId('admin-create-notice').textContent()).toContain(username);
}

const userRow = (page: Page, username: string) =>
  page.locator(`[data-testid="admin-user-row"][data-username="${username}"]`);

describeBrowser('Administration', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) {
      await c.close();
    }
    await browser?.close();
    await server?.close();
  });

  describe('users across authorities', () => {
    it('adds a user to its own authority at once, and one in another authority only once that authority confirms it', async () => {
      const admin = await newPage();
      await signIn(admin, 'admin');
      await openAdministration(admin);
      expect(await seriousAccessibilityViolations(admin)).toEqual([]);

      await addUser(admin, 'ops.trainee', /^Interlink operations \(EU/);
      expect(await admin.getByTestId('admin-create-notice').textContent()).toContain('can sign in');
      await expect
        .poll(() => userRow(admin, 'ops.trainee').textContent())
        .toContain(en['admin.status.active']);

      await addUser(admin, 'it.operator', /^Interlink operations Italy/);
      expect(await admin.getByTestId('admin-create-notice').textContent()).toContain(
        'once that authority confirms',
      );
      await expect
        .poll(() => userRow(admin, 'it.operator').textContent())
        .toContain(en['admin.status.pending']);
      // Not our authority: no way to switch it on from here.
      expect(
        await userRow(admin, 'it.operator')
          .getByRole('button', { name: /activate/i })
          .count(),
      ).toBe(0);
      expect(await seriousAccessibilityViolations(admin)).toEqual([]);

      // Pending: cannot sign in yet.
      const early = await fetch(new URL('/api/v1/auth/login', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'it.operator', password: NEW_PASSWORD }),
      });
      expect(early.status).toBe(401);

      // The Italian operations' administrator sees the request and confirms it.
      const italy = await newPage();
      await signIn(italy, 'admin.it');
      await openAdministration(italy);
      expect(await italy.getByTestId('admin-pending-count').textContent()).toContain('1');
      const pending = italy.locator('[data-testid="admin-pending-row"][data-username="it.operator"]');
      await pending.waitFor();
      expect(await seriousAccessibilityViolations(italy)).toEqual([]);
      await italy.getByRole('button', { name: 'Confirm it.operator' }).click();
      await italy.getByText(en['admin.pending.none']).waitFor();
      await expect
        .poll(() => userRow(italy, 'it.operator').textContent())
        .toContain(en['admin.status.active']);

      // The new user signs in.
      const operator = await newPage();
      await signIn(operator, 'it.operator', NEW_PASSWORD);
      expect(await operator.getByTestId('current-user').textContent()).toContain('it.operator');

      // The requester deactivates its own authority's trainee; the trainee's session ends.
      const trainee = await newPage();
      await signIn(trainee, 'ops.trainee', NEW_PASSWORD);
      await userRow(admin, 'ops.trainee').getByRole('button', { name: 'Deactivate ops.trainee' }).click();
      await expect
        .poll(() => userRow(admin, 'ops.trainee').textContent())
        .toContain(en['admin.status.inactive']);
      await trainee.reload();
      await trainee.getByRole('button', { name: 'Sign in' }).waitFor();
    });
  });

  describe('roles and the token signing key', () => {
    it('shows the roles and rotates the key, normally and in an emergency', async () => {
      const admin = await newPage();
      await signIn(admin, 'admin');
      await openAdministration(admin);

      await admin.getByRole('tab', { name: en['admin.tab.roles'] }).click();
      const roles = admin.getByTestId('admin-roles');
      await roles.waitFor();
      expect(await roles.getByRole('columnheader', { name: 'sirene' }).count()).toBe(1);
      expect(await seriousAccessibilityViolations(admin)).toEqual([]);

      const officer = await newPage();
      await signIn(officer, 'sirene.it');

      await admin.getByRole('tab', { name: en['admin.tab.security'] }).click();
      await admin.getByLabel(en['admin.security.reason']).fill('Quarterly rotation');
      await admin.getByRole('button', { name: en['admin.security.rotate'] }).click();
      await admin.getByRole('dialog', { name: en['admin.security.confirmTitle'] }).waitFor();
      expect(await seriousAccessibilityViolations(admin)).toEqual([]);
      await admin.getByTestId('admin-rotation-confirm').click();
      await admin.getByTestId('admin-rotation-result').waitFor();
      expect(await admin.getByTestId('admin-rotation-result').textContent()).toMatch(/New key k-/);
      // The officer's session, signed with the previous key, goes on.
      await officer.reload();
      await officer.getByTestId('current-user').waitFor();

      await admin.getByLabel(en['admin.security.reason']).fill('Key may have leaked');
      await admin.getByRole('checkbox', { name: en['admin.security.emergency'] }).check();
      await admin.getByRole('button', { name: en['admin.security.rotate'] }).click();
      await admin.getByRole('dialog', { name: en['admin.security.confirmEmergencyTitle'] }).waitFor();
      await admin.getByTestId('admin-rotation-confirm').click();
      await admin.getByText(en['admin.security.signedOut']).waitFor();
      await admin.getByRole('button', { name: 'Sign in' }).waitFor();
      // Every session ended: the officer too.
      await officer.reload();
      await officer.getByRole('button', { name: 'Sign in' }).waitFor();
    });
  });

  it('passes axe on every tab in dark mode', async () => {
    const page = await newPage('dark');
    await signIn(page, 'admin');
    await openAdministration(page);
    expect(await page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe('dark');
    for (const tab of [
      'admin.tab.users',
      'admin.tab.authorities',
      'admin.tab.roles',
      'admin.tab.security',
    ] as const) {
      await page.getByRole('tab', { name: en[tab] }).click();
      await page.getByRole('tabpanel').first().waitFor();
      expect(await seriousAccessibilityViolations(page), tab).toEqual([]);
    }
  });
});
