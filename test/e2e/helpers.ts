import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

import type { Actor } from '../../src/contexts/access/index.ts';
import type { Services } from '../../src/services.ts';

/** The password of every demo user. */
export const PASSWORD = 'interlink-demo';

/** A date shown to people: `14 Mar 2026`, the month always a name. */
export const UNAMBIGUOUS_DATE = /^\d{1,2} [A-Z][a-z]{2} \d{4}$/;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Signs in with the keyboard alone, as counter staff would. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(new URL('/', baseUrl).toString());
  const usernameField = page.getByLabel('Username');
  await expect.poll(() => usernameField.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByTestId('current-user').waitFor();
}

/** Presses Tab until the element has focus; fails if it is not reached within `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  expect(await target.evaluate((el) => el === document.activeElement), 'reached by Tab').toBe(true);
}

export async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

/** WCAG 2.1 A/AA violations of serious or critical impact on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Colours are measured once the page is still: a dialog or a colour-scheme change fading in is half
  // transparent, and its text would be judged against the wrong background.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Only the violations are read: axe then skips collecting the passes and the incomplete results.
    .options({ resultTypes: ['violations'] })
    // The pages have no frames: axe runs in the page itself instead of finishing its run in a second, blank
    // page that the builder would open (and close) on every call.
    .setLegacyMode()
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Signs a demo user in through the API and returns their token. */
export async function apiToken(baseUrl: string, username: string): Promise<string> {
  const answer = await fetch(new URL('/api/v1/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { token: string }).token;
}

/** The actor of a demo user, for seeding data straight through the services. */
export async function demoActor(
  server: { url: string; services: Services },
  username: string,
): Promise<Actor> {
  return server.services.access.authenticate(await apiToken(server.url, username));
}

/** Noon UTC `days` days ago, as an ISO instant: the same calendar day at every European crossing point. */
export function noonDaysAgo(days: number): string {
  const today = new Date();
  return new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days, 12),
  ).toISOString();
}

/** The operations of one user's access events, newest first, read by the data protection officer. */
export async function auditOperations(
  baseUrl: string,
  username: string,
): Promise<Array<{ operation: string; recordRefs: string[]; purpose: string | null }>> {
  const token = await apiToken(baseUrl, 'dpo.de');
  const answer = await fetch(new URL(`/api/v1/audit/events?user=${username}&limit=200`, baseUrl), {
    headers: { Authorization: `Bearer ${token}`, 'X-Interlink-Purpose': 'data-protection-audit' },
  });
  expect(answer.status).toBe(200);
  return (
    (await answer.json()) as {
      events: Array<{ operation: string; recordRefs: string[]; purpose: string | null }>;
    }
  ).events;
}
