import { join } from 'node:path';
import { createEventStore } from '@app/event-store';
import { SystemClock } from '@app/shared-kernel';
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

/**
 * The read-model database unreachable while the event store (SQLite here) is fine
 * (docs/decisions/0202-read-model-outage.md). The read models live on a private PostgreSQL cluster that
 * the test stops and starts (infra/postgres/throwaway-cluster.sh), never the shared server. During the
 * outage commands without an Idempotency-Key are still accepted (the log is the source of truth),
 * keyed commands and reads answer 503 problem details, readiness goes down; afterwards the projectors
 * catch up and every acknowledged command is visible through the API, none stored twice.
 */
describe('read-model database unreachable while the event store is up', () => {
  const cluster = new ThrowawayCluster('read-model-outage');

  beforeAll(async () => {
    buildApi();
    await cluster.init();
  }, 180_000);

  afterAll(() => cluster.destroy());

  it('accepts commands, answers reads 503, and catches up once the database is back', async () => {
    const dataDir = join(cluster.dir, 'data');
    const env = {
      EVENT_STORE: 'sqlite',
      READ_MODEL_DB: 'postgres',
      DATABASE_URL: cluster.url,
      WORKER_REF_SECRET: 'read-model-outage-secret-'.padEnd(40, 'x'),
      DATA_DIR: dataDir,
    };
    const api = await startApi(env);
    const token = apiToken(env, 'officer-fault');
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    };
    const statuses: Record<string, Record<number, number>> = {
      command: {},
      keyed: {},
      read: {},
    };
    const acknowledged = new Set<string>();
    const ackedDuringOutage = new Set<string>();
    const badBodies: string[] = [];
    const readiness: number[] = [];
    let serial = 0;
    let stop = false;
    let down = false;

    const count = (kind: string, status: number) =>
      (statuses[kind][status] = (statuses[kind][status] ?? 0) + 1);
    const checkProblem = async (kind: string, response: Response) => {
      const text = await response.text();
      if (response.ok) return;
      const problem =
        response.status === 503 &&
        /"code":"STORE_UNAVAILABLE"/.test(text) &&
        /problem\+json/.test(response.headers.get('content-type') ?? '');
      if (!problem)
        badBodies.push(`${kind} ${response.status} ${text.slice(0, 200)}`);
    };
    const client = async (keyed: boolean) => {
      while (!stop) {
        const code = faultUscc(keyed ? 'RK' : 'RM', serial++);
        const kind = keyed ? 'keyed' : 'command';
        try {
          const response = await postRegistration(
            api.url,
            token,
            { uscc: code, zoneId: 'zone-1' },
            { idempotent: keyed },
          );
          count(kind, response.status);
          if (response.ok) {
            acknowledged.add(code);
            if (down) ackedDuringOutage.add(code);
          }
          await checkProblem(kind, response);
          const read = await fetch(`${api.url}/api/v1/enterprises?pageSize=1`, {
            headers,
          });
          count('read', read.status);
          await checkProblem('read', read);
        } catch (error) {
          badBodies.push(`transport: ${(error as Error).message}`);
        }
        await sleep(20);
      }
    };
    const probe = async () => {
      while (!stop) {
        const status = (await fetch(`${api.url}/health/ready`)).status;
        if (readiness[readiness.length - 1] !== status) readiness.push(status);
        await sleep(100);
      }
    };
    const waitFor = async (what: () => boolean, ms: number, label: string) => {
      const until = Date.now() + ms;
      while (!what() && Date.now() < until) await sleep(50);
      if (!what())
        throw new Error(
          `timed out waiting for ${label}: ${JSON.stringify({ statuses, readiness, acknowledged: acknowledged.size })}\n${api.output().slice(-2000)}`,
        );
    };
    const load = [
      ...Array.from({ length: CONNECTIONS - 1 }, () => client(false)),
      client(true),
      probe(),
    ];

    await waitFor(
      () => acknowledged.size >= 30,
      60_000,
      '30 acknowledged commands',
    );
    const t0 = Date.now();
    cluster.stop();
    down = true;
    await waitFor(
      () =>
        (statuses.read[503] ?? 0) >= 10 &&
        readiness.includes(503) &&
        ackedDuringOutage.size >= 20,
      60_000,
      'the outage',
    );
    await sleep(3_000); // a few more seconds of outage with the clients still sending
    cluster.start();
    down = false;
    const outageMs = Date.now() - t0;
    await waitFor(
      () =>
        readiness[readiness.length - 1] === 200 &&
        (statuses.read[200] ?? 0) > 0,
      60_000,
      'readiness back',
    );
    stop = true;
    await Promise.all(load);

    // The projectors catch up: every acknowledged registration is readable, by its own URL.
    const tCatchUp = Date.now();
    const missing = async () => {
      const gone: string[] = [];
      for (const code of acknowledged) {
        const response = await fetch(`${api.url}/api/v1/enterprises/${code}`, {
          headers,
        });
        if (response.status !== 200) gone.push(`${code}:${response.status}`);
      }
      return gone;
    };
    let notProjected = await missing();
    while (notProjected.length > 0 && Date.now() - tCatchUp < 60_000) {
      await sleep(500);
      notProjected = await missing();
    }
    const catchUpMs = Date.now() - tCatchUp;
    const ready = (await (await fetch(`${api.url}/health/ready`)).json()) as {
      checks: { projector: { lag: number } };
    };
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);

    const store = await createEventStore(
      { kind: 'sqlite', filename: join(dataDir, 'events.sqlite') },
      new SystemClock(),
    );
    let stored: Map<string, number>;
    try {
      stored = new Map();
      for (const e of await store.readAll()) {
        if (e.type !== 'EnterpriseRegistered') continue;
        const code = e.streamName.replace(/^enterprise-/, '');
        stored.set(code, (stored.get(code) ?? 0) + 1);
      }
      expect((await store.verifyChain()).ok).toBe(true);
    } finally {
      await store.close();
    }
    const { lost, doubled } = lostAndDoubled(acknowledged, stored);
    const { outageLines, stackLines } = outageAndStackLines(api.output());
    console.log(
      `Read-model outage: sent ${serial}, acknowledged ${acknowledged.size} (${ackedDuringOutage.size} during the ${outageMs} ms outage), ` +
        `stored ${stored.size}, lost ${lost.length}, doubled ${doubled}, not projected ${notProjected.length} (caught up ${catchUpMs} ms after the clients stopped, lag ${ready.checks.projector.lag}); ` +
        `statuses ${JSON.stringify(statuses)}; readiness ${readiness.join(' → ')}; outage log lines ${outageLines.length}, stack traces ${stackLines.length}`,
    );
    const errors = api
      .output()
      .split('\n')
      .filter((line) => /"level":"error"/.test(line));
    if (errors.length > 0)
      console.log(
        `api errors:\n${errors.slice(0, 3).join('\n').slice(0, 4000)}`,
      );
    expect(badBodies).toEqual([]);
    expect(ackedDuringOutage.size).toBeGreaterThan(0); // commands kept succeeding
    expect(statuses.read[503]).toBeGreaterThan(0); // reads said "try again", never 500
    expect(statuses.read[500] ?? 0).toBe(0);
    expect(statuses.command[500] ?? 0).toBe(0);
    expect(statuses.keyed[500] ?? 0).toBe(0);
    expect(readiness).toEqual(expect.arrayContaining([200, 503]));
    expect(readiness[readiness.length - 1]).toBe(200);
    expect(lost).toEqual([]);
    expect(doubled).toBe(0);
    expect(notProjected).toEqual([]);
    expect(ready.checks.projector.lag).toBe(0);
    expect(stackLines).toEqual([]);
  }, 300_000);
});
