import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerLoadShedding } from './load.ts';

/** Blocks the event loop, as a start-up step on the same thread does (building a read model, a demo world). */
function block(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('event-loop load shedding', () => {
  let app: FastifyInstance;
  afterEach(async () => {
    await app.close();
  });

  async function appBlockedWhileStarting(): Promise<FastifyInstance> {
    const a = Fastify();
    await registerLoadShedding(a, { maxInFlight: 16, maxEventLoopDelayMs: 50, retryAfterSeconds: 1 });
    a.get('/api/v1/ping', () => Promise.resolve({ ok: true }));
    // Start-up work after the limit is registered: the first reading of the delay covers it.
    a.register((_instance, _opts, done) => {
      block(1300);
      done();
    });
    await a.ready();
    return a;
  }

  it('does not shed the first requests after start for the delay the start-up itself caused', async () => {
    app = await appBlockedWhileStarting();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await app.inject({ method: 'GET', url: '/api/v1/ping' })).statusCode);
      await sleep(250);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('sheds with 503 when the loop is blocked once the app runs', async () => {
    app = await appBlockedWhileStarting();
    await sleep(2100);
    block(1300);
    // The next reading (at most one interval later) sees the blocked loop.
    let shed = 0;
    for (let i = 0; i < 8 && shed === 0; i++) {
      const r = await app.inject({ method: 'GET', url: '/api/v1/ping' });
      if (r.statusCode === 503) {
        shed += 1;
        expect(r.headers['retry-after']).toBe('1');
      }
      await sleep(150);
    }
    expect(shed).toBe(1);
  });
});
