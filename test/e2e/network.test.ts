import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import { createDemoWorld } from '../../src/flows/demo/index.ts';
import { RING_ALERTS, RING_OBJECTS } from '../../src/flows/demo/plan-ring.ts';
import en from '../../web/src/messages/en.json' with { type: 'json' };
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { apiToken, auditOperations, seriousAccessibilityViolations, signIn, tabTo } from './helpers.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/network/', import.meta.url));

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** The smuggling ring the demo world plants: its truck, containers and persons, through both demo hubs. */
const RING = {
  truck: RING_OBJECTS.truck.plate,
  containers: [...RING_OBJECTS.containers],
  persons: ['DE WAARD', 'EL AMRANI', 'KOVAC', 'BRANDT'],
  alerts: RING_ALERTS.length,
  hubs: ['hub:be-antwerp-bruges', 'hub:de-duisburg-gateway'],
};

/** A plate or container as text that may or may not keep its separators (`28-VZK-4`, `28VZK4`). */
const loosely = (value: string) =>
  new RegExp(
    value
      .replace(/[^A-Z0-9]/g, '')
      .split('')
      .join('[- ]?'),
  );

const nav = () => page.getByRole('navigation', { name: 'Main navigation' });

/** Opens the map from the navigation with the keyboard and waits for the drawing. */
async function openMap(username: string): Promise<void> {
  await signIn(page, server.url, username);
  const entry = nav().getByRole('link', { name: en['network.nav'] });
  await tabTo(page, entry);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: en['network.title'] }).waitFor();
  await page.getByTestId('network-graph').waitFor();
}

/** Shows the graph around a focus (a plate, a container, an alert id or an IMO number). */
async function focusOn(value: string): Promise<void> {
  const field = page.getByTestId('network-focus');
  await field.fill(value);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/network');
  await page.getByRole('button', { name: en['network.query.submit'] }).click();
  expect((await answered).status()).toBe(200);
  await page.getByTestId('network-graph').waitFor();
}

/** The node ids the node table lists, across its pages (the table pages by 25). */
async function tableNodes(): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const rows = page.getByTestId('network-node-row');
    ids.push(...(await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-node') ?? ''))));
    const next = page.getByTestId('table-network-nodes').getByRole('button', { name: /next/i });
    if ((await next.count()) === 0 || (await next.isDisabled())) {
      return ids;
    }
    await next.click();
  }
}

async function selectNode(id: string): Promise<void> {
  const row = page.locator(`[data-testid="network-node-row"][data-node="${id}"]`);
  await row.focus();
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="network-node-panel"][data-node="${id}"]`).waitFor();
}

async function picture(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describeBrowser('Network map', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ensureWebBundle();
    server = await startTestServer();
    await createDemoWorld(server.services, { genericTravellers: 0 });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('SIRENE finds the planted ring: its community, the alerts, the truck and containers at both hubs', async () => {
    await openMap('sirene.it');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Over the last 30 days, unfocused: the ring is one community with its eight alerts and both hubs.
    const ring = page.getByTestId('network-community').filter({ hasText: `${RING.alerts} alerts, 2 hubs` });
    await ring.first().waitFor();
    const community = ring.first();
    await community.click();
    expect(await community.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('network-graph').getAttribute('data-nodes')).not.toBe('0');

    // Focused on the truck's plate: the ring alone.
    await focusOn(RING.truck);
    const rows = page.getByTestId('network-node-row');
    await rows.first().waitFor();
    const nodes = await tableNodes();
    for (const hub of RING.hubs) {
      expect(nodes, hub).toContain(hub);
    }
    await page.getByTestId('network-tab-nodes').click();
    const text = await page.getByTestId('table-network-nodes').textContent();
    for (const value of [RING.truck, ...RING.containers]) {
      expect(text, value).toMatch(loosely(value));
    }
    // Two steps from the truck: the persons whose alerts are linked to the truck's (the forwarder, linked to
    // the containers' alerts, is a third step away).
    for (const person of RING.persons.slice(0, 3)) {
      expect(text, person).toContain(person);
    }
    const centre = await page.getByTestId('network-community-centre').allTextContents();
    expect(centre.join(' ')).toMatch(/Centre: /);

    // The truck's panel: read at both hubs, each read with its time.
    const truckRow = rows.filter({ hasText: loosely(RING.truck) }).and(page.locator('[data-kind="object"]'));
    const truck = await truckRow.first().getAttribute('data-node');
    await selectNode(truck!);
    const panel = page.getByTestId('network-node-panel');
    const reads = panel.locator('[data-testid="network-node-edge"][data-kind="read"]');
    expect(await reads.count()).toBeGreaterThanOrEqual(3);
    const readText = (await reads.allTextContents()).join(' ');
    expect(readText).toContain('Antwerp-Bruges');
    expect(readText).toContain('Duisburg');
    expect(await panel.locator('time').count()).toBeGreaterThan(3);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await picture('sirene-ring-light-1440');

    // An alert of the ring opens its SIS page from the panel.
    const person = rows.filter({ hasText: RING.persons[0]! });
    await selectNode((await person.first().getAttribute('data-node'))!);
    expect(await page.getByTestId('network-node-alert').getAttribute('href')).toMatch(
      /^#\/sis\/alerts\/sis_/,
    );
    // Its facts under their names in words, not the server's keys.
    const attrRows = page.getByTestId('network-node-attrs').locator('tr[data-attr]');
    expect(await attrRows.count()).toBeGreaterThan(5);
    for (const row of await attrRows.all()) {
      const key = (await row.getAttribute('data-attr'))!;
      const heading = (await row.locator('th').textContent())!;
      expect(heading, key).toBe(en[`network.attr.${key}` as keyof typeof en]);
    }

    // Each request carried the purpose and was logged.
    const operations = (await auditOperations(server.url, 'sirene.it')).filter(
      (e) => e.operation === 'network.read',
    );
    expect(operations.length).toBeGreaterThanOrEqual(2);
    expect(operations[0]!.purpose).toBe('sirene-exchange');
  });

  it('narrows the drawing to the time window the slider sets', async () => {
    await openMap('sirene.it');
    await focusOn(RING.truck);
    const graph = page.getByTestId('network-graph');
    // Outside the window hidden: what Cytoscape draws is the window's edges and nodes.
    await page.getByTestId('network-outside').getByText(en['network.window.hide']).click();
    const drawn = async () => Number(await graph.getAttribute('data-drawn-edges'));
    const all = await drawn();
    expect(all).toBeGreaterThan(10);
    expect(all).toBe(Number(await graph.getAttribute('data-visible-edges')));

    // The window's end moved back to the first day (End's slider, Home): the ring's later reads and hits go.
    const window = page.getByTestId('network-window');
    const end = page.getByRole('slider', { name: en['network.window.to'] });
    await end.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => window.getAttribute('data-to')).toBe('0');
    await expect.poll(drawn).toBeLessThan(all);
    const firstDay = await drawn();
    expect(firstDay).toBeGreaterThan(0);
    await page.getByTestId('network-tab-edges').click();
    expect(await page.getByTestId('network-tab-edges').textContent()).toContain(`(${firstDay})`);

    // Two days later with the arrows: more edges drawn than on the first day alone, fewer than in all.
    await end.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => window.getAttribute('data-to')).toBe('2');
    await expect.poll(drawn).toBeGreaterThan(firstDay);
    expect(await drawn()).toBeLessThan(all);
    await picture('sirene-window-three-days');

    // The end back at the last day: everything again.
    await page.keyboard.press('End');
    await expect.poll(drawn).toBe(all);
  });

  it('exports the graph as GraphML from the server and as a PNG of the drawing', async () => {
    await openMap('sirene.it');
    await focusOn(RING.truck);
    const graphml = page.waitForEvent('download');
    await page.getByTestId('network-export-graphml').click();
    const file = await (await graphml).path();
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('<graphml');
    expect(xml).toMatch(loosely(RING.truck));

    // The node table as CSV: a header and the truck among the rows.
    const csv = page.waitForEvent('download');
    await page.getByTestId('table-network-nodes').getByTestId('table-export').click();
    const table = readFileSync(await (await csv).path(), 'utf8');
    expect(table.split('\r\n')[0]).toContain(en['network.col.label']);
    expect(table).toMatch(loosely(RING.truck));

    const png = page.waitForEvent('download');
    await page.getByTestId('network-export-png').click();
    const image = readFileSync(await (await png).path());
    expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(image.length).toBeGreaterThan(1000);
  });

  it('passes axe in light and dark, on a desktop and a phone', { timeout: 240_000 }, async () => {
    await openMap('police.nl');
    await focusOn(RING.truck);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [width, height] of [
        [1440, 900],
        [390, 844],
      ] as const) {
        await page.setViewportSize({ width, height });
        await selectNode((await tableNodes())[0]!);
        expect(await seriousAccessibilityViolations(page), `${scheme} ${width}`).toEqual([]);
        await picture(`police-${scheme}-${width}`);
      }
    }
  });

  it('is not for the statistics analyst: no link, no screen, no data', async () => {
    await signIn(page, server.url, 'analyst');
    await nav().getByRole('link', { name: 'Home' }).waitFor();
    expect(await nav().getByRole('link', { name: en['network.nav'] }).count()).toBe(0);
    await page.goto(new URL('/#/network', server.url).toString());
    await page.getByRole('heading', { level: 1, name: 'Page not available' }).waitFor();
    expect(await page.getByTestId('network-graph').count()).toBe(0);
    const answer = await fetch(new URL('/api/v1/network', server.url), {
      headers: {
        Authorization: `Bearer ${await apiToken(server.url, 'analyst')}`,
        'X-Interlink-Purpose': 'law-enforcement',
      },
    });
    expect(answer.status).toBe(403);
  });
});
