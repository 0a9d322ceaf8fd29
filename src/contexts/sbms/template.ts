import { AppError } from '../../platform/errors.ts';
import { SBMS_ERRORS } from './errors.ts';
import { MODALITIES, type SbmsSettings, type Template, type TemplateInput } from './model.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Encodes a vector as the contract's template text: base64 of little-endian float32 values. */
export function encodeVector(vector: Float32Array): string {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < vector.length; i++) {
    view.setFloat32(i * 4, vector[i]!, true);
  }
  return Buffer.from(bytes).toString('base64');
}

/** Scales a vector to unit length in place; returns false for a zero (or non-finite) vector. */
export function normalise(vector: Float32Array): boolean {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) {
    sum += vector[i]! * vector[i]!;
  }
  if (!(sum > 0) || !Number.isFinite(sum)) {
    return false;
  }
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) {
    vector[i]! *= scale;
  }
  return true;
}

/** The cosine similarity of two unit vectors (their dot product). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
  }
  return dot;
}

interface Problem {
  field: string;
  message: string;
}

/**
 * Reads the contract's templates: every problem of every template is reported at once, a template below the
 * minimum quality (2019/817 art. 13(3)) with its own code so that the officer knows to capture again.
 */
export function decodeTemplates(
  inputs: readonly TemplateInput[],
  settings: Pick<SbmsSettings, 'dimensions' | 'minQuality'>,
  field = 'biometrics',
  options: { qualityGate?: boolean } = {},
): Template[] {
  const problems: Problem[] = [];
  const lowQuality: Problem[] = [];
  const out: Template[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(inputs)) {
    throw new AppError('Invalid', SBMS_ERRORS.templateInvalid, 'Templates must be a list.', {
      problems: [{ field, message: 'Templates must be a list.' }],
    });
  }
  inputs.forEach((input: TemplateInput | null | undefined, i) => {
    const at = `${field}[${i}]`;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      problems.push({
        field: at,
        message: 'A template is an object of modality, position (fingers), template and quality.',
      });
      return;
    }
    const modality = input.modality;
    if (!MODALITIES.includes(modality)) {
      problems.push({
        field: `${at}.modality`,
        message: `Modality must be one of ${MODALITIES.join(', ')}.`,
      });
      return;
    }
    let position = 0;
    if (modality === 'finger') {
      if (!Number.isInteger(input.position) || input.position! < 1 || input.position! > 10) {
        problems.push({
          field: `${at}.position`,
          message: 'A fingerprint needs its ISO finger position, 1 (right thumb) to 10 (left little finger).',
        });
        return;
      }
      position = input.position!;
    } else if (input.position !== undefined) {
      problems.push({ field: `${at}.position`, message: 'A face template has no finger position.' });
      return;
    }
    const key = `${modality}:${position}`;
    if (seen.has(key)) {
      problems.push({
        field: at,
        message: `Two templates for the same ${modality === 'face' ? 'face' : `finger ${position}`}.`,
      });
      return;
    }
    seen.add(key);
    if (
      typeof input.quality !== 'number' ||
      !Number.isFinite(input.quality) ||
      input.quality < 0 ||
      input.quality > 100
    ) {
      problems.push({ field: `${at}.quality`, message: 'Quality must be a number from 0 to 100.' });
      return;
    }
    const dimensions = settings.dimensions[modality];
    const text = typeof input.template === 'string' ? input.template : '';
    if (!BASE64.test(text) || text.length % 4 !== 0 || text.length === 0) {
      problems.push({ field: `${at}.template`, message: 'The template must be base64 text.' });
      return;
    }
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length !== dimensions * 4) {
      problems.push({
        field: `${at}.template`,
        message: `A ${modality} template holds ${dimensions} float32 values (${dimensions * 4} bytes); this one has ${bytes.length} bytes.`,
      });
      return;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const vector = new Float32Array(dimensions);
    for (let d = 0; d < dimensions; d++) {
      vector[d] = view.getFloat32(d * 4, true);
    }
    if (!normalise(vector)) {
      problems.push({
        field: `${at}.template`,
        message: 'The template holds a value that is not a finite number, or only zeros.',
      });
      return;
    }
    if (options.qualityGate !== false && input.quality < settings.minQuality[modality]) {
      lowQuality.push({
        field: `${at}.quality`,
        message: `Quality ${input.quality} is below the minimum of ${settings.minQuality[modality]} for a ${modality} template: capture it again.`,
      });
      return;
    }
    out.push({ modality, position, quality: input.quality, vector });
  });
  if (problems.length > 0) {
    throw new AppError('Invalid', SBMS_ERRORS.templateInvalid, problems[0]!.message, {
      problems: [...problems, ...lowQuality],
    });
  }
  if (lowQuality.length > 0) {
    throw new AppError('Invalid', SBMS_ERRORS.qualityTooLow, lowQuality[0]!.message, {
      problems: lowQuality,
    });
  }
  return out;
}
