import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/shared-data.ts';
import { parseMrz } from '../../contexts/identity/index.ts';
import { cosine, decodeTemplates, SyntheticBiometrics } from '../../contexts/sbms/index.ts';
import { captureTemplates, DEMO_CAPTURES, EES_FINGER_POSITIONS } from './plan-biometrics.ts';
import { describePlan, planDemoWorld, thingsToTry } from './plan.ts';

const today = '2026-05-15';
const plan = planDemoWorld({ seed: 'interlink-demo', today });
const bio = plan.biometrics;
const SETTINGS = { dimensions: { face: 512, finger: 192 }, minQuality: { face: 40, finger: 40 } };
const generator = new SyntheticBiometrics();

describe('the demo world’s biometrics plan', () => {
  it('gives the same person keys whatever the day the world is made', () => {
    const other = planDemoWorld({ seed: 'interlink-demo', today: '2027-02-03' }).biometrics;
    const keys = (b: typeof bio) => [
      ...b.ees.map((x) => `${x.travellerRef}=${x.capture.person}`),
      ...b.sis.map((x) => `${x.alertRef}=${x.capture.person}`),
      ...b.eurodac.map((x) => `${x.ref}=${x.capture.person}`),
    ];
    expect(keys(other)).toEqual(keys(bio));
    expect(other.newPassport.travellerRef).toBe(bio.newPassport.travellerRef);
    expect(other.wantedAlias.alertRef).toBe(bio.wantedAlias.alertRef);
  });

  it('gives every EES traveller a face, and the four fingers their file refers to (none for children)', () => {
    expect(bio.ees.map((x) => x.travellerRef)).toEqual(plan.travellers.map((t) => t.ref));
    for (const t of plan.travellers) {
      const c = bio.ees.find((x) => x.travellerRef === t.ref)!.capture;
      expect(c.person).toBe(`demo:ees:${t.ref}`);
      expect(c.capture).toBe(DEMO_CAPTURES.enrolment);
      expect(c.face).not.toBeNull();
      expect(c.fingers.map((f) => f.position)).toEqual(
        t.file.fingerprints === undefined ? [] : EES_FINGER_POSITIONS,
      );
      if (t.roles.includes('child')) {
        expect(c.fingers).toEqual([]);
      }
    }
    const c = describePlan(plan).biometrics;
    expect(c.eesFingerprints).toBeGreaterThan(30);
    expect(c.eesFingerprints).toBeLessThan(c.eesFaces);
  });

  it('gives every SIS person alert a photograph, one key per person, the demo traveller’s own key', () => {
    const persons = plan.alerts.filter((a) => a.input.person !== undefined);
    expect(bio.sis.map((x) => x.alertRef)).toEqual(persons.map((a) => a.ref));
    for (const a of persons.filter((x) => x.travellerRef !== undefined)) {
      expect(bio.sis.find((x) => x.alertRef === a.ref)!.capture.person).toBe(`demo:ees:${a.travellerRef}`);
    }
    // A return alert linked to a refusal alert on the same person shares that person's key.
    const linkedReturn = plan.alerts.find((a) => a.input.category === 'return' && a.linkRefs.length > 0)!;
    const keyOf = (ref: string) => bio.sis.find((x) => x.alertRef === ref)!.capture.person;
    expect(keyOf(linkedReturn.ref)).toBe(keyOf(linkedReturn.linkRefs[0]!));
    const wanted = plan.alerts.find((a) => a.ref === bio.wantedAlias.alertRef)!;
    expect(wanted.input.category).toBe('arrest');
    expect(bio.sis.find((x) => x.alertRef === wanted.ref)!.capture.fingers).toHaveLength(10);
  });

  it('registers two persons again in another state, with new captures: Greece then Germany, Italy then Greece', () => {
    const again = bio.eurodac.filter((d) => d.expectHits.length > 0);
    const pairs = again.map((second) => {
      const first = bio.eurodac.find((d) => d.ref === second.expectHits[0])!;
      expect(bio.eurodac.indexOf(first)).toBeLessThan(bio.eurodac.indexOf(second));
      expect(second.capture.person).toBe(first.capture.person);
      expect(second.capture.capture).not.toBe(first.capture.capture);
      expect(second.identity).toEqual(first.identity);
      return `${first.author} ${first.category} -> ${second.author} ${second.category}`;
    });
    expect(pairs).toEqual([
      'asylum.gr applicant -> asylum.de applicant',
      'asylum.it irregular-crossing -> asylum.gr applicant',
    ]);
    // The person left for the demo's visitor: apprehended in Italy, registered nowhere else.
    expect(
      bio.eurodac.filter((d) => d.capture.person === 'demo:eurodac:2').map((d) => [d.author, d.category]),
    ).toEqual([['asylum.it', 'irregular-crossing']]);
    expect(describePlan(plan).biometrics).toMatchObject({
      eurodacDatasets: bio.eurodac.length,
      eurodacPersons: bio.eurodac.length - 2,
      eurodacHits: 2,
    });
  });

  it('gives two captures of one person genuine finger scores, another person’s impostor scores', () => {
    const [second] = bio.eurodac.filter((d) => d.expectHits.length > 0);
    const first = bio.eurodac.find((d) => d.ref === second!.expectHits[0])!;
    const [a, b] = [first, second!].map((d) =>
      decodeTemplates(captureTemplates(d.capture, generator), SETTINGS),
    );
    const stranger = decodeTemplates(
      captureTemplates(
        bio.eurodac.find((d) => d.capture.person !== first.capture.person)!.capture,
        generator,
      ),
      SETTINGS,
    );
    for (let i = 0; i < a!.length; i += 1) {
      expect(cosine(a![i]!.vector, b![i]!.vector)).toBeGreaterThan(0.3);
      expect(Math.abs(cosine(a![i]!.vector, stranger[i]!.vector))).toBeLessThan(0.3);
    }
  });

  it('plants a new passport of an EES traveller and a passport in another name for the wanted person', () => {
    const t = plan.travellers.find((x) => x.ref === bio.newPassport.travellerRef)!;
    const renewed = parseMrz(bio.newPassport.mrz.join('\n'));
    const old = parseMrz(t.identity.mrz.join('\n'));
    expect(renewed.valid).toBe(true);
    expect(renewed.documentNumber).not.toBe(old.documentNumber);
    expect([renewed.surname, renewed.givenNames, renewed.birthDate, renewed.nationality]).toEqual([
      old.surname,
      old.givenNames,
      old.birthDate,
      old.nationality,
    ]);
    const alias = parseMrz(bio.wantedAlias.mrz.join('\n'));
    const wanted = plan.alerts.find((a) => a.ref === bio.wantedAlias.alertRef)!.input.person!;
    expect(alias.valid).toBe(true);
    expect(alias.surname).not.toBe(wanted.surname);
    const documents = new Set(plan.travellers.map((x) => x.identity.documentNumber));
    expect(documents.has(renewed.documentNumber)).toBe(false);
    expect(documents.has(alias.documentNumber)).toBe(false);
  });

  it('offers things to try with live captures of persons the world holds', () => {
    const tries = thingsToTry(plan).filter((t) => t.capture !== undefined);
    expect(tries.map((t) => t.user)).toEqual(expect.arrayContaining(['border.de', 'asylum.gr']));
    const keys = new Set(bio.persons.map((p) => p.key));
    for (const t of tries) {
      expect(t.capture).toMatch(/^npx interlink biometrics capture --person \S+/u);
      expect(keys.has(/--person (\S+)/u.exec(t.capture!)![1]!), t.title).toBe(true);
    }
  });
});

describe('the README’s biometrics to try', () => {
  it('names the persons the plan holds for each case', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const keyOfSis = (ref: string) => bio.sis.find((x) => x.alertRef === ref)!.capture.person;
    const expected = [
      'demo:eurodac:2',
      ...bio.eurodac.filter((d) => d.expectHits.length > 0).map((d) => d.capture.person),
      `demo:ees:${bio.newPassport.travellerRef}`,
      keyOfSis(bio.wantedAlias.alertRef),
    ];
    for (const key of expected) {
      expect(readme).toContain(key);
    }
    const keys = new Set(bio.persons.map((p) => p.key));
    const named = [...readme.matchAll(/--person\s+(demo:[^\s`]+)/gu)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const key of named.filter((k) => k !== 'demo:new:1')) {
      expect(keys.has(key), key).toBe(true);
    }
    expect(keys.has('demo:new:1')).toBe(false);
  });
});
