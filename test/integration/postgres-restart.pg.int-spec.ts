import { join } from 'node:path';
import pg from 'pg';
import { apiToken, buildApi, startApi } from '../support/api-process.js';
import {
  faultUscc,
  lostAndDoubled,
  outageAndStackLines,
  postRegistration,
  sleep,
  ThrowawayCluster,
} from '../support/fault-kit.js';

const CONNECTIONS = 4;

const uscc = (serial: number): string => faultUscc('PG', serial);

/**
 * PostgreSQL (event store and read models) restarted while the api appends to it, on a private
 * cluster so the shared server is never stopped (docs/decisions/0194-fault-tests.md): during the
 * outage clients get 503 problem details, never 500; readiness goes down and up; no acknowledged
 * command is lost or stored twice; the api logs the outage as a few lines, not a stack per request.
 */
describe('PostgreSQL restarted while the api appends', () => {
  const cluster = new ThrowawayCluster('pg-restart');

  beforeAll(async () => {
    buildApi();
    await cluster.init();
  }, 180_000);

  afterAll(() => cluster.destroy());

  it('answers 503 during the outage, recovers, and loses nothing acknowledged', async () => {
    const databaseUrl = cluster.url;
    const env = {
      EVENT_STORE: 'postgres',
      READ_MODEL_DB: 'postgres',
      DATABASE_URL: databaseUrl,
      WORKER_REF_SECRET: 'fault-test-secret-'.padEnd(40, 'x'),
      DATA_DIR: join(cluster.dir, 'data'),
    };
    const api = await startApi(env);
    const token = apiToken(env, 'officer-fault');
    const statuses = new Map<number, number>();
    const acknowledged = new Set<string>();
    const sent: string[] = [];
    const badBodies: string[] = [];
    const readiness: number[] = [];
    let serial = 0;
    let stop = false;

    const count = (status: number) =>
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const client = async () => {
      while (!stop) {
        const code = uscc(serial++);
        sent.push(code);
        try {
          const response = await postRegistration(api.url, token, {
            uscc: code,
            zoneId: 'zone-1',
          });
          count(response.status);
          const text = await response.text();
          if (response.ok) acknowledged.add(code);
          else if (
            response.status !== 503 ||
            !/"code":"STORE_UNAVAILABLE"/.test(text) ||
            !/problem\+json/.test(response.headers.get('content-type') ?? '')
          ) {
            badBodies.push(`${response.status} ${text.slice(0, 200)}`);
          }
          const read = await fetch(`${api.url}/api/v1/enterprises?pageSize=1`, {
            headers: { authorization: `Bearer ${token}` },
          });
          count(read.status);
          if (!read.ok && read.status !== 503)
            badBodies.push(
              `read ${read.status} ${(await read.text()).slice(0, 200)}`,
            );
        } catch (error) {
          badBodies.push(`transport: ${(error as Error).message}`);
        }
      }
    };
    const probe = async () => {
      while (!stop) {
        const status = (await fetch(`${api.url}/health/ready`)).status;
        if (readiness[readiness.length - 1] !== status) readiness.push(status);
        await sleep(100);
      }
    };
    const load = [...Array.from({ length: CONNECTIONS }, client), probe()];
    const waitFor = async (what: () => boolean, ms: number) => {
      const until = Date.now() + ms;
      while (!what() && Date.now() < until) await sleep(50);
      if (!what()) throw new Error('timed out');
    };

    await waitFor(() => acknowledged.size >= 40, 60_000);
    cluster.stop();
    await waitFor(
      () => (statuses.get(503) ?? 0) >= 20 && readiness.includes(503),
      30_000,
    );
    await sleep(3_000); // an outage of a few seconds, with the clients still sending
    const ackedBeforeRestart = acknowledged.size;
    cluster.start();
    await waitFor(
      () =>
        acknowledged.size >= ackedBeforeRestart + 40 &&
        readiness[readiness.length - 1] === 200,
      60_000,
    );
    stop = true;
    await Promise.all(load);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    let stored: Map<string, number>;
    try {
      const rows = await db.query<{ stream_name: string; n: string }>(
        `SELECT stream_name, count(*) AS n FROM event_store.events WHERE type = 'EnterpriseRegistered' GROUP BY stream_name`,
      );
      stored = new Map(
        rows.rows.map((r) => [
          r.stream_name.replace(/^enterprise-/, ''),
          Number(r.n),
        ]),
      );
    } finally {
      await db.end();
    }
    const { lost, doubled } = lostAndDoubled(acknowledged, stored);
    const { outageLines, stackLines } = outageAndStackLines(api.output());
    console.log(
      `PostgreSQL restart: sent ${sent.length}, acknowledged ${acknowledged.size}, stored ${stored.size}, lost ${lost.length}, doubled ${doubled}; ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}; readiness ${readiness.join(' → ')}; ` +
        `outage log lines ${outageLines.length}, stack traces ${stackLines.length}`,
    );
    expect(badBodies).toEqual([]);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect(readiness).toEqual(expect.arrayContaining([200, 503]));
    expect(readiness[readiness.length - 1]).toBe(200);
    expect(lost).toEqual([]);
    expect(doubled).toBe(0);
    expect(stackLines).toEqual([]);
    // One line when it starts and reminders at 5 s, 10 s, 20 s… per component, not one per request.
    expect(outageLines.length).toBeLessThanOrEqual(12);
  }, 300_000);
});
