import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { readFile } from 'node:fs/promises';
import { SYSTEM_ACTOR } from '../../src/contexts/access/index.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { demoActor, isFocused, seriousAccessibilityViolations, signIn } from './helpers.ts';

/**
 * The one table of every list, in Chromium: an auditor filters, sorts and pages the audit log, changes the
 * density, hides a column and exports the rows shown as CSV (logged first, then saved); a SIRENE officer
 * sorts and pages the SIS alerts and opens one with the keyboard. Both in light and dark colour schemes, with
 * axe on each.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** Events of one operation code only these tests write: 60, by six users, so they fill more than a page. */
const OPERATION = 'table.e2e';
const USERS = ['ff.officer', 'bb.officer', 'dd.officer', 'aa.officer', 'ee.officer', 'cc.officer'];
const ALERTS = 30;

const appUrl = (hash: string) => new URL(`/${hash}`, server.url).toString();

async function newPage(colorScheme: 'light' | 'dark'): Promise<void> {
  context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', colorScheme });
  page = await context.newPage();
}

async function texts(selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

describeBrowser('Data tables', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
    for (let i = 0; i < 60; i += 1) {
      await server.services.audit.recordNow({
        actor: { ...SYSTEM_ACTOR, username: USERS[i % USERS.length]! },
        system: 'ees',
        operation: OPERATION,
        outcome: 'success',
        purpose: 'border-control',
        // A cell a spreadsheet would run, to see that the file neutralises it.
        resultSummary: i === 0 ? '=HYPERLINK("http://evil.example")' : `result ${i}`,
        recordRefs: [`ees:subject-${i}`],
      });
    }
    const sirene = await demoActor(server, 'sirene.it');
    for (let i = 0; i < ALERTS; i += 1) {
      await server.services.sis.createAlert({
        actor: sirene,
        purpose: 'alert-management',
        alert: {
          category: 'object-seizure',
          object: {
            type: 'number-plate',
            identifiers: [{ kind: 'plate', value: `DT-${String(i).padStart(3, '0')}` }],
          },
          reason: 'Data table test',
          decisionRef: `DT-${i}`,
        },
      });
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    describe(`in the ${scheme} colour scheme`, () => {
      it('lets an auditor filter, sort, page, change density, hide a column and export the rows shown', async () => {
        await newPage(scheme);
        await signIn(page, server.url, 'dpo.de');
        await page.goto(appUrl('#/audit'));
        const table = page.getByTestId('table-audit-events');
        const rows = page.getByTestId('audit-event');
        const summary = table.getByTestId('table-summary');
        await rows.first().waitFor();

        // Filter by operation: the filter goes into the address, where it can be linked.
        await page.getByLabel('Operation', { exact: true }).fill(OPERATION);
        await page.getByLabel('Operation', { exact: true }).press('Enter');
        await expect.poll(() => summary.textContent()).toBe('1–50 of 60');
        expect(new URL(page.url()).hash).toBe(`#/audit?operation=${OPERATION}`);
        expect(new Set(await texts('[data-testid="audit-event"] [data-column="operation"]'))).toEqual(
          new Set([OPERATION]),
        );
        expect(await seriousAccessibilityViolations(page)).toEqual([]);

        // Sort by user, on the server: all of aa.officer's ten events come first.
        const byUser = table.getByRole('button', { name: 'User', exact: true });
        await byUser.click();
        await expect
          .poll(() => table.getByRole('columnheader', { name: /User/ }).getAttribute('aria-sort'))
          .toBe('ascending');
        await expect
          .poll(async () => (await texts('[data-testid="audit-event"] [data-column="user"]')).slice(0, 11))
          .toEqual([...Array<string>(10).fill('aa.officer'), 'bb.officer']);
        expect(new URL(page.url()).hash).toBe(`#/audit?operation=${OPERATION}&sort=user&order=asc`);

        // Page 2 holds the last ten, ending with ff.officer's.
        await table.getByRole('button', { name: 'Next page' }).click();
        await expect.poll(() => summary.textContent()).toBe('51–60 of 60');
        const users = await texts('[data-testid="audit-event"] [data-column="user"]');
        expect(users).toEqual(Array<string>(10).fill('ff.officer'));

        // The rows are reached with Tab and walked with the arrow keys.
        await rows.first().focus();
        await page.keyboard.press('ArrowDown');
        expect(await isFocused(rows.nth(1))).toBe(true);

        // Density: comfortable, remembered over a reload.
        expect(await table.getAttribute('data-density')).toBe('compact');
        await table.getByTestId('table-density').getByText('Comfortable').click();
        await expect.poll(() => table.getAttribute('data-density')).toBe('comfortable');

        // Hide the system column; remembered for this table.
        await table.getByRole('button', { name: 'Columns' }).click();
        await page.getByRole('checkbox', { name: 'System' }).uncheck();
        await page.keyboard.press('Escape');
        await expect.poll(() => table.locator('td[data-col="system"]').count()).toBe(0);
        await page.reload();
        await rows.first().waitFor();
        await expect.poll(() => summary.textContent()).toBe('51–60 of 60');
        expect(await table.getAttribute('data-density')).toBe('comfortable');
        expect(await table.locator('td[data-col="system"]').count()).toBe(0);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);

        // Export what is shown: the visible columns of the ten rows on this page, logged first.
        const headers = (await table.locator('thead th').allTextContents()).map((h) =>
          h.replace(/[ ▲▼↕]+$/u, ''),
        );
        const shownUsers = await texts('[data-testid="audit-event"] [data-column="user"]');
        const shownRefs = await table
          .locator('tbody td[data-col="records"] [data-testid="short-id"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
        const logged = page.waitForResponse(
          (r) => r.url().endsWith('/api/v1/audit/exports') && r.request().method() === 'POST',
        );
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          table.getByRole('button', { name: 'Export shown rows (CSV)' }).click(),
        ]);
        expect((await logged).status()).toBe(201);
        const csv = await readFile(await download.path(), 'utf8');
        const [header, ...lines]: string[][] = parse(csv, { bom: true });
        expect(header).toEqual(headers);
        expect(header).not.toContain('System');
        expect(lines).toHaveLength(10);
        expect(lines.map((l) => l[header!.indexOf('User')])).toEqual(shownUsers);
        expect(lines.map((l) => l[header!.indexOf('Record references')])).toEqual(shownRefs);

        // The export is in the log, with the screen, the filters and the row count.
        await page.getByLabel('Operation', { exact: true }).fill('export');
        await page.getByLabel('Operation', { exact: true }).press('Enter');
        const exportRow = rows.filter({ has: page.locator('[data-column="operation"][data-code="export"]') });
        await expect.poll(() => exportRow.count()).toBeGreaterThanOrEqual(1);
        expect(await exportRow.first().textContent()).toContain(
          `10 row(s) of audit-log exported as CSV; columns time, user, purpose, operation, outcome, records; filters operation=${OPERATION}; sorted by user asc; page 2`,
        );
      });

      it('lets a SIRENE officer sort and page the alert list and open an alert with the keyboard', async () => {
        await newPage(scheme);
        await signIn(page, server.url, 'sirene.it');
        await page.goto(appUrl('#/sis/alerts?q=Data%20table%20test'));
        const gate = page.getByTestId('purpose-gate');
        await gate
          .getByRole('radio', { name: /^Creating, updating, reviewing or deleting SIS alerts/ })
          .click();
        await gate.getByRole('button', { name: 'Continue' }).click();

        const table = page.getByTestId('table-sis-alerts');
        const summary = table.getByTestId('table-summary');
        const rows = page.getByTestId('alert-row');
        await expect.poll(() => summary.textContent()).toBe(`1–25 of ${ALERTS}`);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);

        // Oldest first: the first alert entered leads.
        await table.getByRole('button', { name: 'Entered', exact: true }).click();
        await expect.poll(() => rows.first().textContent()).toContain('DT-000');
        expect(new URL(page.url()).hash).toBe('#/sis/alerts?q=Data+table+test&sort=entered&order=asc');
        await table.getByRole('button', { name: 'Entered', exact: true }).click();
        await expect.poll(() => rows.first().textContent()).toContain(`DT-0${ALERTS - 1}`);

        await table.getByRole('button', { name: 'Next page' }).click();
        await expect.poll(() => summary.textContent()).toBe(`26–${ALERTS} of ${ALERTS}`);
        expect(await rows.count()).toBe(ALERTS - 25);
        await expect.poll(() => rows.last().textContent()).toContain('DT-000');
        // Ids are shortened, with the whole one to copy.
        const id = await rows.last().getAttribute('data-alert-id');
        expect(await rows.last().getByTestId('short-id').getAttribute('data-id')).toBe(id);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);

        // Enter on a row opens the alert.
        await rows.last().focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => new URL(page.url()).hash).toBe(`#/sis/alerts/${id}`);
      });
    });
  }
});
