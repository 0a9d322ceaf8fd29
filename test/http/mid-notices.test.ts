import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_PASSWORD, type Actor } from '../../src/contexts/access/index.ts';
import { generateMrzOrThrow } from '../../src/contexts/identity/index.ts';
import type { CirRef } from '../../src/contexts/cir/index.ts';
import type { LinkColor, LinkNotice } from '../../src/contexts/mid/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * Who sees which MID link where (2019/817 and 2019/818 art. 26; SBC art. 8(4a)): an EES file linked to four SIS
 * alerts on the same identity, one link of each colour, seen by a border guard (check, portal, SIS search), the
 * police, the SIRENE Bureau that verifies the links, the ETIAS Central Unit, an asylum authority and an analyst.
 * Detection makes the links yellow; the other colours are set on the stored links, as a verification would.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

const PURPOSE: Record<string, string> = {
  'border.fi': 'border-control',
  'police.nl': 'police-identity-check',
  'sirene.it': 'sirene-exchange',
  'etias-cu': 'etias-examination',
  'asylum.gr': 'asylum-procedure',
  analyst: 'statistics',
};

async function call(
  method: string,
  url: string,
  as: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens.get(as)}`,
      'x-interlink-purpose': PURPOSE[as]!,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const IDENTITY = { surname: 'Lindqvist', givenNames: 'Maren', birthDate: '1984-07-19' };
const MRZ = generateMrzOrThrow({
  format: 'TD3',
  documentCode: 'P',
  issuingState: 'USA',
  surname: 'LINDQVIST',
  givenNames: 'MAREN',
  documentNumber: 'US7741209',
  nationality: 'USA',
  birthDate: '840719',
  sex: 'F',
  expiryDate: '360101',
}).lines.join('\n');

let file: CirRef;
/** The alert of each link colour. */
const alert = {} as Record<LinkColor, string>;
/** The link of each colour. */
const linkOf = {} as Record<LinkColor, string>;

const colours = (notices: readonly LinkNotice[]) => [...new Set(notices.map((n) => n.color))].sort();

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  for (const username of Object.keys(PURPOSE)) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    tokens.set(username, ((await r.json()) as { token: string }).token);
  }
  const actor = (username: string): Promise<Actor> => s.access.authenticate(tokens.get(username)!);
  const { value: created } = await s.ees.createFile({
    actor: await actor('border.fi'),
    purpose: 'border-control',
    input: {
      kind: 'visa-exempt',
      ...IDENTITY,
      nationalities: ['USA'],
      sex: 'F',
      documents: [{ type: 'P', number: 'US7741209', issuingState: 'USA', expiry: '2036-01-01' }],
      facialImageRef: 'face:mid-notices',
      fingerprints: { hand: 'right', index: 'f:1', middle: 'f:2', ring: 'f:3', little: 'f:4' },
    },
  });
  file = `ees:${created.id}`;
  // The SIRENE Bureau of Italy enters the alerts: it verifies the links they make (art. 29(2)).
  const sirene = await actor('sirene.it');
  for (const color of ['yellow', 'white', 'green', 'red'] as const) {
    const { alert: a } = await s.sis.createAlert({
      actor: sirene,
      purpose: 'alert-management',
      alert: {
        category: 'arrest',
        person: { ...IDENTITY, sex: 'F', nationalities: ['USA'] },
        reason: `European Arrest Warrant (${color})`,
        decisionRef: `EAW-IT-${color}`,
      },
    });
    alert[color] = `sis:${a.id}`;
  }
  const links = await s.mid.linksOf([file]);
  for (const color of ['yellow', 'white', 'green', 'red'] as const) {
    const link = links.find((l) => (l.records as readonly string[]).includes(alert[color]));
    expect(link, color).toMatchObject({
      color: 'yellow',
      verifier: { authorityType: 'sirene', memberState: 'IT' },
    });
    linkOf[color] = link!.id;
    if (color === 'white' || color === 'green') {
      // Through the verification use case, so the colours are those a verifier can give (arts. 31-33).
      await s.mid.verify({
        actor: sirene,
        purpose: 'identity-verification',
        id: link!.id,
        color,
        reason: `Verified ${color} for the visibility test`,
      });
    } else if (color === 'red') {
      // Red needs biometric data or a shared document (art. 32(1)), which these records lack; this file tests who
      // sees a red link (art. 26(2)), so the colour is set in the table (the verification tests cover red).
      await sql`update mid.link set color = 'red', verify_by = null,
          verification = ${JSON.stringify({ color, reason: 'test', by: 'sirene.it', authority: 'SIRENE Italia', at: new Date().toISOString() })}::jsonb
        where id = ${link!.id}`.execute(s.database.db);
    }
  }
});
afterAll(async () => {
  await server.close();
});

describe('MID links in the border check', () => {
  it('shows the guard every colour art. 26 allows, red and yellow as findings that are no refusal by themselves', async () => {
    const r = await call('POST', '/api/v1/border-check', 'border.fi', { mrz: MRZ, bcpId: 'FI-HEL' });
    expect(r.status).toBe(200);
    const links = (r.body.extra as { mid: { links: LinkNotice[] } }).mid.links;
    // The check found the file and the four alerts: green too, since it matched both records (art. 26(4)).
    expect(colours(links)).toEqual(['green', 'red', 'white', 'yellow']);
    expect(links.find((n) => n.record === file && n.color === 'red')).toMatchObject({
      linkId: linkOf.red,
      other: alert.red,
      verifier: { authorityType: 'sirene', memberState: 'IT' },
    });
    const findings = r.body.findings as Array<{
      code: string;
      level: string;
      params?: Record<string, unknown>;
    }>;
    const mid = findings.filter((f) => f.code.startsWith('MID_'));
    expect(mid.map((f) => [f.code, f.level]).sort()).toEqual([
      ['MID_RED_LINK', 'attention'],
      ['MID_YELLOW_LINK', 'attention'],
    ]);
    expect(mid.find((f) => f.code === 'MID_RED_LINK')?.params).toMatchObject({
      linkId: linkOf.red,
      authorityType: 'sirene',
      authorityState: 'IT',
    });
  });
});

describe('MID links in the search portal', () => {
  const search = async (as: string) => {
    const r = await call('POST', '/api/v1/search/merged', as, IDENTITY);
    expect(r.status).toBe(200);
    const answers = r.body.answers as Array<{
      system: string;
      results: Array<{ recordRef: string; links?: LinkNotice[] }>;
    }>;
    return answers.flatMap((a) => a.results);
  };

  it('shows a border guard every colour, green once the query has matched both records', async () => {
    const hits = await search('border.fi');
    expect(hits.map((h) => h.recordRef)).toEqual(expect.arrayContaining([file, ...Object.values(alert)]));
    expect(colours(hits.flatMap((h) => h.links ?? []))).toEqual(['green', 'red', 'white', 'yellow']);
  });

  it('shows the police (SIS only) the red link without the EES file, and the yellow one as not yet verified', async () => {
    const hits = await search('police.nl');
    const notices = hits.flatMap((h) => h.links ?? []);
    expect(colours(notices)).toEqual(['red', 'yellow']);
    expect(notices.find((n) => n.color === 'red')).toMatchObject({
      record: alert.red,
      other: { system: 'ees' },
    });
    expect(notices.find((n) => n.color === 'yellow')?.meaning).toMatch(/^not yet verified/u);
  });

  it('shows the verifying SIRENE Bureau every colour of its links (art. 26(1))', async () => {
    const notices = (await search('sirene.it')).flatMap((h) => h.links ?? []);
    expect(colours(notices)).toEqual(['green', 'red', 'white', 'yellow']);
  });
});

describe('MID links in the SIS person search', () => {
  const found = async (as: string) => {
    const r = await call('POST', '/api/v1/sis/search/persons', as, IDENTITY);
    expect(r.status).toBe(200);
    const results = r.body.results as Array<{ alert: { alertId: string }; midLinks?: LinkNotice[] }>;
    return new Map(results.map((x) => [`sis:${x.alert.alertId}`, colours(x.midLinks ?? [])]));
  };

  it('shows each alert the links art. 26 lets the searcher see', async () => {
    // A border guard has EES and SIS: white too; green needs the EES file among the results, which it is not.
    expect(await found('border.fi')).toEqual(
      new Map([
        [alert.yellow, ['yellow']],
        [alert.white, ['white']],
        [alert.green, []],
        [alert.red, ['red']],
      ]),
    );
    expect(await found('police.nl')).toEqual(
      new Map([
        [alert.yellow, ['yellow']],
        [alert.white, []],
        [alert.green, []],
        [alert.red, ['red']],
      ]),
    );
    expect(await found('sirene.it')).toEqual(
      new Map([
        [alert.yellow, ['yellow']],
        [alert.white, ['white']],
        [alert.green, ['green']],
        [alert.red, ['red']],
      ]),
    );
  });
});

describe('GET /api/v1/mid/records/{ref}/links', () => {
  it("answers the links of one record the caller may see, with the caller's access to its system", async () => {
    const guard = await call('GET', `/api/v1/mid/records/${file}/links`, 'border.fi');
    expect(guard.status).toBe(200);
    expect(guard.body.record).toBe(file);
    expect(colours(guard.body.links as LinkNotice[])).toEqual(['red', 'white', 'yellow']);
    const police = await call('GET', `/api/v1/mid/records/${alert.red}/links`, 'police.nl');
    expect(police.body.links).toEqual([
      expect.objectContaining({ color: 'red', record: alert.red, other: { system: 'ees' } }),
    ]);
  });

  it('refuses an authority without access to the system of the record, and a malformed reference', async () => {
    for (const as of ['etias-cu', 'asylum.gr', 'analyst']) {
      const r = await call('GET', `/api/v1/mid/records/${file}/links`, as);
      expect(r.status, as).toBe(403);
    }
    const r = await call('GET', '/api/v1/mid/records/vis:123/links', 'border.fi');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'MID_RECORD_REF_INVALID' });
  });
});
