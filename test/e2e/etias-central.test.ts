import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

import en from '../../web/src/messages/en.json' with { type: 'json' };
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { seriousAccessibilityViolations, signIn, tabTo } from './helpers.ts';

/**
 * The ETIAS Central Unit's screens (Reg. (EU) 2018/1240 art. 22): the verification queue with its deadlines,
 * one application with its hit explained beside the record it hit, and the verdict that lets it be issued.
 */

const SHOTS = fileURLToPath(new URL('../../test-results/etias/', import.meta.url));

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** A clean adult application; `overrides` change the identity. */
function application(overrides: Record<string, unknown>) {
  return {
    surname: 'Hartmann',
    givenNames: 'Jonas',
    birthDate: '1979-09-14',
    placeOfBirth: 'Sydney',
    countryOfBirth: 'AUS',
    sex: 'M',
    nationalities: ['AUS'],
    document: { type: 'P', number: 'PA4455667', issuingState: 'AUS', expiry: '2032-03-31' },
    residence: { country: 'AUS', city: 'Sydney' },
    email: 'jonas@example.com',
    background: { criminalConviction: false, conflictZoneStay: false, removalOrder: false },
    ...overrides,
  };
}

async function submit(body: unknown): Promise<{ id: string; status: string }> {
  const answer = await fetch(new URL('/api/v1/etias/applications', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(answer.status).toBe(201);
  return (await answer.json()) as { id: string; status: string };
}

async function statusOf(id: string, documentNumber: string): Promise<string> {
  const answer = await fetch(
    new URL(`/api/v1/etias/applications/${id}/status?documentNumber=${documentNumber}`, server.url),
  );
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { status: string }).status;
}

let hitApplication: { id: string; status: string };

describeBrowser('ETIAS: the Central Unit verifies a hit', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
    // The same passport used earlier under another surname: a hit of ETIAS's own checks (art. 20(2)).
    const first = await submit(application({}));
    expect(first.status).toBe('issued');
    hitApplication = await submit(application({ surname: 'Hartman', email: 'j.hartman@example.com' }));
    expect(hitApplication.status).toBe('manual');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('lists the application in the queue with its deadlines, filterable by a link', async () => {
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels' });
    page = await context.newPage();
    await signIn(page, server.url, 'etias-cu');
    const entry = page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: en['etias.queue.nav'] });
    await tabTo(page, entry);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: en['etias.queue.title'] }).waitFor();
    const row = page.locator(`[data-application-id="${hitApplication.id}"]`);
    await row.waitFor();
    // Twelve hours to verify: on time, neither overdue nor due soon.
    expect(await row.getAttribute('data-state')).toBe('on-time');
    expect(await row.locator('[data-col="applicant"]').innerText()).toContain('Hartman, Jonas');
    expect(await row.locator('[data-col="hits"]').innerText()).toContain(
      en['etias.hit.ETIAS_DOCUMENT_OTHER_IDENTITY'],
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}queue-1440.png`, fullPage: true });

    // A filter is part of the address: the overdue files alone, none of them yet.
    await page.getByTestId('filter-deadline').click();
    await page.getByRole('option', { name: en['etias.queue.filter.overdue'] }).click();
    await expect.poll(() => page.url()).toContain('deadline=overdue');
    await expect.poll(() => row.count()).toBe(0);
    await page.goto(`${server.url}#/etias/queue?rule=ETIAS_DOCUMENT_OTHER_IDENTITY`);
    await row.waitFor();
  });

  it('opens the application, shows the hit beside the record it hit, and a false hit lets it be issued', async () => {
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels' });
    page = await context.newPage();
    await signIn(page, server.url, 'etias-cu');
    await page.goto(`${server.url}#/etias/queue`);
    await page.locator(`[data-application-id="${hitApplication.id}"] a`).first().click();
    await page.getByRole('heading', { level: 1, name: 'Application of Hartman, Jonas' }).waitFor();
    expect(await page.getByTestId('etias-file').getAttribute('data-status')).toBe('manual');

    const card = page.getByTestId('hit-card');
    expect(await card.count()).toBe(1);
    expect(await card.getByRole('heading', { level: 3 }).innerText()).toBe(
      en['etias.hit.ETIAS_DOCUMENT_OTHER_IDENTITY'],
    );
    // Why: the server's explanation lines, one of them naming the differing surname.
    expect(await card.getByTestId('hit-explanation').innerText()).toContain(
      'surname "Hartman" here, "Hartmann" there',
    );
    // Side by side: the surname differs, the document number is the same.
    const comparison = card.getByTestId('hit-comparison');
    const surname = comparison.locator('[data-field="surname"]');
    expect(await surname.getAttribute('data-differs')).toBe('true');
    expect(await surname.locator('[data-side="application"]').innerText()).toBe('Hartman');
    expect(await surname.locator('[data-side="record"]').innerText()).toContain('Hartmann');
    expect(await surname.innerText()).toContain(en['etias.queue.compare.differs']);
    const documentNumber = comparison.locator('[data-field="document.number"]');
    expect(await documentNumber.getAttribute('data-differs')).toBe('false');
    expect(await documentNumber.locator('[data-side="record"]').innerText()).toBe('PA4455667');
    // Both deadlines are shown.
    expect(await page.getByTestId('deadline-central').innerText()).toMatch(/due in (11|12) h/);
    expect(await page.getByTestId('deadline-decision').innerText()).toMatch(/due in (3 d|4 d|95 h|96 h)/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}application-hit-1440.png`, fullPage: true });

    // The verdict is asked again in a dialog, with a note.
    await card
      .getByRole('button', { name: `False hit: ${en['etias.hit.ETIAS_DOCUMENT_OTHER_IDENTITY']}` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog
      .getByRole('textbox', { name: en['etias.queue.verify.note'] })
      .fill('Spelling of the surname corrected by the holder; same person, same passport.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}application-verify-dialog.png` });
    await dialog.getByRole('button', { name: en['etias.queue.verify.falseSubmit'] }).click();
    await dialog.waitFor({ state: 'detached' });

    // No open hit left: the application is issued (art. 22(3)), the card says who verified it.
    await expect.poll(() => page.getByTestId('etias-file').getAttribute('data-status')).toBe('issued');
    expect(await card.getAttribute('data-state')).toBe('false');
    expect(await card.getByTestId('hit-verified').innerText()).toContain('etias-cu');
    expect(await card.getByRole('button', { name: /False hit/ }).count()).toBe(0);
    expect(await page.getByTestId('etias-history').innerText()).not.toBe('');
    expect(await statusOf(hitApplication.id, 'PA4455667')).toBe('issued');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}application-issued-1440.png`, fullPage: true });

    // On a phone the comparison stays readable (it scrolls within its box, not the page).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}application-issued-390.png`, fullPage: true });
  });
});
