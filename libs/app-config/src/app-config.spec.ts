import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadAppConfig, loadDotEnv } from './app-config.js';

describe('configuration from the environment', () => {
  it('needs nothing for the embedded default and keeps every file under DATA_DIR', () => {
    const config = loadAppConfig({}, '/srv/app');
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/srv/app/data');
    expect(config.eventStore).toEqual({
      kind: 'sqlite',
      filename: '/srv/app/data/events.sqlite',
    });
    expect(config.readModels).toEqual({
      kind: 'sqlite',
      filename: '/srv/app/data/read-models.sqlite',
    });
    expect(config.hrFeed.transport).toBe('http');
    expect(config.overdueScanIntervalMs).toBe(60_000);
  });

  it('moves both databases with DATA_DIR', () => {
    const config = loadAppConfig({ DATA_DIR: '/var/lib/safety' }, '/srv/app');
    expect(config.eventStore).toMatchObject({
      filename: '/var/lib/safety/events.sqlite',
    });
    expect(config.readModels).toMatchObject({
      filename: '/var/lib/safety/read-models.sqlite',
    });
  });

  it('serves the dashboard from dist/dashboard unless DASHBOARD_DIR moves it', () => {
    expect(loadAppConfig({}, '/srv/app').dashboardDir).toBe(
      '/srv/app/dist/dashboard',
    );
    expect(
      loadAppConfig({ DASHBOARD_DIR: '/opt/dashboard' }, '/srv/app')
        .dashboardDir,
    ).toBe('/opt/dashboard');
  });

  it('reports every problem at once instead of the first', () => {
    try {
      loadAppConfig({
        PORT: 'eighty',
        EVENT_STORE: 'mongo',
        READ_MODEL_DB: 'postgres',
        OVERDUE_SCAN_INTERVAL_MS: '5',
        WORKER_REF_SECRET: 'w'.repeat(40),
        AUTH_JWT_SECRET: 's'.repeat(40),
        AUTH_ISSUER: 'iss',
        AUTH_AUDIENCE: 'aud',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(4);
      expect(problems).toEqual(
        expect.arrayContaining([
          'PORT must be an integer from 0 to 65535, got "eighty"',
          'EVENT_STORE must be one of sqlite, postgres, kurrentdb, got "mongo"',
          'DATABASE_URL is required when READ_MODEL_DB=postgres',
          'OVERDUE_SCAN_INTERVAL_MS must be an integer from 1000 to 86400000, got "5"',
        ]),
      );
    }
  });

  it('trusts no proxy unless TRUST_PROXY names addresses, subnets or range names, and refuses anything else', () => {
    expect(loadAppConfig({}).http.trustedProxies).toEqual([]);
    expect(
      loadAppConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8 ,192.0.2.1' })
        .http.trustedProxies,
    ).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.1']);
    expect(() =>
      loadAppConfig({
        TRUST_PROXY: 'true,10.0.0.0/33,proxy.local,10.0.0.1/8/1',
      }),
    ).toThrow(
      'TRUST_PROXY takes addresses, subnets (address/prefix) and loopback, linklocal, uniquelocal, got "true", "10.0.0.0/33", "proxy.local", "10.0.0.1/8/1"',
    );
  });

  it('takes the production settings', () => {
    const config = loadAppConfig({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: 'kurrentdb://127.0.0.1:2113?tls=false',
      READ_MODEL_DB: 'postgres',
      DATABASE_URL: 'postgres://u:p@db/app',
      HR_FEED_TRANSPORT: 'kafka',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      WORKER_REF_SECRET: 'a-production-secret-of-at-least-32-chars',
      AUTH_JWKS_URL: 'https://sso.example.gov.cn/jwks.json',
      AUTH_ISSUER: 'https://sso.example.gov.cn',
      AUTH_AUDIENCE: 'safety-api',
    });
    expect(config.production).toBe(true);
    expect(config.auth).toMatchObject({
      mode: 'jwks',
      issuer: 'https://sso.example.gov.cn',
      audience: 'safety-api',
      clockSkewSeconds: 30,
    });
    expect(config.eventStore).toEqual({
      kind: 'kurrentdb',
      connectionString: 'kurrentdb://127.0.0.1:2113?tls=false',
    });
    expect(config.readModels).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://u:p@db/app',
      schema: 'public',
    });
    expect(config.hrFeed.kafkaBrokers).toEqual(['k1:9092', 'k2:9092']);
  });

  it('needs a shared pseudonym secret once several processes ingest', () => {
    expect(() => loadAppConfig({ HR_FEED_TRANSPORT: 'kafka' })).toThrow(
      /WORKER_REF_SECRET is required/,
    );
  });

  it('refuses a short pseudonym secret', () => {
    expect(() => loadAppConfig({ WORKER_REF_SECRET: 'short' })).toThrow(
      /at least 32 characters/,
    );
  });

  it('generates nothing in the embedded default: no auth configured means a local key and admin token', () => {
    const config = loadAppConfig({}, '/srv/app');
    expect(config.production).toBe(false);
    expect(config.auth.mode).toBe('embedded');
  });

  it('refuses production without an auth configuration and a worker-ref secret', () => {
    for (const env of [
      { NODE_ENV: 'production' },
      { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/app' },
    ]) {
      expect(() => loadAppConfig(env)).toThrow(
        /AUTH_JWT_SECRET or AUTH_JWKS_URL is required in production/,
      );
      expect(() => loadAppConfig(env)).toThrow(
        /WORKER_REF_SECRET or WORKER_REF_SECRET_FILE \(outside DATA_DIR\) is required/,
      );
      expect(() => loadAppConfig(env)).toThrow(/AUTH_ISSUER is required/);
    }
  });

  it('reads the worker-ref secret from a file only when it lies outside DATA_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    writeFileSync(join(dir, 'worker-ref'), 'k'.repeat(40));
    const production = {
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 's'.repeat(40),
      AUTH_ISSUER: 'iss',
      AUTH_AUDIENCE: 'aud',
    };
    expect(
      loadAppConfig({
        ...production,
        DATA_DIR: join(dir, 'data'),
        WORKER_REF_SECRET_FILE: join(dir, 'worker-ref'),
      }).hrFeed.workerRefSecret,
    ).toBe('k'.repeat(40));
    expect(() =>
      loadAppConfig({
        ...production,
        DATA_DIR: dir,
        WORKER_REF_SECRET_FILE: join(dir, 'worker-ref'),
      }),
    ).toThrow(/must lie outside DATA_DIR/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('Kafka TLS and SASL', () => {
  const CA = '-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----';

  it('is plaintext unless configured', () => {
    expect(loadAppConfig({}).hrFeed.kafkaSecurity).toEqual({});
  });

  it('turns on TLS, with a CA of its own when one is given, and SASL with a mechanism and its credentials', () => {
    expect(loadAppConfig({ KAFKA_SSL: 'true' }).hrFeed.kafkaSecurity).toEqual({
      ssl: true,
    });
    const config = loadAppConfig({
      KAFKA_SSL_CA: CA,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'hr-feed',
      KAFKA_SASL_PASSWORD: 'p'.repeat(20),
    });
    expect(config.hrFeed.kafkaSecurity).toEqual({
      ssl: {
        ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
      },
      sasl: {
        mechanism: 'scram-sha-512',
        username: 'hr-feed',
        password: 'p'.repeat(20),
      },
    });
  });

  it('reads the SASL password from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafka-'));
    writeFileSync(join(dir, 'password'), 'from-a-file\n');
    const config = loadAppConfig({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'password'),
    });
    expect(config.hrFeed.kafkaSecurity.sasl).toEqual({
      mechanism: 'plain',
      username: 'u',
      password: 'from-a-file',
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses half a SASL configuration, an unknown mechanism, a CA that is no PEM, and PLAIN in clear in production', () => {
    expect(() =>
      loadAppConfig({
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'u',
      }),
    ).toThrow(
      /KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
    );
    expect(() =>
      loadAppConfig({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }),
    ).toThrow(/need KAFKA_SASL_MECHANISM/);
    expect(() =>
      loadAppConfig({
        KAFKA_SASL_MECHANISM: 'gssapi',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      }),
    ).toThrow(
      /KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512/,
    );
    expect(() => loadAppConfig({ KAFKA_SSL_CA: 'not a certificate' })).toThrow(
      /KAFKA_SSL_CA must be a PEM certificate/,
    );
    const production = {
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 's'.repeat(40),
      AUTH_ISSUER: 'i',
      AUTH_AUDIENCE: 'a',
      WORKER_REF_SECRET: 'w'.repeat(40),
    };
    const plain = {
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
    };
    expect(() => loadAppConfig({ ...production, ...plain })).toThrow(
      /KAFKA_SASL_MECHANISM=plain needs KAFKA_SSL=true in production/,
    );
    expect(
      loadAppConfig({ ...production, ...plain, KAFKA_SSL: 'true' }).hrFeed
        .kafkaSecurity.ssl,
    ).toBe(true);
  });
});

describe('secrets from files and .env', () => {
  const dir = mkdtempSync(join(tmpdir(), 'app-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads NAME_FILE when NAME is not set, and names an unreadable file', () => {
    writeFileSync(
      join(dir, 'secret'),
      'a-production-secret-of-at-least-32-chars\n',
    );
    const config = loadAppConfig({
      HR_FEED_TRANSPORT: 'kafka',
      WORKER_REF_SECRET_FILE: join(dir, 'secret'),
    });
    expect(config.hrFeed.workerRefSecret).toBe(
      'a-production-secret-of-at-least-32-chars',
    );
    expect(() =>
      loadAppConfig({ WORKER_REF_SECRET_FILE: join(dir, 'missing') }),
    ).toThrow(
      /WORKER_REF_SECRET_FILE names .*missing, which cannot be read \(ENOENT\)/,
    );
  });

  it('takes AUDIT_SIGNING_KEY_FILE as the key file to use or create, not as a secret file that must exist', () => {
    const keyFile = join(dir, 'not-yet', 'audit-signing-key.pem');
    const config = loadAppConfig({ AUDIT_SIGNING_KEY_FILE: keyFile });
    expect(config.audit).toMatchObject({
      signingKeyFile: keyFile,
      signingKeyPem: undefined,
    });
  });

  it('loads .env without overriding the environment', () => {
    writeFileSync(
      join(dir, '.env'),
      '# comment\nPORT=4000\nLOG_LEVEL="debug"\nDATA_DIR=/from/dotenv # trailing\n',
    );
    const env: Record<string, string | undefined> = { PORT: '5000' };
    expect(loadDotEnv(join(dir, '.env'), env)).toEqual([
      'LOG_LEVEL',
      'DATA_DIR',
    ]);
    expect(env).toEqual({
      PORT: '5000',
      LOG_LEVEL: 'debug',
      DATA_DIR: '/from/dotenv',
    });
    expect(loadDotEnv(join(dir, 'none'), env)).toEqual([]);
  });
});
