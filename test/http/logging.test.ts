import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger.ts';
import { startTestServer } from '../support/server.ts';

/** The console at `npm start`: one short human line per request, and nothing for the health probes. */
let server: Awaited<ReturnType<typeof startTestServer>>;
const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  },
});

beforeAll(async () => {
  server = await startTestServer({
    adapt: (s) => ({ ...s, logger: createLogger({ logLevel: 'info', logFormat: 'pretty' }, sink) }),
  });
});
afterAll(async () => {
  await server.close();
});

describe('request logging', () => {
  it('writes one human line per request and none for /healthz or /readyz polls', async () => {
    lines.length = 0;
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    }
    expect((await fetch(`${server.url}/api/v1/reference/countries?kind=special`)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.filter((l) => /healthz|readyz/.test(l))).toEqual([]);
    const requestLines = lines.filter((l) => l.includes('/api/v1/reference/countries'));
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatch(/INFO.*GET \/api\/v1\/reference\/countries 401 \d+ ms/);
    // Human, not JSON, and the query string (which can hold search terms) stays out of the line.
    expect(requestLines[0]).not.toMatch(/^\{/);
    expect(requestLines[0]).not.toContain('kind=special');
  });
});
