import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type { Request, Response } from 'express';
import {
  ADMIN_TOKEN_FILE,
  mintLocalToken,
  principalOf,
  type Role,
} from '@app/access';
import { commandIdOf } from '@app/api-conventions';
import { loadAppConfig, type AppConfig } from '@app/app-config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';

/**
 * Periodic checkpoints append events on a timer, which would make a test's log depend on how fast the
 * machine is; tests sign checkpoints explicitly (POST /audit/checkpoints) or pass these variables.
 */
const NO_PERIODIC_CHECKPOINTS = {
  AUDIT_CHECKPOINT_EVERY_EVENTS: '0',
  AUDIT_CHECKPOINT_EVERY_MINUTES: '0',
};

export interface TokenOptions {
  role?: Role;
  zones?: string[];
  /** The token subject: the actor of the events the request appends. */
  sub?: string;
  ttl?: string;
}

/** supertest bound to the app, every request carrying one bearer token (docs/decisions/0220-access-control.md). */
export interface AuthorisedClient {
  get(path: string): request.Test;
  post(path: string): request.Test;
  patch(path: string): request.Test;
  put(path: string): request.Test;
  delete(path: string): request.Test;
  head(path: string): request.Test;
  options(path: string): request.Test;
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  store: EventStore;
  clock: FixedClock;
  config: AppConfig;
  /** Requests as the embedded admin (the token the api wrote to DATA_DIR/admin.token, subject `local-admin`). */
  api: AuthorisedClient;
  adminToken: string;
  /** A token of the service's key for another role, zones or subject (default: admin, subject `test-admin`). */
  tokenFor(options?: TokenOptions): string;
  /** Requests carrying a token minted by tokenFor(options). */
  as(options?: TokenOptions): AuthorisedClient;
  /**
   * Issue 11: every event a request appended carries that request's token subject as its actor. close()
   * runs this and fails the suite on a mismatch, so every e2e test checks it for the events it caused.
   */
  checkActors(): Promise<{
    checked: number;
    mismatches: string[];
    others: Map<string, number>;
  }>;
  close(): Promise<void>;
}

/** Test requests are not rate-limited unless a test sets RATE_LIMIT_PER_MINUTE itself (test/e2e/hardening). */
const TEST_RATE_LIMIT = '1000000';

/** Production mode (a store other than SQLite) needs an auth configuration: tests share this HS256 one. */
export const TEST_PRODUCTION_AUTH = {
  AUTH_JWT_SECRET: 'test-secret-'.padEnd(48, 'x'),
  AUTH_ISSUER: 'test-issuer',
  AUTH_AUDIENCE: 'test-audience',
  RATE_LIMIT_PER_MINUTE: TEST_RATE_LIMIT,
};

/**
 * The api exactly as main.ts configures it, on the embedded default in a fresh temporary DATA_DIR,
 * with a clock that stands still until the test moves it. Outside the embedded default (a PostgreSQL
 * store) it gets a shared HS256 secret, as production needs an auth configuration.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  start = '2026-03-02T01:00:00.000Z',
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'safety-e2e-'));
  const production = [env.EVENT_STORE, env.READ_MODEL_DB].some(
    (kind) => kind !== undefined && kind !== 'sqlite',
  );
  const auth = production ? TEST_PRODUCTION_AUTH : {};
  const config = loadAppConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    ...NO_PERIODIC_CHECKPOINTS,
    RATE_LIMIT_PER_MINUTE: TEST_RATE_LIMIT,
    ...auth,
    ...env,
  });
  const clock = new FixedClock(start);
  const app = await NestFactory.create(ApiModule.forRoot({ config, clock }), {
    bodyParser: false,
    logger: ['error'],
  });
  // The causation id of a command is its request's id: remember whose token each request carried.
  const subjectOfRequest = new Map<string, string>();
  app.use((req: Request, res: Response, next: () => void) => {
    res.on('finish', () => {
      const principal = principalOf(req);
      if (principal !== undefined)
        subjectOfRequest.set(commandIdOf(req), principal.sub);
    });
    next();
  });
  configureApp(app);
  await app.init();
  const http = app.getHttpServer();
  const store = app.get<EventStore>(EVENT_STORE);
  // With AUTH_JWKS_URL the tokens come from the identity provider: the test signs its own.
  const adminToken =
    config.auth.mode === 'embedded'
      ? readFileSync(join(config.dataDir, ADMIN_TOKEN_FILE), 'utf8').trim()
      : config.auth.mode === 'jwks'
        ? ''
        : mintLocalToken(config, { sub: 'local-admin', role: 'admin' });
  const tokenFor = (options: TokenOptions = {}) =>
    mintLocalToken(config, {
      sub: options.sub ?? 'test-admin',
      role: options.role ?? 'admin',
      zones: options.zones,
      ttl: options.ttl,
    });
  return {
    app,
    http,
    store,
    clock,
    config,
    api: authorisedClient(http, adminToken),
    adminToken,
    tokenFor,
    as: (options) => authorisedClient(http, tokenFor(options)),
    checkActors,
    close: async () => {
      const { checked, mismatches, others } = await checkActors();
      if (checked > 0) {
        console.log(
          `[actors] ${checked} events appended by requests: ${checked - mismatches.length} carry the subject of the token that sent them, ${mismatches.length} do not; ` +
            `${[...others.values()].reduce((a, b) => a + b, 0)} appended by no request (${[...others.keys()].join(', ') || 'none'})`,
        );
      }
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (mismatches.length > 0)
        throw new Error(
          `events whose actor is not their request's token subject:\n${mismatches.slice(0, 20).join('\n')}`,
        );
    },
  };

  async function checkActors(): Promise<{
    checked: number;
    mismatches: string[];
    others: Map<string, number>;
  }> {
    const mismatches: string[] = [];
    const others = new Map<string, number>();
    let checked = 0;
    for (const event of await store.readAll()) {
      const subject = subjectOfRequest.get(String(event.metadata.causationId));
      if (subject === undefined) {
        // Process managers, the deadline scheduler, checkpoints, a test's own setup: counted by actor.
        others.set(
          String(event.metadata.actor),
          (others.get(String(event.metadata.actor)) ?? 0) + 1,
        );
        continue;
      }
      checked++;
      if (event.metadata.actor !== subject)
        mismatches.push(
          `${event.globalPosition} ${event.type}: actor ${event.metadata.actor}, token subject ${subject}`,
        );
    }
    return { checked, mismatches, others };
  }
}

/** Every request of this client carries `Authorization: Bearer <token>`. */
export function authorisedClient(
  http: TestApp['http'],
  token: string,
): AuthorisedClient {
  const client = request(http);
  const bearer = `Bearer ${token}`;
  return {
    get: (path) => client.get(path).set('Authorization', bearer),
    post: (path) => client.post(path).set('Authorization', bearer),
    patch: (path) => client.patch(path).set('Authorization', bearer),
    put: (path) => client.put(path).set('Authorization', bearer),
    delete: (path) => client.delete(path).set('Authorization', bearer),
    head: (path) => client.head(path).set('Authorization', bearer),
    options: (path) => client.options(path).set('Authorization', bearer),
  };
}

/**
 * `post` and `get` under /api/v1 as one actor: an admin token whose subject is `actor` (pass a role and
 * zones to act as someone narrower).
 */
export function apiAs(
  t: TestApp,
  actor: string,
  options: Omit<TokenOptions, 'sub'> = {},
) {
  const token = t.tokenFor({ ...options, sub: actor });
  return {
    post: (path: string, body: unknown) =>
      request(t.http)
        .post(`/api/v1${path}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object),
    get: (path: string) =>
      request(t.http)
        .get(`/api/v1${path}`)
        .set('Authorization', `Bearer ${token}`),
  };
}
