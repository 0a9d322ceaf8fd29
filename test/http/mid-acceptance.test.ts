import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/contexts/access/index.ts';
import { createDemoWorld, type DemoMidCaseId, type WrittenMidCase } from '../../src/flows/demo/index.ts';
import { startTestServer } from '../support/server.ts';

/**
 * The acceptance test of the CIR and MID on the demo world (Regs. (EU) 2019/817 and 2019/818): every fraud
 * the world plants is linked, with the colour, rules and verifying authority the articles give (arts. 27-30);
 * no innocent look-alike is; and each colour is shown to exactly the authorities art. 26 names.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let cases: WrittenMidCase[] = [];
const tokens = new Map<string, string>();

/** The systems each demo user's profile reaches (art. 26 reads access to a CIR system or SIS from it). */
const SYSTEMS: Readonly<Record<string, readonly string[]>> = {
  // Border authorities: EES files (EES art. 23), ETIAS border queries (ETIAS art. 47), SIS searches.
  'border.fi': ['ees', 'etias', 'sis'],
  'border.fr': ['ees', 'etias', 'sis'],
  'border.de': ['ees', 'etias', 'sis'],
  'border.es': ['ees', 'etias', 'sis'],
  // Immigration authorities: EES (arts. 26-27), ETIAS immigration queries (ETIAS art. 49), SIS searches.
  'immigration.de': ['ees', 'etias', 'sis'],
  'sirene.it': ['sis'],
  'police.nl': ['sis'],
  'etias-cu': ['etias'],
  'asylum.de': ['eurodac'],
  'asylum.gr': ['eurodac'],
  // A port desk searches vehicles and containers only; an analyst reads statistics: no CIR system, no SIS.
  'hub.be': [],
  analyst: [],
};

/** A purpose each user's profile allows (the records route takes any the profile allows). */
const PURPOSES: Readonly<Record<string, string>> = {
  'immigration.de': 'immigration-check',
  'police.nl': 'law-enforcement',
  'hub.be': 'hub-vehicle-check',
  analyst: 'statistics',
};
const purposeOf = (user: string) => PURPOSES[user] ?? 'identity-verification';

async function token(user: string): Promise<string> {
  let t = tokens.get(user);
  if (t === undefined) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
    });
    expect(r.status, user).toBe(200);
    t = ((await r.json()) as { token: string }).token;
    tokens.set(user, t);
  }
  return t;
}

async function call<T>(
  user: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await token(user)}`,
      'x-interlink-purpose': purposeOf(user),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: r.status, body: (await r.json()) as T };
}

interface QueueLink {
  id: string;
  color: string;
  records: string[];
  rules: string[];
  biometricScore?: number;
  verifyBy?: string;
  verifier: { authorityType: string; memberState: string };
  verification?: { color: string };
}
interface Notice {
  linkId: string;
  color: string;
  record: string;
  other: string | { system: string };
}

const caseOf = (id: DemoMidCaseId): WrittenMidCase => cases.find((c) => c.id === id)!;
const sameRecords = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The case's link as its verifying authority's queue lists it (`GET /api/v1/mid/links`). */
async function queued(c: WrittenMidCase, user = c.verifier!): Promise<QueueLink | undefined> {
  const r = await call<{ links: QueueLink[]; total: number }>(user, 'GET', '/api/v1/mid/links?limit=200');
  expect(r.status, `${user}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body.links.find((l) => sameRecords(l.records, c.refs));
}

/** The links of a record one user sees (`GET /api/v1/mid/records/{ref}/links`); none when refused. */
async function seen(user: string, ref: string): Promise<Notice[]> {
  const r = await call<{ links?: Notice[] }>(
    user,
    'GET',
    `/api/v1/mid/records/${encodeURIComponent(ref)}/links`,
  );
  expect([200, 403], `${user} ${ref}: ${JSON.stringify(r.body)}`).toContain(r.status);
  return r.status === 200 ? r.body.links! : [];
}

const systemOf = (ref: string) => ref.slice(0, ref.indexOf(':'));

/**
 * Art. 26: the verifying authority sees its links; red every authority with access to a CIR system or SIS;
 * white one with access to both linked systems; green, besides the verifier, only where a query matched both
 * records (never on one record's links); yellow, as not yet verified, one with access to the record's system
 * [K] (SBC art. 8(4a)).
 */
function mayView(user: string, link: { color: string; records: string[]; verifier: string }, record: string) {
  const systems = SYSTEMS[user]!;
  // A query answers only with records of systems the authority has access to: a record of another system
  // shows no links to it (the verifier sees such links in its queue, `GET /api/v1/mid/links`).
  if (!systems.includes(systemOf(record))) {
    return false;
  }
  if (user === link.verifier) {
    return true;
  }
  const both = link.records.every((r) => systems.includes(systemOf(r)));
  switch (link.color) {
    case 'red':
      return systems.length > 0;
    case 'white':
      return both;
    case 'green':
      return false;
    default:
      return systems.includes(systemOf(record));
  }
}

/** The stored link between the case's two records (the MID service, not a view of it). */
async function linkIdOf(c: WrittenMidCase): Promise<string> {
  const links = await server.services.mid.linksOf(c.refs);
  const link = links.find((l) => sameRecords(l.records, c.refs));
  expect(link, c.id).toBeDefined();
  return link!.id;
}

async function expectVisibility(c: WrittenMidCase, color: string, verifier: string) {
  const id = await linkIdOf(c);
  const link = { color, records: c.refs, verifier };
  const wrong: string[] = [];
  for (const user of Object.keys(SYSTEMS)) {
    for (const record of c.refs) {
      const shown = (await seen(user, record)).filter((n) => n.linkId === id);
      const expected = mayView(user, link, record);
      if (shown.length > 0 !== expected || shown.some((n) => n.color !== color)) {
        wrong.push(
          `${user} on ${record}: ${shown.map((n) => n.color).join(',') || 'nothing'}, expected ${expected ? color : 'nothing'}`,
        );
      }
    }
  }
  expect(wrong, `${c.id} (${color})`).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer();
  const world = await createDemoWorld(server.services, { genericTravellers: 8, hubs: null });
  expect(world.status).toBe('created');
  cases = world.mid!;
}, 900_000);
afterAll(async () => {
  await server.close();
});

describe('the demo world’s fraud is linked (arts. 27-30)', () => {
  it('links one face under two names, by biometrics, for the border authority that created the file', async () => {
    const link = await queued(caseOf('face-two-names'));
    expect(link).toMatchObject({ color: 'yellow', verifier: { authorityType: 'border', memberState: 'FI' } });
    expect(link!.rules).toContain('biometric');
    expect(link!.biometricScore).toBeGreaterThan(18);
    expect(link!.verifyBy).toBeDefined();
  });

  it('links one passport used by two people, by the document, for the ETIAS Central Unit', async () => {
    const link = await queued(caseOf('shared-passport'));
    expect(link).toMatchObject({ verifier: { authorityType: 'etias-central' } });
    expect(link!.rules).toContain('document');
    // The world has the Central Unit verify it red, so that a guard checking the passport sees it at once.
    expect(link!.color).toBe('red');
  });

  it('links the ETIAS applicant similar to a wanted person’s alias, for SIRENE Italy (art. 29(2))', async () => {
    const link = await queued(caseOf('sis-alias'));
    expect(link).toMatchObject({ color: 'yellow', verifier: { authorityType: 'sirene', memberState: 'IT' } });
    expect(link!.rules).toContain('identity-similar');
  });

  it('links the same person in EES and ETIAS white, and the homonyms yellow for the German border authority', async () => {
    const white = await queued(caseOf('same-person'), 'etias-cu');
    expect(white).toMatchObject({ color: 'white' });
    expect(white!.rules).toEqual(expect.arrayContaining(['identity-same', 'document']));
    const homonyms = await queued(caseOf('homonyms'));
    expect(homonyms).toMatchObject({
      color: 'yellow',
      verifier: { authorityType: 'border', memberState: 'DE' },
    });
    expect(homonyms!.rules).toContain('identity-same');
    expect(homonyms!.rules).not.toContain('biometric');
  });
});

describe('no innocent look-alike is linked', () => {
  it('makes no link between namesakes born years apart, nor between twins, in either direction', async () => {
    for (const c of cases.filter((x) => x.kind === 'look-alike')) {
      const links = await server.services.mid.linksOf(c.refs);
      const between = links.filter((l) => c.refs.includes(l.records[0]) && c.refs.includes(l.records[1]));
      expect(between, c.id).toEqual([]);
      // Nor does any authority see one on any of their records.
      for (const ref of c.refs) {
        const notices = await seen('border.fi', ref);
        expect(
          notices.filter((n) => typeof n.other === 'string' && (c.refs as string[]).includes(n.other)),
          ref,
        ).toEqual([]);
      }
    }
  });
});

describe('each colour is visible to exactly the authorities art. 26 names', () => {
  it('shows a yellow link to its verifier and, as not yet verified, to those with the record’s system', async () => {
    await expectVisibility(caseOf('face-two-names'), 'yellow', 'border.fi');
  });

  it('lets the verifying authorities decide red, white and green (art. 29), and no other authority', async () => {
    const face = (await queued(caseOf('face-two-names')))!;
    const refused = await call<{ code: string }>(
      'border.de',
      'POST',
      `/api/v1/mid/links/${face.id}/verification`,
      {
        color: 'red',
        reason: 'Not ours to decide',
      },
    );
    expect(refused.status).toBe(403);
    for (const [id, color, reason] of [
      [
        'face-two-names',
        'red',
        'The same face and fingers as the Eurodac dataset under another name and birth date',
      ],
      ['sis-alias', 'white', 'The applicant is the wanted person under the alias recorded in the alert'],
      [
        'homonyms',
        'green',
        'Two people: the faces and fingerprints differ; same names and birth date by chance',
      ],
    ] as const) {
      const c = caseOf(id);
      const link = (await queued(c))!;
      const r = await call<QueueLink>(c.verifier!, 'POST', `/api/v1/mid/links/${link.id}/verification`, {
        color,
        reason,
      });
      expect(r.status, `${id}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(r.body.color).toBe(color);
    }
  });

  it('shows a red link to every authority with a CIR system or SIS', async () => {
    await expectVisibility(caseOf('face-two-names'), 'red', 'border.fi');
    await expectVisibility(caseOf('shared-passport'), 'red', 'etias-cu');
  });

  it('shows a white link only to authorities with access to both linked systems', async () => {
    await expectVisibility(caseOf('same-person'), 'white', 'etias-cu');
    await expectVisibility(caseOf('sis-alias'), 'white', 'sirene.it');
  });

  it('shows a green link on one record’s links only to its verifier', async () => {
    await expectVisibility(caseOf('homonyms'), 'green', 'border.de');
  });
});
