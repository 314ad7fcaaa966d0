import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgTestDatabase } from '../../libs/event-store/src/postgres/pg-test-database.js';
import {
  apiToken,
  buildApi,
  startApi,
  type ApiProcess,
} from '../support/api-process.js';
import { faultUscc, postRegistration } from '../support/fault-kit.js';
import { rebuild } from '../support/read-model-rebuild.scenario.js';
import { createTestApp } from '../support/test-app.js';

const CONNECTIONS = 8;
/** Acknowledged commands before the kill: enough that several are in flight at that moment. */
const KILL_AFTER_ACKS = 120;

const uscc = (serial: number): string => faultUscc('KL', serial);

/**
 * The api killed with SIGKILL while clients send commands at full speed over several connections
 * (docs/decisions/0194-fault-tests.md): after a restart every command answered 2xx has its event in
 * the store, nothing is stored twice, the hash chain verifies and a rebuild equals the live read models.
 */
describe('api SIGKILL under concurrent commands (PostgreSQL event store and read models)', () => {
  const database = new PgTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'safety-sigkill-'));
  let env: Record<string, string>;

  beforeAll(async () => {
    buildApi();
    await database.create();
    env = {
      EVENT_STORE: 'postgres',
      READ_MODEL_DB: 'postgres',
      DATABASE_URL: database.url,
      WORKER_REF_SECRET: 'fault-test-secret-'.padEnd(40, 'x'),
      DATA_DIR: dataDir,
    };
  }, 180_000);

  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged command and stores none twice', async () => {
    let api: ApiProcess = await startApi(env);
    const token = apiToken(env, 'officer-fault');
    const sent: string[] = [];
    const acknowledged = new Set<string>();
    let serial = 0;
    let killed = false;

    const client = async () => {
      while (!killed) {
        const code = uscc(serial++);
        sent.push(code);
        try {
          const response = await postRegistration(api.url, token, {
            uscc: code,
            zoneId: `zone-${(serial % 4) + 1}`,
          });
          if (response.status >= 200 && response.status < 300)
            acknowledged.add(code);
          else if (!killed)
            throw new Error(
              `unexpected ${response.status}: ${await response.text()}`,
            );
        } catch (error) {
          if (!killed) throw error;
        }
        if (!killed && acknowledged.size >= KILL_AFTER_ACKS) {
          killed = true;
          api.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, client));
    expect(await api.exited).toBe('SIGKILL');

    // Restart on the same databases: it must come up, then stop cleanly on SIGTERM (exit 0).
    api = await startApi(env);
    const ready = await fetch(`${api.url}/health/ready`);
    expect(ready.status).toBe(200);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);

    const t = await createTestApp(env);
    try {
      const registrations = new Map<string, number>();
      let doubled = 0;
      for (const code of sent) {
        const events = await t.store.readStream(`enterprise-${code}`);
        const registered = events.filter(
          (e) => e.type === 'EnterpriseRegistered',
        ).length;
        if (registered > 0) registrations.set(code, registered);
        if (
          registered > 1 ||
          new Set(events.map((e) => e.eventId)).size !== events.length
        )
          doubled++;
      }
      const lost = [...acknowledged].filter((code) => !registrations.has(code));
      const chain = await t.store.verifyChain();
      const comparison = await rebuild(t, `rebuild_sigkill_${Date.now()}`);
      console.log(
        `api SIGKILL: sent ${sent.length}, acknowledged ${acknowledged.size}, stored ${registrations.size} ` +
          `(${registrations.size - acknowledged.size} stored but unanswered when killed), lost ${lost.length}, doubled ${doubled}; ` +
          `chain ${chain.ok ? 'verifies' : 'BROKEN'} over ${chain.checked} events; rebuild ${comparison.identical ? 'identical' : 'DIFFERENT'} at ${comparison.position}`,
      );
      expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
      expect(lost).toEqual([]);
      expect(doubled).toBe(0);
      expect(chain.ok).toBe(true);
      expect(comparison.differences).toEqual([]);
      expect(comparison.identical).toBe(true);
    } finally {
      await t.close();
    }
  }, 300_000);
});
