import { rmSync } from 'node:fs';
import { CommandBus } from '@nestjs/cqrs';
import { IngestFeedBatchService } from '@app/hr-feed';
import { INJURIES_EVENT_CODEC, PersonalDataVault } from '@app/injuries';
import { loadDemoCounty } from '../../apps/cli/src/demo/load-demo-county.js';
import { scaleUp } from '../../apps/cli/src/demo/scale-up.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dataDirWithKeysOf } from '../support/key-table.js';

/** `demo --events N`: the county repeated as neighbouring counties, deterministically. */
describe('the demo scale option', () => {
  const apps: TestApp[] = [];
  let sharedKeys: string | undefined;
  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()));
    if (sharedKeys) rmSync(sharedKeys, { recursive: true, force: true });
  });

  it('grows the log to about N events, the same bytes every time, every copy a county of its own', async () => {
    const logs = [];
    for (let k = 0; k < 2; k++) {
      // The second service gets the first one's key table: the same keys seal the same bytes.
      if (k === 1) sharedKeys = dataDirWithKeysOf(apps[0]);
      const t = await createTestApp({
        WORKER_REF_SECRET: 'demo-scale-test-secret-of-32-characters',
        RUN_PROJECTOR: 'false',
        ...(sharedKeys ? { DATA_DIR: sharedKeys } : {}),
      });
      apps.push(t);
      await loadDemoCounty(
        t.app.get(CommandBus),
        t.app.get(IngestFeedBatchService),
        t.clock,
        {
          seed: 11,
          enterprises: 30,
          enterpriseSteps: (step) => step.kind === 'register',
        },
      );
      const base = Number(await t.store.headPosition());
      const target = base * 3;
      const result = await scaleUp(
        t.store,
        t.clock,
        t.app.get(PersonalDataVault),
        { seed: 11, targetEvents: target },
      );
      expect(result.copies).toBeGreaterThanOrEqual(2);
      expect(Number(await t.store.headPosition())).toBe(target);
      expect((await t.store.verifyChain()).ok).toBe(true);
      logs.push({ base, events: await t.store.readAll() });
    }
    const [{ base, events: first }, { events: second }] = logs;
    expect(second.map((e) => [e.eventId, e.hash])).toEqual(
      first.map((e) => [e.eventId, e.hash]),
    );
    // The copies' personal data opens: sealed again for each copy's event id.
    const injuries = first.filter((e) => INJURIES_EVENT_CODEC.handles(e.type));
    const opened = await apps[0].app.get(PersonalDataVault).decodeAll(injuries);
    const copiedOccupations = opened.filter(
      (e, i) =>
        e.type === 'InjuryDeclarationReceived' &&
        /-K1$/.test(injuries[i].streamName) &&
        e.data.occupation,
    );
    expect(copiedOccupations.length).toBeGreaterThan(0);
    const registrations = first
      .filter((e) => e.type === 'EnterpriseRegistered')
      .map((e) => e.data.uscc as string);
    expect(new Set(registrations).size).toBe(registrations.length);
    expect(registrations.length).toBeGreaterThanOrEqual(90);
    // The copies, interleaved event by event, keep their originals' recording instants, in order.
    const recorded = first
      .slice(base)
      .map((e) => Date.parse(e.metadata.recordedAt));
    expect(recorded.every((t, i) => i === 0 || t >= recorded[i - 1])).toBe(
      true,
    );
  }, 600_000);
});
