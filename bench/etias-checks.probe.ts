/**
 * Probe (not part of `npm run bench`): how long the SIS and EES parts of ETIAS automated processing take per
 * application on a world of about 10,000 SIS person alerts and 2,000 EES files (PGlite, one process).
 * Run: `npx tsx bench/etias-checks.probe.ts [--alerts=10000] [--files=2000] [--applications=500]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoUsers } from '../src/contexts/access/index.ts';
import type { CheckSubject } from '../src/contexts/etias/index.ts';
import { generateIdentityStream } from '../src/contexts/identity/index.ts';
import { isThirdCountry } from '../src/contexts/reference/index.ts';
import type { AlertCategory } from '../src/contexts/sis/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServices } from '../src/services.ts';
import { eesEtiasCheck } from '../src/systems/ees/etias-check.ts';
import { sisEtiasCheck } from '../src/systems/sis/etias-check.ts';
import { percentile } from './harness.ts';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ALERTS = arg('alerts', 10_000);
const FILES = arg('files', 2_000);
const APPLICATIONS = arg('applications', 500);
const CATEGORIES: AlertCategory[] = [
  'refusal',
  'refusal',
  'refusal',
  'arrest',
  'missing',
  'judicial-procedure',
];

const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-probe-etias-'));
const config = loadConfig({
  INTERLINK_DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  INTERLINK_MAX_EVENT_LOOP_DELAY_MS: '0',
});
const s = await createServices(config);
await createDemoUsers(s.access);
const login = async (username: string) =>
  s.access.authenticate((await s.access.login({ username, password: 'interlink-demo' })).token);
const sirene = { actor: await login('sirene.it'), purpose: 'alert-management' };
const guard = { actor: await login('border.fi'), purpose: 'border-control' };

const t0 = performance.now();
let i = 0;
for (const p of generateIdentityStream({ count: ALERTS, seed: 'probe-sis', variantRate: 0 })) {
  const wanted = CATEGORIES[i % CATEGORIES.length]!;
  // Refusal alerts are for third-country nationals only: an EU national's becomes an arrest alert.
  const category =
    wanted === 'refusal' && p.nationality.split(';').some((n) => !isThirdCountry(n)) ? 'arrest' : wanted;
  await s.sis.createAlert({
    ...sirene,
    alert: {
      category,
      ...(category === 'missing' ? { missingSubcategory: 'b' as const } : {}),
      person: {
        surname: p.surname,
        givenNames: p.givenNames,
        birthDate: p.birthDate,
        sex: p.sex === 'F' ? 'F' : 'M',
        nationalities: p.nationality.split(';'),
        documents: [{ type: 'passport', issuingCountry: p.issuingState, number: p.documentNumber }],
      },
      reason: 'probe',
      decisionRef: `PROBE-${i}`,
    },
  });
  i += 1;
}
const alertsS = (performance.now() - t0) / 1000;
const t1 = performance.now();
let files = 0;
for (const p of generateIdentityStream({ count: FILES * 2, seed: 'probe-ees', variantRate: 0 })) {
  if (files >= FILES || p.documentType !== 'P' || p.birthDate.includes('-00') || p.birthDate > '2010-01-01') {
    continue;
  }
  await s.ees.createFile({
    ...guard,
    input: {
      kind: 'visa-exempt',
      surname: p.surname,
      givenNames: p.givenNames,
      birthDate: p.birthDate,
      nationalities: p.nationality.split(';'),
      sex: p.sex === 'F' ? 'F' : 'M',
      documents: [
        { type: 'P', number: p.documentNumber, issuingState: p.issuingState, expiry: p.expiryDate },
      ],
      facialImageRef: `face:${p.id}`,
      fingerprints: { hand: 'right', index: 'fp:1', middle: 'fp:2', ring: 'fp:3', little: 'fp:4' },
    },
  });
  files += 1;
}
const filesS = (performance.now() - t1) / 1000;

const sis = sisEtiasCheck(s.sis, s.identityIndex);
const ees = eesEtiasCheck(s.ees);

async function measure(seed: string, count: number) {
  const times: number[] = [];
  let withHits = 0;
  for (const p of generateIdentityStream({ count: count * 2, seed, variantRate: 0 })) {
    if (times.length >= count || p.birthDate.includes('-00')) {
      continue;
    }
    const t = performance.now();
    const [a, b] = await Promise.all([sis.run(subjectOf(p), {}), ees.run(subjectOf(p), {})]);
    times.push(performance.now() - t);
    withHits += a.hits.length + b.hits.length > 0 ? 1 : 0;
  }
  times.sort((x, y) => x - y);
  return {
    applications: times.length,
    withHits,
    p50ms: Number(percentile(times, 50).toFixed(2)),
    p95ms: Number(percentile(times, 95).toFixed(2)),
    p99ms: Number(percentile(times, 99).toFixed(2)),
  };
}

function subjectOf(
  p: ReturnType<typeof generateIdentityStream> extends Iterable<infer T> ? T : never,
): CheckSubject {
  return {
    applicationId: `app_${p.id}`,
    surname: p.surname,
    givenNames: p.givenNames,
    otherNames: [],
    birthDate: p.birthDate,
    sex: p.sex === 'F' ? 'F' : 'M',
    nationalities: p.nationality.split(';'),
    placeOfBirth: 'X',
    countryOfBirth: p.issuingState,
    document: { type: 'P', number: p.documentNumber, issuingState: p.issuingState, expiry: p.expiryDate },
    residence: { country: p.issuingState, city: 'X' },
    email: 'x@example.com',
  };
}

// Applications of other people (another seed): the no-hit path the 50 ms target is about, with the odd
// namesake; then applications of the alerts' own subjects, every one a hit.
const others = await measure('probe-applicants', APPLICATIONS);
const alerted = await measure('probe-sis', Math.min(ALERTS, Math.ceil(APPLICATIONS / 5)));
console.log(
  JSON.stringify(
    {
      alerts: ALERTS,
      alertsLoadSeconds: Number(alertsS.toFixed(1)),
      eesFiles: files,
      filesLoadSeconds: Number(filesS.toFixed(1)),
      otherPeople: others,
      alertedPeople: alerted,
    },
    null,
    2,
  ),
);
await s.close();
rmSync(dir, { recursive: true, force: true });
