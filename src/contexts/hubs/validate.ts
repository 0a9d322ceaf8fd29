import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { Type, type Static } from 'typebox';
import { lookupCountry } from '../reference/index.ts';
import { compactIdentifier } from '../sis/index.ts';
import { DIRECTIONS, type Hub, type PlateRead } from './model.ts';

/** At most this many reads in one batch. */
export const MAX_BATCH = 1000;
/** A read may come from a camera that buffered while offline, but not from further back than this. */
const MAX_AGE_MS = 7 * 24 * 3_600_000;
/** Camera clocks drift; a read later than this ahead of the server's clock is refused. */
const MAX_AHEAD_MS = 5 * 60_000;

const Confidence = Type.Number({ minimum: 0, maximum: 1 });
const Text = Type.String({ minLength: 1, maxLength: 32 });
const Candidate = Type.Object(
  { text: Text, confidence: Type.Optional(Confidence) },
  { additionalProperties: false },
);
const fieldProps = {
  text: Text,
  confidence: Type.Optional(Confidence),
  candidates: Type.Optional(Type.Array(Candidate, { maxItems: 10 })),
};

/** One plate read from a camera at a gate, as the API accepts it (batch item or NDJSON line). */
export const ReadSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "The camera system's id" })),
    at: Type.String({ format: 'date-time', description: 'When the vehicle passed (ISO 8601 with offset)' }),
    gateId: Type.String({ minLength: 1, maxLength: 60 }),
    cameraId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    direction: Type.Enum(DIRECTIONS),
    country: Type.Optional(
      Type.String({ minLength: 1, maxLength: 3, description: 'Registration state as read, if read' }),
    ),
    plate: Type.Object(fieldProps, {
      additionalProperties: false,
      description: "The reader's best reading, its confidence, and every alternative it considered",
    }),
    trailer: Type.Optional(
      Type.Object(
        { ...fieldProps, country: Type.Optional(Type.String({ minLength: 1, maxLength: 3 })) },
        { additionalProperties: false },
      ),
    ),
    container: Type.Optional(Type.Object(fieldProps, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type ReadInput = Static<typeof ReadSchema>;

const ajv = new Ajv({ coerceTypes: false, removeAdditional: false, allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const checkShape = ajv.compile(ReadSchema);

export interface ReadIssue {
  /** Position of the read in the batch, or line number in a stream. */
  index: number;
  path: string;
  message: string;
}

function shapeIssues(index: number, errors: readonly ErrorObject[]): ReadIssue[] {
  return errors.map((e) => ({
    index,
    path:
      `${e.instancePath.replace(/^\//u, '').replaceAll('/', '.')}${
        e.keyword === 'additionalProperties'
          ? `${e.instancePath === '' ? '' : '.'}${String((e.params as { additionalProperty?: string }).additionalProperty)}`
          : ''
      }` || '(read)',
    message:
      e.keyword === 'additionalProperties' ? 'is not a field of a read' : (e.message ?? 'is not valid'),
  }));
}

/**
 * Checks one read against its hub: the shape, then the gate and camera (they must be the hub's), the
 * registration states (ICAO/ISO 3166-1 alpha-3 or a distinguishing sign known to the reference data), that
 * every text holds at least one letter or digit, and that the time is neither far ahead of `now` nor older
 * than a week. Pure: returns every issue found, or the read.
 */
export function checkRead(
  hub: Hub,
  value: unknown,
  index: number,
  now: Date,
): { read: PlateRead; issues: [] } | { read: null; issues: ReadIssue[] } {
  if (!checkShape(value)) {
    return { read: null, issues: shapeIssues(index, checkShape.errors ?? []) };
  }
  const r = value as PlateRead;
  const issues: ReadIssue[] = [];
  const add = (path: string, message: string) => issues.push({ index, path, message });
  const gate = hub.gates.find((g) => g.id === r.gateId);
  if (gate === undefined) {
    add('gateId', `is not a gate of ${hub.id} (gates: ${hub.gates.map((g) => g.id).join(', ')})`);
  } else if (r.cameraId !== undefined && !gate.cameras.some((c) => c.id === r.cameraId)) {
    add('cameraId', `is not a camera of gate ${gate.id}`);
  }
  for (const [path, c] of [
    ['country', r.country],
    ['trailer.country', r.trailer?.country],
  ] as const) {
    if (c !== undefined && lookupCountry(c) === undefined) {
      add(path, `"${c}" is not an ICAO/ISO 3166-1 alpha-3 code or distinguishing sign`);
    }
  }
  for (const [name, f] of [
    ['plate', r.plate],
    ['trailer', r.trailer],
    ['container', r.container],
  ] as const) {
    if (f === undefined) {
      continue;
    }
    if (compactIdentifier(f.text) === '') {
      add(`${name}.text`, 'holds no letter or digit');
    }
    (f.candidates ?? []).forEach((c, i) => {
      if (compactIdentifier(c.text) === '') {
        add(`${name}.candidates.${i}.text`, 'holds no letter or digit');
      }
    });
  }
  const at = Date.parse(r.at);
  if (at > now.getTime() + MAX_AHEAD_MS) {
    add('at', 'is more than 5 minutes ahead of the server clock: check the camera clock');
  } else if (at < now.getTime() - MAX_AGE_MS) {
    add('at', 'is more than 7 days old');
  }
  return issues.length === 0 ? { read: r, issues: [] } : { read: null, issues };
}
