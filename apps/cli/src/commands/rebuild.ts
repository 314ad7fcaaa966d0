import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/app-config';
import { compareRebuildWithLive, PROJECTION_RUNNER, PROJECTOR_CLASSES, READ_MODEL_ENTITIES } from '@app/composition';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { ProjectionRunner, Projector } from '@app/projections';
import { bootService } from '../boot.js';
import { expectOnly, stringOption, UsageError, type CliArgs } from '../cli-args.js';

/**
 * `rebuild [--projector NAME]`: replays the log into scratch tables with every projector (or one),
 * compares them with the live read models once those have reached the same position (bringing them
 * there itself when no process is projecting, docs/decisions/0106), drops the scratch
 * copy and prints one JSON line. Process managers are not run: a rebuild never writes to the log, and
 * the line shows the log head before and after. Exit 1 when the rows differ or the head moved.
 */
export async function rebuildCommand(args: CliArgs, config: AppConfig): Promise<number> {
  expectOnly(args, ['projector']);
  const only = stringOption(args, 'projector');
  const app = await bootService(config);
  try {
    const all = PROJECTOR_CLASSES.map((cls) => app.get(cls as never) as Projector);
    const projectors = only === undefined ? all : all.filter((p) => p.name === only);
    if (projectors.length === 0) throw new UsageError(`no projector named "${only}"; known: ${all.map((p) => p.name).join(', ')}`);
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
    });
    const { identical, projectors: count, events, seconds, eventsPerSecond, logHeadBefore, logHeadAfter, liveCaughtUpFrom, differences } = result;
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
        differences,
      })}\n`,
    );
    return identical ? 0 : 1;
  } finally {
    await app.close();
  }
}
