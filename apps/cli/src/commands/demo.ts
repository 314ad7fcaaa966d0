import { performance } from 'node:perf_hooks';
import { CommandBus } from '@nestjs/cqrs';
import type { AppConfig } from '@app/app-config';
import { deterministicEventId, EVENT_STORE, type EventStore } from '@app/event-store';
import { enterpriseStreamName } from '@app/enterprises';
import { REFERENCE_DATA, type ReferenceData } from '@app/reference-data';
import { FixedClock } from '@app/shared-kernel';
import { bootService } from '../boot.js';
import { expectOnly, intOption, type CliArgs } from '../cli-args.js';
import { DEMO_DEFAULT_ENTERPRISES, DEMO_DEFAULT_SEED, planDemoCounty, type DemoPlan } from '../demo/demo-plan.js';
import { loadDemoCounty } from '../demo/load-demo-county.js';

/**
 * `demo [--seed N] [--enterprises N]`: loads the synthetic Xiangxiang county into the configured
 * store through the CommandBus. A county already there (its first enterprise's stream exists) is
 * left alone.
 */
export async function demoCommand(args: CliArgs, config: AppConfig): Promise<number> {
  expectOnly(args, ['seed', 'enterprises']);
  const seed = intOption(args, 'seed', DEMO_DEFAULT_SEED, 0, 0xffffffff);
  const enterprises = intOption(args, 'enterprises', DEMO_DEFAULT_ENTERPRISES, 1, 100_000);
  const clock = new FixedClock('2023-09-01T00:00:00.000Z');
  const app = await bootService(config, clock);
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const referenceData = app.get<ReferenceData>(REFERENCE_DATA);
    const planOptions = {
      seed,
      enterprises,
      zoneIds: referenceData.zones.map((z) => z.id),
      componentIds: referenceData.components.map((c) => c.id),
    };
    const plan = planDemoCounty(planOptions);
    const state = await demoCountyState(store, plan);
    if (state !== 'absent') {
      const first = enterpriseStreamName(plan.steps[0].uscc);
      if (state === 'complete') {
        process.stdout.write(`demo county (seed ${seed}) is already loaded in ${describeStore(config)} (${first} exists); nothing appended\n`);
        return 0;
      }
      process.stderr.write(`a partial demo county (seed ${seed}) is in ${describeStore(config)} (${first} exists, its last event does not); start from an empty DATA_DIR\n`);
      return 1;
    }
    const headBefore = await store.headPosition();
    const started = performance.now();
    const result = await loadDemoCounty(app.get(CommandBus), clock, {
      ...planOptions,
      onProgress: (done, total) => process.stderr.write(`  ${done}/${total} commands\n`),
    });
    const seconds = (performance.now() - started) / 1000;
    const events = (await store.headPosition()) - headBefore;
    const count = (predicate: (e: DemoPlan['enterprises'][number]) => boolean) => plan.enterprises.filter(predicate).length;
    const byZone = Object.fromEntries(planOptions.zoneIds.map((z) => [z, count((e) => e.zoneId === z)]));
    process.stdout.write(
      `${JSON.stringify({
        seed,
        enterprises: plan.enterprises.length,
        byZone,
        aboveDesignatedSize: count((e) => e.aboveDesignatedSize),
        pilots: count((e) => e.cohort === 'pilot'),
        modelEnterprises: count((e) => e.modelBatch !== null),
        commands: result.commands,
        events: events.toString(),
        lastGlobalPosition: result.lastGlobalPosition,
        seconds: Number(seconds.toFixed(1)),
        store: describeStore(config),
      })}\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * Whether this county is in the store: its first enterprise's stream is absent (nothing to do but
 * load), or present and the last planned event is there too (complete), or not (an interrupted load).
 */
async function demoCountyState(store: EventStore, plan: DemoPlan): Promise<'absent' | 'complete' | 'partial'> {
  if (!(await store.streamExists(enterpriseStreamName(plan.steps[0].uscc)))) return 'absent';
  const last = plan.steps[plan.steps.length - 1];
  const [tail] = await store.readStream(enterpriseStreamName(last.uscc), { direction: 'backwards', maxCount: 1 });
  return tail?.eventId === deterministicEventId(`demo:${plan.seed}:${last.n}`, 0) ? 'complete' : 'partial';
}

function describeStore(config: AppConfig): string {
  return config.eventStore.kind === 'sqlite' ? config.eventStore.filename : `${config.eventStore.kind} event store`;
}
