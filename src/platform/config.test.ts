import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the embedded database under ./data and port 8080 by default', () => {
    const c = loadConfig({}, '/srv/interlink');
    expect(c.databaseUrl).toBeNull();
    expect(c.dataDir).toBe('/srv/interlink/data');
    expect(c.port).toBe(8080);
    expect(c.demo).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads DATABASE_URL, INTERLINK_DATA_DIR, PORT and INTERLINK_DEMO', () => {
    const c = loadConfig(
      { DATABASE_URL: 'postgres://u@h/db', INTERLINK_DATA_DIR: 'var', PORT: '9000', INTERLINK_DEMO: '0' },
      '/x',
    );
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@h/db', dataDir: '/x/var', port: 9000, demo: false });
  });

  it('has generous per-client limits and a 5-failure login lock by default, each configurable', () => {
    expect(loadConfig({}, '/x')).toMatchObject({
      rateLimit: { windowSeconds: 60, loginPerClient: 600, publicPerClient: 120 },
      loginThrottle: { lockAfterFailures: 5, lockSeconds: 60, lockMaxSeconds: 3600, auditWindowSeconds: 900 },
    });
    const c = loadConfig(
      { INTERLINK_RATE_LIMIT_LOGIN: '10', INTERLINK_LOGIN_LOCK_AFTER_FAILURES: '3' },
      '/x',
    );
    expect(c.rateLimit.loginPerClient).toBe(10);
    expect(c.loginThrottle.lockAfterFailures).toBe(3);
    expect(() => loadConfig({ INTERLINK_RATE_LIMIT_PUBLIC: '0' })).toThrow(/INTERLINK_RATE_LIMIT_PUBLIC/);
  });

  it('reads a read replica only beside a PostgreSQL primary, with a lag limit', () => {
    const primary = 'postgres://u@primary/db';
    expect(loadConfig({}, '/x')).toMatchObject({ databaseReadUrl: null, databaseReadMaxLagSeconds: 5 });
    expect(
      loadConfig(
        {
          DATABASE_URL: primary,
          DATABASE_READ_URL: 'postgres://u@replica/db',
          DATABASE_READ_MAX_LAG_SECONDS: '2',
        },
        '/x',
      ),
    ).toMatchObject({ databaseReadUrl: 'postgres://u@replica/db', databaseReadMaxLagSeconds: 2 });
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://u@replica/db' })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://r' })).toThrow(
      /DATABASE_READ_URL must start/,
    );
  });

  it('believes X-Forwarded-For only from the proxies named in INTERLINK_TRUST_PROXY', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ INTERLINK_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ INTERLINK_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ INTERLINK_TRUST_PROXY: '10.0.0.0/8, 192.168.1.10' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
    ]);
    expect(() => loadConfig({ INTERLINK_TRUST_PROXY: 'the balancer' })).toThrow(/INTERLINK_TRUST_PROXY/);
  });

  it('reports every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', INTERLINK_DEMO: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
  });

  it('keeps the audit checkpoints under the data directory and wants a long audit key', () => {
    const c = loadConfig({ INTERLINK_DATA_DIR: 'var' }, '/x');
    expect(c).toMatchObject({ auditKey: null, auditCheckpointFile: '/x/var/audit-checkpoints.jsonl' });
    expect(() => loadConfig({ INTERLINK_AUDIT_KEY: 'short' })).toThrow(/INTERLINK_AUDIT_KEY/);
    const key = 'k'.repeat(32);
    expect(
      loadConfig({ INTERLINK_AUDIT_KEY: key, INTERLINK_AUDIT_CHECKPOINT_FILE: '/log/cp' }),
    ).toMatchObject({
      auditKey: key,
      auditCheckpointFile: '/log/cp',
    });
  });

  it('reads the audit group-commit limits, within bounds', () => {
    expect(loadConfig({}, '/x')).toMatchObject({ auditBatchMax: 256, auditBatchWaitMs: 0 });
    expect(
      loadConfig({ INTERLINK_AUDIT_BATCH_MAX: '32', INTERLINK_AUDIT_BATCH_WAIT_MS: '5' }, '/x'),
    ).toMatchObject({ auditBatchMax: 32, auditBatchWaitMs: 5 });
    expect(() => loadConfig({ INTERLINK_AUDIT_BATCH_MAX: '0' }, '/x')).toThrow(/INTERLINK_AUDIT_BATCH_MAX/);
    expect(() => loadConfig({ INTERLINK_AUDIT_BATCH_MAX: '5000' }, '/x')).toThrow(
      /INTERLINK_AUDIT_BATCH_MAX/,
    );
  });
});

describe('loadConfig: refusal notice appeal texts', () => {
  it('reads the appeal text per member state and language, and refuses any other shape', () => {
    expect(loadConfig({}).refusalAppealTexts).toEqual({});
    const texts = { FI: { en: 'Appeal to the administrative court.', fi: 'Valitus hallinto-oikeuteen.' } };
    expect(loadConfig({ INTERLINK_REFUSAL_APPEAL_TEXTS: JSON.stringify(texts) }).refusalAppealTexts).toEqual(
      texts,
    );
    for (const bad of [
      '{',
      '[]',
      '{"fi":{"en":"x"}}',
      '{"FI":{"EN":"x"}}',
      '{"FI":{"en":""}}',
      '{"FI":"x"}',
    ]) {
      expect(() => loadConfig({ INTERLINK_REFUSAL_APPEAL_TEXTS: bad }), bad).toThrow(
        /INTERLINK_REFUSAL_APPEAL_TEXTS must be JSON/,
      );
    }
  });
});

describe('loadConfig: log format', () => {
  it('reads the biometric template dimensions and minimum qualities, within bounds', () => {
    expect(loadConfig({}, '/x').biometrics).toEqual({
      dimensions: { face: 512, finger: 192 },
      minQuality: { face: 40, finger: 40 },
    });
    const c = loadConfig(
      {
        INTERLINK_FACE_DIMENSIONS: '128',
        INTERLINK_FINGER_DIMENSIONS: '256',
        INTERLINK_BIOMETRIC_MIN_QUALITY_FACE: '55',
        INTERLINK_BIOMETRIC_MIN_QUALITY_FINGER: '0',
      },
      '/x',
    );
    expect(c.biometrics).toEqual({
      dimensions: { face: 128, finger: 256 },
      minQuality: { face: 55, finger: 0 },
    });
    expect(Object.isFrozen(c.biometrics.dimensions)).toBe(true);
    expect(() =>
      loadConfig({ INTERLINK_FACE_DIMENSIONS: '0', INTERLINK_BIOMETRIC_MIN_QUALITY_FINGER: '101' }),
    ).toThrow(/INTERLINK_FACE_DIMENSIONS[\s\S]*INTERLINK_BIOMETRIC_MIN_QUALITY_FINGER/);
  });

  it('is pretty in a terminal, JSON when piped or in production, and LOG_FORMAT decides when given', () => {
    expect(loadConfig({}, '/x', true).logFormat).toBe('pretty');
    expect(loadConfig({}, '/x', false).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production' }, '/x', true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, '/x', true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, '/x', false).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' }, '/x', false)).toThrow(/LOG_FORMAT/);
  });
});
