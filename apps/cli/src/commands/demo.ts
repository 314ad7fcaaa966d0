import { performance } from 'node:perf_hooks';
import { CommandBus } from '@nestjs/cqrs';
import type { AppConfig } from '@app/app-config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { enterpriseStreamName } from '@app/enterprises';
import { REFERENCE_DATA, type ReferenceData } from '@app/reference-data';
import { deterministicEventId, FixedClock } from '@app/shared-kernel';
import { IngestFeedBatchService } from '@app/hr-feed';
import { PersonalDataVault } from '@app/injuries';
import { bootService } from '../boot.js';
import { expectOnly, intOption, type CliArgs } from '../cli-args.js';
import {
  DEMO_DEFAULT_ENTERPRISES,
  DEMO_DEFAULT_SEED,
  planDemoCounty,
  type DemoPlan,
} from '../demo/demo-plan.js';
import { loadDemoCounty } from '../demo/load-demo-county.js';
import { planIncidents, type IncidentStep } from '../demo/incident-plan.js';
import { scaleUp } from '../demo/scale-up.js';

/**
 * `demo [--seed N] [--enterprises N]`: loads the synthetic Xiangxiang county into the configured
 * store through the CommandBus. A county already there (its first enterprise's stream exists) is
 * left alone.
 */
export async function demoCommand(
  args: CliArgs,
  config: AppConfig,
): Promise<number> {
  expectOnly(args, ['seed', 'enterprises', 'events']);
  const seed = intOption(args, 'seed', DEMO_DEFAULT_SEED, 0, 0xffffffff);
  const enterprises = intOption(
    args,
    'enterprises',
    DEMO_DEFAULT_ENTERPRISES,
    1,
    100_000,
  );
  // --events N: repeat the county as neighbouring counties until the log holds about N events (benchmarks).
  const targetEvents = intOption(args, 'events', 0, 0, 50_000_000);
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
    const state = await demoCountyState(
      store,
      plan,
      planIncidents({ seed, plan }),
    );
    if (state !== 'absent') {
      const first = enterpriseStreamName(plan.steps[0].uscc);
      if (state === 'complete') {
        process.stdout.write(
          `demo county (seed ${seed}) is already loaded in ${describeStore(config)} (${first} exists); nothing appended\n`,
        );
        return 0;
      }
      process.stderr.write(
        `a partial demo county (seed ${seed}) is in ${describeStore(config)} (${first} exists, its last event does not); start from an empty DATA_DIR\n`,
      );
      return 1;
    }
    const headBefore = await store.headPosition();
    const started = performance.now();
    const result = await loadDemoCounty(
      app.get(CommandBus),
      app.get(IngestFeedBatchService),
      clock,
      {
        ...planOptions,
        onProgress: (done, total) =>
          process.stderr.write(`  ${done}/${total} steps\n`),
      },
    );
    const scaled =
      targetEvents > 0
        ? await scaleUp(store, clock, app.get(PersonalDataVault), {
            seed,
            targetEvents,
            onProgress: (n) => process.stderr.write(`  ${n} events repeated\n`),
          })
        : { copies: 0, appended: 0 };
    const seconds = (performance.now() - started) / 1000;
    const events = (await store.headPosition()) - headBefore;
    const count = (
      predicate: (e: DemoPlan['enterprises'][number]) => boolean,
    ) => plan.enterprises.filter(predicate).length;
    const byZone = Object.fromEntries(
      planOptions.zoneIds.map((z) => [z, count((e) => e.zoneId === z)]),
    );
    process.stdout.write(
      `${JSON.stringify({
        seed,
        enterprises: plan.enterprises.length,
        byZone,
        aboveDesignatedSize: count((e) => e.aboveDesignatedSize),
        pilots: count((e) => e.cohort === 'pilot'),
        modelEnterprises: count((e) => e.modelBatch !== null),
        commands: result.commands,
        feedBatches: result.feedBatches,
        copies: scaled.copies,
        accidents: result.incidents.filter((s) => s.kind === 'report-accident')
          .length,
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
async function demoCountyState(
  store: EventStore,
  plan: DemoPlan,
  incidents: IncidentStep[],
): Promise<'absent' | 'complete' | 'partial'> {
  if (!(await store.streamExists(enterpriseStreamName(plan.steps[0].uscc))))
    return 'absent';
  const last = plan.steps[plan.steps.length - 1];
  const [tail] = await store.readStream(enterpriseStreamName(last.uscc), {
    direction: 'backwards',
    maxCount: 1,
  });
  if (tail?.eventId !== deterministicEventId(`demo:${plan.seed}:${last.n}`, 0))
    return 'partial';
  const lastIncident = [...incidents]
    .reverse()
    .find((s) => s.kind !== 'feed-batch');
  if (!lastIncident || !('key' in lastIncident)) return 'complete';
  const stream =
    'accidentId' in lastIncident
      ? `accident-${lastIncident.accidentId}`
      : `injury-${lastIncident.claimId}`;
  const expected = deterministicEventId(
    `demo:${plan.seed}:incident:${lastIncident.key}`,
    0,
  );
  // Other processes (the recurrence detector) may append to the same stream later: look for the event, not the tail.
  return (await store.readStream(stream)).some((e) => e.eventId === expected)
    ? 'complete'
    : 'partial';
}

function describeStore(config: AppConfig): string {
  return config.eventStore.kind === 'sqlite'
    ? config.eventStore.filename
    : `${config.eventStore.kind} event store`;
}
