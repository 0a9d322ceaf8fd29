import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { newUser } from '../support/builders.ts';
import { startTestServer } from '../support/server.ts';
import { ensureWebBundle, launchBrowser } from './browser.ts';
import { createDemoHubs, DEMO_HUB_ALERTS } from '../../src/contexts/hubs/index.ts';
import { apiToken, demoActor, noonDaysAgo, seriousAccessibilityViolations, signIn } from './helpers.ts';

/**
 * The SIS hits, the review queue and the list of overstayers on the data table: the server sorts, filters and
 * pages (a heading click asks for another order, the pager for another page), and the filters live in the URL
 * so a link such as `#/sis/hits?deadline=overdue` opens the filtered list. Accessible in light and dark.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

const SCHEMES = ['light', 'dark'] as const;
const OVERDUE_HITS = 3;
const HITS = 27;
const REVIEW_ALERTS = 26;

async function withPage<T>(
  scheme: (typeof SCHEMES)[number],
  body: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    colorScheme: scheme,
  });
  try {
    return await body(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function open(page: Page, user: string, fragment: string): Promise<void> {
  await signIn(page, server.url, user);
  await page.goto(`${server.url}/${fragment}`);
}

/** The list's request as the server received it: the query of the last call to `path`. */
function lastQuery(requests: string[], path: string): URLSearchParams {
  const url = requests.filter((u) => new URL(u).pathname === path).at(-1);
  return new URL(url ?? 'http://x/').searchParams;
}

function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/v1/')) {
      urls.push(r.url());
    }
  });
  return urls;
}

async function seedHits(): Promise<void> {
  const sirene = await demoActor(server, 'sirene.it');
  const guard = await demoActor(server, 'border.fi');
  const { alert } = await server.services.sis.createAlert({
    actor: sirene,
    purpose: 'alert-management',
    alert: {
      category: 'arrest',
      person: { surname: 'PAGINA', givenNames: 'Lia', birthDate: '1982-05-05', nationalities: ['ITA'] },
      reason: 'European Arrest Warrant',
      decisionRef: 'EAW-PAGE-1',
    },
  });
  const ids: string[] = [];
  for (let i = 0; i < HITS; i += 1) {
    const { hit } = await server.services.sis.reportHit({
      actor: guard,
      purpose: 'border-control',
      alertId: alert.id,
      location: { place: `FI-GATE-${String(i).padStart(2, '0')}` },
      checked: { dataTypes: ['surname'] },
    });
    ids.push(hit.hitId);
  }
  // The first three were reported long ago: their replies are overdue.
  for (const [i, id] of ids.slice(0, OVERDUE_HITS).entries()) {
    await sql`update sis.hit set reply_due_at = ${new Date(Date.now() - (i + 1) * 3_600_000)} where id = ${id}`.execute(
      server.services.database.db,
    );
  }
}

async function seedReviewQueue(): Promise<void> {
  const sirene = await demoActor(server, 'sirene.it');
  for (let i = 0; i < REVIEW_ALERTS; i += 1) {
    const { alert: value } = await server.services.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'object-seizure',
        object: { type: 'number-plate', identifiers: [{ kind: 'plate', value: `RQ ${100 + i}` }] },
        reason: 'Stolen plate',
        decisionRef: `RQ-${i}`,
      },
    });
    // Due in i days; the first has passed its review date already.
    const due = new Date(Date.now() + (i - 1) * 86_400_000).toISOString().slice(0, 10);
    await sql`update sis.alert set review_due = ${due} where id = ${value.id}`.execute(
      server.services.database.db,
    );
  }
}

async function seedOverstayers(): Promise<void> {
  const guards = new Map<string, Awaited<ReturnType<typeof server.services.access.authenticate>>>();
  for (const state of ['FI', 'DE']) {
    guards.set(
      state,
      await server.services.access.authenticate(
        (await newUser(server.services, 'border', { memberState: state })).token,
      ),
    );
  }
  for (let i = 0; i < 26; i += 1) {
    const state = i % 5 === 0 ? 'DE' : 'FI';
    const guard = guards.get(state)!;
    const { value: file } = await server.services.ees.createFile({
      actor: guard,
      purpose: 'border-control',
      input: {
        kind: 'visa-exempt',
        surname: `OVERSTAY${String.fromCharCode(65 + i)}`,
        givenNames: 'SAM',
        birthDate: '1984-07-21',
        nationalities: [i % 2 === 0 ? 'USA' : 'CAN'],
        sex: 'F',
        documents: [{ type: 'P', number: `LT${7000 + i}`, issuingState: 'USA', expiry: '2034-01-01' }],
        facialImageRef: `face:lists-${i}`,
        fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
      },
    });
    await server.services.ees.recordEntry({
      actor: guard,
      purpose: 'border-control',
      fileId: file.id,
      input: { at: noonDaysAgo(95 + i), bcpId: state === 'DE' ? 'DE-FRA' : 'FI-HEL' },
    });
  }
}

describe('Lists sorted, filtered and paged by the server', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
    await seedHits();
    await seedReviewQueue();
    await seedOverstayers();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const scheme of SCHEMES) {
    it(`opens the SIS hits filtered by a link (#/sis/hits?deadline=overdue), in ${scheme} mode`, async () => {
      await withPage(scheme, async (page) => {
        const requests = recordRequests(page);
        await open(page, 'sirene.it', '#/sis/hits?deadline=overdue');
        const rows = page.getByTestId('hit-row');
        await expect.poll(() => rows.count()).toBe(OVERDUE_HITS);
        expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(
          Array(OVERDUE_HITS).fill('overdue'),
        );
        expect(lastQuery(requests, '/api/v1/sis/hits').get('deadline')).toBe('overdue');
        expect(await page.getByRole('combobox', { name: 'Reply deadline' }).inputValue()).toBe('Overdue');
        expect(await page.getByTestId('table-summary').textContent()).toBe(
          `1–${OVERDUE_HITS} of ${OVERDUE_HITS}`,
        );
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
      });
    });
  }

  it('sorts the SIS hits by a heading and pages through them on the server', async () => {
    await withPage('light', async (page) => {
      const requests = recordRequests(page);
      await open(page, 'sirene.it', '#/sis/hits');
      const rows = page.getByTestId('hit-row');
      await expect.poll(() => rows.count()).toBe(25);
      expect(await page.getByTestId('table-summary').textContent()).toBe(`1–25 of ${HITS}`);
      // Overdue first, the longest overdue on top (the default order, by deadline).
      expect(await rows.first().getAttribute('data-state')).toBe('overdue');

      await page.getByRole('button', { name: 'Next page' }).click();
      await expect.poll(() => rows.count()).toBe(HITS - 25);
      expect(page.url()).toContain('page=2');
      expect(lastQuery(requests, '/api/v1/sis/hits').get('offset')).toBe('25');

      await page.locator('[data-sort="createdAt"]').first().click();
      await expect.poll(() => lastQuery(requests, '/api/v1/sis/hits').get('sort')).toBe('createdAt');
      expect(lastQuery(requests, '/api/v1/sis/hits').get('order')).toBe('asc');
      expect(lastQuery(requests, '/api/v1/sis/hits').get('offset')).toBe('0');
      await expect.poll(() => rows.first().textContent()).toContain('FI-GATE-00');
      expect(await page.locator('thead th[data-accessor="createdAt"]').getAttribute('aria-sort')).toBe(
        'ascending',
      );
      await page.locator('[data-sort="createdAt"]').first().click();
      await expect.poll(() => rows.first().textContent()).toContain(`FI-GATE-${HITS - 1}`);
      expect(page.url()).toContain('order=desc');
    });
  });

  for (const scheme of SCHEMES) {
    it(`opens the review queue filtered by a link (#/sis/review?due=overdue), in ${scheme} mode`, async () => {
      await withPage(scheme, async (page) => {
        await open(page, 'sirene.it', '#/sis/review?due=overdue');
        const items = page.getByTestId('review-item');
        await expect.poll(() => items.count()).toBe(1);
        expect(await items.first().textContent()).toContain('RQ 100');
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
      });
    });
  }

  it('sorts the review queue by review date and pages through it', async () => {
    await withPage('light', async (page) => {
      const requests = recordRequests(page);
      await open(page, 'sirene.it', '#/sis/review?due=soon');
      const items = page.getByTestId('review-item');
      await expect.poll(() => items.count()).toBe(Math.min(REVIEW_ALERTS - 1, 25));
      await expect.poll(() => items.first().textContent()).toContain('RQ 101');
      await page.locator('[data-sort="reviewDue"]').first().click();
      await expect.poll(() => items.first().textContent()).toContain(`RQ ${100 + REVIEW_ALERTS - 1}`);
      expect(lastQuery(requests, '/api/v1/sis/review-queue').get('order')).toBe('desc');
      expect(page.url()).toContain('due=soon');

      await page.goto(`${server.url}/#/sis/review`);
      await expect.poll(() => items.count()).toBe(25);
      await page.getByRole('button', { name: 'Next page' }).click();
      await expect.poll(() => items.count()).toBe(REVIEW_ALERTS - 25);
      expect(await page.getByTestId('table-summary').textContent()).toBe(
        `26–${REVIEW_ALERTS} of ${REVIEW_ALERTS}`,
      );
    });
  });

  for (const scheme of SCHEMES) {
    it(`opens the overstayers filtered by a link (#/ees/overstayers?memberState=DE), in ${scheme} mode`, async () => {
      await withPage(scheme, async (page) => {
        const requests = recordRequests(page);
        await open(page, 'immigration.de', '#/ees/overstayers?memberState=DE');
        const rows = page.getByTestId('overstayer-row');
        await expect.poll(() => rows.count()).toBe(6);
        for (const text of await rows.allTextContents()) {
          expect(text).toContain('DE-FRA (DE)');
        }
        expect(lastQuery(requests, '/api/v1/ees/overstayers').get('memberState')).toBe('DE');
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
      });
    });
  }

  it('sorts the overstayers by name and pages through them', async () => {
    await withPage('light', async (page) => {
      await open(page, 'immigration.de', '#/ees/overstayers');
      const rows = page.getByTestId('overstayer-row');
      await expect.poll(() => rows.count()).toBe(25);
      // The longest overstay first: the traveller who entered 120 days ago.
      expect(await rows.first().textContent()).toContain('OVERSTAYZ');
      await page.getByRole('button', { name: 'Next page' }).click();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('OVERSTAYA');

      await page.locator('[data-sort="surname"]').first().click();
      await expect.poll(() => rows.count()).toBe(25);
      await expect.poll(() => rows.first().textContent()).toContain('OVERSTAYA');
      expect(page.url()).toContain('sort=surname');
      expect(page.url()).not.toContain('page=');

      await page.getByTestId('filter-nationality').fill('CAN');
      await expect.poll(() => rows.count()).toBe(13);
      expect(page.url()).toContain('nationality=CAN');
    });
  });
  it('opens the hub desk with the hits not yet acknowledged (#/hub-desk?acknowledged=false), the live feed still on', async () => {
    await createDemoHubs(server.services);
    const token = await apiToken(server.url, 'hub.be');
    const headers = {
      authorization: `Bearer ${token}`,
      'x-interlink-purpose': 'hub-vehicle-check',
      'content-type': 'application/json',
    };
    const hitIds: string[] = [];
    for (const ref of ['V01', 'V02']) {
      const alert = DEMO_HUB_ALERTS.find((a) => a.ref === ref)!;
      const r = await fetch(`${server.url}/api/v1/hubs/be-antwerp-bruges/reads`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          reads: [
            {
              at: new Date().toISOString(),
              gateId: 'kallo',
              cameraId: 'kallo-in-plate',
              direction: 'in',
              country: alert.country,
              plate: { text: alert.value, confidence: 0.95 },
            },
          ],
        }),
      });
      hitIds.push(((await r.json()) as { hits: Array<{ hitId: string }> }).hits[0]!.hitId);
    }
    await fetch(`${server.url}/api/v1/hubs/be-antwerp-bruges/hits/${hitIds[0]}/actions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'acknowledge' }),
    });
    for (const scheme of SCHEMES) {
      await withPage(scheme, async (page) => {
        await open(page, 'hub.be', '#/hub-desk?acknowledged=false');
        const rows = page.getByTestId('hub-hit-row');
        await expect.poll(() => rows.count()).toBe(1);
        expect(await rows.first().getAttribute('data-hit-id')).toBe(hitIds[1]);
        await expect
          .poll(() => page.getByTestId('feed-status').getAttribute('data-status'), { timeout: 15_000 })
          .toBe('live');
        expect(await page.getByTestId('hub-hit').count()).toBe(2);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
      });
    }
  });
});
