/**
 * A capture file: the templates a capture device's extractor wrote (the template contract of
 * `src/contexts/sbms/model.ts`: `{ modality, position?, template, quality }`), either as a plain array or as
 * `{ "fingerprints": [...], "face": {...} }` (the shape of a Eurodac dataset). The screens read it in the
 * browser, show each template with its quality and send the templates as they are: the server decodes and
 * checks them (2019/817 art. 13(3): the quality gate is the server's).
 */

export type Modality = 'face' | 'finger';

/** One template as the contract carries it. */
export interface TemplateInput {
  modality: Modality;
  position?: number;
  template: string;
  quality: number;
}

/** Why a template of the file cannot be sent (checked in the browser before anything is sent). */
export type TemplateProblem = 'modality' | 'position' | 'quality' | 'template' | 'duplicate';

export interface CapturedTemplate {
  /** Place in the file, from 0 (faces and fingers in the order they were read). */
  index: number;
  modality: Modality;
  /** 0 for the face; 1-10 for a finger (ISO/IEC 19794-2). */
  position: number;
  quality: number;
  input: TemplateInput;
  problem: TemplateProblem | null;
}

export type CaptureFileError = 'notJson' | 'shape' | 'empty';

export type CaptureFileResult =
  { ok: true; templates: CapturedTemplate[] } | { ok: false; error: CaptureFileError };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readTemplate(raw: unknown, index: number, seen: Set<string>): CapturedTemplate | null {
  if (!isRecord(raw)) {
    return null;
  }
  const modality = raw.modality === 'face' || raw.modality === 'finger' ? raw.modality : null;
  const position = typeof raw.position === 'number' ? raw.position : modality === 'face' ? 0 : NaN;
  const quality = typeof raw.quality === 'number' ? raw.quality : NaN;
  const template = typeof raw.template === 'string' ? raw.template : '';
  let problem: TemplateProblem | null = null;
  if (modality === null) {
    problem = 'modality';
  } else if (
    modality === 'finger' ? !Number.isInteger(position) || position < 1 || position > 10 : position !== 0
  ) {
    problem = 'position';
  } else if (!Number.isFinite(quality) || quality < 0 || quality > 100) {
    problem = 'quality';
  } else if (!BASE64.test(template) || template.length % 4 !== 0) {
    problem = 'template';
  } else if (seen.has(`${modality}:${position}`)) {
    problem = 'duplicate';
  }
  if (modality !== null && problem === null) {
    seen.add(`${modality}:${position}`);
  }
  const input: TemplateInput = {
    modality: modality ?? (String(raw.modality) as Modality),
    ...(modality === 'finger' || typeof raw.position === 'number' ? { position } : {}),
    template,
    quality,
  };
  return { index, modality: modality ?? 'finger', position, quality, input, problem };
}

/** Reads the text of a capture file; the templates in file order, each with the problem found, if any. */
export function parseCaptureFile(text: string): CaptureFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'notJson' };
  }
  let raws: unknown[];
  if (Array.isArray(data)) {
    raws = data;
  } else if (isRecord(data) && (Array.isArray(data.fingerprints) || isRecord(data.face))) {
    raws = [
      ...(isRecord(data.face) ? [data.face] : []),
      ...(Array.isArray(data.fingerprints) ? (data.fingerprints as unknown[]) : []),
    ];
  } else if (isRecord(data) && Array.isArray(data.biometrics)) {
    raws = data.biometrics as unknown[];
  } else {
    return { ok: false, error: 'shape' };
  }
  if (raws.length === 0) {
    return { ok: false, error: 'empty' };
  }
  const seen = new Set<string>();
  const templates: CapturedTemplate[] = [];
  for (const [i, raw] of raws.entries()) {
    const t = readTemplate(raw, i, seen);
    if (t === null) {
      return { ok: false, error: 'shape' };
    }
    templates.push(t);
  }
  return { ok: true, templates };
}

/** The templates as a Eurodac dataset takes them (`fingerprints` and the optional `face`). */
export function eurodacBiometrics(templates: readonly CapturedTemplate[]): {
  fingerprints: TemplateInput[];
  face?: TemplateInput;
} {
  const face = templates.find((t) => t.modality === 'face');
  return {
    fingerprints: templates.filter((t) => t.modality === 'finger').map((t) => t.input),
    ...(face === undefined ? {} : { face: face.input }),
  };
}

/** A problem the server reported on one template (`details.problems[{ field, message }]`). */
export interface ServerTemplateProblem {
  /** `low-quality`: below the minimum quality of art. 13(3), to be captured again; `invalid`: unreadable. */
  kind: 'low-quality' | 'invalid';
  message: string;
}

const FIELD = /^([A-Za-z]+)(?:\[(\d+)\])?(?:\.|$)/;

/**
 * Places the server's problems on the templates of the file: `fingerprints[2].quality` is the third finger
 * sent, `face.quality` or `face[0].quality` the face, `biometrics[1]` the second template of a border check.
 * Returns the problems by the template's `index`; problems of no template are left out.
 */
export function problemsByTemplate(
  templates: readonly CapturedTemplate[],
  code: string | null,
  details: Record<string, unknown> | null,
): Map<number, ServerTemplateProblem> {
  const out = new Map<number, ServerTemplateProblem>();
  const problems = Array.isArray(details?.problems) ? details.problems : [];
  const fingers = templates.filter((t) => t.modality === 'finger');
  const face = templates.find((t) => t.modality === 'face');
  for (const p of problems) {
    if (!isRecord(p) || typeof p.field !== 'string') {
      continue;
    }
    const match = FIELD.exec(p.field);
    if (match === null) {
      continue;
    }
    const [, name, at] = match;
    const i = at === undefined ? 0 : Number(at);
    const target =
      name === 'fingerprints'
        ? fingers[i]
        : name === 'face'
          ? face
          : name === 'biometrics'
            ? templates[i]
            : undefined;
    if (target === undefined || out.has(target.index)) {
      continue;
    }
    const lowQuality =
      code === 'SBMS_QUALITY_TOO_LOW' ||
      (p.field.endsWith('.quality') && /below the minimum/i.test(String(p.message)));
    out.set(target.index, {
      kind: lowQuality ? 'low-quality' : 'invalid',
      message: typeof p.message === 'string' ? p.message : '',
    });
  }
  return out;
}
