import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig, type AppConfig } from '@app/app-config';
import { PROJECTOR_CLASSES } from '@app/composition';
import { createEventStore } from '@app/event-store';
import { SystemClock } from '@app/shared-kernel';
import { runCommand } from '../testing/run-command.js';
import { demoCommand } from './demo.js';
import { rebuildCommand } from './rebuild.js';

async function logHead(config: AppConfig): Promise<bigint> {
  const store = await createEventStore(config.eventStore, new SystemClock());
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

/**
 * `npm run demo`, then `npm run cli -- rebuild` with nothing else running (docs/decisions/0106): the
 * command brings the live read models to the head itself, with the projectors only, and compares.
 */
describe('cli rebuild after the full demo county, no other process running', () => {
  let dir: string;
  let config: AppConfig;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-rebuild-'));
    config = loadAppConfig({
      DATA_DIR: dir,
      LOG_LEVEL: 'error',
      WORKER_REF_SECRET: 'cli-rebuild-test-secret-of-32-chars!',
    });
    const demo = await runCommand(demoCommand, ['demo'], config);
    expect(demo.code).toBe(0);
  }, 600_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is identical for every projector, the reporting one included, and leaves the log head where it was', async () => {
    const head = await logHead(config);
    const { code, out } = await runCommand(rebuildCommand, ['rebuild'], config);
    const line = JSON.parse(out);
    console.log(`cli rebuild after the demo county: ${out.trim()}`);
    expect(Object.keys(line)).toEqual(
      expect.arrayContaining([
        'identical',
        'projectors',
        'events',
        'seconds',
        'eventsPerSecond',
        'logHeadBefore',
        'logHeadAfter',
        'differences',
      ]),
    );
    expect(line).toMatchObject({
      identical: true,
      projectors: PROJECTOR_CLASSES.length,
      events: Number(head),
      logHeadBefore: Number(head),
      logHeadAfter: Number(head),
      // Nothing had projected the demo county: the command caught the live read models up from the start.
      liveCaughtUpFrom: 0,
      differences: [],
    });
    expect(line.eventsPerSecond).toBeGreaterThan(0);
    expect(code).toBe(0);
    expect(await logHead(config)).toBe(head);

    // Once they are current, a second run compares at once.
    const again = JSON.parse(
      (
        await runCommand(
          rebuildCommand,
          ['rebuild', '--projector', 'reporting.facts'],
          config,
        )
      ).out,
    );
    expect(again).toMatchObject({
      identical: true,
      projectors: 1,
      liveCaughtUpFrom: Number(head),
      logHeadAfter: Number(head),
    });
  }, 600_000);
});
