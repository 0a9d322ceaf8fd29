import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { etiasApplication } from '../../src/contexts/etias/index.ts';
import en from '../../web/src/messages/en.json' with { type: 'json' };
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { auditOperations, seriousAccessibilityViolations, signIn } from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\s+/gu, ' ');
  } finally {
    await parser.destroy();
  }
}

describeBrowser('ETIAS National Unit: queue, request for information, refusal and notice', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Madrid',
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

  it('opens a file from its queue, requests information, refuses with grounds, and downloads the notice', async () => {
    // An applicant declares a conviction: the file goes to the Spanish National Unit (art. 26(4)).
    const { value } = await server.services.etias.submit(
      {},
      etiasApplication({
        surname: 'Okonkwo',
        givenNames: 'Chidi',
        birthDate: '1988-07-21',
        intendedFirstStay: { memberState: 'ESP' },
        background: { criminalConviction: true, conflictZoneStay: false, removalOrder: false },
      }),
    );
    expect(value.status).toBe('manual');

    await signIn(page, server.url, 'etias-nu.es');
    await page
      .getByRole('navigation', { name: en['shell.navigation'] })
      .getByRole('link', { name: en['etias.manual.nav'] })
      .click();
    await page.getByRole('heading', { level: 1, name: en['etias.manual.title'] }).waitFor();
    const row = page.locator(`[data-testid="nu-queue-row"][data-application-id="${value.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-urgency]').getAttribute('data-urgency')).toBe('on-time');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await row.getByRole('link', { name: /Okonkwo/ }).click();

    const panel = page.getByTestId('decision-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-status')).toBe('manual');

    // Request for information (art. 27).
    await panel.getByRole('button', { name: en['etias.manual.action.request'] }).click();
    await panel
      .getByRole('textbox', { name: en['etias.manual.request.question'] })
      .fill('Please send the court decision and proof of its execution.');
    await panel.getByRole('button', { name: en['etias.manual.submit'] }).click();
    await panel.locator('[data-testid="request"][data-state="awaiting-reply"]').waitFor();
    await panel.locator('[data-testid="notice"][data-kind="information-request"]').waitFor();

    // Refusal on grounds (art. 37).
    await panel.getByRole('button', { name: en['etias.manual.action.decide'] }).click();
    const kind = panel.getByRole('combobox', { name: en['etias.manual.decision.kind'] });
    await kind.click();
    await page.getByRole('option', { name: en['etias.manual.kind.refuse'] }).click();
    await panel.getByRole('checkbox', { name: en['etias.manual.ground.security-risk'] }).check();
    await panel
      .getByRole('textbox', { name: en['etias.manual.decision.justification'] })
      .fill('Recent conviction for a serious offence listed in the Annex.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: en['etias.manual.submit'] }).click();
    await expect.poll(() => page.getByTestId('decision-panel').getAttribute('data-status')).toBe('refused');
    await page
      .getByTestId('decision-panel')
      .locator('[data-testid="decision"][data-kind="refuse"]')
      .waitFor();

    // The notice from the server (art. 38), as PDF.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-notice').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`etias-notice-${value.id}-en.pdf`);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Refusal of an ETIAS travel authorisation');
    expect(text).toContain('you pose a security risk');
    expect(text).toContain('right to appeal');
    expect(text).toContain('Okonkwo');
    expect((await auditOperations(server.url, 'etias-nu.es')).map((e) => e.operation)).toEqual(
      expect.arrayContaining(['etias.manual.request', 'etias.manual.decision.refuse', 'etias.manual.notice']),
    );
  });
});
