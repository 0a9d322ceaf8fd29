import path from 'node:path';

import { isCalendarDate } from './dates.ts';

/** Everything Interlink reads from its environment, validated once at start and then frozen. */
export interface Config {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  readonly databaseUrl: string | null;
  /**
   * PostgreSQL streaming replica for read-only queries (searches, audit list and export); null: the primary
   * serves them. Reads fall back to the primary when the replica is unreachable or lags (docs/operations.md).
   */
  readonly databaseReadUrl: string | null;
  /** Most replica lag, in seconds, at which reads still go to the replica. */
  readonly databaseReadMaxLagSeconds: number;
  /** Directory of the embedded database and other local state. */
  readonly dataDir: string;
  readonly databasePoolSize: number;
  readonly port: number;
  readonly host: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** One short human line per event (a terminal) or one JSON object per line (piped, production). */
  readonly logFormat: 'pretty' | 'json';
  /**
   * Which proxies' `X-Forwarded-For` to believe for the client address (rate limits, logs): false (none), a
   * number of hops, or addresses/CIDR ranges of the load balancers (`INTERLINK_TRUST_PROXY`).
   */
  readonly trustProxy: boolean | number | readonly string[];
  /** Largest accepted request body, in bytes. */
  readonly bodyLimit: number;
  /** Lifetime of a bearer token, in seconds. */
  readonly tokenTtlSeconds: number;
  /** Secret used to sign bearer tokens; generated per data directory when not given. */
  readonly tokenSecret: string | null;
  /** Create the demo world on an empty database at start. */
  readonly demo: boolean;
  /** Minutes between two retention runs inside the server; 0 turns the scheduler off. */
  readonly retentionIntervalMinutes: number;
  /** Hours an idempotency key is remembered. */
  readonly idempotencyTtlHours: number;
  /** Milliseconds one system may take to answer a search-portal query before it is reported as timed out. */
  readonly espSourceTimeoutMs: number;
  /**
   * The statistics repository (2019/817 art. 39): the smallest count an answer shows (`INTERLINK_STATS_MIN_CELL`,
   * smaller ones are null) and how many years the aggregates are kept (`INTERLINK_STATS_RETENTION_YEARS` [K]).
   */
  readonly stats: { readonly minCell: number; readonly retentionYears: number };
  /**
   * ETIAS art. 83(1): last day of the transitional period, during which ETIAS is optional and the border check
   * reports a missing travel authorisation without suggesting a refusal; null when ETIAS is required
   * (`INTERLINK_ETIAS_TRANSITIONAL_UNTIL`, a date or `none`). [K] The period runs six months from the start of
   * operations, whose date is not fixed yet: the default is an estimate.
   */
  readonly etiasTransitionalUntil: string | null;
  /** Per-client (IP) request limits of the public routes, counted in the database (shared by every node). */
  readonly rateLimit: {
    /** Length of one counting window, in seconds. */
    readonly windowSeconds: number;
    /** Logins per client and window. */
    readonly loginPerClient: number;
    /** Calls per client and window of each other public route (e.g. the EES traveller web service). */
    readonly publicPerClient: number;
  };
  /** Lockout of an account name after failed logins, and collapsing of their audit records. */
  readonly loginThrottle: {
    readonly lockAfterFailures: number;
    readonly lockSeconds: number;
    readonly lockMaxSeconds: number;
    readonly auditWindowSeconds: number;
  };
  /** Key of the audit chain's HMAC (≥ 32 characters); when absent one is generated in `<dataDir>/audit.key`. */
  readonly auditKey: string | null;
  /** Append-only file of signed audit checkpoints, outside the database. */
  readonly auditCheckpointFile: string;
  /** A checkpoint is written after this many new audit records… */
  readonly auditCheckpointEvery: number;
  /** …or this many seconds after the first record not yet covered by one. */
  readonly auditCheckpointSeconds: number;
  /** Group commit of audit records: most records one batch transaction appends… */
  readonly auditBatchMax: number;
  /** …and how long the first record of a batch may wait for others before the batch starts (0: next turn). */
  readonly auditBatchWaitMs: number;
  /**
   * Bearer token a metrics scraper sends to read `/metrics`; without one `/metrics` refuses every caller
   * (it names routes, load and timings that are not for the public).
   */
  readonly metricsToken: string | null;
  /** API requests in progress at once; further ones get 503 + Retry-After (src/http/load.ts). */
  readonly maxInFlight: number;
  /** Mean event-loop delay, in milliseconds, above which API requests get 503; 0 turns the check off. */
  readonly maxEventLoopDelayMs: number;
  /**
   * The right-of-appeal text each member state prints on the refusal of entry notice (SBC art. 14(3), Annex V
   * Part B: the references to national law and procedure), by ISO 3166-1 alpha-2 code and language code, from
   * `INTERLINK_REFUSAL_APPEAL_TEXTS` (JSON, e.g. `{"FI":{"en":"…","de":"…"}}`); a state or language left out
   * prints the default sentence.
   */
  readonly refusalAppealTexts: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Biometric templates (the shared biometric matching service): the number of float32 values of a face and
   * of a finger template (`INTERLINK_FACE_DIMENSIONS`, `INTERLINK_FINGER_DIMENSIONS`, those of the extractor in
   * use), and the minimum quality, 0-100, a template needs to be stored (Reg. (EU) 2019/817 art. 13(3);
   * `INTERLINK_BIOMETRIC_MIN_QUALITY_FACE`, `INTERLINK_BIOMETRIC_MIN_QUALITY_FINGER`). [K] The implementing
   * act's figure was not found: the default 40 is an assumption.
   */
  readonly biometrics: {
    readonly dimensions: { readonly face: number; readonly finger: number };
    readonly minQuality: { readonly face: number; readonly finger: number };
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** [K] ETIAS art. 83(1): six months after operations start (announced for the last quarter of 2026). */
const ETIAS_TRANSITIONAL_UNTIL = '2027-04-30';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const APPEAL_TEXTS_SHAPE =
  'INTERLINK_REFUSAL_APPEAL_TEXTS must be JSON of the form {"FI":{"en":"…","fi":"…"}}: two-letter member state codes, two-letter language codes, texts of 1 to 2000 characters';

/** `INTERLINK_REFUSAL_APPEAL_TEXTS`: per member state and language, the appeal text of the refusal notice. */
function appealTexts(
  raw: string | undefined,
  problems: string[],
): Readonly<Record<string, Readonly<Record<string, string>>>> {
  if (raw === undefined || raw.trim() === '') {
    return Object.freeze({});
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(APPEAL_TEXTS_SHAPE);
    return Object.freeze({});
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const valid =
    isObject(parsed) &&
    Object.entries(parsed).every(
      ([state, texts]) =>
        /^[A-Z]{2}$/.test(state) &&
        isObject(texts) &&
        Object.entries(texts).every(
          ([lang, text]) =>
            /^[a-z]{2}$/.test(lang) && typeof text === 'string' && text.trim() !== '' && text.length <= 2000,
        ),
    );
  if (!valid || !isObject(parsed)) {
    problems.push(APPEAL_TEXTS_SHAPE);
    return Object.freeze({});
  }
  return Object.freeze(
    Object.fromEntries(
      Object.entries(parsed).map(([state, texts]) => [
        state,
        Object.freeze({ ...(texts as Record<string, string>) }),
      ]),
    ),
  );
}

/**
 * Reads and validates every variable at once and reports all problems together.
 * Nothing else in Interlink reads `process.env`.
 */
export function loadConfig(
  env: Env,
  cwd = process.cwd(),
  stdoutIsTty = Boolean(process.stdout.isTTY),
): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      return fallback;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      return fallback;
    }
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) {
      return true;
    }
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) {
      return false;
    }
    problems.push(`${name} must be 0/1, true/false, yes/no or on/off, got "${raw}"`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const databaseReadUrl =
    env.DATABASE_READ_URL && env.DATABASE_READ_URL !== '' ? env.DATABASE_READ_URL : null;
  if (databaseReadUrl !== null && !/^postgres(ql)?:\/\//.test(databaseReadUrl)) {
    problems.push('DATABASE_READ_URL must start with postgres:// or postgresql://');
  }
  if (databaseReadUrl !== null && databaseUrl === null) {
    problems.push('DATABASE_READ_URL needs DATABASE_URL: a read replica serves a PostgreSQL primary');
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const tokenSecret =
    env.INTERLINK_TOKEN_SECRET && env.INTERLINK_TOKEN_SECRET !== '' ? env.INTERLINK_TOKEN_SECRET : null;
  if (tokenSecret !== null && tokenSecret.length < 32) {
    problems.push('INTERLINK_TOKEN_SECRET must be at least 32 characters long');
  }

  const auditKey = env.INTERLINK_AUDIT_KEY && env.INTERLINK_AUDIT_KEY !== '' ? env.INTERLINK_AUDIT_KEY : null;
  if (auditKey !== null && auditKey.length < 32) {
    problems.push('INTERLINK_AUDIT_KEY must be at least 32 characters long');
  }
  const dataDir = path.resolve(cwd, env.INTERLINK_DATA_DIR ?? 'data');
  const logFormatRaw = env.LOG_FORMAT ?? '';
  if (!['', 'pretty', 'json'].includes(logFormatRaw)) {
    problems.push(`LOG_FORMAT must be pretty or json, got "${logFormatRaw}"`);
  }
  const logFormat: Config['logFormat'] =
    logFormatRaw === 'pretty' || logFormatRaw === 'json'
      ? logFormatRaw
      : stdoutIsTty && env.NODE_ENV !== 'production'
        ? 'pretty'
        : 'json';
  const trustRaw = (env.INTERLINK_TRUST_PROXY ?? '').trim();
  let trustProxy: Config['trustProxy'] = false;
  if (['true', 'yes', 'on'].includes(trustRaw.toLowerCase())) {
    trustProxy = true;
  } else if (/^\d+$/.test(trustRaw)) {
    trustProxy = Number(trustRaw);
  } else if (trustRaw !== '' && !['false', 'no', 'off', '0'].includes(trustRaw.toLowerCase())) {
    const list = trustRaw.split(',').map((a) => a.trim());
    if (list.some((a) => !/^[\da-fA-F:.]+(\/\d{1,3})?$/.test(a))) {
      problems.push(
        'INTERLINK_TRUST_PROXY must be true/false, a number of hops, or comma-separated addresses or CIDR ranges',
      );
    } else {
      trustProxy = Object.freeze(list);
    }
  }
  const metricsToken =
    env.INTERLINK_METRICS_TOKEN && env.INTERLINK_METRICS_TOKEN !== '' ? env.INTERLINK_METRICS_TOKEN : null;
  if (metricsToken !== null && !/^[\w.~+/-]{32,}$/.test(metricsToken)) {
    problems.push(
      'INTERLINK_METRICS_TOKEN must be at least 32 characters of letters, digits and -._~+/ (e.g. openssl rand -hex 32)',
    );
  }

  const refusalAppealTexts = appealTexts(env.INTERLINK_REFUSAL_APPEAL_TEXTS, problems);
  const transitionalRaw = (env.INTERLINK_ETIAS_TRANSITIONAL_UNTIL ?? '').trim();
  let etiasTransitionalUntil: string | null = ETIAS_TRANSITIONAL_UNTIL;
  if (transitionalRaw.toLowerCase() === 'none') {
    etiasTransitionalUntil = null;
  } else if (transitionalRaw !== '') {
    if (isCalendarDate(transitionalRaw)) {
      etiasTransitionalUntil = transitionalRaw;
    } else {
      problems.push('INTERLINK_ETIAS_TRANSITIONAL_UNTIL must be a date (YYYY-MM-DD) or none');
    }
  }

  const config: Config = {
    databaseUrl,
    databaseReadUrl,
    databaseReadMaxLagSeconds: int('DATABASE_READ_MAX_LAG_SECONDS', 5, 0, 3600),
    dataDir,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 500),
    port: int('PORT', 8080, 0, 65535),
    host: env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0',
    logLevel: LOG_LEVELS.includes(logLevel) ? logLevel : 'info',
    logFormat,
    trustProxy,
    bodyLimit: int('INTERLINK_BODY_LIMIT', 1_048_576, 1024, 100 * 1_048_576),
    tokenTtlSeconds: int('INTERLINK_TOKEN_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
    tokenSecret,
    demo: bool('INTERLINK_DEMO', true),
    retentionIntervalMinutes: int('INTERLINK_RETENTION_INTERVAL_MINUTES', 60, 0, 7 * 24 * 60),
    idempotencyTtlHours: int('INTERLINK_IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    espSourceTimeoutMs: int('INTERLINK_ESP_SOURCE_TIMEOUT_MS', 2000, 10, 60_000),
    stats: Object.freeze({
      minCell: int('INTERLINK_STATS_MIN_CELL', 5, 1, 1000),
      retentionYears: int('INTERLINK_STATS_RETENTION_YEARS', 5, 1, 100),
    }),
    etiasTransitionalUntil,
    rateLimit: Object.freeze({
      windowSeconds: int('INTERLINK_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 24 * 3600),
      loginPerClient: int('INTERLINK_RATE_LIMIT_LOGIN', 600, 1, 1_000_000),
      publicPerClient: int('INTERLINK_RATE_LIMIT_PUBLIC', 120, 1, 1_000_000),
    }),
    loginThrottle: Object.freeze({
      lockAfterFailures: int('INTERLINK_LOGIN_LOCK_AFTER_FAILURES', 5, 1, 1000),
      lockSeconds: int('INTERLINK_LOGIN_LOCK_SECONDS', 60, 1, 24 * 3600),
      lockMaxSeconds: int('INTERLINK_LOGIN_LOCK_MAX_SECONDS', 3600, 1, 30 * 24 * 3600),
      auditWindowSeconds: int('INTERLINK_LOGIN_AUDIT_WINDOW_SECONDS', 900, 1, 24 * 3600),
    }),
    auditKey,
    auditCheckpointFile: path.resolve(
      cwd,
      env.INTERLINK_AUDIT_CHECKPOINT_FILE && env.INTERLINK_AUDIT_CHECKPOINT_FILE !== ''
        ? env.INTERLINK_AUDIT_CHECKPOINT_FILE
        : path.join(dataDir, 'audit-checkpoints.jsonl'),
    ),
    auditCheckpointEvery: int('INTERLINK_AUDIT_CHECKPOINT_EVERY', 100, 1, 1_000_000),
    auditCheckpointSeconds: int('INTERLINK_AUDIT_CHECKPOINT_SECONDS', 10, 1, 24 * 3600),
    auditBatchMax: int('INTERLINK_AUDIT_BATCH_MAX', 256, 1, 1000),
    auditBatchWaitMs: int('INTERLINK_AUDIT_BATCH_WAIT_MS', 0, 0, 1000),
    metricsToken,
    maxInFlight: int('INTERLINK_MAX_IN_FLIGHT', 16, 1, 10_000),
    maxEventLoopDelayMs: int('INTERLINK_MAX_EVENT_LOOP_DELAY_MS', 200, 0, 60_000),
    refusalAppealTexts,
    biometrics: Object.freeze({
      dimensions: Object.freeze({
        face: int('INTERLINK_FACE_DIMENSIONS', 512, 8, 4096),
        finger: int('INTERLINK_FINGER_DIMENSIONS', 192, 8, 4096),
      }),
      minQuality: Object.freeze({
        face: int('INTERLINK_BIOMETRIC_MIN_QUALITY_FACE', 40, 0, 100),
        finger: int('INTERLINK_BIOMETRIC_MIN_QUALITY_FINGER', 40, 0, 100),
      }),
    }),
  };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return Object.freeze(config);
}
