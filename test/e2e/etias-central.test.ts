import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

import en from '../../web/src/messages/en.json' with { type: 'json' };
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { apiToken, seriousAccessibilityViolations, signIn, tabTo } from './helpers.ts';

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

/** A SIS refusal alert (2018/1861 art. 24) entered by the Italian SIRENE Bureau through the API. */
async function enterRefusalAlert(person: Record<string, unknown>): Promise<string> {
  const answer = await fetch(new URL('/api/v1/sis/alerts', server.url), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${await apiToken(server.url, 'sirene.it')}`,
      'X-Interlink-Purpose': 'alert-management',
    },
    body: JSON.stringify({
      category: 'refusal',
      person,
      reason: 'Entry ban after a return decision',
      decisionRef: 'IT-BAN-2026-77',
    }),
  });
  expect(answer.status).toBe(201);
  return ((await answer.json()) as { id: string }).id;
}

/** An application with a hit of ETIAS's own checks, and one with a hit on a SIS refusal alert. */
let hitApplication: { id: string; status: string };
let sisApplication: { id: string; status: string };
let alertId: string;

describeBrowser('ETIAS: the Central Unit verifies a hit', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
    // The same passport used earlier under another surname: a hit of ETIAS's own checks (art. 20(2)).
    const first = await submit(application({}));
    expect(first.status).toBe('issued');
    hitApplication = await submit(
      application({
        surname: 'Hartman',
        email: 'j.hartman@example.com',
        intendedFirstStay: { memberState: 'ES' },
      }),
    );
    expect(hitApplication.status).toBe('manual');
    // A refusal alert on Liam Brennan; the application spells the name with one n less.
    alertId = await enterRefusalAlert({
      surname: 'BRENNAN',
      givenNames: 'LIAM',
      birthDate: '1983-03-03',
      sex: 'M',
      nationalities: ['USA'],
    });
    sisApplication = await submit(
      application({
        surname: 'Brenan',
        givenNames: 'Liam',
        birthDate: '1983-03-03',
        placeOfBirth: 'Chicago',
        countryOfBirth: 'USA',
        nationalities: ['USA'],
        document: { type: 'P', number: 'US5551234', issuingState: 'USA', expiry: '2031-08-31' },
        residence: { country: 'USA', city: 'Chicago' },
        email: 'liam@example.com',
      }),
    );
    expect(sisApplication.status).toBe('manual');
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

  it('opens an application with a SIS refusal hit, shows it beside the alert, and a false hit lets it be issued', async () => {
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels' });
    page = await context.newPage();
    await signIn(page, server.url, 'etias-cu');
    await page.goto(`${server.url}#/etias/queue`);
    await page.locator(`[data-application-id="${sisApplication.id}"] a`).first().click();
    await page.getByRole('heading', { level: 1, name: 'Application of Brenan, Liam' }).waitFor();
    expect(await page.getByTestId('etias-file').getAttribute('data-status')).toBe('manual');

    const card = page.locator(`[data-testid="hit-card"][data-state="open"]`);
    expect(await card.count()).toBe(1);
    const rule = await card.getByRole('heading', { level: 3 }).innerText();
    expect([en['etias.hit.SIS_REFUSAL_ALERT'], en['etias.hit.SIS_POSSIBLE_MATCH']]).toContain(rule);
    expect(await card.getByTestId('short-id').getAttribute('data-id')).toBe(alertId);
    // Why: the matching engine's lines and its probability.
    expect((await card.getByTestId('hit-explanation').locator('li').count()) > 0).toBe(true);
    expect(await card.getByTestId('hit-probability').innerText()).toMatch(/^Match probability: \d/);
    // Side by side: the surname differs by one letter, date of birth and nationality are the same; the
    // alert's own fields (its issuing state) stand alone, not against the passport's issuing state.
    const comparison = card.getByTestId('hit-comparison');
    const surname = comparison.locator('[data-field="surname"]');
    expect(await surname.getAttribute('data-differs')).toBe('true');
    expect(await surname.locator('[data-side="application"]').innerText()).toBe('Brenan');
    expect(await surname.locator('[data-side="record"]').innerText()).toContain('BRENNAN');
    expect(await surname.textContent()).toContain(en['etias.queue.compare.differs']);
    expect(await comparison.locator('[data-field="birthDate"]').getAttribute('data-differs')).toBe('false');
    expect(await comparison.locator('[data-field="nationalities"]').getAttribute('data-differs')).toBe(
      'false',
    );
    expect(
      await comparison.locator('[data-field="record:issuingState"] [data-side="record"]').innerText(),
    ).toBe('IT');
    // Both deadlines are shown.
    expect(await page.getByTestId('deadline-central').innerText()).toMatch(/due in (11|12) h/);
    expect(await page.getByTestId('deadline-decision').innerText()).toMatch(/due in (3 d|4 d|95 h|96 h)/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}application-sis-hit-1440.png`, fullPage: true });

    // The verdict is asked again in a dialog, with a note.
    await card.getByRole('button', { name: `False hit: ${rule}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog
      .getByRole('textbox', { name: en['etias.queue.verify.note'] })
      .fill('Other person: the alert concerns Liam Brennan of Boston, the applicant was born in Chicago.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}application-verify-dialog.png` });
    await dialog.getByRole('button', { name: en['etias.queue.verify.falseSubmit'] }).click();
    await dialog.waitFor({ state: 'detached' });

    // No open hit left: the application is issued (art. 22(3)), the card says who verified it.
    await expect.poll(() => page.getByTestId('etias-file').getAttribute('data-status')).toBe('issued');
    const verified = page.getByTestId('hit-card').first();
    expect(await verified.getAttribute('data-state')).toBe('false');
    expect(await verified.getByTestId('hit-verified').innerText()).toContain('Other person');
    expect(await page.getByRole('button', { name: /^False hit/ }).count()).toBe(0);
    expect(await page.getByTestId('etias-history').locator('li').count()).toBeGreaterThan(1);
    expect(await statusOf(sisApplication.id, 'US5551234')).toBe('issued');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}application-issued-1440.png`, fullPage: true });

    // On a phone the comparison stays readable (it scrolls within its box, not the page).
    await page.setViewportSize({ width: 390, height: 844 });
    const file = page.getByTestId('etias-file');
    // The layout follows the new width once the page has handled the resize (media queries in script).
    await expect
      .poll(() =>
        file.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= 390),
      )
      .toBe(true);
    await page.screenshot({ path: `${SHOTS}application-issued-390.png`, fullPage: true });
  });

  it('confirms a hit of ETIAS’s own checks: the application goes to the National Unit', async () => {
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels' });
    page = await context.newPage();
    await signIn(page, server.url, 'etias-cu');
    await page.goto(`${server.url}#/etias/applications/${hitApplication.id}`);
    await page.getByRole('heading', { level: 1, name: 'Application of Hartman, Jonas' }).waitFor();
    const card = page.getByTestId('hit-card');
    expect(await card.getByRole('heading', { level: 3 }).innerText()).toBe(
      en['etias.hit.ETIAS_DOCUMENT_OTHER_IDENTITY'],
    );
    expect(await card.getByTestId('hit-explanation').innerText()).toContain(
      'surname "Hartman" here, "Hartmann" there',
    );
    const comparison = card.getByTestId('hit-comparison');
    expect(await comparison.locator('[data-field="surname"]').getAttribute('data-differs')).toBe('true');
    const documentNumber = comparison.locator('[data-field="document.number"]');
    expect(await documentNumber.getAttribute('data-differs')).toBe('false');
    expect(await documentNumber.locator('[data-side="record"]').innerText()).toBe('PA4455667');

    await card
      .getByRole('button', { name: `Confirm the hit: ${en['etias.hit.ETIAS_DOCUMENT_OTHER_IDENTITY']}` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: en['etias.queue.verify.confirmSubmit'] }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => card.getAttribute('data-state')).toBe('confirmed');
    expect(await page.getByTestId('etias-file').getAttribute('data-status')).toBe('manual');
    expect(await page.getByTestId('etias-queue').textContent()).toContain(en['etias.queue.queue.national']);
    expect(await statusOf(hitApplication.id, 'PA4455667')).toBe('manual');
    // It has left the Central Unit's queue.
    await page.goto(`${server.url}#/etias/queue`);
    await page.getByTestId('queue-summary').waitFor();
    expect(await page.locator(`[data-application-id="${hitApplication.id}"]`).count()).toBe(0);

    // The Spanish National Unit reads the same file with its hit explained, without the Central Unit's buttons.
    await context.close();
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Madrid' });
    page = await context.newPage();
    await signIn(page, server.url, 'etias-nu.es');
    await page.goto(`${server.url}#/etias/applications/${hitApplication.id}`);
    await page.getByRole('heading', { level: 1, name: 'Application of Hartman, Jonas' }).waitFor();
    expect(await page.getByTestId('etias-queue').textContent()).toContain('ES');
    expect(await page.getByTestId('hit-card').getAttribute('data-state')).toBe('confirmed');
    expect(await page.getByTestId('hit-comparison').locator('[data-differs="true"]').count()).toBe(1);
    expect(await page.getByRole('button', { name: /False hit|Confirm the hit/ }).count()).toBe(0);
    expect(await page.getByTestId('etias-decision-slot').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}application-national-unit-1440.png`, fullPage: true });
  });
});
