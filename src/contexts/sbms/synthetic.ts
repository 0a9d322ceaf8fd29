import type { Modality, TemplateInput } from './model.ts';
import { encodeVector, normalise } from './template.ts';

/**
 * The synthetic biometric generator: templates with a documented genuine/impostor model, so that FMR, FNMR,
 * FPIR and FNIR can be measured and the demo world has biometrics (docs/biometrics.md).
 *
 * Model, per modality (face; each finger position separately):
 * - an **identity vector** u = normalise(√ρ·c_g + √(1-ρ)·z): z a standard normal vector of the modality's
 *   dimensions drawn from the person's key, c_g the centroid of one of `groups` population groups (the
 *   person's key picks it) and ρ = `groupShare`. Groups make impostors of one group score above zero, as
 *   real extractors' impostor scores do among people who look alike;
 * - a **capture** v = normalise(u + s(q)·e): e a normal vector of expected length 1 drawn from the person's
 *   key and the capture number, s(q) = `noise[m].base + noise[m].perQuality·(100 - q)/100` so that a capture
 *   of lower quality q lies further from the identity;
 * - a **twin** (for hard negatives) is an identity vector mixed with another person's: normalise(√t·u_other +
 *   √(1-t)·u_own).
 *
 * Two captures of one person then score about 1/√((1+s_a²)(1+s_b²)); two people about ρ within a group and
 * about 0 across groups, spread by 1/√dimensions. Everything is deterministic in (seed, key, capture).
 */
export interface SyntheticOptions {
  seed?: number;
  dimensions?: Record<Modality, number>;
  groups?: number;
  groupShare?: number;
  noise?: Record<Modality, { base: number; perQuality: number }>;
}

export const DEFAULT_SYNTHETIC: Required<SyntheticOptions> = Object.freeze({
  seed: 20260612,
  dimensions: { face: 512, finger: 192 },
  groups: 32,
  groupShare: 0.1,
  noise: { face: { base: 0.5, perQuality: 0.8 }, finger: { base: 0.7, perQuality: 1.0 } },
});

/** FNV-1a over a string, for seeds derived from keys. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32 with Box-Muller normals: reproducible, never `Math.random`. */
function normals(seed: number, out: Float32Array, scale = 1): Float32Array {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const a = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(a) * scale;
    if (i + 1 < out.length) {
      out[i + 1] = r * Math.sin(a) * scale;
    }
  }
  return out;
}

export interface CaptureOptions {
  /** 0-100 (default 80). */
  quality?: number;
  /** Which capture of the person: another number is another capture with other noise (default 0). */
  capture?: number;
}

export class SyntheticBiometrics {
  readonly options: Required<SyntheticOptions>;
  readonly #centroids = new Map<string, Float32Array>();

  constructor(options: SyntheticOptions = {}) {
    this.options = { ...DEFAULT_SYNTHETIC, ...options };
  }

  #slot(modality: Modality, position: number): string {
    return modality === 'face' ? 'face' : `finger${position}`;
  }

  #centroid(slot: string, group: number, dimensions: number): Float32Array {
    const key = `${slot}:${group}`;
    let c = this.#centroids.get(key);
    if (c === undefined) {
      c = normals(hash(`${this.options.seed}:centroid:${key}`), new Float32Array(dimensions));
      normalise(c);
      this.#centroids.set(key, c);
    }
    return c;
  }

  /** The identity vector of a person's face (position 0) or finger (1-10), unit length. */
  identity(
    person: string,
    modality: Modality,
    position = 0,
    twinOf?: { person: string; share: number },
  ): Float32Array {
    const dimensions = this.options.dimensions[modality];
    const slot = this.#slot(modality, position);
    const z = normals(hash(`${this.options.seed}:identity:${person}:${slot}`), new Float32Array(dimensions));
    normalise(z);
    const group = hash(`${this.options.seed}:group:${person}`) % this.options.groups;
    const c = this.#centroid(slot, group, dimensions);
    const rho = this.options.groupShare;
    const a = Math.sqrt(rho);
    const b = Math.sqrt(1 - rho);
    for (let i = 0; i < dimensions; i++) {
      z[i] = a * c[i]! + b * z[i]!;
    }
    normalise(z);
    if (twinOf !== undefined) {
      const other = this.identity(twinOf.person, modality, position);
      const t = Math.sqrt(twinOf.share);
      const own = Math.sqrt(1 - twinOf.share);
      for (let i = 0; i < dimensions; i++) {
        z[i] = t * other[i]! + own * z[i]!;
      }
      normalise(z);
    }
    return z;
  }

  /** The noise level of a capture of quality q. */
  noiseOf(modality: Modality, quality: number): number {
    const n = this.options.noise[modality];
    return n.base + (n.perQuality * (100 - quality)) / 100;
  }

  /** One capture of a person's face or finger, unit length. */
  captureVector(
    person: string,
    modality: Modality,
    position = 0,
    options: CaptureOptions & { twinOf?: { person: string; share: number } } = {},
  ): Float32Array {
    const quality = options.quality ?? 80;
    const u = this.identity(person, modality, position, options.twinOf);
    const dimensions = u.length;
    const s = this.noiseOf(modality, quality);
    const e = normals(
      hash(
        `${this.options.seed}:capture:${person}:${this.#slot(modality, position)}:${options.capture ?? 0}`,
      ),
      new Float32Array(dimensions),
      1 / Math.sqrt(dimensions),
    );
    for (let i = 0; i < dimensions; i++) {
      u[i] = u[i]! + s * e[i]!;
    }
    normalise(u);
    return u;
  }

  /** A face template in the contract's form. */
  face(person: string, options: CaptureOptions = {}): TemplateInput {
    const quality = options.quality ?? 80;
    return {
      modality: 'face',
      template: encodeVector(this.captureVector(person, 'face', 0, options)),
      quality,
    };
  }

  /** One finger's template in the contract's form. */
  finger(person: string, position: number, options: CaptureOptions = {}): TemplateInput {
    const quality = options.quality ?? 80;
    return {
      modality: 'finger',
      position,
      template: encodeVector(this.captureVector(person, 'finger', position, options)),
      quality,
    };
  }

  /** Fingers of the given positions (default all ten), in the contract's form. */
  fingers(
    person: string,
    positions: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    options: CaptureOptions = {},
  ): TemplateInput[] {
    return positions.map((p) => this.finger(person, p, options));
  }
}
