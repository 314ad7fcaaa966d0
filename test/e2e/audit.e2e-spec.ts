import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { enterpriseRegistration, ZONE_2_USCC } from '@app/enterprises/testing';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { PYTHON_VERIFIER } from '../support/audit-tamper.scenario.js';

const USCC = ZONE_2_USCC;

describe('the audit API (embedded default)', () => {
  let t: TestApp;
  const api = () => ({
    get: (path: string) => t.api.get(`/api/v1${path}`),
    post: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      t
        .as({ sub: 'officer-zone-2' })
        .post(`/api/v1${path}`)
        .set(headers)
        .send(body as object),
  });

  beforeEach(async () => {
    t = await createTestApp();
  });

  afterEach(async () => {
    await t.close();
  });

  async function someHistory(): Promise<void> {
    await api()
      .post('/enterprises', enterpriseRegistration(), {
        'x-correlation-id': 'corr-registration',
        'x-request-id': 'req-1',
      })
      .expect(201);
    t.clock.set('2026-03-05T01:00:00.000Z');
    await api()
      .post(
        `/enterprises/${USCC}/enrolment`,
        { cohort: 'pilot', effectiveAt: '2026-03-01T00:00:00Z' },
        { 'x-correlation-id': 'corr-enrol' },
      )
      .expect(201);
    t.clock.set('2026-03-09T01:00:00.000Z');
    await api()
      .post(`/enterprises/${USCC}/trainings`, {
        audience: 'employee',
        attendees: 40,
        hours: 1.5,
        bookletsDistributed: 40,
      })
      .expect(201);
  }

  it('refuses to verify an empty store instead of answering ok with nothing checked', async () => {
    const response = await api().get('/audit/verify').expect(409);
    expect(response.body).toMatchObject({
      code: 'AUDIT_LOG_EMPTY',
      status: 409,
    });
    expect(response.body.detail).toMatch(
      /holds no events: there is nothing to verify/,
    );
  });

  it("carries each request's correlation and causation ids into its events, and filters the log by them", async () => {
    await someHistory();
    expect((await api().get('/audit/verify').expect(200)).body).toEqual({
      ok: true,
      checked: 3,
    });

    const byCorrelation = await api()
      .get('/audit/events?correlationId=corr-registration')
      .expect(200);
    expect(byCorrelation.body.items).toHaveLength(1);
    expect(byCorrelation.body.items[0]).toMatchObject({
      type: 'EnterpriseRegistered',
      metadata: {
        actor: 'officer-zone-2',
        correlationId: 'corr-registration',
        causationId: 'req-1',
        recordedAt: '2026-03-02T01:00:00.000Z',
      },
      streamName: `enterprise-${USCC}`,
      globalPosition: '1',
    });
    expect(byCorrelation.body.nextAfter).toBeNull();

    // Without X-Request-Id the command still gets its own causation id, echoed to the caller.
    const training = await api()
      .post(`/enterprises/${USCC}/trainings`, {
        audience: 'manager',
        attendees: 5,
        hours: 2,
        bookletsDistributed: 5,
      })
      .expect(201);
    expect(training.headers['x-request-id']).toMatch(/^request-/);
    const [event] = (
      await api()
        .get(
          `/audit/events?correlationId=${training.headers['x-correlation-id']}`,
        )
        .expect(200)
    ).body.items;
    expect(event.globalPosition).toBe(String(training.body.globalPosition));
    expect(event.metadata.causationId).toBe(training.headers['x-request-id']);
    expect(event.metadata.correlationId).toBe(
      training.headers['x-correlation-id'],
    );

    const enrolment = (
      await api()
        .get(
          '/audit/events?type=ResponsibilityProgramEnrolled,EnterpriseRegistered&recordedFrom=2026-03-04T00:00:00Z',
        )
        .expect(200)
    ).body.items;
    expect(enrolment.map((e: { type: string }) => e.type)).toEqual([
      'ResponsibilityProgramEnrolled',
    ]);
    expect(enrolment[0].metadata).toMatchObject({
      effectiveAt: '2026-03-01T00:00:00.000Z',
      recordedAt: '2026-03-05T01:00:00.000Z',
      correlationId: 'corr-enrol',
    });

    const page = await api().get('/audit/events?limit=2').expect(200);
    expect(
      page.body.items.map((e: { globalPosition: string }) => e.globalPosition),
    ).toEqual(['1', '2']);
    const next = await api()
      .get(`/audit/events?limit=2&after=${page.body.nextAfter}`)
      .expect(200);
    expect(
      next.body.items.map((e: { globalPosition: string }) => e.globalPosition),
    ).toEqual(['3', '4']);

    expect(
      (await api().get('/audit/events?actor=nobody').expect(200)).body.items,
    ).toEqual([]);
    expect(
      (
        await api()
          .get(
            `/audit/events?stream=enterprise-${USCC}&recordedTo=2026-03-02T23:59:59Z`,
          )
          .expect(200)
      ).body.items,
    ).toHaveLength(1);

    // The enterprise's history view shows who, when recorded and when effective, with the same ids.
    const history = (
      await api().get(`/enterprises/${USCC}/history`).expect(200)
    ).body.events;
    expect(history[1]).toMatchObject({
      type: 'ResponsibilityProgramEnrolled',
      actor: 'officer-zone-2',
      recordedAt: '2026-03-05T01:00:00.000Z',
      effectiveAt: '2026-03-01T00:00:00.000Z',
      correlationId: 'corr-enrol',
      causationId: expect.stringMatching(/^request-/),
    });

    const stream = await api()
      .get(`/audit/streams/enterprise-${USCC}`)
      .expect(200);
    expect(
      stream.body.events.map(
        (e: { streamPosition: string }) => e.streamPosition,
      ),
    ).toEqual(['0', '1', '2', '3']);
    expect(stream.body.events[0]).toHaveProperty('hash');
  });

  it('answers bad audit queries with problem details', async () => {
    expect(
      (await api().get('/audit/events?limit=0').expect(400)).body.code,
    ).toBeDefined();
    expect(
      (await api().get('/audit/events?recordedFrom=yesterday').expect(400)).body
        .status,
    ).toBe(400);
    // Positions are opaque: there is no inclusive fromPosition to compute a checkpoint from (docs/decisions/0105).
    expect(
      (await api().get('/audit/events?fromPosition=2').expect(400)).body.errors,
    ).toEqual([expect.objectContaining({ path: '/fromPosition' })]);
    expect(
      (await api().get('/audit/streams/no-such-stream').expect(404)).body.code,
    ).toBe('STREAM_NOT_FOUND');
  });

  it('exports the log with a signed checkpoint that the standalone verifier checks against the published key', async () => {
    await someHistory();
    const checkpoint = (await api().post('/audit/checkpoints', {}).expect(201))
      .body;
    expect(checkpoint).toMatchObject({
      position: '3',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await api()
      .post(`/enterprises/${USCC}/trainings`, {
        audience: 'manager',
        attendees: 5,
        hours: 2,
        bookletsDistributed: 5,
      })
      .expect(201);

    const checkpoints = (await api().get('/audit/checkpoints').expect(200))
      .body;
    expect(checkpoints.items).toEqual([
      { ...checkpoint, recordedAtPosition: '4' },
    ]);
    const publicKey = (await api().get('/audit/public-key').expect(200)).body;
    expect(publicKey).toMatchObject({
      algorithm: 'Ed25519',
      keyId: checkpoint.keyId,
    });

    const exported = await api()
      .get('/audit/export')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect(exported.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = (exported.body as string).trimEnd().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({
      format: 'wss-audit-export',
      scope: 'log',
      lastPosition: '5',
      eventCount: 5,
      latestCheckpoint: { position: '3' },
    });
    expect(lines).toHaveLength(6);

    const files = {
      export: join(t.config.dataDir, 'export.ndjson'),
      checkpoints: join(t.config.dataDir, 'checkpoints.json'),
      key: join(t.config.dataDir, 'key.json'),
    };
    writeFileSync(files.export, exported.body as string);
    writeFileSync(files.checkpoints, JSON.stringify(checkpoints));
    writeFileSync(files.key, JSON.stringify(publicKey));
    const run = spawnSync(
      'python3',
      [
        PYTHON_VERIFIER,
        files.export,
        '--checkpoints',
        files.checkpoints,
        '--public-key',
        files.key,
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      checked: 5,
      lastPosition: '5',
      checkpointsMatched: 2,
    });
    expect(run.status).toBe(0);
  });

  it('replays the read models into fresh tables and finds them identical to the live ones', async () => {
    await someHistory();
    const replay = await api().post('/audit/replays', {}).expect(200);
    expect(replay.body).toMatchObject({ identical: true, differences: [] });
    expect(replay.body.tables.length).toBeGreaterThan(0);
  });
});
