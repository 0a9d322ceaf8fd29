import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import type { Actor } from '../../src/contexts/access/index.ts';
import { generateMrzOrThrow } from '../../src/contexts/identity/index.ts';
import en from '../../web/src/messages/en.json' with { type: 'json' };
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import {
  auditOperations,
  demoActor,
  noonDaysAgo,
  seriousAccessibilityViolations,
  signIn,
} from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let guard: Actor;

const PURPOSE = 'border-control';

/** A traveller who has used 90 of the last 180 days: the border check suggests refusal on ground F. */
async function seedOverstayedTraveller(documentNumber: string, surname: string): Promise<string[]> {
  const { value: file } = await server.services.ees.createFile({
    actor: guard,
    purpose: PURPOSE,
    input: {
      kind: 'visa-exempt',
      surname,
      givenNames: 'EMILY ROSE',
      birthDate: '1990-02-14',
      nationalities: ['USA'],
      sex: 'F',
      documents: [{ type: 'P', number: documentNumber, issuingState: 'USA', expiry: '2034-01-01' }],
      facialImageRef: `face:${documentNumber}`,
      fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
    },
  });
  await server.services.ees.recordEntry({
    actor: guard,
    purpose: PURPOSE,
    fileId: file.id,
    input: { at: noonDaysAgo(170), bcpId: 'FI-HEL' },
  });
  await server.services.ees.recordExit({
    actor: guard,
    purpose: PURPOSE,
    fileId: file.id,
    input: { at: noonDaysAgo(81), bcpId: 'FI-HEL' },
  });
  return generateMrzOrThrow({
    format: 'TD3',
    documentCode: 'P',
    issuingState: 'USA',
    surname,
    givenNames: 'EMILY ROSE',
    documentNumber,
    nationality: 'USA',
    birthDate: '900214',
    sex: 'F',
    expiryDate: '340101',
  }).lines.slice();
}

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\s+/gu, ' ');
  } finally {
    await parser.destroy();
  }
}

describeBrowser('Refusal notice (SBC Annex V Part B) from the border check', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
    guard = await demoActor(server, 'border.fi');
    context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Helsinki',
      colorScheme: 'light',
      acceptDownloads: true,
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('refuses entry, prints the notice in German as a PDF from the server, and passes axe in light and dark', async () => {
    const mrz = await seedOverstayedTraveller('K40000077', 'NOLAN');
    await signIn(page, server.url, 'border.fi');
    await page
      .getByRole('navigation', { name: en['shell.navigation'] })
      .getByRole('link', { name: en['nav.borderCheck'] })
      .click();
    await page.getByRole('heading', { level: 1, name: en['border.title'] }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Check traveller' }).isEnabled()).toBe(true);
    const mrzBox = page.getByRole('textbox', { name: /Machine-readable zone/ });
    await mrzBox.fill(mrz.join('\n'));
    await mrzBox.press('Enter');
    await page.getByTestId('verdict').waitFor();

    // The guard refuses entry on the ground the check suggests (F, ticked already).
    await page.getByRole('button', { name: 'Record refusal', exact: true }).click();
    await page.getByRole('checkbox', { name: /^F: / }).waitFor();
    await page.getByRole('button', { name: 'Record refusal now' }).click();
    await page.getByTestId('refused-today').waitFor();

    // Next to the form: the notice from the server, in a language the officer picks for the traveller.
    const notice = page.getByTestId('refusal-form-section').getByTestId('refusal-notice');
    await notice.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: en['shell.darkMode'] }).click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.mantineColorScheme))
      .toBe('dark');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: en['shell.lightMode'] }).click();

    const language = notice.getByRole('combobox', { name: en['border.refusalNotice.language'] });
    expect(await language.inputValue()).toBe('English');
    await language.click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    expect(await language.inputValue()).toBe('Deutsch');

    const requests: Request[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.endsWith('/notice.pdf')) {
        requests.push(r);
      }
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      notice.getByRole('button', { name: en['border.refusalNotice.print'] }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^refusal-notice-eesx_[0-9a-f-]{36}-de\.pdf$/);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Einreiseverweigerung an der Grenze');
    expect(text).toContain(
      'Er/Sie hat sich bereits 90 Tage während eines Zeitraums von 180 Tagen im Hoheitsgebiet der Mitgliedstaaten der Europäischen Union aufgehalten',
    );
    expect(text).toContain('NOLAN');
    expect(text).toContain('K40000077');
    expect(text).toContain('nach Maßgabe des innerstaatlichen Rechts Rechtsmittel einlegen');

    // The token travels in the Authorization header with the purpose, never in the address.
    expect(requests).toHaveLength(1);
    const url = new URL(requests[0]!.url());
    expect(url.searchParams.get('lang')).toBe('de');
    expect([...url.searchParams.keys()]).toEqual(['lang']);
    const headers = await requests[0]!.allHeaders();
    expect(headers.authorization).toMatch(/^Bearer /);
    expect(headers['x-interlink-purpose']).toBe(PURPOSE);
    expect((await auditOperations(server.url, 'border.fi')).map((e) => e.operation)).toContain(
      'ees.refusal.notice',
    );

    // The refusal row of the travel history offers the same notice, named by the day of the refusal.
    const row = page.getByTestId('history-refusal');
    expect(
      await row.getByRole('button', { name: new RegExp(`^${en['border.refusalNotice.print']}: `) }).count(),
    ).toBe(1);
  });
});
