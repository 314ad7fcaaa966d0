import { CommandBus } from '@nestjs/cqrs';
import { IngestFeedBatchService } from '@app/injuries';
import { loadDemoCounty } from '../../apps/cli/src/demo/load-demo-county.js';
import { scaleUp } from '../../apps/cli/src/demo/scale-up.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** `demo --events N`: the county repeated as neighbouring counties, deterministically. */
describe('the demo scale option', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()));
  });

  it('grows the log to about N events, the same bytes every time, every copy a county of its own', async () => {
    const logs = [];
    for (let k = 0; k < 2; k++) {
      const t = await createTestApp({ WORKER_REF_SECRET: 'demo-scale-test-secret-of-32-characters', RUN_PROJECTOR: 'false' });
      apps.push(t);
      await loadDemoCounty(t.app.get(CommandBus), t.app.get(IngestFeedBatchService), t.clock, {
        seed: 11,
        enterprises: 30,
        enterpriseSteps: (step) => step.kind === 'register',
      });
      const base = Number(await t.store.headPosition());
      const target = base * 3;
      const result = await scaleUp(t.store, t.clock, { seed: 11, targetEvents: target });
      expect(result.copies).toBeGreaterThanOrEqual(2);
      expect(Number(await t.store.headPosition())).toBe(target);
      expect((await t.store.verifyChain()).ok).toBe(true);
      logs.push({ base, events: await t.store.readAll() });
    }
    const [{ base, events: first }, { events: second }] = logs;
    expect(second.map((e) => [e.eventId, e.hash])).toEqual(first.map((e) => [e.eventId, e.hash]));
    const registrations = first.filter((e) => e.type === 'EnterpriseRegistered').map((e) => e.data.uscc as string);
    expect(new Set(registrations).size).toBe(registrations.length);
    expect(registrations.length).toBeGreaterThanOrEqual(90);
    // The copies, interleaved event by event, keep their originals' recording instants, in order.
    const recorded = first.slice(base).map((e) => Date.parse(e.metadata.recordedAt));
    expect(recorded.every((t, i) => i === 0 || t >= recorded[i - 1])).toBe(true);
  }, 600_000);
});
