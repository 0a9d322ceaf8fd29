import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_PROFILES, EspService } from '../../src/contexts/esp/index.ts';
import { sisSearchSource } from '../../src/systems/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * 2019/817 art. 11: when the portal cannot reach a system, authorised users search that system directly. Here the
 * portal's connection to EES is broken; EES's own search keeps working.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let token = '';

beforeAll(async () => {
  server = await startTestServer({
    adapt: (s) => {
      const esp = new EspService({
        audit: s.audit,
        logger: s.logger,
        profiles: DEFAULT_SEARCH_PROFILES,
        sourceTimeoutMs: 500,
      });
      esp.register({
        system: 'ees',
        queryTypes: ['identity', 'document'],
        search: () => Promise.reject(new Error('connection refused')),
      });
      esp.register(sisSearchSource(s.sis));
      return { ...s, esp };
    },
  });
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'border.fi', password: 'interlink-demo' }),
  });
  token = ((await r.json()) as { token: string }).token;
});
afterAll(async () => {
  await server.close();
});

describe('fallback when the portal cannot reach a system', () => {
  it('reports EES as failed in the portal while the direct EES search still finds the file', async () => {
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-interlink-purpose': 'border-control',
    };
    const created = await fetch(`${server.url}/api/v1/ees/files`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        kind: 'visa-holder',
        surname: 'Nguyen',
        givenNames: 'Van An',
        birthDate: '1984-06-30',
        nationalities: ['VNM'],
        sex: 'M',
        documents: [{ type: 'P', number: 'C7654321', issuingState: 'VNM', expiry: '2031-05-01' }],
        facialImageRef: 'face:nguyen',
      }),
    });
    expect(created.status).toBe(201);

    const portal = await fetch(`${server.url}/api/v1/search/merged`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ documentNumber: 'C7654321', documentIssuingState: 'VNM' }),
    });
    const answers = ((await portal.json()) as { answers: Array<{ system: string; status: string }> }).answers;
    expect(answers.find((a) => a.system === 'ees')?.status).toBe('error');
    expect(answers.find((a) => a.system === 'sis')?.status).toBe('ok');

    const direct = await fetch(`${server.url}/api/v1/ees/search/document`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ number: 'C7654321', issuingState: 'VNM' }),
    });
    expect(direct.status).toBe(200);
    const files = (await direct.json()) as { files: Array<{ surname: string }> };
    expect(files.files.map((f) => f.surname)).toEqual(['NGUYEN']);
  });
});
