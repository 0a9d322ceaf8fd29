import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { generateMrzOrThrow } from '../../src/contexts/identity/index.ts';
import { localDateAt } from '../../src/contexts/reference/index.ts';
import { seedEtiasFile } from '../support/etias.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { seriousAccessibilityViolations, signIn } from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** A day counted from today at the Finnish crossing points, whose local date is the one the check counts from. */
const day = (offsetDays: number) =>
  new Date(Date.parse(`${localDateAt('FI-HEL', new Date())}T00:00:00Z`) + offsetDays * 86_400_000)
    .toISOString()
    .slice(0, 10);

/** A US passport MRZ (a visa-exempt national: ETIAS applies). */
function passport(documentNumber: string): string {
  return generateMrzOrThrow({
    format: 'TD3',
    documentCode: 'P',
    issuingState: 'USA',
    surname: 'WALKER',
    givenNames: 'JANE',
    documentNumber,
    nationality: 'USA',
    birthDate: '880305',
    sex: 'F',
    expiryDate: '350101',
  }).lines.join('\n');
}

async function checkTraveller(mrz: string): Promise<void> {
  await signIn(page, server.url, 'border.fi');
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Border check' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Border check' }).waitFor();
  await expect.poll(() => page.getByRole('button', { name: 'Check traveller' }).isEnabled()).toBe(true);
  await page.getByRole('textbox', { name: /Machine-readable zone/ }).fill(mrz);
  await page.getByRole('button', { name: 'Check traveller' }).click();
  await page.getByTestId('verdict').waitFor();
}

describeBrowser('ETIAS at the border check', () => {
  beforeAll(async () => {
    ensureWebBundle();
    // ETIAS required (no transitional period): a missing authorisation suggests a refusal.
    server = await startTestServer({ env: { INTERLINK_ETIAS_TRANSITIONAL_UNTIL: 'none' } });
    browser = await launchBrowser();
    await seedEtiasFile(server.services, {
      documentNumber: 'EE200001',
      issuingState: 'USA',
      validUntil: day(45),
      flags: ['second-line-check'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-GB' });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('shows a visa-exempt traveller’s travel authorisation: valid, until when, days left, flags', async () => {
    await checkTraveller(passport('EE200001'));
    const panel = page.getByTestId('etias-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-valid')).toBe('true');
    expect(await panel.getByRole('heading', { name: 'ETIAS travel authorisation' }).isVisible()).toBe(true);
    expect(await page.getByTestId('etias-valid').textContent()).toContain('Yes');
    expect(await page.getByTestId('etias-remaining').textContent()).toContain('46 days');
    expect(await page.getByTestId('etias-flags').textContent()).toContain('Second-line check recommended');
    expect(await page.getByTestId('etias-expires-soon').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="finding"][data-code="ETIAS_FLAG_SECOND_LINE"]').count()).toBe(1);
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('attention');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('says that none is held for an unknown passport, and suggests refusal on the ETIAS ground', async () => {
    await checkTraveller(passport('EE299999'));
    const panel = page.getByTestId('etias-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-valid')).toBe('false');
    expect(await page.getByTestId('etias-status').textContent()).toContain('None for this document');
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('refusal-suggested');
    const missing = page.locator('[data-testid="finding"][data-code="ETIAS_MISSING"]');
    expect(await missing.textContent()).toContain('No valid ETIAS travel authorisation');
    expect(await missing.textContent()).toContain('Supports refusal ground');
  });
});
