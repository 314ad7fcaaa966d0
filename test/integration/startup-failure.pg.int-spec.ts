import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApi, runApiToExit } from '../support/api-process.js';

const PG_URL = new URL(
  process.env.PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
);

/**
 * An operator who mistypes the database password or name gets one line saying so and exit code 1, at
 * once: not a stack dump, not a minute of retries (docs/decisions/0200-startup-failure-in-one-line.md).
 */
const dir = mkdtempSync(join(tmpdir(), 'safety-startup-failure-'));
beforeAll(() => buildApi(), 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the api started against a database that refuses it', () => {
  const cases = [
    {
      what: 'a wrong password',
      url: () =>
        Object.assign(new URL(PG_URL), { password: 'not-the-password' }),
      says: /password authentication failed/,
      code: '28P01',
    },
    {
      what: 'a database that does not exist',
      url: () =>
        Object.assign(new URL(PG_URL), {
          pathname: '/no_such_database_for_safety',
        }),
      says: /does not exist/,
      code: '3D000',
    },
  ];
  for (const { what, url, says, code } of cases) {
    for (const eventStore of ['postgres', 'sqlite']) {
      it(`exits 1 with one line on ${what} (events in ${eventStore}, read models in PostgreSQL)`, async () => {
        const result = await runApiToExit({
          EVENT_STORE: eventStore,
          READ_MODEL_DB: 'postgres',
          DATABASE_URL: url().toString(),
          WORKER_REF_SECRET: 'startup-failure-test-secret-'.padEnd(40, 'x'),
          DATA_DIR: join(dir, `${code}-${eventStore}`),
        });
        const lines = result.output
          .split('\n')
          .filter((line) => line.trim() !== '');
        console.log(
          `[startup-failure] ${what}, events in ${eventStore}: exit ${result.code}, ${lines.length} line(s): ${lines.join(' | ')}`,
        );
        expect(result.code).toBe(1);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^api failed to start: /);
        expect(lines[0]).toMatch(says);
        expect(lines[0]).toContain(`[${code}]`);
        expect(lines[0]).not.toContain('not-the-password');
      });
    }
  }
});

/**
 * Production mode (NODE_ENV=production, or any store other than SQLite) does not start without an auth
 * configuration, nor with the worker-ref key inside DATA_DIR (docs/decisions/0220-access-control.md): exit 2,
 * every missing piece named.
 */
describe('the api started in production mode without its secrets', () => {
  const NO_AUTH = {
    AUTH_JWT_SECRET: '',
    AUTH_ISSUER: '',
    AUTH_AUDIENCE: '',
    WORKER_REF_SECRET: '',
  };

  it('exits 2 naming the auth configuration and the worker-ref secret', async () => {
    const result = await runApiToExit({
      ...NO_AUTH,
      NODE_ENV: 'production',
      DATA_DIR: join(dir, 'production'),
    });
    console.log(
      `[startup-failure] production without secrets: exit ${result.code}: ${result.output.trim().replace(/\n/g, ' | ')}`,
    );
    expect(result.code).toBe(2);
    expect(result.output).toMatch(
      /AUTH_JWT_SECRET or AUTH_JWKS_URL is required in production/,
    );
    expect(result.output).toMatch(/AUTH_ISSUER is required in production/);
    expect(result.output).toMatch(/AUTH_AUDIENCE is required in production/);
    expect(result.output).toMatch(
      /WORKER_REF_SECRET or WORKER_REF_SECRET_FILE \(outside DATA_DIR\) is required in production/,
    );
    expect(result.output).not.toContain('listening on');
  });

  it('exits 2 when the worker-ref secret file lies inside DATA_DIR', async () => {
    const dataDir = join(dir, 'inside');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'worker-ref'), 'k'.repeat(40));
    const result = await runApiToExit({
      WORKER_REF_SECRET: '',
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      WORKER_REF_SECRET_FILE: join(dataDir, 'worker-ref'),
    });
    console.log(
      `[startup-failure] worker-ref file inside DATA_DIR: exit ${result.code}: ${result.output.trim().replace(/\n/g, ' | ')}`,
    );
    expect(result.code).toBe(2);
    expect(result.output).toMatch(
      /WORKER_REF_SECRET_FILE must lie outside DATA_DIR/,
    );
  });
});
