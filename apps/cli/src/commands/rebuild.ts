import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/app-config';
import {
  compareRebuildWithLive,
  PROJECTION_RUNNER,
  PROJECTOR_CLASSES,
  READ_MODEL_ENTITIES,
} from '@app/composition';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { ProjectionRunner, Projector } from '@app/projections';
import { bootService } from '../boot.js';
import {
  expectOnly,
  stringOption,
  UsageError,
  type CliArgs,
} from '../cli-args.js';

/**
 * `rebuild [--projector NAME] [--swap]`: replays the log into scratch tables with every projector (or one),
 * compares them with the live read models once those have reached the same position (bringing them
 * there itself when no process is projecting, docs/decisions/0106), drops the scratch
 * copy (or, with --swap, makes it the live tables while readers keep reading, docs/decisions/0107) and
 * prints one JSON line. Process managers are not run: a rebuild never writes to the log, and
 * the line shows the log head before and after. Exit 1 when the rows differ or the head moved.
 */
export async function rebuildCommand(
  args: CliArgs,
  config: AppConfig,
): Promise<number> {
  expectOnly(args, ['projector', 'swap']);
  const swap = args.options.get('swap');
  if (swap !== undefined && swap !== true)
    throw new UsageError('--swap takes no value');
  const only = stringOption(args, 'projector');
  const app = await bootService(config);
  try {
    const all = PROJECTOR_CLASSES.map((cls) =>
      app.get<Projector>(cls as never),
    );
    const projectors =
      only === undefined ? all : all.filter((p) => p.name === only);
    if (projectors.length === 0)
      throw new UsageError(
        `no projector named "${only}"; known: ${all.map((p) => p.name).join(', ')}`,
      );
    const result = await compareRebuildWithLive({
      store: app.get<EventStore>(EVENT_STORE),
      live: app.get(DataSource),
      liveRunner: app.get<ProjectionRunner>(PROJECTION_RUNNER),
      projectors,
      config: config.readModels,
      scratchDir: config.dataDir,
      scratchName: `rebuild_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
      entities: READ_MODEL_ENTITIES,
      catchUpLive: true,
      swap: swap === true,
    });
    const {
      identical,
      projectors: count,
      events,
      seconds,
      eventsPerSecond,
      logHeadBefore,
      logHeadAfter,
      liveCaughtUpFrom,
      swappedAt,
      differences,
    } = result;
    process.stdout.write(
      `${JSON.stringify({
        identical,
        projectors: count,
        events,
        seconds,
        eventsPerSecond,
        logHeadBefore: Number(logHeadBefore),
        logHeadAfter: Number(logHeadAfter),
        liveCaughtUpFrom: Number(liveCaughtUpFrom),
        ...(swappedAt !== undefined
          ? { swapped: true, swappedAt: Number(swappedAt) }
          : {}),
        differences,
      })}\n`,
    );
    // With --swap the differences are what the swap replaced: the command did what it was asked.
    return identical || swappedAt !== undefined ? 0 : 1;
  } finally {
    await app.close();
  }
}
