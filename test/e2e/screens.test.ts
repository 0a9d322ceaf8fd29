import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { DEMO_USERS } from '../../src/contexts/access/index.ts';
import { createDemoWorld, type DemoWorldReport } from '../../src/flows/demo/index.ts';
import en from '../../web/src/messages/en.json' with { type: 'json' };
import { screensFor, type Screen } from '../../web/src/shell/navigation.ts';
import { startTestServer } from '../support/server.ts';
import { describeBrowser, ensureWebBundle, launchBrowser } from './browser.ts';
import { demoActor, PASSWORD, seriousAccessibilityViolations } from './helpers.ts';

/**
 * Every screen of every demo role, in light and dark, on a desktop (1440×900) and a phone (390×844): each must
 * pass axe (no serious or critical WCAG 2.1 AA violation) and leaves a full-page screenshot as a test artefact
 * in `test-results/screens/<role>-<screen>-<scheme>-<size>.png` (git-ignored) for a person to compare by eye.
 */

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screens/', import.meta.url));
const SCHEMES = ['light', 'dark'] as const;
const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '390x844', width: 390, height: 844 },
] as const;

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let world: DemoWorldReport;

/** Signs in by filling the form (the keyboard-only sign-in is tested elsewhere). */
async function signInAs(page: Page, username: string): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('textbox', { name: en['login.username'] }).fill(username);
  await page.getByRole('textbox', { name: en['login.password'] }).fill(PASSWORD);
  await page.getByRole('button', { name: en['login.submit'] }).click();
  await page.getByTestId('current-user').waitFor();
}

/** Waits until the screen's heading is shown and nothing on it is still loading. */
async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const gate = page.getByTestId('purpose-gate');
  if (await gate.isVisible()) {
    await gate.getByRole('radio').first().check();
    await gate.getByRole('button', { name: en['purposeGate.submit'] }).click();
    await gate.waitFor({ state: 'detached' });
  }
  await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 15_000 }).toBe(0);
  // Transitions (the navbar on a phone, Mantine's collapse) end before the picture is taken.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** Sets the colour scheme the system reports; the interface follows it while no choice is stored. */
async function useScheme(page: Page, scheme: (typeof SCHEMES)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.mantineColorScheme))
    .toBe(scheme);
}

/**
 * Opens each state in each scheme and size, runs axe and stores a screenshot; returns the violations by picture
 * name, so that one run reports every screen that fails.
 */
async function visit(
  page: Page,
  role: string,
  states: Array<{ name: string; open: () => Promise<void> }>,
): Promise<Record<string, string[]>> {
  const failures: Record<string, string[]> = {};
  for (const scheme of SCHEMES) {
    await useScheme(page, scheme);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const state of states) {
        await state.open();
        await settle(page);
        const name = `${role}-${state.name}-${scheme}-${size.name}`;
        const violations = await seriousAccessibilityViolations(page);
        if (violations.length > 0) {
          failures[name] = violations;
        }
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
      }
    }
  }
  return failures;
}

const goTo = (page: Page, route: string) => async () => {
  await page.goto(new URL(`/#${route}`, server.url).toString());
};

/** The states of a role: each screen navigation offers it, plus the border check with a verdict shown. */
function statesOf(page: Page, screens: Screen[]) {
  const states: Array<{ name: string; open: () => Promise<void> }> = screens
    .filter((s) => s.linked !== false)
    .map((s) => ({
      name: s.id,
      open: goTo(page, s.path),
    }));
  if (screens.some((s) => s.id === 'border-check')) {
    // A traveller with a SIS refusal alert: the verdict panel in its strongest colour, with findings.
    const sisCase = world.tryThis.find((t) => t.title.startsWith('Person with a SIS refusal alert'));
    if (sisCase?.mrz !== undefined) {
      const mrz = sisCase.mrz;
      states.push({
        name: 'border-check-result',
        open: async () => {
          await goTo(page, '/border-check')();
          const box = page.getByRole('textbox', { name: /Machine-readable zone/ });
          await box.fill(mrz);
          await page.getByRole('button', { name: en['border.check'] }).click();
          await page.getByTestId('verdict').waitFor();
        },
      });
    }
  }
  return states;
}

describeBrowser('Every screen of every role, light and dark, desktop and phone', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ensureWebBundle();
    server = await startTestServer();
    // A small world (only the travellers that each show one situation), so that lists and panels are not empty.
    world = await createDemoWorld(server.services, { genericTravellers: 0 });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const user of DEMO_USERS) {
    // The authority type names the pictures; a second demo user of the same type is told apart by its name.
    const role =
      DEMO_USERS.filter((u) => u.authority.type === user.authority.type)[0] === user
        ? user.authority.type
        : `${user.authority.type}.${user.username}`;
    it(`${role}: every screen passes axe and is pictured`, async () => {
      const actor = await demoActor(server, user.username);
      const screens = screensFor(actor.authorityType, actor.profile.permissions);
      const context: BrowserContext = await browser.newContext({
        locale: 'en-GB',
        timezoneId: 'Europe/Brussels',
        viewport: { width: SIZES[0].width, height: SIZES[0].height },
      });
      try {
        const page = await context.newPage();
        await signInAs(page, user.username);
        const failures = await visit(page, role, statesOf(page, screens));
        expect(failures).toEqual({});
      } finally {
        await context.close();
      }
    }, 600_000);
  }

  it('public: the applicant’s ETIAS form and status page pass axe and are pictured', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Brussels',
      viewport: { width: SIZES[0].width, height: SIZES[0].height },
    });
    try {
      const page = await context.newPage();
      await goTo(page, '/etias/apply')();
      const failures = await visit(page, 'public', [
        { name: 'etias-apply', open: goTo(page, '/etias/apply') },
        { name: 'etias-status', open: goTo(page, '/etias/status') },
      ]);
      expect(failures).toEqual({});
    } finally {
      await context.close();
    }
  }, 300_000);

  it('announces a list that is still loading without a prohibited aria-label', async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    try {
      const page = await context.newPage();
      await signInAs(page, 'dpo.de');
      // The audit log's answer is held back, so that axe sees the screen while the list loads.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/api/v1/audit/events?**', async (route) => {
        await held;
        await route.continue();
      });
      for (const scheme of SCHEMES) {
        await useScheme(page, scheme);
        await goTo(page, '/')();
        await goTo(page, '/audit')();
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        const gate = page.getByTestId('purpose-gate');
        if (await gate.isVisible()) {
          await gate.getByRole('radio').first().check();
          await gate.getByRole('button', { name: en['purposeGate.submit'] }).click();
        }
        await page.locator('.mantine-Loader-root').first().waitFor();
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        // Announced in words by a live region, not by a label on the spinner.
        expect(
          await page.getByRole('status').filter({ hasText: en['table.loading'] }).count(),
        ).toBeGreaterThan(0);
      }
      release();
    } finally {
      await context.close();
    }
  });
});
