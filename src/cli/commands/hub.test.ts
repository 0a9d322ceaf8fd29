import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../test/support/server.ts';
import { createDemoHubs, seededRandom } from '../../contexts/hubs/index.ts';
import { planRead, simulate } from './hub.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/interlink.js');
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  await createDemoHubs(server.services);
});
afterAll(async () => {
  await server.close();
});

describe('hub simulate', () => {
  describe('planRead', () => {
    it('plants alerted identifiers and expects a hit only when the truth is among the candidates', () => {
      const rnd = seededRandom(7);
      const camera = {
        gateId: 'kallo',
        cameraId: 'kallo-in-plate',
        direction: 'in' as const,
        containers: true,
      };
      const plans = Array.from({ length: 2000 }, (_, i) =>
        planRead(rnd, i, camera, { alerted: 0.5, misread: 0.5 }, new Date('2026-06-01T08:00:00Z')),
      );
      const alerted = plans.filter((p) => p.planted.alert !== null);
      expect(alerted.length).toBeGreaterThan(800);
      expect(plans.filter((p) => p.planted.expected).every((p) => !p.planted.alert!.discreet)).toBe(true);
      expect(alerted.some((p) => !p.planted.expected && !p.planted.alert!.discreet)).toBe(true);
    });
  });

  describe('simulate', () => {
    it('detects every read of an alerted vehicle with the truth among the candidates, no discreet check, no false hit', async () => {
      const report = await simulate({
        url: server.url,
        user: 'hub.be',
        password: 'interlink-demo',
        rate: 200,
        duration: 2,
        alerted: 0.1,
        misread: 0.3,
        seed: 3,
      });
      expect(report).toMatchObject({
        hub: 'be-antwerp-bruges',
        reads: 400,
        falseHits: 0,
        errors: 0,
        discreetShown: 0,
      });
      expect(report.expectedHits).toBeGreaterThan(10);
      expect(report.detectedHits).toBe(report.expectedHits);
      expect(report.p99LatencyMs).toBeGreaterThanOrEqual(report.p50LatencyMs);
    }, 60_000);

    it('prints one JSON object with --json', async () => {
      const { stdout } = await run(BIN, [
        'hub',
        'simulate',
        '--url',
        server.url,
        '--rate',
        '40',
        '--duration',
        '1',
        '--json',
      ]);
      const report = JSON.parse(stdout) as Record<string, number>;
      expect(Object.keys(report)).toEqual([
        'reads',
        'expectedHits',
        'detectedHits',
        'falseHits',
        'p50LatencyMs',
        'p99LatencyMs',
      ]);
      expect(report.reads).toBe(40);
    }, 60_000);

    it('exits with a usage error for a hub the user does not operate', async () => {
      await expect(
        run(BIN, ['hub', 'simulate', '--url', server.url, '--hub', 'de-duisburg-gateway', '--duration', '1']),
      ).rejects.toMatchObject({ code: 2 });
    }, 60_000);
  });
});
