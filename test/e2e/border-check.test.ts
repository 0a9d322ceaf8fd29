import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import type { Actor } from '../../src/contexts/access/index.ts';
import { generateMrzOrThrow } from '../../src/contexts/identity/index.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import {
  auditOperations,
  demoActor,
  isFocused,
  noonDaysAgo,
  seriousAccessibilityViolations,
  signIn,
  tabTo,
  UNAMBIGUOUS_DATE,
  UUID,
} from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let guard: Actor;

const PURPOSE = 'border-control';

/** A US passport MRZ of a traveller of our own making, valid for years. */
function passport(documentNumber: string, surname: string, givenNames = 'EMILY ROSE'): string[] {
  return generateMrzOrThrow({
    format: 'TD3',
    documentCode: 'P',
    issuingState: 'USA',
    surname,
    givenNames,
    documentNumber,
    nationality: 'USA',
    birthDate: '900214',
    sex: 'F',
    expiryDate: '340101',
  }).lines.slice();
}

/** An EES file for the passport above, with the given stays (entry and exit instants; null for no exit). */
async function seedFile(documentNumber: string, surname: string, stays: Array<[string, string | null]>) {
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
  for (const [entry, exit] of stays) {
    await server.services.ees.recordEntry({
      actor: guard,
      purpose: PURPOSE,
      fileId: file.id,
      input: { at: entry, bcpId: 'FI-HEL' },
    });
    if (exit !== null) {
      await server.services.ees.recordExit({
        actor: guard,
        purpose: PURPOSE,
        fileId: file.id,
        input: { at: exit, bcpId: 'FI-HEL' },
      });
    }
  }
  return file.id;
}

const mrzBox = () => page.getByRole('textbox', { name: /Machine-readable zone/ });
const verdict = () => page.getByTestId('verdict');

/** Opens the border check from the navigation with the keyboard and waits for the crossing points. */
async function openBorderCheck(): Promise<void> {
  await signIn(page, server.url, 'border.fi');
  const entry = page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Border check' });
  await tabTo(page, entry);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Border check' }).waitFor();
  await expect.poll(() => page.getByRole('button', { name: 'Check traveller' }).isEnabled()).toBe(true);
}

/** Writes to EES as the browser sent them. */
function recordWrites(): Request[] {
  const writes: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/api/v1/ees/')) {
      writes.push(request);
    }
  });
  return writes;
}

describeBrowser('Border check screen', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
    guard = await demoActor(server, 'border.fi');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    // A time zone far from the crossing point shows that dates are not converted to the browser's zone.
    context = await browser.newContext({ locale: 'en-GB', timezoneId: 'America/New_York' });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('checks a new traveller and records the file and first entry with the keyboard alone', async () => {
    const writes = recordWrites();
    await openBorderCheck();
    expect(await isFocused(mrzBox())).toBe(true);
    expect(await page.getByTestId('bcp-select').inputValue()).toMatch(/\(FI-[A-Z-]+\)$/);

    // Typed as a guard would: line 1, Enter, line 2, Enter (the complete MRZ runs the check).
    const [line1, line2] = passport('K40000001', 'HARRIS') as [string, string];
    await page.keyboard.type(line1);
    await page.keyboard.press('Enter');
    await page.keyboard.type(line2);
    expect(await page.getByText(/TD3 document complete; every check digit matches/).isVisible()).toBe(true);
    await page.keyboard.press('Enter');

    await verdict().waitFor();
    const verdictHeading = verdict().getByRole('heading', { level: 2 });
    await expect.poll(() => isFocused(verdictHeading)).toBe(true);
    expect(await verdictHeading.textContent()).toBe('No reason to refuse found');
    expect(await page.locator('[data-testid="finding"][data-code="EES_NO_FILE"]').textContent()).toContain(
      'No EES file',
    );
    expect(await page.getByTestId('no-ees-file').textContent()).toContain('No EES file');
    expect(await page.getByTestId('holder-surname').textContent()).toContain('HARRIS');
    expect(await page.getByTestId('holder-birthDate').locator('dd').textContent()).toBe('14 Feb 1990');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // From the verdict, the next Tab reaches the first action.
    await page.keyboard.press('Tab');
    const create = page.getByRole('button', { name: 'Create file and record entry' });
    expect(await isFocused(create)).toBe(true);
    await page.keyboard.press('Enter');
    const visaExempt = page.getByRole('radio', { name: 'visa-exempt' });
    await expect.poll(() => isFocused(visaExempt)).toBe(true);
    expect(await visaExempt.isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Captured at the counter' }).isChecked()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await tabTo(page, page.getByRole('button', { name: 'Record entry now' }));
    await page.keyboard.press('Enter');

    const notice = page.getByTestId('record-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /^Entry recorded on \d{1,2} [A-Z][a-z]{2} \d{4} at FI-[A-Z-]+\./,
    );
    const row = page.getByTestId('history-record');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.locator('[data-column="entry"] time').textContent()).toMatch(UNAMBIGUOUS_DATE);
    // On the clock of the crossing point, not the browser's (New York): the time there, and in UTC, on hover.
    const entryTime = row.locator('[data-column="entry"] time');
    await expect.poll(() => entryTime.getAttribute('data-time-zone')).toBe('Europe/Helsinki');
    expect(await entryTime.getAttribute('title')).toMatch(
      /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (EES?T|GMT\+[23]) · \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} UTC$/,
    );
    expect(await row.locator('[data-column="entry"]').textContent()).toMatch(/at FI-[A-Z-]+ \(FI\)$/);
    expect(await row.locator('[data-column="exit"]').textContent()).toBe('No exit yet (present)');
    await page.locator('[data-testid="finding"][data-code="EES_PRESENT"]').waitFor();
    expect(await page.getByRole('button', { name: 'Record exit' }).isVisible()).toBe(true);
    expect(await page.getByTestId('days-used').textContent()).toBe('1 day used');

    // Each write carried the purpose and an Idempotency-Key of its own.
    expect(writes.map((w) => new URL(w.url()).pathname.replace(/eesf_[\w-]+/, ':id'))).toEqual([
      '/api/v1/ees/files',
      '/api/v1/ees/files/:id/entries',
    ]);
    const headers = await Promise.all(writes.map((w) => w.allHeaders()));
    for (const h of headers) {
      expect(h['idempotency-key']).toMatch(UUID);
      expect(h['x-interlink-purpose']).toBe(PURPOSE);
    }
    expect(new Set(headers.map((h) => h['idempotency-key'])).size).toBe(2);

    // The data protection officer sees the check, the new file and the entry in the access log.
    const events = await auditOperations(server.url, 'border.fi');
    const operations = events.map((e) => e.operation);
    expect(operations).toEqual(
      expect.arrayContaining(['border-check.run', 'ees.file.create', 'ees.entry.create']),
    );
    const fileEvent = events.find((e) => e.operation === 'ees.file.create');
    expect(fileEvent?.purpose).toBe(PURPOSE);
    expect(events.find((e) => e.operation === 'ees.entry.create')?.recordRefs).toContain(
      fileEvent?.recordRefs[0],
    );
  });

  it('marks the field in error as the MRZ is typed, and shows what the server found', async () => {
    await openBorderCheck();
    const [line1, line2] = passport('K40000002', 'HARRIS') as [string, string];
    // Position 20 of line 2 is the check digit of the date of birth.
    const wrong = String((Number(line2[19]) + 1) % 10);
    await mrzBox().fill(`${line1}\n${line2.slice(0, 19)}${wrong}${line2.slice(20)}`);

    const error = page.getByTestId('mrz-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(
      'Check digit of the date of birth does not match (line 2, position 20).',
    );
    expect(await mrzBox().getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('mrz-error-mark').first().textContent()).toBe(wrong);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await mrzBox().press('Control+Enter');
    await verdict().waitFor();
    // An MRZ that does not read is a matter of re-scanning, never a suggestion to refuse.
    expect(await verdict().getAttribute('data-verdict')).toBe('unreadable');
    expect(await verdict().getByRole('heading').textContent()).toBe(
      'Cannot read the document: re-scan it or type the MRZ',
    );
    expect(await page.getByTestId('finding').first().getAttribute('data-code')).toBe('DOCUMENT_MRZ_INVALID');
    expect(
      await page.getByTestId('document-problems').locator('[data-field="birthDateCheckDigit"]').count(),
    ).toBe(1);
    expect(await page.getByTestId('record-actions').count()).toBe(0);

    // Alt+N clears the screen for the next traveller and returns to the MRZ.
    await page.keyboard.press('Alt+N');
    await expect.poll(() => mrzBox().inputValue()).toBe('');
    expect(await isFocused(mrzBox())).toBe(true);
    expect(await verdict().count()).toBe(0);
  });

  it('stops a traveller who has used 90 of 180 days and records the refusal on ground F by keyboard', async () => {
    // 90 days of stay: entry 170 days ago, exit 81 days ago (both days count).
    await seedFile('K40000003', 'NOLAN', [[noonDaysAgo(170), noonDaysAgo(81)]]);
    await openBorderCheck();
    await mrzBox().fill(passport('K40000003', 'NOLAN').join('\n'));
    await mrzBox().press('Enter');

    await verdict().waitFor();
    expect(await verdict().getAttribute('data-verdict')).toBe('refusal-suggested');
    const first = page.getByTestId('finding').first();
    expect(await first.getAttribute('data-level')).toBe('stop');
    expect(await first.getAttribute('data-code')).toBe('EES_NO_DAYS_LEFT');
    expect(await first.textContent()).toContain('Supports refusal ground F');

    // The 180-day window: 90 days of stay drawn, and the same said in words.
    expect(await page.getByTestId('days-used').textContent()).toBe('90 days used');
    expect(await page.getByTestId('days-remaining').textContent()).toBe('0 days remaining');
    const strip = page.getByTestId('stay-strip');
    expect(await strip.locator('.stay-day').count()).toBe(180);
    expect(await strip.locator('.stay-day[data-stay]').count()).toBe(90);
    expect(await strip.locator('.stay-day[data-today]').count()).toBe(1);
    expect(await strip.getAttribute('aria-label')).toMatch(
      /^Window from \d{1,2} [A-Z][a-z]{2} \d{4} to \d{1,2} [A-Z][a-z]{2} \d{4} \(today\): 90 days of stay used, 0 days remaining of 90\.$/,
    );
    expect(await page.getByTestId('window-stays').textContent()).toMatch(/: 90 days in the window$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Verdict → Record entry → Record refusal.
    await expect.poll(() => isFocused(verdict().getByRole('heading', { level: 2 }))).toBe(true);
    const refuse = page.getByRole('button', { name: 'Record refusal' });
    await tabTo(page, refuse, 3);
    await page.keyboard.press('Enter');
    const groundF = page.getByRole('checkbox', { name: /^F: has already stayed 90 days/ });
    await groundF.waitFor();
    // The ground the finding supports is ticked already; the others are not.
    expect(await groundF.isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^A: no valid travel document$/ }).isChecked()).toBe(
      false,
    );
    expect(await page.getByTestId('refusal-grounds').getByRole('checkbox').count()).toBe(10);
    await tabTo(page, page.getByRole('button', { name: 'Record refusal now' }));
    await page.keyboard.press('Enter');

    const refusal = page.getByTestId('history-refusal');
    await refusal.waitFor();
    expect(await refusal.locator('time').textContent()).toMatch(UNAMBIGUOUS_DATE);
    expect(await refusal.locator('[data-ground]').allTextContents()).toEqual([
      'F: has already stayed 90 days in the current 180-day period',
    ]);
    expect(await page.getByTestId('record-notice').textContent()).toContain('(grounds F)');
    expect((await auditOperations(server.url, 'border.fi')).map((e) => e.operation)).toContain(
      'ees.refusal.create',
    );

    // The refusal is decided: no entry is offered any more, and the standard form is ready to print.
    await page.getByTestId('refused-today').waitFor();
    expect(await page.getByRole('button', { name: /Record entry/ }).count()).toBe(0);
    const form = page.getByTestId('refusal-form');
    expect(await form.getByTestId('refusal-form-surname').textContent()).toContain('NOLAN');
    expect(await form.getByTestId('refusal-form-document').textContent()).toContain('K40000003');
    expect(await form.textContent()).toContain('FI-HEL');
    expect(await form.locator('[data-ticked="yes"]').allTextContents()).toEqual([
      '☒ (F) has already stayed 90 days in the current 180-day period — ticked',
    ]);
    expect(await form.locator('li[data-ground]').count()).toBe(10);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByTestId('print-refusal-form').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // Printed, the form stands alone: the findings and the verdict are not on the traveller's copy.
    await page.emulateMedia({ media: 'print' });
    expect(await form.isVisible()).toBe(true);
    expect(await verdict().isVisible()).toBe(false);
    expect(await page.getByTestId('findings').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('tells the traveller a stay that ends on the passport expiry date when the passport expires first', async () => {
    const expiry = new Date(Date.now() + 30 * 86_400_000);
    const yymmdd = expiry.toISOString().slice(2, 10).replaceAll('-', '');
    const mrz = generateMrzOrThrow({
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'USA',
      surname: 'EXPIRING',
      givenNames: 'EMILY ROSE',
      documentNumber: 'K40000030',
      nationality: 'USA',
      birthDate: '900214',
      sex: 'F',
      expiryDate: yymmdd,
    }).lines.join('\n');
    await openBorderCheck();
    await mrzBox().fill(mrz);
    await mrzBox().press('Enter');
    await verdict().waitFor();
    await page.getByRole('button', { name: 'Create file and record entry' }).click();
    await page.getByRole('button', { name: 'Record entry now' }).click();
    const notice = page.getByTestId('record-notice');
    await notice.waitFor();
    const day = expiry.getUTCDate();
    const month = expiry.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
    expect(await notice.textContent()).toContain(
      `Authorised stay until ${day} ${month} ${expiry.getUTCFullYear()}: tell the traveller.`,
    );
  });

  it('shows a discreet check as discreet: no stop, no refusal ground, the art. 37 list to collect', async () => {
    const sirene = await demoActor(server, 'sirene.it');
    await server.services.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'check',
        checkType: 'discreet',
        person: {
          surname: 'VANCE',
          givenNames: 'EMILY ROSE',
          birthDate: '1990-02-14',
          sex: 'F',
          nationalities: ['USA'],
          documents: [{ type: 'passport', issuingCountry: 'USA', number: 'K40000020' }],
        },
        reason: 'Clear indication of intent to commit a serious offence; collect route and contacts',
        decisionRef: 'IT-CHECK-2026-1',
      },
    });
    await openBorderCheck();
    await mrzBox().fill(passport('K40000020', 'VANCE').join('\n'));
    await mrzBox().press('Enter');

    await verdict().waitFor();
    expect(await verdict().getAttribute('data-verdict')).toBe('proceed');
    expect(await page.locator('[data-testid="finding"][data-level="stop"]').count()).toBe(0);
    expect(await page.getByText(/Supports refusal ground/).count()).toBe(0);
    expect(await page.locator('[data-testid="finding"][data-code^="SIS_"]').count()).toBe(0);
    const banner = page.getByTestId('discreet-check');
    expect(await banner.getByRole('heading').textContent()).toBe('Discreet check: do not inform the person');
    expect(await banner.getByTestId('discreet-information').locator('li').allTextContents()).toContain(
      'route and destination of the journey',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('stops an overstayer who is still present, and records the exit with its days of overstay', async () => {
    await seedFile('K40000004', 'OKEKE', [[noonDaysAgo(100), null]]);
    await openBorderCheck();
    await mrzBox().fill(passport('K40000004', 'OKEKE').join('\n'));
    await mrzBox().press('Enter');

    await verdict().waitFor();
    const stop = page.locator('[data-testid="finding"][data-code="EES_OVERSTAY"]');
    expect(await stop.getAttribute('data-level')).toBe('stop');
    expect(await stop.textContent()).toMatch(
      /Overstay: \d+ days beyond the authorised stay \(authorised until \d{1,2} [A-Z][a-z]{2} \d{4}\)\./,
    );
    expect(await page.getByTestId('stay-strip').locator('.stay-day[data-breach]').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Record entry' }).count()).toBe(0);

    await tabTo(page, page.getByRole('button', { name: 'Record exit' }), 3);
    await page.keyboard.press('Enter');
    await page.getByTestId('record-notice').waitFor();
    const row = page.getByTestId('history-record');
    await expect.poll(() => row.locator('[data-column="exit"] time').count()).toBe(1);
    expect(await row.locator('[data-column="exit"] time').textContent()).toMatch(UNAMBIGUOUS_DATE);
    expect(await row.textContent()).toMatch(/\d+ days of overstay/);
    expect(await page.getByRole('button', { name: 'Record exit' }).count()).toBe(0);
  });
});
