import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { parsePublicKey, verifyExport } from '@app/audit';
import { IngestFeedBatchService } from '@app/hr-feed';
import type { StoredEvent } from '@app/event-store';
import {
  loadDemoCounty,
  type DemoLoadResult,
} from '../../apps/cli/src/demo/load-demo-county.js';
import { modelCountFor } from '../../apps/cli/src/demo/demo-plan.js';
import { getCaughtUp } from '../support/caught-up.js';
import { PYTHON_VERIFIER } from '../support/audit-tamper.scenario.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dataDirWithKeysOf } from '../support/key-table.js';

const SEED = 20230901;
const ENTERPRISES = 60;

/** What an auditor compares between two logs: every envelope field, position and hash. */
const envelope = (e: StoredEvent) => ({
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
  streamName: e.streamName,
  streamPosition: e.streamPosition,
  globalPosition: e.globalPosition,
  hash: e.hash,
});

describe('the demo county, loaded through the CommandBus (60 enterprises)', () => {
  const apps: TestApp[] = [];
  const loads: DemoLoadResult[] = [];
  let sharedKeys: string | undefined;

  beforeAll(async () => {
    for (let k = 0; k < 2; k++) {
      // No projector: the recurrence detector (a process manager) would append to the log while it loads.
      // The second service gets the first one's key table: the same keys seal the same bytes.
      if (k === 1) sharedKeys = dataDirWithKeysOf(apps[0]);
      const t = await createTestApp({
        WORKER_REF_SECRET: 'demo-county-test-secret-of-32-chars!',
        RUN_PROJECTOR: 'false',
        ...(sharedKeys ? { DATA_DIR: sharedKeys } : {}),
      });
      apps.push(t);
      loads.push(
        await loadDemoCounty(
          t.app.get(CommandBus),
          t.app.get(IngestFeedBatchService),
          t.clock,
          { seed: SEED, enterprises: ENTERPRISES },
        ),
      );
    }
  }, 600_000);

  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()));
    if (sharedKeys) rmSync(sharedKeys, { recursive: true, force: true });
  });

  it('gives the same event log for the same seed in two fresh services', async () => {
    const [first, second] = await Promise.all(
      apps.map(async (t) => (await t.store.readAll()).map(envelope)),
    );
    expect(first.length).toBeGreaterThan(loads[0].commands);
    expect(second).toEqual(first);
    expect((await apps[0].store.verifyChain()).ok).toBe(true);
  });

  it('records the county the plan describes, at the instants it happened', async () => {
    const log = await apps[0].store.readAll();
    const ofType = (type: string) => log.filter((e) => e.type === type);
    expect(ofType('EnterpriseRegistered')).toHaveLength(ENTERPRISES);
    const pilots = ofType('ResponsibilityProgramEnrolled').filter(
      (e) => e.data.cohort === 'pilot',
    );
    expect(pilots).toHaveLength(17);
    expect(
      pilots.every((e) => e.metadata.effectiveAt.startsWith('2023-09')),
    ).toBe(true);
    expect(ofType('ModelEnterpriseDesignated')).toHaveLength(
      modelCountFor(ENTERPRISES),
    );
    for (const type of [
      'GuidanceVisitRecorded',
      'PostResponsibilityListsPublished',
      'ResponsibilitySystemComponentEstablished',
      'TrainingSessionRecorded',
      'PostSafetyPerformanceAssessed',
      'HeadcountReported',
    ]) {
      expect({ type, some: ofType(type).length > 0 }).toEqual({
        type,
        some: true,
      });
    }
    for (const type of [
      'AccidentReported',
      'InjuryDeclarationReceived',
      'InjuryDeclarationCorrected',
      'InjuryDeclarationWithdrawn',
      'FeedManifestReceived',
      'FeedRecordQuarantined',
      'FollowUpVisitCompleted',
      'RectificationOrdered',
      'RectificationVerified',
      'InjuryCaseClosed',
    ]) {
      expect({ type, some: ofType(type).length > 0 }).toEqual({
        type,
        some: true,
      });
    }
    const first = log.find((e) => e.type === 'EnterpriseRegistered')!;
    const step = loads[0].plan.steps[0];
    expect(first.metadata).toMatchObject({
      effectiveAt: step.effectiveAt,
      recordedAt: step.recordedAt,
      correlationId: step.correlationId,
    });
  });

  it('lists only the zone-2 enterprises for ?zoneId=zone-2 once the projector caught up', async () => {
    const t = await createTestApp({
      WORKER_REF_SECRET: 'demo-county-test-secret-of-32-chars!',
    });
    apps.push(t);
    await loadDemoCounty(
      t.app.get(CommandBus),
      t.app.get(IngestFeedBatchService),
      t.clock,
      {
        seed: SEED,
        enterprises: ENTERPRISES,
        enterpriseSteps: (step) => step.kind === 'register',
      },
    );
    const response = await getCaughtUp(
      t,
      '/enterprises?zoneId=zone-2&pageSize=200',
    );
    expect(response.status).toBe(200);
    const expected = loads[0].plan.enterprises
      .filter((e) => e.zoneId === 'zone-2')
      .map((e) => e.uscc)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(response.body.total).toBe(expected.length);
    expect(
      response.body.items.map((e: { uscc: string }) => e.uscc).sort(),
    ).toEqual(expected);
    expect(
      response.body.items.every(
        (e: { zoneId: string }) => e.zoneId === 'zone-2',
      ),
    ).toBe(true);
  }, 300_000);

  it('exports through the API with a signed checkpoint that both verifiers accept', async () => {
    const t = apps[0];
    const checkpoint = (
      await t.api.post('/api/v1/audit/checkpoints').send({}).expect(201)
    ).body;
    const exported = await t.api
      .get('/api/v1/audit/export')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    const files = {
      export: join(t.config.dataDir, 'demo-export.ndjson'),
      checkpoints: join(t.config.dataDir, 'checkpoints.json'),
      key: join(t.config.dataDir, 'key.json'),
    };
    writeFileSync(files.export, exported.body as string);
    writeFileSync(
      files.checkpoints,
      JSON.stringify(
        (await t.api.get('/api/v1/audit/checkpoints').expect(200)).body,
      ),
    );
    writeFileSync(
      files.key,
      JSON.stringify(
        (await t.api.get('/api/v1/audit/public-key').expect(200)).body,
      ),
    );
    const events = Number(await t.store.headPosition()); // the checkpoint is an event of the log too
    const python = spawnSync(
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
    expect(JSON.parse(python.stdout)).toMatchObject({
      ok: true,
      checked: events,
      checkpointsMatched: 2,
    });
    const node = await verifyExport((exported.body as string).split('\n'), {
      checkpoints: [checkpoint],
      publicKey: parsePublicKey(readFileSync(files.key, 'utf8')),
    });
    expect(node).toMatchObject({
      ok: true,
      checked: events,
      checkpointsMatched: 2,
    });
  });
});
