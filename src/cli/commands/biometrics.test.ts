import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.ts';
import {
  cosine,
  decodeTemplates,
  SyntheticBiometrics,
  type Template,
  type TemplateInput,
} from '../../contexts/sbms/index.ts';
import { captureTemplates } from '../../flows/demo/plan-biometrics.ts';
import { planDemoWorld, thingsToTry } from '../../flows/demo/plan.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SETTINGS = { dimensions: { face: 512, finger: 192 }, minQuality: { face: 40, finger: 40 } };

interface CaptureFileJson {
  face?: TemplateInput;
  fingerprints: TemplateInput[];
}

const decode = (file: CaptureFileJson): Template[] =>
  decodeTemplates(
    [...(file.face === undefined ? [] : [file.face]), ...file.fingerprints],
    SETTINGS,
    'capture',
  );

async function capture(args: string[]): Promise<CaptureFileJson> {
  const res = await runCli(['biometrics', 'capture', ...args]);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as CaptureFileJson;
}

describe('interlink biometrics capture', () => {
  it('writes the face and all ten fingers by default, as contract templates that decode', async () => {
    const file = await capture(['--person', 'demo:ees:T002']);
    expect(Object.keys(file).sort()).toEqual(['face', 'fingerprints']);
    expect(file.face).toMatchObject({ modality: 'face', quality: 80 });
    expect(file.face).not.toHaveProperty('position');
    expect(file.fingerprints.map((f) => [f.modality, f.position, f.quality])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((p) => ['finger', p, 80]),
    );
    const decoded = decode(file);
    expect(decoded.map((t) => [t.modality, t.position, t.vector.length])).toEqual([
      ['face', 0, 512],
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((p) => ['finger', p, 192]),
    ]);
    for (const t of decoded) {
      expect(cosine(t.vector, t.vector)).toBeCloseTo(1, 5);
    }
  });

  it('gives only what is asked for, at the quality asked for', async () => {
    const face = await capture(['--person', 'demo:ees:T002', '--face', '--quality', '55']);
    expect(face.face?.quality).toBe(55);
    expect(face.fingerprints).toEqual([]);
    const fingers = await capture(['--person', 'demo:ees:T002', '--fingers', '2,3,4,5']);
    expect(fingers.face).toBeUndefined();
    expect(fingers.fingerprints.map((f) => f.position)).toEqual([2, 3, 4, 5]);
  });

  it('is deterministic: the same options give the same file, another capture other noise', async () => {
    const a = await capture(['--person', 'demo:eurodac:2', '--face', '--capture', '4']);
    const b = await capture(['--person', 'demo:eurodac:2', '--face', '--capture', '4']);
    const c = await capture(['--person', 'demo:eurodac:2', '--face', '--capture', '5']);
    expect(b).toEqual(a);
    expect(c.face!.template).not.toBe(a.face!.template);
  });

  it('captures the person the demo world enrolled: the same key matches its records, another does not', async () => {
    const plan = planDemoWorld({ seed: 'interlink-demo', today: '2026-05-15' });
    const enrolled = plan.biometrics.ees.find((x) => x.travellerRef === 'T002')!.capture;
    const [stored] = decodeTemplates(
      captureTemplates(enrolled, new SyntheticBiometrics()).slice(0, 1),
      SETTINGS,
    );
    const [same] = decode(await capture(['--person', 'demo:ees:T002', '--face']));
    const [other] = decode(await capture(['--person', 'demo:ees:T003', '--face']));
    expect(cosine(same!.vector, stored!.vector)).toBeGreaterThan(0.45);
    expect(Math.abs(cosine(other!.vector, stored!.vector))).toBeLessThan(0.25);
  });

  it('makes templates of the configured lengths', async () => {
    const res = await runCli(['biometrics', 'capture', '--person', 'demo:ees:T002', '--fingers', '2'], {
      env: { INTERLINK_FACE_DIMENSIONS: '128', INTERLINK_FINGER_DIMENSIONS: '64' },
    });
    expect(res.code).toBe(0);
    const file = JSON.parse(res.stdout) as CaptureFileJson;
    expect(Buffer.from(file.fingerprints[0]!.template, 'base64').length).toBe(64 * 4);
    const face = await runCli(['biometrics', 'capture', '--person', 'demo:ees:T002', '--face'], {
      env: { INTERLINK_FACE_DIMENSIONS: '128' },
    });
    expect(Buffer.from((JSON.parse(face.stdout) as CaptureFileJson).face!.template, 'base64').length).toBe(
      128 * 4,
    );
  });

  it('writes to --out and says what it wrote', async () => {
    const out = path.join(dir, 'applicant.json');
    const res = await runCli([
      'biometrics',
      'capture',
      '--person',
      'demo:eurodac:2',
      '--fingers',
      '1,6',
      '--out',
      out,
      '--json',
    ]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({
      out,
      person: 'demo:eurodac:2',
      capture: 1,
      holds: 'fingers 1, 6',
    });
    const file = JSON.parse(readFileSync(out, 'utf8')) as CaptureFileJson;
    expect(decode(file).map((t) => t.position)).toEqual([1, 6]);
  });

  it.each([
    [[], '--person is required'],
    [['--person', 'demo:ees:T001', '--fingers', '2,11'], '--fingers'],
    [['--person', 'demo:ees:T001', '--fingers', '2,2'], 'twice'],
    [['--person', 'demo:ees:T001', '--quality', '101'], '--quality'],
    [['--person', 'demo:ees:T001', '--capture', '-1'], '--capture'],
  ])('refuses %j with the usage exit code', async (args, message) => {
    const res = await runCli(['biometrics', 'capture', ...args]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(message);
  });

  it('exits with the data-error code when the file cannot be written', async () => {
    const res = await runCli([
      'biometrics',
      'capture',
      '--person',
      'demo:ees:T001',
      '--out',
      path.join(dir, 'missing', 'x.json'),
    ]);
    expect(res.code).toBe(65);
    expect(res.stderr).toContain('cannot write');
  });
});

describe('interlink biometrics persons', () => {
  it('lists the persons with biometrics, among them every person a thing to try captures', async () => {
    const today = '2026-05-15';
    const res = await runCli(['biometrics', 'persons', '--date', today, '--json']);
    expect(res.code).toBe(0);
    const { plannedOn, persons } = JSON.parse(res.stdout) as {
      plannedOn: string;
      persons: Array<{ key: string; name: string; records: string[] }>;
    };
    expect(plannedOn).toBe(today);
    const keys = persons.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    const plan = planDemoWorld({ seed: 'interlink-demo', today });
    expect(persons).toEqual(plan.biometrics.persons);
    const captured = thingsToTry(plan)
      .map((t) => /--person (\S+)/u.exec(t.capture ?? '')?.[1])
      .filter((k) => k !== undefined);
    expect(captured.length).toBeGreaterThanOrEqual(3);
    for (const key of captured) {
      expect(keys).toContain(key);
    }
    expect(persons.find((p) => p.key === 'demo:ees:T002')!.records[0]).toMatch(
      /^EES traveller T002 \(near-limit\): face, fingers 2-5$/u,
    );
    expect(persons.find((p) => p.key === 'demo:eurodac:1')!.records).toHaveLength(2);
  });

  it('refuses a date that is not one', async () => {
    const res = await runCli(['biometrics', 'persons', '--date', '2026-13-45']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--date');
  });
});
