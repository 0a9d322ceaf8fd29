import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import type { Actor } from '../../src/contexts/access/index.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import {
  auditOperations,
  demoActor,
  isFocused,
  seriousAccessibilityViolations,
  signIn,
  tabTo,
  UUID,
} from './helpers.ts';
import { shortenId } from '../../web/src/shell/ShortId.tsx';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let sirene: Actor;
let guard: Actor;

/**
 * A date shown with its time in the user's own zone, named (the browsers here run in New York): `14 Mar 2026,
 * 04:05 EST`; the same instant in UTC is on hover.
 */
const LOCAL_INSTANT = '\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} (E[SD]T|GMT-[45])';
const UNAMBIGUOUS_INSTANT = new RegExp(LOCAL_INSTANT);
const UTC_INSTANT = /^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} UTC$/;

/** Opens a screen from the navigation with the keyboard. */
async function openScreen(username: string, link: string, heading: string | RegExp): Promise<void> {
  await signIn(page, server.url, username);
  const entry = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: link });
  await tabTo(page, entry);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Writes to SIS as the browser sent them. */
function recordWrites(): Request[] {
  const writes: Request[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET' && new URL(request.url()).pathname.startsWith('/api/v1/sis/')) {
      writes.push(request);
    }
  });
  return writes;
}

/** An Italian arrest alert entered straight through the service, and a Finnish hit on it. */
async function seedHit(surname: string): Promise<{ alertId: string; hitId: string }> {
  const { alert } = await server.services.sis.createAlert({
    actor: sirene,
    purpose: 'alert-management',
    alert: {
      category: 'arrest',
      person: { surname, givenNames: 'PAOLO', birthDate: '1975-11-02', sex: 'M', nationalities: ['ITA'] },
      warningMarkers: ['violent'],
      reason: 'European Arrest Warrant for armed robbery',
      decisionRef: `EAW-${surname}`,
    },
  });
  const { hit } = await server.services.sis.reportHit({
    actor: guard,
    purpose: 'border-control',
    alertId: alert.id,
    location: { place: 'FI-HEL', context: 'first-line check' },
    checked: { dataTypes: ['surname', 'birthDate'] },
  });
  return { alertId: alert.id, hitId: hit.hitId };
}

describeBrowser('SIS screens', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
    sirene = await demoActor(server, 'sirene.it');
    guard = await demoActor(server, 'border.fi');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'America/New_York' });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('enters a person alert: the server’s finding shows next to its field, then the fixed alert opens', async () => {
    const writes = recordWrites();
    await openScreen('sirene.it', 'SIS alerts', 'SIS alerts');

    // Nothing chosen yet: the form asks for the category first, next to the category field.
    await page.getByRole('button', { name: 'Enter alert' }).click();
    const category = page.getByRole('combobox', { name: 'Category' });
    await expect.poll(() => category.getAttribute('aria-invalid')).toBe('true');
    expect(await isFocused(category)).toBe(true);
    expect(writes).toHaveLength(0);

    // The category decides the fields: an object category shows the object, a person category the person.
    await category.click();
    await page.getByRole('option', { name: 'Object for seizure or as evidence (art. 38)' }).click();
    await page.getByTestId('object-fields').waitFor();
    expect(await page.getByTestId('person-fields').count()).toBe(0);
    await category.click();
    await page.getByRole('option', { name: 'Arrest for surrender or extradition (art. 26)' }).click();
    await page.getByTestId('person-fields').waitFor();
    expect(await page.getByTestId('object-fields').count()).toBe(0);

    await page.getByRole('textbox', { name: 'Surname' }).fill('BIANCHI');
    await page.getByRole('textbox', { name: 'Given names' }).fill('LUCA');
    const birthDate = page.getByRole('textbox', { name: 'Date of birth' });
    // 30 February: the form lets the server judge the calendar.
    await birthDate.fill('1979-02-30');
    const nationalities = page.getByRole('combobox', { name: 'Nationalities' });
    await nationalities.fill('ita');
    await nationalities.press('Enter');
    await page.getByRole('checkbox', { name: 'Armed' }).check();
    await page.getByRole('textbox', { name: 'Reason for the alert' }).fill('European Arrest Warrant');
    await page.getByRole('textbox', { name: 'Decision reference' }).fill('EAW-MI-2026-0117');
    await page.getByRole('button', { name: 'Enter alert' }).click();

    await expect.poll(() => birthDate.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await birthDate.getAttribute('aria-describedby')) ?? '';
    const errorTexts = await Promise.all(
      describedBy
        .split(' ')
        .filter((id) => id.endsWith('-error'))
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(errorTexts).toEqual(['"1979-02-30" has day 30; that month has at most 28 days (00 if unknown)']);
    expect(await isFocused(birthDate)).toBe(true);
    expect(await page.getByTestId('alert-problems').textContent()).toContain(
      '1 problem needs correcting; each is shown next to its field.',
    );
    expect(await page.getByRole('textbox', { name: 'Surname' }).getAttribute('aria-invalid')).not.toBe(
      'true',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Fixed: the mark goes as soon as the field changes, and the alert is entered.
    await birthDate.fill('1979-02-14');
    expect(await birthDate.getAttribute('aria-invalid')).not.toBe('true');
    await birthDate.press('Enter');

    const detail = page.getByTestId('alert-detail');
    await detail.waitFor();
    const alertId = (await detail.getAttribute('data-alert-id')) ?? '';
    expect(alertId).toMatch(/^sis_/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Alert ${alertId}`);
    // The action and the warning markers come first.
    const first = page.getByTestId('action-first');
    expect(await first.getByTestId('warning-markers').textContent()).toBe('Warning:Armed');
    expect(await first.getByTestId('alert-action').textContent()).toBe(
      'Arrest the person; the SIRENE Bureau forwards the European Arrest Warrant',
    );
    expect(await page.getByTestId('field-surname').locator('dd').textContent()).toBe('BIANCHI');
    expect(await page.getByTestId('field-birthDate').locator('dd').textContent()).toBe('14 Feb 1979');
    expect(await page.getByTestId('field-nationalities').locator('dd').textContent()).toBe('ITA');
    expect(await page.getByTestId('field-issuedBy').locator('dd').textContent()).toBe('SIRENE Italia (IT)');
    expect(await page.getByTestId('field-createdAt').locator('dd').textContent()).toMatch(
      UNAMBIGUOUS_INSTANT,
    );
    expect(await page.getByTestId('field-createdAt').locator('time').getAttribute('title')).toMatch(
      UTC_INSTANT,
    );
    expect(
      await page.getByTestId('field-createdAt').locator('time').getAttribute('aria-description'),
    ).toMatch(UTC_INSTANT);
    expect(await page.getByTestId('review-due').textContent()).toMatch(
      /^Review due on \d{1,2} [A-Z][a-z]{2} \d{4} \(.+\)\.$/,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // One write reached the server (the first attempt was refused), with the purpose and an Idempotency-Key.
    expect(writes.map((w) => new URL(w.url()).pathname)).toEqual([
      '/api/v1/sis/alerts',
      '/api/v1/sis/alerts',
    ]);
    const headers = await Promise.all(writes.map((w) => w.allHeaders()));
    for (const h of headers) {
      expect(h['x-interlink-purpose']).toBe('alert-management');
      expect(h['idempotency-key']).toMatch(UUID);
    }
    expect(headers[0]?.['idempotency-key']).not.toBe(headers[1]?.['idempotency-key']);
    const stored = await server.services.sis.getAlert({
      actor: sirene,
      purpose: 'alert-management',
      alertId,
    });
    expect(stored.person?.birthDate).toBe('1979-02-14');
    expect(stored.warningMarkers).toEqual(['armed']);
  });

  it('answers a hit’s exchange: action and markers first, deadline in words, reply meets the deadline', async () => {
    const { hitId } = await seedHit('FERRARI');
    // A second hit whose reply was due an hour ago (as after a restart): overdue exchanges come first.
    const late = await seedHit('GALLI');
    const dueAt = new Date(Date.now() - 3_600_000);
    await sql`update sis.hit set reply_due_at = ${dueAt} where id = ${late.hitId}`.execute(
      server.services.database.db,
    );
    const writes = recordWrites();
    await openScreen('sirene.it', 'SIS hits', 'SIS hits');

    const rows = page.getByTestId('hit-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-hit-id')).toBe(late.hitId);
    expect(await rows.first().getAttribute('data-state')).toBe('overdue');
    expect(await rows.first().locator('[data-deadline]').textContent()).toMatch(
      new RegExp(`^Overdue by (1 h|59 min) \\(was due ${LOCAL_INSTANT}\\)$`),
    );
    expect(await page.getByTestId('hits-summary').textContent()).toBe('2 hits, 1 overdue.');

    const row = page.locator(`[data-testid="hit-row"][data-hit-id="${hitId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('open');
    // Due in 11 h 59 min or 12 h, with the absolute time in the user's zone (UTC on hover).
    expect(await row.locator('[data-deadline]').textContent()).toMatch(
      new RegExp(`^due in (11 h 5\\d min|12 h) \\(${LOCAL_INSTANT}\\)$`),
    );
    expect(await row.locator('[data-deadline] time').getAttribute('title')).toMatch(UTC_INSTANT);
    expect(await row.textContent()).toContain('Finnish Border Guard (FI)');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await tabTo(page, row.getByRole('link'));
    await page.keyboard.press('Enter');
    await page.getByTestId('hit-detail').waitFor();
    // The hit's reference is shown short, whole on hover, with a button that copies it whole.
    const reference = page.getByTestId('hit-detail').getByTestId('short-id').first();
    const whole = (await reference.getAttribute('data-id')) ?? '';
    expect(whole).toBe(await page.getByTestId('hit-detail').getAttribute('data-hit-id'));
    expect((await reference.textContent())?.startsWith(shortenId(whole))).toBe(true);
    expect(shortenId(whole).length).toBeLessThan(whole.length);
    expect(await reference.getByRole('button').getAttribute('aria-label')).toContain(whole);
    const first = page.getByTestId('action-first');
    await first.waitFor();
    // The action to be taken and the warning markers come before everything else on the page.
    const order = await page.evaluate(() => {
      const ids = ['action-first', 'hit-deadline', 'exchange-messages'];
      const nodes = ids.map((id) => document.querySelector(`[data-testid="${id}"]`));
      return (
        nodes.every((n) => n !== null) &&
        nodes.every((n, i) => i === 0 || (nodes[i - 1]!.compareDocumentPosition(n) & 4) !== 0)
      );
    });
    expect(order).toBe(true);
    expect(await first.getByTestId('warning-markers').textContent()).toBe('Warning:Violent');
    expect(await first.getByTestId('alert-action').textContent()).toContain('Arrest the person');
    const messages = page.getByTestId('exchange-message');
    expect(await messages.count()).toBe(1);
    expect(await messages.first().getAttribute('data-direction')).toBe('request');
    expect(await page.getByTestId('field-place').locator('dd').textContent()).toBe(
      'FI-HEL (first-line check)',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const reply = page.getByRole('textbox', { name: 'Your reply' });
    await tabTo(page, reply, 60);
    await page.keyboard.type(
      'The person is wanted on a European Arrest Warrant; arrest and hold. Form A follows.',
    );
    await page.keyboard.press('Control+Enter');

    await expect.poll(() => messages.count()).toBe(2);
    expect(await messages.nth(1).getAttribute('data-direction')).toBe('reply');
    expect(await messages.nth(1).getByTestId('message-body').textContent()).toContain('Form A follows.');
    expect(await messages.nth(1).textContent()).toContain('SIRENE Italia: IT → FI');
    expect(await page.getByTestId('hit-notice').textContent()).toBe('Reply sent; the deadline is met.');
    expect(
      await page.getByTestId('hit-deadline').locator('[data-deadline]').getAttribute('data-deadline'),
    ).toBe('replied');
    expect(await reply.inputValue()).toBe('');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    expect(writes.map((w) => new URL(w.url()).pathname)).toEqual([`/api/v1/sis/hits/${hitId}/messages`]);
    const headers = await writes[0]!.allHeaders();
    expect(headers['x-interlink-purpose']).toBe('sirene-exchange');
    expect(headers['idempotency-key']).toMatch(UUID);
    const stored = await server.services.sis.getHit({ actor: sirene, purpose: 'sirene-exchange', hitId });
    expect(stored.repliedAt).not.toBeNull();
    expect((await auditOperations(server.url, 'sirene.it')).map((e) => e.operation)).toContain(
      'sis.exchange.message',
    );
  });

  it('lists alerts due for review and keeps one after a recorded assessment', async () => {
    const { alert } = await server.services.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'object-seizure',
        object: {
          type: 'motor-vehicle',
          identifiers: [{ kind: 'plate', value: 'FK 123 XT', country: 'ITA' }],
          make: 'Alfa Romeo',
        },
        reason: 'Stolen car',
        decisionRef: 'PROC-TO-2026-88',
      },
    });
    // The alert was entered years ago, as far as its review date goes: due in 20 days.
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await sql`update sis.alert set review_due = ${due} where id = ${alert.id}`.execute(
      server.services.database.db,
    );

    await openScreen('sirene.it', 'Alert review', 'Alert review');
    const item = page.getByTestId('review-item').filter({ hasText: 'FK 123 XT' });
    await item.waitFor();
    expect(await item.textContent()).toMatch(/20 days left|19 days left/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await tabTo(page, item.getByRole('button', { name: 'Keep alert…' }), 60);
    await page.keyboard.press('Enter');
    const assessment = page.getByRole('textbox', { name: 'Individual assessment' });
    await expect.poll(() => isFocused(assessment)).toBe(true);
    await page.keyboard.type('The vehicle has not been found; the proceedings are still open.');
    await tabTo(page, page.getByRole('button', { name: 'Keep alert', exact: true }));
    await page.keyboard.press('Enter');

    await expect
      .poll(() => page.getByTestId('review-notice').textContent())
      .toMatch(new RegExp(`^Alert ${alert.id} kept; next review due on \\d{1,2} [A-Z][a-z]{2} \\d{4}\\.$`));
    expect(await page.getByTestId('review-item').filter({ hasText: 'FK 123 XT' }).count()).toBe(0);
    const stored = await server.services.sis.getAlert({
      actor: sirene,
      purpose: 'alert-management',
      alertId: alert.id,
    });
    expect(stored.reviewDue > due).toBe(true);
  });

  it('keeps the vehicle identifier kind chosen with the mouse', async () => {
    await openScreen('sirene.it', 'SIS alerts', 'SIS alerts');
    await page.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: 'Object for seizure or as evidence (art. 38)' }).click();
    await page.getByRole('combobox', { name: 'Type of object' }).click();
    await page.getByRole('option', { name: 'Motor vehicle', exact: true }).click();
    const kind = page.getByRole('combobox', { name: 'Identifier 1: kind' });
    expect(await kind.inputValue()).toBe('Number plate');
    // Choosing the kind already shown keeps it.
    await kind.click();
    await page.getByRole('option', { name: 'Number plate' }).click();
    await expect.poll(() => kind.inputValue()).toBe('Number plate');
    await kind.click();
    await page.getByRole('option', { name: 'Vehicle identification number (VIN)' }).click();
    await expect.poll(() => kind.inputValue()).toBe('Vehicle identification number (VIN)');
    await page.getByRole('textbox', { name: 'Identifier 1: number' }).click();
    expect(await kind.inputValue()).toBe('Vehicle identification number (VIN)');
  });

  it('asks the police for the purpose, then lists alerts with search and filters', async () => {
    const police = await demoActor(server, 'police.nl');
    const car = await server.services.sis.createAlert({
      actor: police,
      purpose: 'alert-management',
      alert: {
        category: 'object-seizure',
        object: {
          type: 'motor-vehicle',
          identifiers: [{ kind: 'plate', value: 'GX-204-K', country: 'NLD' }],
        },
        reason: 'Stolen car',
        decisionRef: 'NL-UI-LIST-1',
      },
    });
    const person = await server.services.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'missing',
        missingSubcategory: 'a',
        person: { surname: 'VERHOEVEN', givenNames: 'ANNA', birthDate: '1990-05-04', sex: 'F' },
        reason: 'Missing adult at risk',
        decisionRef: 'IT-UI-LIST-2',
      },
    });
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await sql`update sis.alert set review_due = ${due} where id = ${car.alert.id}`.execute(
      server.services.database.db,
    );
    const lists: Request[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/sis/alerts' && r.method() === 'GET') {
        lists.push(r);
      }
    });

    await openScreen('police.nl', 'SIS alerts', 'SIS alerts');
    // Three purposes allowed and none chosen: the screen asks before it lists anything.
    const gate = page.getByTestId('purpose-gate');
    await gate.waitFor();
    expect(lists).toHaveLength(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await gate.getByRole('button', { name: 'Continue' }).click();
    expect(await gate.getByText('Choose the purpose of your work').count()).toBe(1);
    await gate.getByRole('radio', { name: /^Police identity check/ }).click();
    await gate.getByRole('button', { name: 'Continue' }).click();

    const rows = page.getByTestId('alert-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect((await lists[0]!.allHeaders())['x-interlink-purpose']).toBe('police-identity-check');
    // The header shows the purpose chosen, where it can be changed.
    expect(
      await page.getByRole('banner').getByRole('combobox', { name: 'Purpose of use' }).inputValue(),
    ).toMatch(/^Police identity check/);

    const list = page.getByTestId('alert-list');
    // Text search: a plate typed without its dashes.
    await list.getByRole('textbox', { name: 'Search' }).fill('gx204k');
    await list.getByRole('textbox', { name: 'Search' }).press('Enter');
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id'))))
      .toEqual([car.alert.id]);
    expect(await rows.first().getAttribute('data-status')).toBe('review-due');
    expect(await rows.first().textContent()).toContain('Review due');

    // Filters by clicking: category, then issuing state, then status.
    await list.getByRole('textbox', { name: 'Search' }).fill('UI-LIST');
    await list.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await list.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: /^Missing or vulnerable person/ }).click();
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id'))))
      .toEqual([person.alert.id]);
    expect(await rows.first().textContent()).toContain('VERHOEVEN, ANNA');
    await list.getByRole('combobox', { name: 'Issuing state' }).click();
    await page.getByRole('option', { name: /^NL/ }).click();
    await expect.poll(() => list.getByTestId('table-summary').textContent()).toBe('No alert matches.');
    await list.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: /^Missing or vulnerable person/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await list.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Review due' }).click();
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id'))))
      .toEqual([car.alert.id]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const last = new URL(lists.at(-1)!.url()).searchParams;
    expect(Object.fromEntries(last)).toMatchObject({
      q: 'UI-LIST',
      issuingState: 'NL',
      status: 'review-due',
    });

    // The choice holds for the session: after a reload the list comes without asking again, with the
    // filters it had (they are in the address).
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id'))))
      .toEqual([car.alert.id]);
    expect(await page.getByTestId('purpose-gate').count()).toBe(0);

    // Opening a row shows the alert, read under the purpose chosen.
    const reads: Request[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/v1/sis/alerts/sis_')) {
        reads.push(r);
      }
    });
    await rows.first().getByRole('link').click();
    await page.getByTestId('alert-detail').waitFor();
    expect((await reads[0]!.allHeaders())['x-interlink-purpose']).toBe('police-identity-check');
  });

  it('offers alert entry to the police but neither the review queue nor the hits', async () => {
    await signIn(page, server.url, 'police.nl');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    // The flag search of the CIR (2019/817 art. 22) is the police's own; the SIS screens are these two, and
    // the network map of the alerts' links, hits and hub reads.
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Home',
      'SIS alerts',
      'Search',
      'Which systems hold data',
      'Network map',
    ]);
  });

  it('offers SIRENE its alerts, review queue, hits, identity links and the network map', async () => {
    await signIn(page, server.url, 'sirene.it');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Home' }).waitFor();
    // By address: a link with a counter badge says its count in its name.
    const links = await nav.getByRole('link').evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    expect(links).toEqual([
      '#/',
      '#/sis/alerts',
      '#/sis/review',
      '#/sis/hits',
      '#/search',
      '#/mid/links',
      '#/network',
    ]);
  });
});
