import fc from 'fast-check';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, SYSTEM_ACTOR } from '../../src/contexts/access/index.ts';
import { DEFAULT_APPEAL } from '../../src/contexts/ees/index.ts';
import { startTestServer } from '../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const tokens = new Map<string, string>();

const PURPOSE: Record<string, string> = {
  'border.fi': 'border-control',
  'border.fi.east': 'border-control',
  'visa.fr': 'visa-examination',
  'immigration.de': 'immigration-check',
  'dpo.de': 'data-protection-audit',
};

interface Answer {
  status: number;
  type: string;
  headers: Headers;
  bytes: Buffer;
  json: Record<string, unknown>;
}

async function call(
  method: string,
  path: string,
  options: { as?: string; body?: unknown; purpose?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) {
    headers.authorization = `Bearer ${tokens.get(options.as)}`;
    const purpose = options.purpose === undefined ? PURPOSE[options.as]! : options.purpose;
    if (purpose !== null) {
      headers['x-interlink-purpose'] = purpose;
    }
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const bytes = Buffer.from(await r.arrayBuffer());
  const type = r.headers.get('content-type') ?? '';
  const json = type.includes('json') ? (JSON.parse(bytes.toString('utf8')) as Record<string, unknown>) : {};
  return { status: r.status, type, headers: r.headers, bytes, json };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\s+/gu, ' ');
  } finally {
    await parser.destroy();
  }
}

const notice = (id: string, query = '', as = 'border.fi', headers: Record<string, string> = {}) =>
  call('GET', `/api/v1/ees/refusals/${id}/notice.pdf${query}`, { as, headers });

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const refusedAt = new Date(Date.now() - 2 * 3_600_000);
refusedAt.setUTCMilliseconds(0);

/** Creates a file for this person and refuses entry at Helsinki-Vantaa; returns the refusal id. */
async function refuse(
  person: { surname: string; givenNames: string; nationality: string; document: string },
  reasons: string[],
): Promise<string> {
  const file = await call('POST', '/api/v1/ees/files', {
    as: 'border.fi',
    body: {
      kind: 'visa-holder',
      surname: person.surname,
      givenNames: person.givenNames,
      birthDate: '1990-04-17',
      nationalities: [person.nationality],
      sex: 'F',
      documents: [{ type: 'P', number: person.document, issuingState: person.nationality, expiry: day(900) }],
      facialImageRef: `face:${person.document}`,
    },
  });
  expect(file.status, JSON.stringify(file.json)).toBe(201);
  const refusal = await call('POST', `/api/v1/ees/files/${file.json.id as string}/refusals`, {
    as: 'border.fi',
    body: { at: refusedAt.toISOString(), bcpId: 'FI-HEL', reasons },
  });
  expect(refusal.status, JSON.stringify(refusal.json)).toBe(201);
  return refusal.json.id as string;
}

const refusals = { latin: '', cyrillic: '', greek: '' };
/** Finland's own words on the appeal in English (configured); German and French print the default. */
const FINNISH_APPEAL_EN = 'Appeal to the Helsinki Administrative Court within 30 days (configured text).';

beforeAll(async () => {
  server = await startTestServer({
    env: { INTERLINK_REFUSAL_APPEAL_TEXTS: JSON.stringify({ FI: { en: FINNISH_APPEAL_EN } }) },
  });
  // A second border authority of the same state: it did not refuse, so it does not issue the notice.
  const east = await server.services.access.ensureAuthority(SYSTEM_ACTOR, {
    name: 'Finnish Border Guard, South-East district',
    type: 'border',
    memberState: 'FI',
  });
  await server.services.access.createUser({
    actor: SYSTEM_ACTOR,
    purpose: 'system-administration',
    user: {
      username: 'border.fi.east',
      displayName: 'East',
      password: DEMO_PASSWORD,
      authorityId: east.id,
    },
  });
  for (const username of Object.keys(PURPOSE)) {
    const r = await call('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
    tokens.set(username, r.json.token as string);
  }
  refusals.latin = await refuse(
    { surname: 'Łukasiewicz-Müller', givenNames: 'Zoë Ångström', nationality: 'POL', document: 'LM4455667' },
    ['C', 'E'],
  );
  refusals.cyrillic = await refuse(
    { surname: 'Петрова', givenNames: 'Анна Сергеевна', nationality: 'UKR', document: 'FX1234567' },
    ['H'],
  );
  refusals.greek = await refuse(
    { surname: 'Παπαδοπούλου', givenNames: 'Ζωή', nationality: 'CYP', document: 'K00123456' },
    ['ETIAS', 'G'],
  );
}, 120_000);
afterAll(async () => {
  await server.close();
});

describe('GET /api/v1/ees/refusals/:id/notice.pdf (SBC art. 14(2), Annex V Part B)', () => {
  it('prints the form in English, German and French with the ticked grounds, the person, the document and the appeal', async () => {
    const expected = {
      en: {
        ground: 'has no valid visa or residence permit',
        other: 'has no appropriate documentation justifying the purpose and conditions of stay',
        appeal: 'may appeal against the decision to refuse entry as provided for in national law',
        state: 'Finland',
      },
      de: {
        ground: 'Er/Sie besitzt kein gültiges Visum oder keinen gültigen Aufenthaltstitel',
        other: 'Dokumente zum Nachweis des Zwecks und der Umstände des Aufenthalts',
        appeal: 'nach Maßgabe des innerstaatlichen Rechts Rechtsmittel einlegen',
        state: 'Finnland',
      },
      fr: {
        ground: "n'est pas en possession d'un visa ou d'un titre de séjour valable",
        other: "justifiant l'objet et les conditions du séjour",
        appeal: "introduire un recours contre la décision de refus d'entrée conformément au droit national",
        state: 'Finlande',
      },
    } as const;
    for (const lang of ['en', 'de', 'fr'] as const) {
      const r = await notice(refusals.latin, `?lang=${lang}`);
      expect(r.status, r.bytes.toString('utf8').slice(0, 300)).toBe(200);
      expect(r.type).toBe('application/pdf');
      expect(r.headers.get('content-language')).toBe(lang);
      expect(r.headers.get('content-disposition')).toContain(`refusal-notice-${refusals.latin}-${lang}.pdf`);
      expect(r.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(r.bytes);
      expect(text).toContain(expected[lang].ground);
      expect(text).toContain(expected[lang].other);
      expect(text).toContain(expected[lang].appeal);
      expect(text).toContain(lang === 'en' ? FINNISH_APPEAL_EN : DEFAULT_APPEAL[lang]);
      expect(text).toContain(expected[lang].state);
      expect(text).toContain('ŁUKASIEWICZ-MÜLLER');
      expect(text).toContain('ZOË ÅNGSTRÖM');
      expect(text).toContain('LM4455667');
      expect(text).toContain('Helsinki');
      expect(text).toContain(refusals.latin);
    }
  });

  it('prints names in Cyrillic and Greek as written in the file', async () => {
    const cyrillic = await pdfText((await notice(refusals.cyrillic, '?lang=de')).bytes);
    expect(cyrillic).toContain('ПЕТРОВА');
    expect(cyrillic).toContain('АННА СЕРГЕЕВНА');
    expect(cyrillic).toContain('FX1234567');
    expect(cyrillic).toContain('Er/Sie ist eine Person, die zur Einreiseverweigerung ausgeschrieben ist');
    const greek = await pdfText((await notice(refusals.greek, '?lang=fr')).bytes);
    expect(greek).toContain('ΠΑΠΑΔΟΠΟΎΛΟΥ');
    expect(greek).toContain('ΖΩΉ');
    expect(greek).toContain('K00123456');
    expect(greek).toContain("n'est pas en possession d'une autorisation de voyage en cours de validité");
    expect(greek).toContain('ne dispose pas de moyens de subsistance suffisants');
  });

  it("takes the language from the officer's Accept-Language when none is asked for, else English", async () => {
    const german = await notice(refusals.latin, '', 'border.fi', {
      'accept-language': 'it-IT, de-DE;q=0.9, en;q=0.5',
    });
    expect(german.headers.get('content-language')).toBe('de');
    expect(await pdfText(german.bytes)).toContain('Einreiseverweigerung an der Grenze');
    const plain = await notice(refusals.latin, '', 'border.fi', { 'accept-language': 'fi-FI, sv;q=0.8' });
    expect(plain.headers.get('content-language')).toBe('en');
    expect((await notice(refusals.latin, '?lang=FR')).headers.get('content-language')).toBe('fr');
  });

  it('prints the same file every time, dated at the refusal', async () => {
    const a = await notice(refusals.greek, '?lang=en');
    const b = await notice(refusals.greek, '?lang=en');
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const parser = new PDFParse({ data: a.bytes });
    try {
      const info = await parser.getInfo();
      expect(info.getDateNode().CreationDate?.toISOString()).toBe(refusedAt.toISOString());
    } finally {
      await parser.destroy();
    }
  });

  it('logs every print in the audit chain with the purpose', async () => {
    await notice(refusals.cyrillic, '?lang=fr');
    const events = await call('GET', '/api/v1/audit/events?operation=ees.refusal.notice&user=border.fi', {
      as: 'dpo.de',
    });
    expect(events.status).toBe(200);
    const list = events.json.events as Array<Record<string, unknown>>;
    expect(list[0]).toMatchObject({
      operation: 'ees.refusal.notice',
      purpose: 'border-control',
      outcome: 'success',
    });
    expect(list[0]!.recordRefs).toContain(refusals.cyrillic);
    expect(list[0]!.resultSummary).toContain('printed in fr');
  });

  it('is for the border authority that refused entry only', async () => {
    for (const as of ['visa.fr', 'immigration.de', 'dpo.de']) {
      const r = await notice(refusals.latin, '?lang=en', as);
      expect(r.status, as).toBe(403);
      expect(r.json.code, as).toBe('ACCESS_PERMISSION_DENIED');
    }
    const other = await notice(refusals.latin, '?lang=en', 'border.fi.east');
    expect(other.status).toBe(403);
    expect(other.json.code).toBe('EES_REFUSAL_OF_ANOTHER_AUTHORITY');
    const anonymous = await call('GET', `/api/v1/ees/refusals/${refusals.latin}/notice.pdf`);
    expect(anonymous.status).toBe(401);
    const noPurpose = await call('GET', `/api/v1/ees/refusals/${refusals.latin}/notice.pdf`, {
      as: 'border.fi',
      purpose: null,
    });
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.json.code).toBe('ACCESS_PURPOSE_REQUIRED');
  });

  it('answers 404 EES_REFUSAL_NOT_FOUND for an unknown or malformed id and 400 for an unsupported language', async () => {
    for (const id of [
      'eesx_00000000-0000-4000-8000-000000000000',
      'eesx_missing',
      'eesf_1',
      'x'.repeat(100),
    ]) {
      const r = await notice(id, '?lang=en');
      expect(r.status, id).toBe(404);
      expect(r.json.code, id).toBe('EES_REFUSAL_NOT_FOUND');
    }
    for (const lang of ['xx', 'it', 'en-GB', '', 'de%00']) {
      const r = await notice(refusals.latin, `?lang=${lang}`);
      expect(r.status, lang).toBe(400);
      expect(typeof r.json.code, lang).toBe('string');
    }
    expect((await notice(refusals.latin, '?lang=it')).json).toMatchObject({
      code: 'EES_NOTICE_LANGUAGE_UNSUPPORTED',
      details: { supported: ['en', 'de', 'fr'] },
    });
  });

  it('never answers 5xx to random ids, languages and Accept-Language headers (property-based)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.option(fc.string({ unit: 'binary', maxLength: 12 })),
        fc.string({ maxLength: 60 }),
        async (id, lang, accept) => {
          const path = `${encodeURIComponent(id) || 'x'}`;
          const query = lang === null ? '' : `?lang=${encodeURIComponent(lang)}`;
          const headers: Record<string, string> = /^[\x20-\x7e]*$/u.test(accept)
            ? { 'accept-language': accept }
            : {};
          const r = await notice(path, query, 'border.fi', headers);
          expect(r.status, `${id} ${String(lang)} ${accept}`).toBeLessThan(500);
          if (r.status >= 400) {
            expect(r.type).toContain('application/problem+json');
            expect(typeof r.json.code).toBe('string');
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
