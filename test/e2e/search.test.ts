import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { DEFAULT_SEARCH_PROFILES } from '../../src/contexts/esp/index.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { apiToken, demoActor, noonDaysAgo, seriousAccessibilityViolations, signIn } from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let fileId: string;
let alertId: string;

const PERSON = {
  surname: 'OKAFOR',
  givenNames: 'CHIDI EMEKA',
  birthDate: '1985-07-21',
  sex: 'M' as const,
  nationality: 'NGA',
  document: 'A12345678',
};

/** Fields of SIS results a search profile may receive, from the server's own profile table. */
function sisFieldsOf(profileId: string): string[] {
  const profile = DEFAULT_SEARCH_PROFILES.find((p) => p.id === profileId);
  return [...(profile?.returnFields.sis ?? [])];
}

/** Runs the same search by identity and passport from the search screen, submitted with Enter. */
async function searchForPerson(username: string): Promise<void> {
  await signIn(page, server.url, username);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Search' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
  await page.getByRole('textbox', { name: 'Surname' }).fill(PERSON.surname);
  await page.getByRole('textbox', { name: 'Given names' }).fill(PERSON.givenNames);
  await page.getByRole('textbox', { name: 'Date of birth' }).fill(PERSON.birthDate);
  await page.getByRole('combobox', { name: 'Sex' }).click();
  await page.getByRole('option', { name: 'Male (M)' }).click();
  await page.getByRole('textbox', { name: 'Nationality' }).fill(PERSON.nationality);
  await page.getByRole('textbox', { name: 'Document number' }).fill(PERSON.document);
  await page.getByRole('textbox', { name: 'Issuing state' }).fill(PERSON.nationality);
  await page.getByRole('textbox', { name: 'Issuing state' }).press('Enter');
  await expect
    .poll(() => page.getByTestId('search-progress').textContent(), { timeout: 15_000 })
    .toMatch(/^Search complete/);
}

const answer = (system: string) => page.locator(`[data-testid="system-answer"][data-system="${system}"]`);
const fieldsOf = (system: string) =>
  answer(system)
    .getByTestId('result-field')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-field') ?? ''));

describeBrowser('Search screen', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();

    // The same person in EES (a recent entry at Helsinki) and in SIS (an arrest alert with a warning marker).
    const guard = await demoActor(server, 'border.fi');
    const { value: file } = await server.services.ees.createFile({
      actor: guard,
      purpose: 'border-control',
      input: {
        kind: 'visa-exempt',
        surname: PERSON.surname,
        givenNames: PERSON.givenNames,
        birthDate: PERSON.birthDate,
        nationalities: [PERSON.nationality],
        sex: PERSON.sex,
        documents: [{ type: 'P', number: PERSON.document, issuingState: 'NGA', expiry: '2031-05-01' }],
        facialImageRef: 'face:okafor',
        fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
      },
    });
    fileId = file.id;
    await server.services.ees.recordEntry({
      actor: guard,
      purpose: 'border-control',
      fileId,
      input: { at: noonDaysAgo(10), bcpId: 'FI-HEL' },
    });
    const sirene = await demoActor(server, 'sirene.it');
    const created = await server.services.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'arrest',
        person: {
          surname: PERSON.surname,
          givenNames: PERSON.givenNames,
          birthDate: PERSON.birthDate,
          sex: PERSON.sex,
          nationalities: [PERSON.nationality],
          aliases: ['EMEKA OKAFOR'],
          documents: [{ type: 'passport', issuingCountry: 'NGA', number: PERSON.document }],
        },
        warningMarkers: ['armed'],
        reason: 'European Arrest Warrant for armed robbery',
        decisionRef: 'EAW-2026-0042',
      },
    });
    alertId = created.alert.id;
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

  it('shows the border guard the EES file and the SIS alert, warning markers first, and the systems not connected', async () => {
    await searchForPerson('border.fi');

    expect(await answer('ees').getAttribute('data-status')).toBe('ok');
    const eesResult = answer('ees').getByTestId('search-result');
    expect(await eesResult.count()).toBe(1);
    expect(await eesResult.getAttribute('data-record-ref')).toBe(`ees:${fileId}`);
    expect(await eesResult.getByTestId('probability').textContent()).toMatch(/^Match probability \d+%$/);
    expect((await eesResult.getByTestId('explanation').textContent())?.length).toBeGreaterThan(0);
    expect(await fieldsOf('ees')).toEqual(expect.arrayContaining(['fileId', 'surname', 'birthDate', 'sex']));
    expect(await eesResult.locator('[data-field="birthDate"] dd').textContent()).toBe('21 Jul 1985');

    expect(await answer('sis').getAttribute('data-status')).toBe('ok');
    const sisResult = answer('sis').getByTestId('search-result').first();
    expect(await sisResult.getAttribute('data-record-ref')).toBe(`sis:${alertId}`);
    // The warning marker is the first thing in the result.
    const firstBlock = sisResult.locator(':scope > div > *').first();
    expect(await firstBlock.getAttribute('data-testid')).toBe('warning-markers');
    expect(await firstBlock.textContent()).toBe('Warning: ARMED');
    expect(await fieldsOf('sis')).not.toContain('aliases');

    // ETIAS answers too (this traveller has no application); a system the profile may consult but this
    // installation does not connect is said so, plainly.
    expect(await answer('etias').getAttribute('data-status')).toBe('ok');
    expect(await answer('etias').getByTestId('search-result').count()).toBe(0);
    expect(await answer('mid').getAttribute('data-status')).toBe('not-connected');
    expect(await answer('mid').getByTestId('system-status').textContent()).toBe('Not connected');
    // Not searched on its own, the MID is no stranger to the answer: the officer is told where its links are.
    expect(await answer('mid').getByTestId('system-message').textContent()).toBe(
      'The multiple-identity detector is not searched on its own here: the links it found are shown with each record found (art. 26).',
    );
    expect(await page.getByTestId('system-answer').count()).toBe(4);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('shows the police officer the SIS alert only, and none of the fields their profile may not receive', async () => {
    await searchForPerson('police.nl');

    expect(await answer('ees').count()).toBe(0);
    expect(await page.locator('[data-record-ref^="ees:"]').count()).toBe(0);
    expect(await answer('cir').getAttribute('data-status')).toBe('not-connected');
    expect(await page.getByTestId('system-answer').count()).toBe(2);

    const sisResult = answer('sis').getByTestId('search-result').first();
    expect(await sisResult.getAttribute('data-record-ref')).toBe(`sis:${alertId}`);
    expect(await sisResult.getByTestId('warning-markers').textContent()).toBe('Warning: ARMED');
    const received = await fieldsOf('sis');
    expect(received).toEqual(expect.arrayContaining(['alertId', 'surname', 'birthDate']));
    // Aliases are held in SIS (the SIRENE profile receives them) but are not for the police profile.
    expect(received).not.toContain('aliases');
    const allowed = new Set(sisFieldsOf('police-identity-check'));
    expect(received.filter((f) => !allowed.has(f))).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const token = await apiToken(server.url, 'sirene.it');
    const merged = await fetch(new URL('/api/v1/search/merged', server.url), {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'X-Interlink-Purpose': 'sirene-exchange',
      },
      body: JSON.stringify({
        surname: PERSON.surname,
        givenNames: PERSON.givenNames,
        birthDate: PERSON.birthDate,
        sex: PERSON.sex,
        nationality: PERSON.nationality,
        documentNumber: PERSON.document,
        documentIssuingState: PERSON.nationality,
      }),
    });
    const body = (await merged.json()) as {
      answers: Array<{ system: string; results: Array<{ fields: Record<string, unknown> }> }>;
    };
    expect(body.answers.find((a) => a.system === 'sis')?.results[0]?.fields.aliases).toEqual([
      'EMEKA OKAFOR',
    ]);
  });

  it('says per system when a query is too broad, with what to add, instead of an error', async () => {
    await signIn(page, server.url, 'border.fi');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Search' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
    await page.getByRole('textbox', { name: 'Surname' }).fill(PERSON.surname);
    await page.getByRole('textbox', { name: 'Surname' }).press('Enter');
    await expect
      .poll(() => page.getByTestId('search-progress').textContent(), { timeout: 15_000 })
      .toMatch(/^Search complete/);
    expect(await answer('ees').getAttribute('data-status')).toBe('too-broad');
    expect(await answer('ees').getByTestId('system-status').textContent()).toBe(
      'Too broad: narrow the query',
    );
    expect(await answer('ees').getByTestId('system-message').textContent()).toMatch(/date of birth/u);
  });

  it('offers each profile only the fields it may search by', async () => {
    await signIn(page, server.url, 'visa.fr');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Search' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
    expect(await page.getByTestId('group-identity').isVisible()).toBe(true);
    expect(await page.getByTestId('group-document').isVisible()).toBe(true);
    expect(await page.getByTestId('group-vehicle').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Number plate' }).count()).toBe(0);

    // A date of birth that is not YYYY-MM-DD is refused before anything is sent.
    await page.getByRole('textbox', { name: 'Surname' }).fill(PERSON.surname);
    await page.getByRole('textbox', { name: 'Date of birth' }).fill('07/21/1985');
    await page.getByRole('textbox', { name: 'Date of birth' }).press('Enter');
    await page.getByText('Write the date of birth as YYYY-MM-DD').waitFor();
    expect(await page.getByTestId('system-answer').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
