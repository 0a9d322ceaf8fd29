import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { readFile } from 'node:fs/promises';
import { SYSTEM_ACTOR } from '../../src/contexts/access/index.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';

const PASSWORD = 'interlink-demo';
/** `14 Mar 2026 09:05 UTC`: day, month name, year, 24-hour time, always UTC. */
const UNAMBIGUOUS_UTC = /^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} UTC$/;

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const appUrl = (hash = '') => new URL(`/${hash}`, server.url).toString();

/** Signs in with the keyboard alone, as counter staff would. */
async function signIn(username: string, password = PASSWORD): Promise<void> {
  await page.goto(appUrl());
  const usernameField = page.getByLabel('Username');
  await expect.poll(() => usernameField.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

async function seriousAccessibilityViolations(): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describeBrowser('Web shell', () => {
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
    // A time zone far from UTC shows that times are not converted to the browser's zone.
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'America/New_York' });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  describe('sign-in', () => {
    it("shows the API's explanation when the password is wrong", async () => {
      const answer = await fetch(new URL('/api/v1/auth/login', server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'dpo.de', password: 'not-the-password' }),
      });
      expect(answer.status).toBe(401);
      const { detail } = (await answer.json()) as { detail: string };
      expect(detail.length).toBeGreaterThan(0);

      await signIn('dpo.de', 'not-the-password');

      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.getByTestId('error-detail').textContent()).toBe(detail);
      expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
      expect(await page.evaluate(() => sessionStorage.getItem('interlink.session'))).toBeNull();
      expect(await seriousAccessibilityViolations()).toEqual([]);
    });
  });

  describe('audit log', () => {
    it('shows the data protection officer their own sign-in, reached by keyboard', async () => {
      await signIn('dpo.de');
      const navigation = page.getByRole('navigation', { name: 'Main navigation' });
      await navigation.waitFor();
      expect(await page.getByTestId('current-user').textContent()).toContain('Data protection officer');

      // Tab from the page heading until the navigation entry has focus, then follow it with Enter.
      const auditEntry = navigation.getByRole('link', { name: 'Audit log' });
      let reached = false;
      for (let i = 0; i < 25 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        reached = await auditEntry.evaluate((el) => el === document.activeElement);
      }
      expect(reached).toBe(true);
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      const rows = page.getByTestId('audit-event');
      await rows.first().waitFor();
      const login = rows
        .filter({ has: page.locator('[data-column="user"]', { hasText: /^dpo\.de$/ }) })
        .filter({
          has: page.locator('[data-column="operation"][data-code="auth.login"]', { hasText: /^Sign-in$/ }),
        })
        .first();
      await login.waitFor();
      expect(await login.locator('[data-column="system"]').textContent()).toBe('access');
      expect(await login.locator('time').textContent()).toMatch(UNAMBIGUOUS_UTC);

      const seqs = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-seq'))));
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

      expect(await seriousAccessibilityViolations()).toEqual([]);
    });

    it('narrows the log to one user and verifies the hash chain', async () => {
      await signIn('border.fi');
      await page.getByTestId('current-user').waitFor();
      await page.evaluate(() => sessionStorage.clear());
      await signIn('dpo.de');
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Audit log' })
        .click();

      await page.getByTestId('audit-event').first().waitFor();
      await page.getByLabel('User').fill('border.fi');
      await page.getByLabel('User').press('Enter');
      const users = page.getByTestId('audit-event').locator('[data-column="user"]');
      await expect.poll(async () => [...new Set(await users.allTextContents())]).toEqual(['border.fi']);

      await page.getByRole('button', { name: 'Verify chain' }).click();
      const result = page.getByTestId('verify-result');
      await result.getByText('Log intact').waitFor();
      expect(await result.textContent()).toMatch(/\d+ events? checked/);
    });
  });

  describe('audit log paging and filters', () => {
    it('pages to older events, newest first and without repeats', async () => {
      // Every read of the log is itself logged, so reading it through the API fills it past one page.
      const login = await fetch(new URL('/api/v1/auth/login', server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'dpo.de', password: PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };
      for (let i = 0; i < 55; i += 1) {
        const read = await fetch(new URL('/api/v1/audit/events?limit=1', server.url), {
          headers: { Authorization: `Bearer ${token}`, 'X-Interlink-Purpose': 'data-protection-audit' },
        });
        expect(read.status).toBe(200);
      }

      await signIn('dpo.de');
      await page.goto(appUrl('#/audit'));
      const rows = page.getByTestId('audit-event');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(50);

      const first = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-seq'))));
      const summary = page.getByTestId('table-summary');
      expect(await summary.textContent()).toMatch(/^1–50 of \d+$/);

      await page.getByRole('button', { name: 'Next page' }).click();
      await expect.poll(() => summary.textContent()).toMatch(/^51–\d+ of \d+$/);
      const second = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-seq'))));
      expect(second.length).toBeGreaterThan(0);
      const seqs = [...first, ...second];
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      // The page is in the address, so it can be linked and gone back from.
      expect(new URL(page.url()).hash).toBe('#/audit?page=2');
    });

    it('shows no events for a time range that starts after the last one', async () => {
      await signIn('dpo.de');
      await page.goto(appUrl('#/audit'));
      await page.getByTestId('audit-event').first().waitFor();

      // Pick the first day of next month in the calendar of the "From" field.
      await page.getByLabel('From (UTC)').click();
      await page.getByRole('button', { name: 'Next month' }).click();
      await page.getByRole('button', { name: /^1 \w+ \d{4}$/ }).click();
      await page.getByRole('button', { name: 'Use this date and time' }).click();
      await page.getByRole('button', { name: 'Apply filters' }).click();

      await page.getByText('No events match these filters.').waitFor();
      expect(await page.getByTestId('audit-event').count()).toBe(0);
      expect(await page.getByRole('alert').count()).toBe(0);
    });
  });

  describe('audit log for auditors', () => {
    const SUBJECT = 'ees:subject-e2e';

    beforeAll(async () => {
      for (const [operation, username] of [
        ['ees.entry.create', 'zz.officer'],
        ['ees.file.read', 'aa.officer'],
      ] as const) {
        await server.services.audit.recordNow({
          actor: { ...SYSTEM_ACTOR, username },
          system: 'ees',
          operation,
          outcome: 'success',
          purpose: 'border-control',
          legalBasis: 'Reg. (EU) 2017/2226 art. 23',
          recordRefs: [SUBJECT],
        });
      }
    });

    it('filters by person, sorts, downloads CSV and opens the subject access report', async () => {
      await signIn('dpo.de');
      await page.goto(appUrl('#/audit'));
      const rows = page.getByTestId('audit-event');
      await rows.first().waitFor();

      await page.getByLabel('Person or record').fill(SUBJECT);
      await page.getByLabel('Person or record').press('Enter');
      await expect.poll(() => rows.count()).toBe(2);
      const refs = await rows.locator('[data-column="records"]').allTextContents();
      expect(refs.every((r) => r.includes(SUBJECT))).toBe(true);
      expect(await rows.locator('[data-column="operation"]').allTextContents()).toEqual([
        'EES: individual file viewed',
        'EES: entry recorded',
      ]);

      // Sort by user, ascending then descending.
      const byUser = page.getByRole('button', { name: 'User', exact: true });
      await byUser.click();
      const users = rows.locator('[data-column="user"]');
      await expect.poll(() => users.allTextContents()).toEqual(['aa.officer', 'zz.officer']);
      expect(await page.getByRole('columnheader', { name: /User/ }).getAttribute('aria-sort')).toBe(
        'ascending',
      );
      await byUser.click();
      await expect.poll(() => users.allTextContents()).toEqual(['zz.officer', 'aa.officer']);

      // The CSV export is made by the server, for the same filters.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const csv = await readFile(await download.path(), 'utf8');
      const lines = csv.trim().split('\n');
      expect(lines[0]).toContain('operation_label');
      expect(lines).toHaveLength(3);
      expect(csv).toContain('EES: entry recorded');

      // The data-subject access report: everything logged about the record, as a printable document.
      await page.getByLabel('Record reference of the person').fill(SUBJECT);
      await page.getByRole('button', { name: 'Open report' }).click();
      await page.getByRole('heading', { level: 1, name: 'Data-subject access report' }).waitFor();
      await page.getByTestId('subject-event').first().waitFor();
      expect(await page.getByTestId('subject-event').count()).toBe(2);
      expect(await page.getByTestId('subject-count').textContent()).toBe('2 logged accesses.');
      expect(await seriousAccessibilityViolations()).toEqual([]);
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Data-subject access report' }).isVisible()).toBe(true);
    });
  });

  describe('navigation', () => {
    it('offers the audit log to no one but the data protection officer', async () => {
      await signIn('border.fi');
      const navigation = page.getByRole('navigation', { name: 'Main navigation' });
      await navigation.getByRole('link', { name: 'Home' }).waitFor();
      expect(await navigation.getByRole('link').allTextContents()).toEqual([
        'Home',
        'Border check',
        'Search',
        // A border authority verifies the MID links of EES and ETIAS records (2019/817 art. 29(1)).
        'Identity links',
      ]);
      expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

      // A reload keeps the sign-in of the tab and still refuses the screen.
      await page.goto(appUrl('#/audit'));
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Page not available' }).waitFor();
      expect(await page.getByTestId('current-user').textContent()).toContain('Border authority');
      expect(await page.getByTestId('audit-events').count()).toBe(0);
      expect(await seriousAccessibilityViolations()).toEqual([]);
    });
  });
});
