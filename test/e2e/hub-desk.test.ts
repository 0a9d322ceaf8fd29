import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { createDemoHubs, DEMO_HUB_ALERTS } from '../../src/contexts/hubs/index.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { apiToken, seriousAccessibilityViolations, signIn, tabTo } from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const HUB = 'be-antwerp-bruges';
const PURPOSE = 'hub-vehicle-check';

function demoAlert(ref: string) {
  const alert = DEMO_HUB_ALERTS.find((a) => a.ref === ref);
  if (alert === undefined) {
    throw new Error(`No demo hub alert ${ref}`);
  }
  return alert;
}

/** A plate read at the Kallo gate, now, with the reader's best reading only. */
function read(id: string, plate: string, country: string | null) {
  return {
    id,
    at: new Date().toISOString(),
    gateId: 'kallo',
    cameraId: 'kallo-in-plate',
    direction: 'in',
    ...(country === null ? {} : { country }),
    plate: { text: plate, confidence: 0.96 },
  };
}

/** Sends a batch of reads as the hub's camera system would, signed in as hub.be. */
async function postReads(
  reads: unknown[],
): Promise<{ accepted: number; hits: Array<{ matchedText: string }> }> {
  const token = await apiToken(server.url, 'hub.be');
  const answer = await fetch(new URL(`/api/v1/hubs/${HUB}/reads`, server.url), {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'X-Interlink-Purpose': PURPOSE,
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: JSON.stringify({ reads }),
  });
  expect(answer.status).toBe(200);
  return (await answer.json()) as { accepted: number; hits: Array<{ matchedText: string }> };
}

/** Opens the hub desk from the navigation with the keyboard and waits until its live feed is connected. */
async function openDesk(): Promise<void> {
  await signIn(page, server.url, 'hub.be');
  const entry = page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Hub desk' });
  await tabTo(page, entry);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Hub desk' }).waitFor();
  await expect
    .poll(() => page.getByTestId('feed-status').getAttribute('data-status'), { timeout: 15_000 })
    .toBe('live');
}

const hitCards = () => page.getByTestId('hub-hit');

describeBrowser('Hub desk screen', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    await createDemoHubs(server.services);
    browser = await launchBrowser();
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

  it('shows a hit arriving live without reload, newest on top, and never a discreet-check vehicle', async () => {
    const liveRequests: Request[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === `/api/v1/hubs/${HUB}/hits/live`) {
        liveRequests.push(r);
      }
    });
    await openDesk();
    expect(await page.getByTestId('hub-select').inputValue()).toBe('Port of Antwerp-Bruges');
    expect(await page.getByTestId('no-hits').isVisible()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    let loads = 0;
    page.on('load', () => {
      loads += 1;
    });

    const stolen = demoAlert('V01');
    const discreet = demoAlert('D02');
    expect(discreet.discreet).toBe(true);
    const answer = await postReads([
      read('r-stolen', stolen.value.replace(/-/g, ''), stolen.country),
      read('r-discreet', discreet.value.replace(/-/g, ''), discreet.country),
      read('r-clean', '1-ABC-123', 'BEL'),
    ]);
    expect(answer.accepted).toBe(3);
    expect(answer.hits.map((h) => h.matchedText)).toEqual(['2HKT418']);

    // The hit arrives through the open feed: no reload, no new request for the list.
    await expect.poll(() => hitCards().count(), { timeout: 10_000 }).toBe(1);
    expect(loads).toBe(0);
    const card = hitCards().first();
    expect(await card.getAttribute('data-plate')).toBe('2HKT418');
    expect(await card.getAttribute('data-strength')).toBe('strong');
    expect(await card.getByTestId('hit-strength').textContent()).toMatch(/^Strong match \(\d+%\)$/);
    expect(await card.getByTestId('hit-what-to-do').textContent()).toMatch(/^What to do.+/);
    expect(await card.getByTestId('hit-action').textContent()).toBe(
      'Seize the object; contact the issuing state through the SIRENE Bureau',
    );
    expect((await card.getByTestId('hit-why').textContent())?.length).toBeGreaterThan(0);
    expect(await card.textContent()).toContain('Kallo gate (Left Bank container terminals), entering, read ');
    expect(await card.textContent()).toContain('Mercedes-Benz');
    expect(await page.getByTestId('hit-announcer').textContent()).toMatch(
      /^New hit: 2HKT418 at Kallo gate \(Left Bank container terminals\), Strong match\. What to do: /,
    );

    // A second stolen vehicle goes on top; the discreet check never shows, live or in the list.
    const second = demoAlert('V06');
    await postReads([read('r-second', second.value, second.country), read('r-d2', discreet.value, 'BEL')]);
    await expect.poll(() => hitCards().count(), { timeout: 10_000 }).toBe(2);
    expect(await hitCards().first().getAttribute('data-plate')).toBe('1TZX207');
    const plates = await hitCards().evaluateAll((els) => els.map((el) => el.getAttribute('data-plate')));
    expect(plates).not.toContain('1VBN664');
    expect(await page.getByText(/1-?VBN-?664/).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The feed carried the purpose and the token in headers (no token in the URL).
    expect(liveRequests.length).toBeGreaterThanOrEqual(1);
    const headers = await liveRequests[0]!.allHeaders();
    expect(headers['x-interlink-purpose']).toBe(PURPOSE);
    expect(headers.authorization).toMatch(/^Bearer /);
    expect(new URL(liveRequests[0]!.url()).search).toBe('');
  });

  it('loads the hits recorded before the desk was opened, newest on top', async () => {
    const earlier = demoAlert('V02');
    const discreet = demoAlert('D01');
    await postReads([
      read('r-earlier', earlier.value, earlier.country),
      read('r-d1', discreet.value, discreet.country),
    ]);
    await openDesk();
    await expect.poll(() => hitCards().count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const plates = await hitCards().evaluateAll((els) => els.map((el) => el.getAttribute('data-plate')));
    expect(plates[0]).toBe('87BVL3');
    expect(plates).not.toContain('43TRK9');
  });

  it('checks a plate and a container typed at the desk, by clicking, and never shows a discreet check', async () => {
    await openDesk();
    const search = page.getByRole('region', { name: 'Check a plate or container' });
    const results = search.getByTestId('vehicle-search-result');
    const summary = search.getByTestId('vehicle-search-summary');

    // The plate as a person reads it, with its dashes, and the country.
    const stolen = demoAlert('V01');
    await search.getByRole('textbox', { name: 'Number plate' }).click();
    await page.keyboard.type(stolen.value.toLowerCase());
    await search.getByRole('textbox', { name: 'Country' }).fill(stolen.country ?? '');
    await search.getByRole('button', { name: 'Check in SIS' }).click();
    await expect.poll(() => results.count()).toBe(1);
    expect(await summary.textContent()).toBe(`1 SIS alert on ${stolen.value.toUpperCase()}.`);
    expect(await results.first().getByTestId('vehicle-search-action').textContent()).toBe(
      'Seize the object; contact the issuing state through the SIRENE Bureau',
    );
    expect(await results.first().textContent()).toContain('Mercedes-Benz');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A discreet-check vehicle is not shown to the desk.
    const discreet = demoAlert('D02');
    await search.getByRole('textbox', { name: 'Number plate' }).fill(discreet.value);
    await search.getByRole('textbox', { name: 'Country' }).fill(discreet.country ?? '');
    await search.getByRole('button', { name: 'Check in SIS' }).click();
    await expect.poll(() => summary.textContent()).toBe(`No SIS alert on ${discreet.value}.`);
    expect(await results.count()).toBe(0);

    // A container by its ISO 6346 number.
    const box = demoAlert('C01');
    await search.locator('label', { hasText: /^Container$/ }).click();
    await search.getByRole('textbox', { name: 'Container number (ISO 6346)' }).fill(box.value);
    await search.getByRole('button', { name: 'Check in SIS' }).click();
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().getAttribute('data-alert-id')).toMatch(/^sis_/);
    expect(await results.first().textContent()).toContain('alert of BE');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('folds a repeat read into one card in hub time, rings once, and is acknowledged, assigned and dismissed by clicking', async () => {
    // The browser's sound and notifications, recorded instead of played.
    await context.addInitScript(() => {
      const w = window as unknown as { __beeps: number; __notes: string[] };
      w.__beeps = 0;
      w.__notes = [];
      class FakeAudioContext {
        currentTime = 0;
        destination = {};
        resume() {
          return Promise.resolve();
        }
        createGain() {
          const param = { setValueAtTime() {}, exponentialRampToValueAtTime() {} };
          return { gain: param, connect: (n: unknown) => n };
        }
        createOscillator() {
          return {
            type: 'sine',
            frequency: { value: 0 },
            connect: (n: unknown) => n,
            start: () => {
              w.__beeps += 1;
            },
            stop() {},
          };
        }
      }
      class FakeNotification {
        static permission = 'granted';
        static requestPermission() {
          return Promise.resolve('granted');
        }
        onclick: unknown = null;
        constructor(title: string) {
          w.__notes.push(title);
        }
        close() {}
      }
      Object.assign(window, { AudioContext: FakeAudioContext, Notification: FakeNotification });
    });
    await openDesk();
    // The hub's own clock (Brussels), not the browser's (New York).
    expect(await page.getByTestId('hub-clock').textContent()).toMatch(
      /^Hub time: \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} GMT\+[12]$/,
    );
    await page.getByRole('switch', { name: 'Sound on new hits' }).click();
    await page.getByRole('switch', { name: 'Browser notification on new hits' }).click();
    expect(await page.getByRole('switch', { name: 'Sound on new hits' }).isChecked()).toBe(true);
    expect(await page.getByRole('switch', { name: 'Browser notification on new hits' }).isChecked()).toBe(
      true,
    );
    const beepsBefore = await page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);

    const car = demoAlert('V05');
    await postReads([read('r-v05-a', car.value, car.country)]);
    const card = page.locator('[data-testid="hub-hit"]', { hasText: car.value.replace(/[\s-]/g, '') });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    expect(await card.textContent()).toMatch(/read \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} GMT\+[12]/);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __beeps: number }).__beeps))
      .toBeGreaterThan(beepsBefore);
    const beeps = await page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);
    expect(await page.evaluate(() => (window as unknown as { __notes: string[] }).__notes)).toEqual([
      `SIS hit: ${car.value.replace(/[\s-]/g, '')}`,
    ]);

    // Seen again seconds later: the same card, counted; no second ring.
    await postReads([read('r-v05-b', car.value, car.country)]);
    await expect.poll(() => card.getByTestId('hit-repeats').count(), { timeout: 10_000 }).toBe(1);
    expect(await card.getByTestId('hit-repeats').textContent()).toMatch(/^Seen 2 times, last .+ GMT\+[12]$/);
    expect(await card.count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __beeps: number }).__beeps)).toBe(beeps);
    expect(await card.getByTestId('hit-status').textContent()).toBe('New');

    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => card.getByTestId('hit-status').textContent()).toBe('Acknowledged');

    await card.getByRole('button', { name: 'Assign…' }).click();
    await card.getByRole('combobox', { name: 'Desk officer' }).click();
    await page.getByRole('option', { name: /\(hub\.be\)$/ }).click();
    await card.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect.poll(() => card.getByTestId('hit-status').textContent()).toBe('Assigned to hub.be');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Dismiss…' }).click();
    await card.getByRole('button', { name: 'Dismiss hit' }).click();
    const reason = card.getByRole('textbox', { name: 'Reason for dismissing' });
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    await reason.fill('Plate misread: different make at the gate');
    await card.getByRole('button', { name: 'Dismiss hit' }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('dismissed');
    expect(await card.getByTestId('hit-dismissed').textContent()).toMatch(
      /^Dismissed by hub\.be at .+: Plate misread: different make at the gate$/,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const hitId = await card.getAttribute('data-hit-id');
    const token = await apiToken(server.url, 'hub.be');
    const listed = await fetch(new URL(`/api/v1/hubs/${HUB}/hits?limit=500`, server.url), {
      headers: { Authorization: `Bearer ${token}`, 'X-Interlink-Purpose': PURPOSE },
    });
    const stored = ((await listed.json()) as { hits: Array<Record<string, unknown>> }).hits.find(
      (h) => h.hitId === hitId,
    );
    expect(stored).toMatchObject({ status: 'dismissed', readCount: 2, assignedTo: 'hub.be' });
  });
});
