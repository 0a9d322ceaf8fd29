import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { newUser } from '../support/builders.ts';
import { startTestServer } from '../support/server.ts';
import { ensureWebBundle, launchBrowser } from './browser.ts';
import { noonDaysAgo, seriousAccessibilityViolations, signIn, tabTo, UNAMBIGUOUS_DATE } from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** A visa-exempt traveller who entered at a crossing point `daysAgo` days ago and never left. */
async function seedStay(
  memberState: string,
  bcpId: string,
  surname: string,
  documentNumber: string,
  daysAgo: number,
): Promise<string> {
  const guard = await server.services.access.authenticate(
    (await newUser(server.services, 'border', { memberState })).token,
  );
  const { value: file } = await server.services.ees.createFile({
    actor: guard,
    purpose: 'border-control',
    input: {
      kind: 'visa-exempt',
      surname,
      givenNames: 'JOHN',
      birthDate: '1984-07-21',
      nationalities: ['USA'],
      sex: 'M',
      documents: [{ type: 'P', number: documentNumber, issuingState: 'USA', expiry: '2034-01-01' }],
      facialImageRef: `face:${documentNumber}`,
      fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
    },
  });
  await server.services.ees.recordEntry({
    actor: guard,
    purpose: 'border-control',
    fileId: file.id,
    input: { at: noonDaysAgo(daysAgo), bcpId },
  });
  return file.id;
}

describe('Overstayers screen', () => {
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
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('shows immigration authorities the list of overstayers, longest first, and narrows it to one state', async () => {
    const finnish = await seedStay('FI', 'FI-HEL', 'OVERSTAYLONG', 'US7000001', 120);
    const german = await seedStay('DE', 'DE-FRA', 'OVERSTAYSHORT', 'US7000002', 95);
    await seedStay('FI', 'FI-HEL', 'STILLWITHIN', 'US7000003', 20);
    const today = new Date().toISOString().slice(0, 10);
    await server.services.writes.run(null, (trx) => server.services.ees.flagOverstayers(trx, today));
    const requests: Request[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/ees/overstayers') {
        requests.push(r);
      }
    });

    await signIn(page, server.url, 'immigration.de');
    const entry = page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Overstayers' });
    await tabTo(page, entry);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Overstayers' }).waitFor();

    const rows = page.getByTestId('overstayer-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-file-id')))).toEqual([
      finnish,
      german,
    ]);
    const first = rows.first();
    expect(await first.textContent()).toContain('OVERSTAYLONG, JOHN');
    expect(await first.locator('td').nth(5).textContent()).toMatch(/^3[01] days over/);
    expect(await first.textContent()).toContain('FI-HEL (FI)');
    const cells = await first.locator('td').allTextContents();
    expect(cells[1]).toMatch(UNAMBIGUOUS_DATE);
    expect(await page.getByTestId('overstayers-summary').textContent()).toBe('2 overstayers.');
    expect(await page.getByText('STILLWITHIN').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const headers = await requests[0]!.allHeaders();
    expect(headers['x-interlink-purpose']).toBe('immigration-check');

    // Only those who entered through Germany.
    await page.getByRole('combobox', { name: 'Entered through' }).click();
    await page.getByRole('option', { name: /^DE/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-file-id')).toBe(german);
    expect(new URL(requests.at(-1)!.url()).searchParams.get('memberState')).toBe('DE');
  });

  it('is not offered to a border guard', async () => {
    await signIn(page, server.url, 'border.fi');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link', { name: 'Overstayers' }).count()).toBe(0);
  });
});
