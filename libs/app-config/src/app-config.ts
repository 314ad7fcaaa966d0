import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Configuration, read and validated once at boot from environment variables (docs/conventions.md §11).
 * Every variable is documented in .env.example and in the README's table.
 */
export interface AppConfig {
  port: number;
  dataDir: string;
  eventStore:
    | { kind: 'sqlite'; filename: string }
    | { kind: 'postgres'; connectionString: string; schema: string }
    | { kind: 'kurrentdb'; connectionString: string };
  readModels:
    | { kind: 'sqlite'; filename: string }
    | { kind: 'postgres'; connectionString: string; schema: string };
  hrFeed: {
    transport: 'http' | 'kafka';
    kafkaBrokers: string[];
    kafkaGroupId: string;
    /** TLS and SASL of every Kafka client (the consumer, the api's lag metrics), in kafkajs's shape. */
    kafkaSecurity: KafkaSecurity;
    /** Keyed pseudonym secret for worker ID numbers; undefined → generated under dataDir. */
    workerRefSecret?: string;
  };
  /**
   * Production: any store other than SQLite, or NODE_ENV=production. It refuses to start without an auth
   * configuration and a worker-ref secret kept outside DATA_DIR (docs/decisions/0220-access-control.md).
   */
  production: boolean;
  /** Bearer-token authentication (docs/decisions/0220-access-control.md). */
  auth: {
    /**
     * embedded: HS256 with a key generated into DATA_DIR (auth-signing.key) and an admin token written
     * to DATA_DIR/admin.token; hs256: a shared secret; jwks: RS256/ES256 keys from an OIDC provider.
     */
    mode: 'embedded' | 'hs256' | 'jwks';
    secret?: string;
    jwksUrl?: string;
    issuer: string;
    audience: string;
    /** Tolerated clock difference for exp/nbf/iat, in seconds. */
    clockSkewSeconds: number;
    /** The subject the Kafka HR feed consumer acts as (the actor of the events it appends). */
    hrFeedConsumerSubject: string;
  };
  /** HTTP hardening (docs/decisions/0221-http-hardening.md). */
  http: {
    /** Origins allowed to call the api from a browser; empty: same origin only. */
    corsOrigins: string[];
    /** Requests per minute per token subject (per address without a token). */
    rateLimitPerMinute: number;
    /**
     * The proxies whose X-Forwarded-For names the caller's address (Express's `trust proxy`): addresses,
     * subnets, or `loopback`, `linklocal`, `uniquelocal`; empty: the connection's address is the caller's.
     */
    trustedProxies: string[];
  };
  /** How often the deadline scheduler looks for overdue follow-ups (the due rule is reference data). */
  overdueScanIntervalMs: number;
  referenceDataFile?: string;
  /** Run the projector and the deadline scheduler inside this process (the embedded default). */
  runProjector: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** The built dashboard (apps/dashboard) that apps/api serves at `/` (docs/decisions/0211). */
  dashboardDir: string;
  /** Signed checkpoints of the hash chain (docs/audit/hash-chain.md §7). */
  audit: {
    /** Ed25519 private key, PKCS#8 PEM, from AUDIT_SIGNING_KEY. */
    signingKeyPem?: string;
    /** File holding that key; undefined → DATA_DIR/audit-signing-key.pem, generated on first use. */
    signingKeyFile?: string;
    /** Sign a checkpoint after this many events (0: never by count). */
    checkpointEveryEvents: number;
    /** …or after this many minutes with new events (0: never by time). */
    checkpointEveryMinutes: number;
  };
}

export type KafkaSaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** KAFKA_SSL / KAFKA_SSL_CA and KAFKA_SASL_*; nothing set: plaintext, as a broker on the same host. */
export interface KafkaSecurity {
  /** true: TLS with the system's CAs; { ca }: TLS trusting that CA (PEM). The broker's certificate is always verified. */
  ssl?: true | { ca: string[] };
  sasl?: {
    [M in KafkaSaslMechanism]: {
      mechanism: M;
      username: string;
      password: string;
    };
  }[KafkaSaslMechanism];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadAppConfig(
  env: Env = process.env,
  cwd = process.cwd(),
): AppConfig {
  const problems: string[] = [];
  const str = (name: string, fallback?: string): string | undefined => {
    let value = env[name]?.trim();
    // Docker/Kubernetes secrets: NAME_FILE names a file holding the value (NAME itself wins). Not for
    // AUDIT_SIGNING_KEY: AUDIT_SIGNING_KEY_FILE is a variable of its own, a key file generated on first
    // use when missing (read as a secret file, a fresh stack could not boot).
    const file =
      name === 'AUDIT_SIGNING_KEY' ? undefined : env[`${name}_FILE`]?.trim();
    if ((value === undefined || value === '') && file) {
      try {
        value = readFileSync(file, 'utf8').trim();
      } catch (error) {
        problems.push(
          `${name}_FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
    }
    return value === undefined || value === '' ? fallback : value;
  };
  const int = (
    name: string,
    fallback: number,
    min: number,
    max: number,
  ): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(
        `${name} must be an integer from ${min} to ${max}, got "${raw}"`,
      );
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(
    name: string,
    allowed: readonly T[],
    fallback: T,
  ): T => {
    const raw = str(name, fallback) as T;
    if (!allowed.includes(raw)) {
      problems.push(
        `${name} must be one of ${allowed.join(', ')}, got "${raw}"`,
      );
      return fallback;
    }
    return raw;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  };
  const required = (name: string, why: string): string => {
    const value = str(name);
    if (value === undefined) problems.push(`${name} is required ${why}`);
    return value ?? '';
  };

  const dataDirRaw = str('DATA_DIR', './data')!;
  const dataDir = isAbsolute(dataDirRaw)
    ? dataDirRaw
    : resolve(cwd, dataDirRaw);

  const dashboardDirRaw = str('DASHBOARD_DIR', './dist/dashboard')!;
  const dashboardDir = isAbsolute(dashboardDirRaw)
    ? dashboardDirRaw
    : resolve(cwd, dashboardDirRaw);

  const storeKind = oneOf(
    'EVENT_STORE',
    ['sqlite', 'postgres', 'kurrentdb'] as const,
    'sqlite',
  );
  const readKind = oneOf(
    'READ_MODEL_DB',
    ['sqlite', 'postgres'] as const,
    'sqlite',
  );
  const databaseUrl = str('DATABASE_URL');

  let eventStore: AppConfig['eventStore'];
  if (storeKind === 'postgres') {
    eventStore = {
      kind: 'postgres',
      connectionString:
        str('EVENT_STORE_DATABASE_URL', databaseUrl) ??
        required('DATABASE_URL', 'when EVENT_STORE=postgres'),
      schema: str('EVENT_STORE_SCHEMA', 'event_store')!,
    };
  } else if (storeKind === 'kurrentdb') {
    eventStore = {
      kind: 'kurrentdb',
      connectionString: required(
        'KURRENTDB_CONNECTION_STRING',
        'when EVENT_STORE=kurrentdb',
      ),
    };
  } else {
    eventStore = {
      kind: 'sqlite',
      filename: resolve(dataDir, 'events.sqlite'),
    };
  }

  const readModels: AppConfig['readModels'] =
    readKind === 'postgres'
      ? {
          kind: 'postgres',
          connectionString:
            databaseUrl ??
            required('DATABASE_URL', 'when READ_MODEL_DB=postgres'),
          schema: str('READ_MODEL_SCHEMA', 'public')!,
        }
      : { kind: 'sqlite', filename: resolve(dataDir, 'read-models.sqlite') };

  const transport = oneOf(
    'HR_FEED_TRANSPORT',
    ['http', 'kafka'] as const,
    'http',
  );
  const production =
    storeKind !== 'sqlite' ||
    readKind !== 'sqlite' ||
    env.NODE_ENV === 'production';
  const secret = str('WORKER_REF_SECRET');
  // A secrets file (e.g. /run/secrets/worker-ref) keeps the key out of the environment; it must also stay out of
  // the backups of DATA_DIR, or a leaked backup carries the key that brute-forces its pseudonyms.
  const secretFile = env.WORKER_REF_SECRET_FILE?.trim();
  if (!env.WORKER_REF_SECRET?.trim() && secretFile) {
    const inside = relative(dataDir, resolve(cwd, secretFile));
    if (!inside.startsWith('..') && !isAbsolute(inside)) {
      problems.push(
        `WORKER_REF_SECRET_FILE must lie outside DATA_DIR (${dataDir}): a backup of the data must not carry its key`,
      );
    }
  }
  if (production && secret === undefined) {
    problems.push(
      'WORKER_REF_SECRET or WORKER_REF_SECRET_FILE (outside DATA_DIR) is required in production (a store other than SQLite, or NODE_ENV=production)',
    );
  }
  if (secret !== undefined && secret.length < 32) {
    problems.push('WORKER_REF_SECRET must be at least 32 characters');
  }
  // Several processes must share one key, or one worker gets several pseudonyms.
  if (secret === undefined && !production && transport === 'kafka') {
    problems.push(
      'WORKER_REF_SECRET is required outside the embedded default (EVENT_STORE other than sqlite, or HR_FEED_TRANSPORT=kafka)',
    );
  }

  // Kafka TLS and SASL (issue 11 §4): a CA as PEM (KAFKA_SSL_CA, or KAFKA_SSL_CA_FILE naming it), the password
  // best as KAFKA_SASL_PASSWORD_FILE.
  const kafkaSecurity: KafkaSecurity = {};
  const kafkaCa = str('KAFKA_SSL_CA')?.replace(/\\n/g, '\n');
  if (bool('KAFKA_SSL', kafkaCa !== undefined))
    kafkaSecurity.ssl = kafkaCa !== undefined ? { ca: [kafkaCa] } : true;
  if (kafkaCa !== undefined && !kafkaCa.includes('-----BEGIN CERTIFICATE-----'))
    problems.push(
      'KAFKA_SSL_CA must be a PEM certificate (-----BEGIN CERTIFICATE-----)',
    );
  const saslMechanism = str('KAFKA_SASL_MECHANISM');
  const saslUsername = str('KAFKA_SASL_USERNAME');
  const saslPassword = str('KAFKA_SASL_PASSWORD');
  if (saslMechanism !== undefined) {
    const mechanism = oneOf<KafkaSaslMechanism>(
      'KAFKA_SASL_MECHANISM',
      ['plain', 'scram-sha-256', 'scram-sha-512'],
      'scram-sha-512',
    );
    if (saslUsername === undefined || saslPassword === undefined)
      problems.push(
        'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)',
      );
    // PLAIN sends the password as it is: only inside TLS.
    if (mechanism === 'plain' && kafkaSecurity.ssl === undefined && production)
      problems.push(
        'KAFKA_SASL_MECHANISM=plain needs KAFKA_SSL=true in production (it sends the password in clear)',
      );
    kafkaSecurity.sasl = {
      mechanism,
      username: saslUsername ?? '',
      password: saslPassword ?? '',
    };
  } else if (saslUsername !== undefined || saslPassword !== undefined) {
    problems.push(
      'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD need KAFKA_SASL_MECHANISM (plain, scram-sha-256 or scram-sha-512)',
    );
  }

  const jwtSecret = str('AUTH_JWT_SECRET');
  const jwksUrl = str('AUTH_JWKS_URL');
  if (jwtSecret !== undefined && jwksUrl !== undefined)
    problems.push('set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  if (jwtSecret !== undefined && jwtSecret.length < 32)
    problems.push('AUTH_JWT_SECRET must be at least 32 characters');
  if (jwksUrl !== undefined && !/^https?:\/\/\S+$/.test(jwksUrl))
    problems.push(`AUTH_JWKS_URL must be an http(s) URL, got "${jwksUrl}"`);
  const authMode: AppConfig['auth']['mode'] =
    jwtSecret !== undefined
      ? 'hs256'
      : jwksUrl !== undefined
        ? 'jwks'
        : 'embedded';
  if (production) {
    if (authMode === 'embedded')
      problems.push(
        'AUTH_JWT_SECRET or AUTH_JWKS_URL is required in production (a store other than SQLite, or NODE_ENV=production)',
      );
    if (str('AUTH_ISSUER') === undefined)
      problems.push('AUTH_ISSUER is required in production');
    if (str('AUTH_AUDIENCE') === undefined)
      problems.push('AUTH_AUDIENCE is required in production');
  }

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    dataDir,
    eventStore,
    readModels,
    hrFeed: {
      transport,
      kafkaBrokers: (str('KAFKA_BROKERS', '127.0.0.1:9092') ?? '')
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      kafkaGroupId: str('KAFKA_GROUP_ID', 'hr-feed-consumer')!,
      kafkaSecurity,
      workerRefSecret: secret,
    },
    production,
    auth: {
      mode: authMode,
      secret: jwtSecret,
      jwksUrl,
      issuer: str('AUTH_ISSUER', 'urn:whole-staff-safety:embedded')!,
      audience: str('AUTH_AUDIENCE', 'whole-staff-safety')!,
      clockSkewSeconds: int('AUTH_CLOCK_SKEW_SECONDS', 30, 0, 300),
      hrFeedConsumerSubject: str(
        'AUTH_HR_FEED_CONSUMER_SUBJECT',
        'hr-feed-consumer',
      )!,
    },
    http: {
      corsOrigins: (str('CORS_ORIGINS', '') ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
      trustedProxies: trustedProxies(str('TRUST_PROXY', ''), problems),
    },
    overdueScanIntervalMs: int(
      'OVERDUE_SCAN_INTERVAL_MS',
      60_000,
      1_000,
      86_400_000,
    ),
    referenceDataFile: str('REFERENCE_DATA_FILE'),
    runProjector: bool('RUN_PROJECTOR', true),
    logLevel: oneOf(
      'LOG_LEVEL',
      ['error', 'warn', 'log', 'debug'] as const,
      'log',
    ),
    dashboardDir,
    audit: {
      // An environment variable cannot always hold line breaks: "\n" stands for one.
      signingKeyPem: str('AUDIT_SIGNING_KEY')?.replace(/\\n/g, '\n'),
      signingKeyFile:
        str('AUDIT_SIGNING_KEY_FILE') === undefined
          ? undefined
          : resolve(cwd, str('AUDIT_SIGNING_KEY_FILE')!),
      checkpointEveryEvents: int(
        'AUDIT_CHECKPOINT_EVERY_EVENTS',
        1000,
        0,
        10_000_000,
      ),
      checkpointEveryMinutes: int(
        'AUDIT_CHECKPOINT_EVERY_MINUTES',
        10,
        0,
        10_080,
      ),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Nest injection token for the validated configuration. */
export const APP_CONFIG = Symbol('AppConfig');

/**
 * Reads KEY=VALUE lines of a .env file into the environment, when the file exists; a variable already
 * set in the environment wins. Comments (#) and blank lines are skipped; values may be quoted.
 */
export function loadDotEnv(
  path = resolve(process.cwd(), '.env'),
  env: Record<string, string | undefined> = process.env,
): string[] {
  if (!existsSync(path)) return [];
  const loaded: string[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match =
      /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    const [, key, raw] = match;
    const value = /^(['"])(.*)\1$/.exec(raw)?.[2] ?? raw.replace(/\s+#.*$/, '');
    if (env[key] === undefined) {
      env[key] = value;
      loaded.push(key);
    }
  }
  return loaded;
}

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: a comma-separated list of addresses, subnets (address/prefix) and Express's range names. */
function trustedProxies(raw: string | undefined, problems: string[]): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const wrong = entries.filter((entry) => {
    if (PROXY_RANGE_NAMES.includes(entry)) return false;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return true;
    if (prefix === undefined) return false;
    const bits = Number(prefix);
    return !/^[0-9]{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128);
  });
  if (wrong.length > 0) {
    problems.push(
      `TRUST_PROXY takes addresses, subnets (address/prefix) and ${PROXY_RANGE_NAMES.join(', ')}, got "${wrong.join('", "')}"`,
    );
    return [];
  }
  return entries;
}
