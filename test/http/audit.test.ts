import client from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/contexts/access/index.ts';
import { parse } from 'csv-parse/sync';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let dpoToken: string;

async function login(username: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password: 'interlink-demo' }),
  });
}

async function asDpo(pathAndQuery: string): Promise<Response> {
  return fetch(`${server.url}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${dpoToken}`, 'x-interlink-purpose': 'data-protection-audit' },
  });
}

interface EventView {
  seq: number;
  operation: string;
  operationLabel: string;
  requestId: string | null;
  clientRequestId: string | null;
  recordRefs: string[];
}

beforeAll(async () => {
  server = await startTestServer();
  dpoToken = ((await (await login('dpo.de')).json()) as { token: string }).token;
});
afterAll(async () => {
  await server.close();
});

describe('request ids in the audit log', () => {
  it("logs the server's request id and keeps a client-chosen one apart", async () => {
    const r = await login('border.fi', { 'x-request-id': 'client-chosen-42' });
    expect(r.status).toBe(200);
    const serverId = r.headers.get('x-request-id');
    expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('x-client-request-id')).toBe('client-chosen-42');

    const events = (await (
      await asDpo('/api/v1/audit/events?operation=auth.login&user=border.fi')
    ).json()) as {
      events: EventView[];
    };
    expect(events.events[0]).toMatchObject({ requestId: serverId, clientRequestId: 'client-chosen-42' });
  });
});

describe('the audit log for auditors', () => {
  beforeAll(async () => {
    for (const refs of [['ees:subject-1', 'ees:other'], ['sis:x'], ['ees:subject-1']]) {
      await server.services.audit.recordNow({
        actor: SYSTEM_ACTOR,
        system: 'ees',
        operation: 'ees.entry.create',
        outcome: 'success',
        resultSummary: '=HYPERLINK("http://evil")',
        recordRefs: refs,
      });
    }
  });

  it('filters by a record reference and names operations readably', async () => {
    const r = await asDpo('/api/v1/audit/events?record=ees:subject-1');
    expect(r.status).toBe(200);
    const { events } = (await r.json()) as { events: EventView[] };
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.recordRefs.includes('ees:subject-1'))).toBe(true);
    expect(events[0]!.operationLabel).toBe('EES: entry recorded');
  });

  it('exports the matching records as CSV, escapes formulas, and logs the export', async () => {
    const r = await asDpo('/api/v1/audit/events.csv?record=ees:subject-1');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toContain('attachment');
    const rows = parse<Record<string, string>>(await r.text(), { columns: true });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      operation: 'ees.entry.create',
      operation_label: 'EES: entry recorded',
      result_summary: `'=HYPERLINK("http://evil")`,
    });

    const { events } = (await (await asDpo('/api/v1/audit/events?operation=audit.export')).json()) as {
      events: Array<EventView & { resultSummary: string; username: string }>;
    };
    expect(events[0]).toMatchObject({ username: 'dpo.de', resultSummary: '2 records exported as CSV' });
  });

  it('refuses an export larger than its cap with a request to narrow the filters, and writes nothing', async () => {
    const actor = await server.services.access.authenticate(dpoToken);
    const before = await server.services.audit.verify();
    await expect(
      server.services.audit.exportCsv({
        actor,
        purpose: 'data-protection-audit',
        filter: { recordRef: 'ees:subject-1' },
        maxRows: 1,
      }),
    ).rejects.toMatchObject({ kind: 'TooLarge', code: 'AUDIT_EXPORT_TOO_LARGE' });
    expect((await server.services.audit.verify()).checked).toBe(before.checked);
  });

  it('refuses the export to a border guard', async () => {
    const token = ((await (await login('border.fi')).json()) as { token: string }).token;
    const r = await fetch(`${server.url}/api/v1/audit/events.csv`, {
      headers: { authorization: `Bearer ${token}`, 'x-interlink-purpose': 'data-protection-audit' },
    });
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('publishes the last checkpoint as a metric and verifies against it', async () => {
    const cp = await server.services.audit.checkpoint();
    expect(cp).not.toBeNull();
    const registry = new client.Registry();
    server.services.audit.registerMetrics(registry);
    expect(await registry.metrics()).toContain(`interlink_audit_checkpoint_seq ${cp!.seq}`);
    const report = await server.services.audit.verify();
    expect(report).toMatchObject({ ok: true });
    expect(report.checkpoints).toBeGreaterThan(0);
  });
});
