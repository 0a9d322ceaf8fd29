import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchSource } from '../../src/contexts/esp/index.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;

async function login(username: string): Promise<string> {
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'interlink-demo' }),
  });
  return ((await r.json()) as { token: string }).token;
}

const source = (system: 'mid', delayMs: number): SearchSource => ({
  system,
  queryTypes: ['identity'],
  search: () =>
    new Promise((resolve) =>
      setTimeout(
        () =>
          resolve([
            {
              recordRef: `${system}:42`,
              probability: 0.9,
              explanation: ['surname exact'],
              fields: { status: 'valid', linkId: 'l1', colour: 'yellow', secret: 'never' },
            },
          ]),
        delayMs,
      ),
    ),
});

beforeAll(async () => {
  server = await startTestServer();
  // ETIAS is the installation's own source (fast, and holding no application here); MID a slow stand-in.
  server.services.esp.register(source('mid', 1_500));
});
afterAll(async () => {
  await server.close();
});

describe('POST /api/v1/search', () => {
  it('streams one NDJSON line per system as each answers, then a done line', async () => {
    const token = await login('border.fi');
    const started = Date.now();
    const r = await fetch(`${server.url}/api/v1/search`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-interlink-purpose': 'border-control',
      },
      body: JSON.stringify({ surname: 'Müller', birthDate: '1975-00-00' }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/x-ndjson');
    expect(r.headers.get('x-request-id')).toBeTruthy();
    const reader = r.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const lines: Array<{
      type: string;
      answer?: { system: string; status: string; results: Array<{ fields: object }> };
      at: number;
    }> = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        lines.push({ ...(JSON.parse(buffer.slice(0, nl)) as { type: string }), at: Date.now() - started });
        buffer = buffer.slice(nl + 1);
      }
    }
    const answers = lines.filter((l) => l.type === 'answer');
    expect(lines.at(-1)?.type).toBe('done');
    const etias = answers.find((a) => a.answer?.system === 'etias');
    const mid = answers.find((a) => a.answer?.system === 'mid');
    expect(etias?.answer?.status).toBe('ok');
    expect(mid?.answer?.status).toBe('ok');
    // The fast source's line arrived well before the slow one finished.
    expect(etias!.at).toBeLessThan(mid!.at - 500);
    expect(etias?.answer?.results).toEqual([]);
    expect(mid?.answer?.results[0]?.fields).toEqual({ linkId: 'l1', colour: 'yellow' });
  });

  it('refuses before streaming, with problem+json, when the purpose or a field is not allowed', async () => {
    const token = await login('visa.fr');
    const r = await fetch(`${server.url}/api/v1/search`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-interlink-purpose': 'visa-examination',
      },
      body: JSON.stringify({ plate: 'B-AB 1234' }),
    });
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(((await r.json()) as { code: string }).code).toBe('ESP_QUERY_FIELD_NOT_ALLOWED');
  });

  it('answers the merged variant once every system has answered', async () => {
    const token = await login('sirene.it');
    const r = await fetch(`${server.url}/api/v1/search/merged`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-interlink-purpose': 'sirene-exchange',
      },
      body: JSON.stringify({ surname: 'ROSSI' }),
    });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { profile: string; answers: Array<{ system: string }> };
    expect(body.profile).toBe('sirene-exchange');
    expect(body.answers.map((a) => a.system).sort()).toEqual(['mid', 'sis']);
  });
});

describe('GET /api/v1/search/profile', () => {
  const profiles = async (username: string) => {
    const r = await fetch(`${server.url}/api/v1/search/profile`, {
      headers: { authorization: `Bearer ${await login(username)}` },
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  it("gives the caller's search profile: purpose, query fields and systems, in the server's order", async () => {
    const r = await profiles('police.nl');
    expect(r.status).toBe(200);
    expect(r.body.profiles).toEqual([
      {
        id: 'police-identity-check',
        purpose: 'police-identity-check',
        queryFields: [
          'surname',
          'givenNames',
          'birthDate',
          'sex',
          'nationality',
          'documentNumber',
          'documentIssuingState',
          'plate',
          'plateCountry',
          'vin',
          'containerNumber',
        ],
        shall: ['sis'],
        may: ['cir'],
        basis: 'Reg. (EU) 2018/1862 art. 44; 2019/818 art. 20',
        biometric: true,
      },
    ]);
    const visa = await profiles('visa.fr');
    expect((visa.body.profiles as Array<{ queryFields: string[] }>)[0]?.queryFields).not.toContain('plate');
  });

  it('refuses a user who may not search', async () => {
    const r = await profiles('analyst');
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('ACCESS_PERMISSION_DENIED');
  });
});
