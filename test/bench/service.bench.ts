import { performance } from 'node:perf_hooks';
import { CommandBus } from '@nestjs/cqrs';
import { IngestFeedBatchService } from '@app/hr-feed';
import { DataSource } from 'typeorm';
import {
  PROCESS_MANAGER_CLASSES,
  PROJECTOR_CLASSES,
  READ_MODEL_ENTITIES,
  readModelDataSourceOptions,
} from '@app/composition';
import {
  ProjectionRunner,
  type ProcessManager,
  type Projector,
} from '@app/projections';
import { loadDemoCounty } from '../../apps/cli/src/demo/load-demo-county.js';
import { buildHrFeedScenario } from '../support/hr-feed-fixtures.js';
import { createTestApp } from '../support/test-app.js';

// The service end to end on the embedded default: commands through the CommandBus (the demo county),
// a rebuild of every read model from the log, the HR feed through HTTP batches, and reads through HTTP.
// Prints figures; asserts only that the work was done, never timings.
const ENTERPRISES = 200;
const DECLARATIONS = 3_000;
const READS = 300;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const rssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

describe('service throughput (embedded default)', () => {
  it('prints commands/s, projection events/s, feed records/s and read latency', async () => {
    const t = await createTestApp({ RUN_PROJECTOR: 'false' });
    try {
      let started = performance.now();
      const load = await loadDemoCounty(
        t.app.get(CommandBus),
        t.app.get(IngestFeedBatchService),
        t.clock,
        { seed: 7, enterprises: ENTERPRISES },
      );
      const commandSeconds = (performance.now() - started) / 1000;
      console.log(
        `[bench] commands: ${load.commands} through the CommandBus in ${commandSeconds.toFixed(1)} s = ${Math.round(load.commands / commandSeconds)} commands/s; peak RSS ${rssMiB()} MiB`,
      );

      const scenario = buildHrFeedScenario({
        declarations: DECLARATIONS,
        weeks: ['2026-W10', '2026-W11'],
        claimPrefix: 'BENCH-',
      });
      const records = scenario.messages
        .filter((m) => m.kind !== 'poison')
        .map(
          (m) => JSON.parse(m.value.toString('utf8')) as { feedWeek?: string },
        );
      started = performance.now();
      for (const week of ['2026-W10', '2026-W11']) {
        const batch = records.filter((r) => r.feedWeek === week);
        for (let i = 0; i < batch.length; i += 1_000) {
          await t.api
            .post('/api/v1/hr-feed/batches')
            .send({ feedWeek: week, records: batch.slice(i, i + 1_000) })
            .expect(200);
        }
      }
      const feedSeconds = (performance.now() - started) / 1000;
      console.log(
        `[bench] HR feed over HTTP: ${records.length} records in ${feedSeconds.toFixed(1)} s = ${Math.round(records.length / feedSeconds)} records/s; peak RSS ${rssMiB()} MiB`,
      );

      const head = await t.store.headPosition();
      const live = t.app.get(DataSource);
      const projectors = PROJECTOR_CLASSES.map((cls) =>
        t.app.get<Projector>(cls as never),
      );
      const processManagers = PROCESS_MANAGER_CLASSES.map((cls) =>
        t.app.get<ProcessManager>(cls as never),
      );
      const runner = new ProjectionRunner(
        t.store,
        live,
        [...projectors, ...processManagers],
        { batchSize: 1_000 },
      );
      started = performance.now();
      await runner.catchUp();
      while (runner.position() < (await t.store.headPosition()))
        await runner.catchUp(); // the recurrence detector appends
      const projectionSeconds = (performance.now() - started) / 1000;
      const projected = Number(await t.store.headPosition());
      expect(runner.position()).toBe(BigInt(projected));
      console.log(
        `[bench] projection of ${projected} events (${projectors.length} projectors, head was ${head}) in ${projectionSeconds.toFixed(1)} s = ${Math.round(projected / projectionSeconds)} events/s; peak RSS ${rssMiB()} MiB`,
      );

      const latencies: number[] = [];
      for (let i = 0; i < READS; i++) {
        const zone = `zone-${(i % 4) + 1}`;
        const t0 = performance.now();
        await t.api
          .get(
            `/api/v1/enterprises?zoneId=${zone}&page=${(i % 3) + 1}&pageSize=20`,
          )
          .expect(200);
        latencies.push(performance.now() - t0);
      }
      latencies.sort((a, b) => a - b);
      console.log(
        `[bench] GET /enterprises?zoneId: ${READS} reads, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
      );

      // The same log into fresh tables once more, to time a rebuild on its own.
      const scratch = await new DataSource(
        readModelDataSourceOptions(
          {
            kind: 'sqlite',
            filename: `${t.config.dataDir}/bench-rebuild.sqlite`,
          },
          READ_MODEL_ENTITIES,
        ),
      ).initialize();
      try {
        const rebuild = new ProjectionRunner(t.store, scratch, projectors, {
          batchSize: 1_000,
        });
        started = performance.now();
        await rebuild.catchUp();
        const rebuildSeconds = (performance.now() - started) / 1000;
        console.log(
          `[bench] rebuild of ${projected} events into fresh tables in ${rebuildSeconds.toFixed(1)} s = ${Math.round(projected / rebuildSeconds)} events/s`,
        );
      } finally {
        await scratch.destroy();
      }
    } finally {
      await t.close();
    }
  }, 600_000);
});
