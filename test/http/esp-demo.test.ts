import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import type { SourceAnswer } from '../../src/contexts/esp/index.ts';
import { createDemoWorld, planDemoWorld, type PlannedTraveller } from '../../src/flows/demo/index.ts';
import { startTestServer } from '../support/server.ts';

/** The search portal over HTTP on the demo world: what an officer finds with a partial query. */
let server: Awaited<ReturnType<typeof startTestServer>>;
let token = '';
let travellers: PlannedTraveller[] = [];

async function search(
  body: Record<string, string | undefined>,
): Promise<{ status: number; body: { answers?: SourceAnswer[]; code?: string }; type: string }> {
  const r = await fetch(`${server.url}/api/v1/search/merged`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-interlink-purpose': 'border-control',
    },
    body: JSON.stringify(body),
  });
  return {
    status: r.status,
    body: (await r.json()) as { answers?: SourceAnswer[]; code?: string },
    type: r.headers.get('content-type') ?? '',
  };
}

const ees = (r: Awaited<ReturnType<typeof search>>) => r.body.answers!.find((a) => a.system === 'ees')!;

beforeAll(async () => {
  server = await startTestServer();
  const world = await createDemoWorld(server.services, { genericTravellers: 8, hubs: null });
  expect(world.status).toBe('created');
  travellers = planDemoWorld({
    seed: world.seed!,
    today: world.plannedOn!,
    genericTravellers: 8,
  }).travellers;
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'border.fi', password: DEMO_PASSWORD }),
  });
  token = ((await login.json()) as { token: string }).token;
}, 600_000);
afterAll(async () => {
  await server.close();
});

describe('the search portal finds EES travellers from a partial query', () => {
  it('finds a traveller by surname, given names and date of birth, without sex or nationality', async () => {
    const missed: string[] = [];
    for (const t of travellers.slice(0, 6)) {
      const { surname, givenNames, birthDate } = t.identity;
      const r = await search({ surname, givenNames, birthDate });
      expect(r.status).toBe(200);
      const answer = ees(r);
      expect(answer.status).toBe('ok');
      if (answer.results.length === 0) {
        missed.push(`${surname} ${givenNames} ${birthDate}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('finds a traveller by surname and year of birth alone', async () => {
    const t = travellers[0]!;
    const r = await search({
      surname: t.identity.surname,
      birthDate: `${t.identity.birthDate.slice(0, 4)}-00-00`,
    });
    const answer = ees(r);
    expect(answer.status).toBe('ok');
    expect(answer.results.length).toBeGreaterThan(0);
    // Categories the query left out are not explained as if they had been compared.
    for (const line of answer.results.flatMap((x) => x.explanation)) {
      expect(line).not.toMatch(/^(sex|nationality):/u);
    }
  });

  it("gives each hit the matching engine's probability: within (0, 1], and not one fixed value", async () => {
    const seen = new Set<number>();
    for (const t of travellers.slice(0, 6)) {
      const { surname, givenNames, birthDate, sex, nationality } = t.identity;
      for (const body of [
        { surname, givenNames, birthDate },
        { surname, givenNames, birthDate, sex, nationality },
        { surname, birthDate: `${birthDate.slice(0, 4)}-00-00` },
        { documentNumber: t.identity.documentNumber, documentIssuingState: t.identity.issuingState },
      ]) {
        for (const hit of ees(await search(body)).results) {
          expect(hit.probability).toBeGreaterThan(0);
          expect(hit.probability).toBeLessThanOrEqual(1);
          seen.add(hit.probability);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(2);
    for (const fixed of [0.95, 0.6, 0.99]) {
      expect(seen.has(fixed)).toBe(false);
    }
  });

  it('answers a surname alone with a too-broad status and a message, not an error', async () => {
    const r = await search({ surname: travellers[0]!.identity.surname });
    expect(r.status).toBe(200);
    const answer = ees(r);
    expect(answer.status).toBe('too-broad');
    expect(answer.message).toMatch(/date of birth/u);
  });

  it('answers invalid query values with 400 problem+json before any system is asked', async () => {
    for (const body of [
      { surname: 'Smith', birthDate: '1980-02-31' },
      { surname: 'Smith', birthDate: '1980-00-12' },
      { surname: 'Smith', birthDate: '1980-00-00', sex: 'Q' },
      { surname: 'Smith', birthDate: '1980-00-00', nationality: 'ZZZZ' },
      { documentNumber: 'X1', documentIssuingState: '12' },
    ]) {
      const r = await search(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.type).toContain('application/problem+json');
      // The shared date formats refuse impossible dates at the schema; the portal refuses the rest.
      expect(r.body.code).toMatch(/^(?:ESP_QUERY_|REQUEST_INVALID$)/u);
    }
  });
});
