import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { newUser } from '../support/builders.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { demoActor, noonDaysAgo, seriousAccessibilityViolations, signIn } from './helpers.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

/** Signs a demo user in, in a fresh context of the given colour scheme, and waits for their counters. */
async function home(username: string, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', colorScheme });
  const page = await context.newPage();
  await signIn(page, server.url, username);
  await page.getByRole('heading', { level: 2, name: 'At a glance' }).waitFor();
  await page.getByTestId('home-counter').first().waitFor();
  return page;
}

const card = (page: Page, id: string) =>
  page.locator(`[data-testid="home-counter"][data-counter-id="${id}"]`);
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' });

/**
 * Checks the role's home screen in both colour schemes (cards, badge, axe), then follows one card in the
 * light scheme to the list screen and its hash query.
 */
async function checkRole(input: {
  username: string;
  cards: Record<string, string>;
  badge: { name: string; text: string } | null;
  follow: { id: string; hash: string; heading: string };
}): Promise<void> {
  for (const colorScheme of ['dark', 'light'] as const) {
    const page = await home(input.username, colorScheme);
    try {
      for (const [id, text] of Object.entries(input.cards)) {
        await expect
          .poll(() => card(page, id).textContent(), { message: `${id} (${colorScheme})` })
          .toBe(text);
      }
      if (input.badge !== null) {
        const link = nav(page).getByRole('link', { name: input.badge.name });
        await link.waitFor();
        expect(await link.getByTestId('nav-badge').textContent()).toBe(input.badge.text);
      }
      expect(await seriousAccessibilityViolations(page), colorScheme).toEqual([]);
      if (colorScheme === 'light') {
        await card(page, input.follow.id).click();
        await page.getByRole('heading', { level: 1, name: input.follow.heading }).waitFor();
        expect(new URL(page.url()).hash).toBe(input.follow.hash);
      }
    } finally {
      await page.context().close();
    }
  }
}

describeBrowser('Home counters', () => {
  beforeAll(async () => {
    ensureWebBundle();
    server = await startTestServer();
    browser = await launchBrowser();
    const s = server.services;
    const sirene = await demoActor(server, 'sirene.it');
    const guard = await demoActor(server, 'border.fi');
    // An open SIRENE exchange for Italy: a Finnish guard's hit on an Italian alert.
    const { alert } = await s.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'arrest',
        person: {
          surname: 'HOMECOUNT',
          givenNames: 'JAN',
          birthDate: '1980-05-12',
          sex: 'M',
          nationalities: ['POL'],
          documents: [{ type: 'passport', issuingCountry: 'POL', number: 'EK7654321' }],
        },
        warningMarkers: [],
        reason: 'European Arrest Warrant',
        decisionRef: 'EAW-2026-0042',
      },
    });
    await s.sis.reportHit({
      actor: guard,
      purpose: 'border-control',
      alertId: alert.id,
      location: { place: 'FI-VAALIMAA' },
      checked: { dataTypes: ['surname'] },
    });
    // A hub hit at the Antwerp desk's own hub, not acknowledged yet.
    const desk = await demoActor(server, 'hub.be');
    await s.hubs.createHub({
      actor: await demoActor(server, 'admin'),
      purpose: null,
      hub: {
        id: 'be-e2e-home',
        name: 'Home test port',
        kind: 'seaport',
        memberState: 'BE',
        operatorAuthorityId: desk.authorityId!,
        gates: [{ id: 'g', name: 'Gate', cameras: [{ id: 'g-in', kind: 'plate', direction: 'in' }] }],
      },
    });
    // Entered by the Dutch police, so that the hub's hit opens an exchange between Belgium and the Netherlands.
    await s.sis.createAlert({
      actor: await demoActor(server, 'police.nl'),
      purpose: 'alert-management',
      alert: {
        category: 'object-seizure',
        object: {
          type: 'motor-vehicle',
          identifiers: [{ kind: 'plate', value: 'HC-123-ME', country: 'FRA' }],
        },
        reason: 'Stolen vehicle',
        decisionRef: 'PV-2026-42',
      },
    });
    const { result } = await s.hubs.ingestBatch({
      actor: desk,
      purpose: 'hub-vehicle-check',
      hubId: 'be-e2e-home',
      reads: [
        {
          id: 'home-1',
          at: new Date().toISOString(),
          gateId: 'g',
          cameraId: 'g-in',
          direction: 'in',
          country: 'FRA',
          plate: { text: 'HC123ME', confidence: 0.97 },
        },
      ],
    });
    expect(result.hits).toHaveLength(1);
    // Two overstayers who entered through Germany, one through Finland.
    const germanGuard = await s.access.authenticate(
      (await newUser(s, 'border', { memberState: 'DE' })).token,
    );
    const stay = async (actor: typeof guard, bcpId: string, number: string) => {
      const { value: file } = await s.ees.createFile({
        actor,
        purpose: 'border-control',
        input: {
          kind: 'visa-exempt',
          surname: 'STAYER',
          givenNames: 'JOHN',
          birthDate: '1984-07-21',
          nationalities: ['USA'],
          sex: 'M',
          documents: [{ type: 'P', number, issuingState: 'USA', expiry: '2034-01-01' }],
          facialImageRef: `face:${number}`,
          fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
        },
      });
      await s.ees.recordEntry({
        actor,
        purpose: 'border-control',
        fileId: file.id,
        input: { at: noonDaysAgo(120), bcpId },
      });
    };
    await stay(germanGuard, 'DE-FRA', 'US9100001');
    await stay(germanGuard, 'DE-FRA', 'US9100002');
    await stay(guard, 'FI-HEL', 'US9100003');
    await s.audit.checkpoint();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a SIRENE officer the open exchange, the badge of SIS hits, and leads to the open hits', async () => {
    await checkRole({
      username: 'sirene.it',
      cards: {
        'sis.hits.open': '1Open SIRENE exchange',
        'sis.hits.overdue': '0Exchanges past their reply deadline',
        'sis.hits.dueSoon': '0Exchanges due within 2 hours',
        'sis.review.due': '0Alerts due for review within 4 months',
      },
      badge: { name: 'SIS hits, 1 open', text: '1' },
      follow: { id: 'sis.hits.open', hash: '#/sis/hits?open=true', heading: 'SIS hits' },
    });
  });

  it('shows the hub desk its hit not acknowledged and leads to the desk', async () => {
    await checkRole({
      username: 'hub.be',
      cards: { 'hubs.hits.unacknowledged': '1Hub hit not acknowledged yet' },
      badge: { name: 'Hub desk, 1 not acknowledged', text: '1' },
      follow: {
        id: 'hubs.hits.unacknowledged',
        hash: '#/hub-desk?acknowledged=false',
        heading: 'Hub desk',
      },
    });
  });

  it("shows an immigration officer the overstayers of the officer's member state and leads to the list", async () => {
    await checkRole({
      username: 'immigration.de',
      cards: { 'ees.overstayers': '2Overstayers who entered through DE' },
      badge: { name: 'Overstayers, 2 overstayers', text: '2' },
      follow: { id: 'ees.overstayers', hash: '#/ees/overstayers?memberState=DE', heading: 'Overstayers' },
    });
  });

  it('shows the data protection officer the verified chain and the day’s records, and leads to the log', async () => {
    const records = await server.services.home.countersFor(await demoActor(server, 'dpo.de'));
    expect(records.find((c) => c.id === 'audit.chain')).toMatchObject({ status: 'verified' });
    await checkRole({
      username: 'dpo.de',
      cards: {},
      badge: null,
      follow: { id: 'audit.chain', hash: '#/audit', heading: 'Audit log' },
    });
    const page = await home('dpo.de', 'light');
    expect(await card(page, 'audit.chain').textContent()).toMatch(
      /^VerifiedAudit chainSignatures and the newest [\d,]+ records checked$/,
    );
    expect(await card(page, 'audit.events24h').textContent()).toMatch(
      /^[\d,]+Access records in the last 24 hours$/,
    );
    await page.context().close();
  });

  it('asks again when the window regains focus: an acknowledged hit leaves the card and the badge', async () => {
    const page = await home('hub.be', 'light');
    try {
      expect(await card(page, 'hubs.hits.unacknowledged').textContent()).toBe(
        '1Hub hit not acknowledged yet',
      );
      const desk = await demoActor(server, 'hub.be');
      const { hits } = await server.services.hubs.recentHits({
        actor: desk,
        purpose: 'hub-vehicle-check',
        hubId: 'be-e2e-home',
      });
      await server.services.hubs.handleHit({
        actor: desk,
        purpose: 'hub-vehicle-check',
        hubId: 'be-e2e-home',
        hitId: hits[0]!.hitId,
        action: 'acknowledge',
      });
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expect
        .poll(() => card(page, 'hubs.hits.unacknowledged').textContent())
        .toBe('0Hub hits not acknowledged yet');
      expect(await nav(page).getByTestId('nav-badge').count()).toBe(0);
      expect(await nav(page).getByRole('link', { name: 'Hub desk' }).textContent()).toBe('Hub desk');
    } finally {
      await page.context().close();
    }
  });
});
