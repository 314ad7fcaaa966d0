import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import pg from 'pg';
import {
  PROCESS_MANAGER_CLASSES,
  PROJECTION_RUNNER,
  PROJECTOR_CLASSES,
} from '@app/composition';
import { IngestFeedBatchService } from '@app/hr-feed';
import type { ProjectionRunner } from '@app/projections';
import { PgTestDatabase } from '../../libs/event-store/src/postgres/pg-test-database.js';
import { DEMO_DEFAULT_SEED } from '../../apps/cli/src/demo/demo-plan.js';
import { loadDemoCounty } from '../../apps/cli/src/demo/load-demo-county.js';
import {
  buildProjector,
  startProjector,
  type ProjectorProcess,
} from '../support/api-process.js';
import { rebuild } from '../support/read-model-rebuild.scenario.js';
import { createTestApp } from '../support/test-app.js';

const ENTERPRISES = 60;

/**
 * apps/projector as its own process on PostgreSQL read models, killed with SIGKILL while its loops are
 * applying pages, then restarted: every projector — the reporting one included — ends identical to a
 * rebuild from the log (docs/decisions/0102, 0106; issue 7 and 9 acceptance).
 */
describe('apps/projector SIGKILL mid-page, then restarted (PostgreSQL events and read models)', () => {
  const database = new PgTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'safety-projector-kill-'));
  let env: Record<string, string>;
  let head: bigint;

  beforeAll(async () => {
    buildProjector();
    await database.create();
    env = {
      EVENT_STORE: 'postgres',
      READ_MODEL_DB: 'postgres',
      DATABASE_URL: database.url,
      WORKER_REF_SECRET: 'projector-kill-secret-of-at-least-32-chars',
      DATA_DIR: dataDir,
      AUDIT_CHECKPOINT_EVERY_EVENTS: '0',
      AUDIT_CHECKPOINT_EVERY_MINUTES: '0',
    };
    // The history is loaded with nothing projecting, so the projector starts with all of it to do.
    const loader = await createTestApp({ ...env, RUN_PROJECTOR: 'false' });
    try {
      await loadDemoCounty(
        loader.app.get(CommandBus),
        loader.app.get(IngestFeedBatchService),
        loader.clock,
        { seed: DEMO_DEFAULT_SEED, enterprises: ENTERPRISES },
      );
      head = await loader.store.headPosition();
    } finally {
      await loader.close();
    }
  }, 600_000);

  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends identical to a rebuild, the reporting projector included', async () => {
    const loops = PROJECTOR_CLASSES.length + PROCESS_MANAGER_CLASSES.length;
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    let projector: ProjectorProcess | undefined;
    try {
      const checkpoints = async () => {
        const rows = await client
          .query<{ projector: string; position: string }>(
            `SELECT projector, position FROM projection_checkpoints`,
          )
          .catch(() => ({ rows: [] }));
        return new Map(rows.rows.map((r) => [r.projector, BigInt(r.position)]));
      };
      // Killed as soon as a first page is committed: the other loops are then in the middle of theirs.
      const starting = startProjector(env);
      let atKill = new Map<string, bigint>();
      for (;;) {
        atKill = await checkpoints();
        if ([...atKill.values()].some((p) => p > 0n)) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const started = await starting.catch(() => undefined);
      if (!started) throw new Error('the projector did not start');
      started.child.kill('SIGKILL');
      expect(await started.exited).toBe('SIGKILL');
      const stopped = await checkpoints();
      console.log(
        `projector SIGKILL at ${[...stopped].map(([n, p]) => `${n}=${p}`).join(', ')} of head ${head} (${stopped.size} of ${loops} loops had committed a page)`,
      );
      // Killed with work left: not every loop had reached the head.
      expect(
        [...stopped.values()].filter((p) => p >= head).length,
      ).toBeLessThan(loops);

      // Restarted on the same databases: it resumes from its checkpoints and reaches the head.
      projector = await startProjector(env);
      const t = await createTestApp({ ...env, RUN_PROJECTOR: 'false' });
      try {
        const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
        // The recurrence process manager appends as it catches up: settle on a head that stays put.
        for (let seen = -1n; seen !== (await t.store.headPosition());) {
          seen = await t.store.headPosition();
          expect(await runner.waitFor(seen, 240_000)).toBe(true);
        }
        projector.child.kill('SIGTERM');
        expect(await projector.exited).toBe(0);
        projector = undefined;
        const comparison = await rebuild(
          t,
          `rebuild_projector_kill_${Date.now()}`,
        );
        console.log(
          `after restart: rebuild ${comparison.identical ? 'identical' : 'DIFFERENT'} at ${comparison.position} over tables ${comparison.tables.join(', ')}`,
        );
        expect(comparison.differences).toEqual([]);
        expect(comparison.identical).toBe(true);
        expect(comparison.tables).toEqual(
          expect.arrayContaining([
            'reporting_fact',
            'enterprise_view',
            'injury_case_view',
          ]),
        );
      } finally {
        await t.close();
      }
    } finally {
      projector?.child.kill('SIGKILL');
      await client.end();
    }
  }, 600_000);
});
