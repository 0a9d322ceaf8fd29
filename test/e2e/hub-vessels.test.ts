import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { createDemoHubs, DEMO_HUB_ALERTS } from '../../src/contexts/hubs/index.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { apiToken, seriousAccessibilityViolations, signIn } from './helpers.ts';

const SHOTS = fileURLToPath(new URL('../../test-results/hubs/', import.meta.url));
const HUB = 'be-antwerp-bruges';
const PURPOSE = 'hub-vehicle-check';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const token = await apiToken(server.url, 'hub.be');
  const answer = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'X-Interlink-Purpose': PURPOSE,
    },
    body: JSON.stringify(body),
  });
  expect(answer.status).toBeLessThan(300);
  return (await answer.json()) as Record<string, unknown>;
}

describeBrowser('Hub desk: the vessel of a container hit', () => {
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

  it('shows the vessel, its IMO number, flag and previous ports on the card and in the list', async () => {
    const box = DEMO_HUB_ALERTS.find((a) => a.kind === 'container' && !a.discreet)!.value;
    await post(`/api/v1/hubs/${HUB}/port-calls`, {
      vessel: { imo: '9074729', name: 'MSC Aurora', flag: 'PA', type: 'container-ship' },
      arrivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      previousPorts: ['MAPTM', 'SGSIN', 'CNSHA'],
      containersDischarged: [box],
    });
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels' });
    page = await context.newPage();
    await signIn(page, server.url, 'hub.be');
    await page.goto(new URL('/#/hub-desk', server.url).toString());
    await page.getByRole('heading', { level: 1, name: 'Hub desk' }).waitFor();
    await expect
      .poll(() => page.getByTestId('feed-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('live');

    await post(`/api/v1/hubs/${HUB}/reads`, {
      reads: [
        {
          at: new Date().toISOString(),
          gateId: 'kallo',
          cameraId: 'kallo-out-box',
          direction: 'out',
          country: 'BEL',
          plate: { text: '1-XYZ-123', confidence: 0.95 },
          container: { text: box, confidence: 0.97 },
        },
      ],
    });
    const card = page.getByTestId('hub-hit').first();
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getAttribute('data-plate')).toBe(box);
    const vessel = await card.getByTestId('hit-vessel').textContent();
    expect(vessel).toContain('MSC Aurora');
    expect(vessel).toContain('IMO 9074729');
    expect(vessel).toContain('flag PA');
    expect(await card.getByTestId('hit-previous-ports').textContent()).toBe('MAPTM ← SGSIN ← CNSHA');
    const row = page.getByTestId('hit-row-vessel').first();
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toBe('off MSC Aurora (IMO 9074729, PA) · MAPTM ← SGSIN ← CNSHA');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}container-hit-vessel.png`, fullPage: true });
    await context.close();
  });
});
