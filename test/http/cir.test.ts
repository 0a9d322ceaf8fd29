import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, SYSTEM_ACTOR } from '../../src/contexts/access/index.ts';
import { SyntheticBiometrics } from '../../src/contexts/sbms/index.ts';
import { isoDate, plusYears } from '../../src/platform/dates.ts';
import { startTestServer } from '../support/server.ts';

/**
 * The CIR's own queries over HTTP (Regs. (EU) 2019/817 and 2019/818): police identification by a live face
 * (art. 20) only for an authority national law empowers, never of a child under 12 without its best
 * interests; the law-enforcement flag search that names the systems holding data and nothing else (art. 22(1))
 * with its one follow-up (art. 22(2)); both logged (art. 24).
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();
const bio = new SyntheticBiometrics({ seed: 2019 });

async function call(
  method: string,
  url: string,
  options: { as: string; purpose?: string; body?: unknown },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { authorization: `Bearer ${tokens.get(options.as)}` };
  if (options.purpose !== undefined) {
    headers['x-interlink-purpose'] = options.purpose;
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const identify = (body: unknown, as = 'police.nl', purpose = 'police-identity-check') =>
  call('POST', '/api/v1/cir/identification', { as, purpose, body });
const flags = (body: unknown, as = 'police.nl', purpose = 'law-enforcement') =>
  call('POST', '/api/v1/cir/flags', { as, purpose, body });

/** An EES file with the face and the right hand's four fingers (EES art. 17(1)(b); none under 12). */
function eesFile(number: string, person: string, identity: Record<string, unknown>, child = false) {
  return {
    kind: 'visa-exempt',
    ...identity,
    documents: [{ type: 'P', number, issuingState: 'USA', expiry: '2045-01-01' }],
    facialImageRef: `face:${number}`,
    ...(child
      ? {}
      : { fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' } }),
    biometrics: [bio.face(person), ...(child ? [] : bio.fingers(person, [2, 3, 4, 5]))],
  };
}

const WALKER = {
  surname: 'Walker',
  givenNames: 'Jane',
  birthDate: '1988-03-05',
  sex: 'F',
  nationalities: ['USA'],
};
const childBirth = plusYears(isoDate(new Date()), -8);
const CHILD = {
  surname: 'Walker',
  givenNames: 'Lily',
  birthDate: childBirth,
  sex: 'F',
  nationalities: ['USA'],
};

let walkerFile = '';
let childFile = '';
let rahimiDataset = '';

beforeAll(async () => {
  server = await startTestServer();
  // A second police authority whose state's law does not empower it (art. 20(1)).
  const unempowered = await server.services.access.ensureAuthority(SYSTEM_ACTOR, {
    name: 'Polizia di Stato',
    type: 'police',
    memberState: 'IT',
  });
  await server.services.access.createUser({
    actor: SYSTEM_ACTOR,
    purpose: 'system-administration',
    user: {
      username: 'police.it',
      displayName: 'Luca Ferri',
      password: DEMO_PASSWORD,
      authorityId: unempowered.id,
    },
  });
  for (const username of ['police.nl', 'police.it', 'border.fi', 'asylum.gr', 'sirene.it', 'admin']) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(r.status).toBe(200);
    tokens.set(username, ((await r.json()) as { token: string }).token);
  }
  const border = (body: unknown) =>
    call('POST', '/api/v1/ees/files', { as: 'border.fi', purpose: 'border-control', body });
  const walker = await border(eesFile('CW0000001', 'walker', WALKER));
  expect(walker.status, JSON.stringify(walker.body)).toBe(201);
  walkerFile = walker.body.id as string;
  const child = await border(eesFile('CW0000002', 'lily', CHILD, true));
  expect(child.status, JSON.stringify(child.body)).toBe(201);
  childFile = child.body.id as string;
  // Zahra Rahimi: in Eurodac (fingers and face) and in EES (face) under the same identity.
  const zahra = { surname: 'Rahimi', givenNames: 'Zahra', birthDate: '1995-03-14', sex: 'F' };
  const dataset = await call('POST', '/api/v1/eurodac/datasets', {
    as: 'asylum.gr',
    purpose: 'asylum-procedure',
    body: {
      category: 'applicant',
      fingerprints: bio.fingers('zahra'),
      face: bio.face('zahra'),
      identity: { ...zahra, nationalities: ['AFG'] },
    },
  });
  expect(dataset.status, JSON.stringify(dataset.body)).toBe(201);
  rahimiDataset = dataset.body.id as string;
  const inEes = await border(eesFile('CW0000003', 'zahra', { ...zahra, nationalities: ['AFG'] }));
  expect(inEes.status, JSON.stringify(inEes.body)).toBe(201);
});
afterAll(async () => {
  await server.close();
});

interface Match {
  ref: string;
  system: string;
  recordRef: string;
  identity: Record<string, unknown>;
  documents: Array<{ number: string }>;
  foundBy: Array<Record<string, unknown>>;
}

describe('police identification (art. 20)', () => {
  it('identifies the EES traveller by a live face and answers her file’s data with its reference', async () => {
    const r = await identify({
      situation: 'no-document',
      personPresent: true,
      biometrics: [bio.face('walker', { capture: 3 })],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.biometricQuery).toBe('matched');
    expect(r.body.identityQuery).toBe('not-used');
    const matches = r.body.matches as Match[];
    expect(matches.map((m) => m.ref)).toEqual([`ees:${walkerFile}`]);
    expect(matches[0]!.identity).toMatchObject({
      surname: 'WALKER',
      givenNames: 'JANE',
      birthDate: '1988-03-05',
    });
    expect(matches[0]!.documents.map((d) => d.number)).toEqual(['CW0000001']);
    expect(matches[0]!.foundBy).toEqual([
      expect.objectContaining({ kind: 'biometric', modalities: ['face'] }),
    ]);
    expect((matches[0]!.foundBy[0]!.falseMatchRate as number) < 1e-6).toBe(true);
  });

  it('queries with the identity data only when no biometrics can be used, and says why', async () => {
    const without = await identify({
      situation: 'unable-or-unwilling',
      personPresent: true,
      identity: { surname: 'Walker', givenNames: 'Jane', birthDate: '1988-03-05' },
    });
    expect(without.status).toBe(400);
    expect(without.body.code).toBe('CIR_BIOMETRICS_FIRST');
    const r = await identify({
      situation: 'unable-or-unwilling',
      personPresent: true,
      biometricsUnavailableReason: 'The person refuses to look at the camera',
      identity: { surname: 'Walker', givenNames: 'Jane', birthDate: '1988-03-05' },
      document: { number: 'CW0000001' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.biometricQuery).toBe('not-used');
    const [m] = r.body.matches as Match[];
    expect(m?.ref).toBe(`ees:${walkerFile}`);
    expect(m?.foundBy.map((f) => f.kind).sort()).toEqual(['document', 'identity']);
  });

  it('never answers from SIS and finds Eurodac and EES files of one face', async () => {
    const r = await identify({
      situation: 'doubt-identity-data',
      personPresent: true,
      biometrics: [bio.face('zahra', { capture: 2 }), ...bio.fingers('zahra', [1, 2], { capture: 2 })],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const systems = (r.body.matches as Match[]).map((m) => m.system).sort();
    expect(systems).toEqual(['ees', 'eurodac']);
    expect((r.body.matches as Match[]).find((m) => m.system === 'eurodac')?.recordRef).toBe(rahimiDataset);
  });

  it('refuses a police authority national law does not empower (403 CIR_NOT_EMPOWERED), and logs it', async () => {
    const r = await identify(
      { situation: 'no-document', personPresent: true, biometrics: [bio.face('walker', { capture: 4 })] },
      'police.it',
    );
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('CIR_NOT_EMPOWERED');
    const logged = await server.services.database.db
      .withTables<{ 'audit.event': { operation: string; outcome: string; username: string } }>()
      .selectFrom('audit.event')
      .select(['outcome'])
      .where('operation', '=', 'cir.identification')
      .where('username', '=', 'police.it')
      .execute();
    expect(logged.map((l) => l.outcome)).toEqual(['denied']);
  });

  it('refuses a child under 12 (422 CIR_CHILD_UNDER_12) unless in the child’s best interests', async () => {
    const byFace = await identify({
      situation: 'no-document',
      personPresent: true,
      biometrics: [bio.face('lily', { capture: 5 })],
    });
    expect(byFace.status, JSON.stringify(byFace.body)).toBe(422);
    expect(byFace.body.code).toBe('CIR_CHILD_UNDER_12');
    const byBirthDate = await identify({
      situation: 'no-document',
      personPresent: true,
      biometricsUnavailableReason: 'No capture device at hand',
      identity: { surname: 'Walker', givenNames: 'Lily', birthDate: childBirth },
    });
    expect(byBirthDate.status).toBe(422);
    expect(byBirthDate.body.code).toBe('CIR_CHILD_UNDER_12');
    const inInterest = await identify({
      situation: 'no-document',
      personPresent: true,
      biometrics: [bio.face('lily', { capture: 5 })],
      childBestInterests: 'A lost child found alone at the station: her family must be found',
    });
    expect(inInterest.status).toBe(200);
    expect((inInterest.body.matches as Match[]).map((m) => m.ref)).toEqual([`ees:${childFile}`]);
  });

  it('refuses a birth date after today (400 CIR_BIRTH_DATE_IN_FUTURE), not as a child under 12', async () => {
    const nextYear = plusYears(isoDate(new Date()), 1).slice(0, 4);
    for (const birthDate of [`${nextYear}-01-15`, `${nextYear}-00-00`]) {
      const answer = await identify({
        situation: 'doubt-identity-data',
        personPresent: true,
        biometricsUnavailableReason: 'No capture device at hand',
        identity: { surname: 'Walker', givenNames: 'Jane', birthDate },
      });
      expect(answer.status, birthDate).toBe(400);
      expect(answer.body.code).toBe('CIR_BIRTH_DATE_IN_FUTURE');
      const flag = await flags({
        caseReference: 'NL-OM-16',
        grounds: 'Suspected of preparing an attack',
        offence: 'terrorism',
        identity: { surname: 'Walker', givenNames: 'Jane', birthDate },
      });
      expect(flag.status, birthDate).toBe(400);
      expect(flag.body.code).toBe('CIR_BIRTH_DATE_IN_FUTURE');
    }
  });

  it('is refused to non-police users and under another purpose', async () => {
    const body = { situation: 'no-document', personPresent: true, biometrics: [bio.face('walker')] };
    const border = await identify(body, 'border.fi', 'border-control');
    expect(border.status).toBe(403);
    const sirene = await identify(body, 'sirene.it', 'sirene-exchange');
    expect(sirene.status).toBe(403);
    const purpose = await identify(body, 'police.nl', 'law-enforcement');
    expect(purpose.status).toBe(403);
    // The answer names the purpose to send, and where.
    expect(purpose.body.detail).toBe(
      '"law-enforcement" is not a purpose of this operation: send "police-identity-check" in the X-Interlink-Purpose header.',
    );
    const absent = await identify({ ...body, personPresent: false });
    expect(absent.status).toBe(400);
  });
});

describe('flag search for law enforcement (art. 22)', () => {
  const grounds = 'Suspected of preparing an attack; seen with the main suspect';
  let flagId = '';

  it('answers which systems hold data on the person, and nothing else', async () => {
    const r = await flags({
      caseReference: 'NL-OM-2026-117',
      grounds,
      offence: 'terrorism',
      biometrics: [bio.face('zahra', { capture: 7 })],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(['followUpRequired', 'id', 'systems']);
    expect(r.body.systems).toEqual(['ees', 'eurodac']);
    expect(r.body.followUpRequired).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain(rahimiDataset);
    flagId = r.body.id as string;

    const byIdentity = await flags({
      caseReference: 'NL-OM-2026-118',
      grounds,
      offence: 'serious-crime',
      identity: { surname: 'Walker', givenNames: 'Jane', birthDate: '1988-03-05' },
    });
    expect(byIdentity.status).toBe(201);
    expect(Object.keys(byIdentity.body).sort()).toEqual(['followUpRequired', 'id', 'systems']);
    expect(byIdentity.body.systems).toEqual(['ees']);

    const nobody = await flags({
      caseReference: 'NL-OM-2026-119',
      grounds,
      offence: 'serious-crime',
      identity: { surname: 'Nobody', givenNames: 'Known', birthDate: '1970-01-01' },
    });
    expect(nobody.body).toMatchObject({ systems: [], followUpRequired: false });
  });

  it('lists the authority’s flag queries awaiting their follow-up', async () => {
    const r = await call('GET', '/api/v1/cir/flags?pending=true&sort=createdAt&order=asc', {
      as: 'police.nl',
      purpose: 'law-enforcement',
    });
    expect(r.status).toBe(200);
    const list = r.body.flagQueries as Array<{ id: string; caseReference: string }>;
    expect(list.map((f) => f.caseReference)).toEqual(['NL-OM-2026-117', 'NL-OM-2026-118']);
    expect(r.body.total).toBe(2);
  });

  it('records the follow-up once, only for systems that answered, only by the same authority', async () => {
    const url = `/api/v1/cir/flags/${flagId}/follow-up`;
    const stranger = await call('POST', url, {
      as: 'police.nl',
      purpose: 'law-enforcement',
      body: { requested: ['etias'] },
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.code).toBe('CIR_FOLLOW_UP_INVALID');
    const other = await call('POST', url, {
      as: 'police.it',
      purpose: 'law-enforcement',
      body: { requested: ['ees'] },
    });
    expect(other.status).toBe(404);
    const done = await call('POST', url, {
      as: 'police.nl',
      purpose: 'law-enforcement',
      body: { requested: ['eurodac'] },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.followUp).toMatchObject({ requested: ['eurodac'], by: 'police.nl' });
    expect(done.body.followUpRequired).toBe(false);
    const again = await call('POST', url, {
      as: 'police.nl',
      purpose: 'law-enforcement',
      body: { notRequestedReason: 'The case was closed meanwhile' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CIR_FOLLOW_UP_RECORDED');
    const pending = await call('GET', '/api/v1/cir/flags?pending=true', {
      as: 'police.nl',
      purpose: 'law-enforcement',
    });
    expect((pending.body.flagQueries as Array<{ id: string }>).map((f) => f.id)).not.toContain(flagId);
  });

  it('logs the query with the types of data used and the systems, never the values', async () => {
    const rows = await server.services.database.db
      .withTables<{
        'audit.event': {
          operation: string;
          query_data_types: string[];
          result_summary: string;
          record_refs: string[];
        };
      }>()
      .selectFrom('audit.event')
      .select(['operation', 'query_data_types', 'result_summary', 'record_refs'])
      .where('operation', 'in', ['cir.flags.query', 'cir.flags.follow-up'])
      .execute();
    const query = rows.find((r) => r.record_refs.includes(flagId) && r.operation === 'cir.flags.query');
    expect(query?.query_data_types).toEqual(['facialImage']);
    expect(query?.result_summary).toContain('ees, eurodac');
    expect(query?.record_refs).toEqual([flagId]);
    expect(rows.some((r) => r.operation === 'cir.flags.follow-up' && r.record_refs.includes(flagId))).toBe(
      true,
    );
  });

  it('is refused to non-police users and under another purpose', async () => {
    const body = {
      caseReference: 'X-1',
      grounds,
      offence: 'terrorism',
      identity: { surname: 'Walker', givenNames: 'Jane', birthDate: '1988-03-05' },
    };
    expect((await flags(body, 'border.fi', 'border-control')).status).toBe(403);
    expect((await flags(body, 'asylum.gr', 'asylum-procedure')).status).toBe(403);
    expect((await flags(body, 'police.nl', 'police-identity-check')).status).toBe(403);
    const short = await flags({ ...body, grounds: 'because' });
    expect(short.status).toBe(400);
  });
});

describe('the national-law empowerment in the administration API', () => {
  it('shows the flag on the authorities and lets an administrator set it for a police authority only', async () => {
    const list = await call('GET', '/api/v1/access/authorities', { as: 'admin' });
    const authorities = list.body.authorities as Array<{
      id: string;
      name: string;
      cirIdentification: boolean;
    }>;
    expect(authorities.find((a) => a.name === 'Politie Nederland')?.cirIdentification).toBe(true);
    const italy = authorities.find((a) => a.name === 'Polizia di Stato')!;
    expect(italy.cirIdentification).toBe(false);
    const border = authorities.find((a) => a.name === 'Finnish Border Guard')!;
    const refused = await call('PATCH', `/api/v1/access/authorities/${border.id}`, {
      as: 'admin',
      purpose: 'system-administration',
      body: { cirIdentification: true },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ACCESS_AUTHORITY_NOT_POLICE');
    const set = await call('PATCH', `/api/v1/access/authorities/${italy.id}`, {
      as: 'admin',
      purpose: 'system-administration',
      body: { cirIdentification: true },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.cirIdentification).toBe(true);
    // Read on every request: the Italian officer may identify at once.
    const r = await identify(
      { situation: 'no-document', personPresent: true, biometrics: [bio.face('walker', { capture: 6 })] },
      'police.it',
    );
    expect(r.status).toBe(200);
  });
});
