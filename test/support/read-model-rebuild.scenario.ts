import { DataSource } from 'typeorm';
import {
  compareRebuildWithLive,
  PROJECTION_RUNNER,
  PROJECTOR_CLASSES,
  READ_MODEL_ENTITIES,
  readModelDataSourceOptions,
} from '@app/composition';
import {
  projectionTransaction,
  snapshotTables,
  type ProjectionRunner,
  type Projector,
} from '@app/projections';
import { withUsccCheckChar } from '@app/reference-data';
import type { TestApp } from './test-app.js';

const ZONES = ['zone-1', 'zone-2', 'zone-3', 'zone-4'];
const USCC_BASES = [
  '91430381MA4L16JQ9',
  '91110108551385082',
  '91350100M000100Y4',
  '91430300MA4PK1RX0',
  '91430381MA4M0A2B1',
  '91430381MA4N7C3D2',
];
/** A few enterprises at different stages, driven through HTTP so every projector has work. */
export async function driveAdoptionHistory(t: TestApp): Promise<number> {
  const post = (path: string, body: object) =>
    t.api.post(`/api/v1${path}`).send(body);
  let last = 0;
  for (const [i, base] of USCC_BASES.entries()) {
    const uscc = withUsccCheckChar(base);
    const ok = async (path: string, body: object) => {
      const response = await post(path, body);
      if (response.status !== 201)
        throw new Error(
          `${path}: ${response.status} ${JSON.stringify(response.body)}`,
        );
      last = response.body.globalPosition;
    };
    await ok('/enterprises', {
      uscc,
      name: `企业${i}`,
      zoneId: ZONES[i % 4],
      township: '东郊乡',
      industryCode: 'C3411',
      aboveDesignatedSize: i % 2 === 0,
      headcount: 50 + i,
    });
    if (i % 3 === 2) continue;
    await ok(`/enterprises/${uscc}/enrolment`, {
      cohort: i === 0 ? 'pilot' : 'rollout',
    });
    await ok(`/enterprises/${uscc}/guidance-visits`, {
      findings: '清单不全',
      nextSteps: '补齐',
    });
    await ok(`/enterprises/${uscc}/responsibility-lists`, {
      postsTotal: 10,
      postsCovered: 6 + i,
      employeesCovered: 40,
    });
    await ok(`/enterprises/${uscc}/trainings`, {
      audience: 'employee',
      attendees: 30,
      hours: 2,
      bookletsDistributed: 30,
    });
    await ok(`/enterprises/${uscc}/headcounts`, {
      period: '2024-06',
      headcount: 60 + i,
    });
    if (i === 1)
      await ok(`/enterprises/${uscc}/zone-reassignments`, {
        toZoneId: 'zone-3',
        reason: '厂区搬迁',
        effectiveAt: '2024-07-01T00:00:00+08:00',
      });
  }
  return last;
}

export function projectorsOf(t: TestApp): Projector[] {
  return PROJECTOR_CLASSES.map((cls) => t.app.get<Projector>(cls as never));
}

/** Rows after delivering every event twice (as a page of one), straight to each projector, into a scratch database. */
export async function projectEveryEventTwice(
  t: TestApp,
  scratchName: string,
): Promise<Record<string, string[]>> {
  const config =
    t.config.readModels.kind === 'postgres'
      ? { ...t.config.readModels, schema: scratchName }
      : {
          kind: 'sqlite' as const,
          filename: `${t.config.dataDir}/${scratchName}.sqlite`,
        };
  const live = t.app.get(DataSource);
  if (config.kind === 'postgres')
    await live.query(`CREATE SCHEMA IF NOT EXISTS "${scratchName}"`);
  const scratch = await new DataSource(
    readModelDataSourceOptions(config, READ_MODEL_ENTITIES),
  ).initialize();
  try {
    const projectors = projectorsOf(t);
    for (const event of await t.store.readAll()) {
      for (const projector of projectors) {
        if (!projector.handles.includes(event.type)) continue;
        await scratch.transaction((em) =>
          projector.applyPage([event], projectionTransaction(scratch, em)),
        );
        await scratch.transaction((em) =>
          projector.applyPage([event], projectionTransaction(scratch, em)),
        );
      }
    }
    return await snapshotTables(
      scratch,
      projectors.flatMap((p) => p.entities as unknown[]),
    );
  } finally {
    await scratch.destroy();
    if (config.kind === 'postgres')
      await live.query(`DROP SCHEMA IF EXISTS "${scratchName}" CASCADE`);
  }
}

export async function liveSnapshot(
  t: TestApp,
): Promise<Record<string, string[]>> {
  const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
  await runner.waitFor(await t.store.headPosition(), 10_000);
  return snapshotTables(
    t.app.get(DataSource),
    projectorsOf(t).flatMap((p) => p.entities as unknown[]),
  );
}

export function rebuild(t: TestApp, scratchName: string) {
  return compareRebuildWithLive({
    store: t.store,
    live: t.app.get(DataSource),
    liveRunner: t.app.get<ProjectionRunner>(PROJECTION_RUNNER),
    projectors: projectorsOf(t),
    config: t.config.readModels,
    scratchDir: t.config.dataDir,
    scratchName,
    entities: READ_MODEL_ENTITIES,
  });
}

/** The same assertions on SQLite and on PostgreSQL read models. */
export function describeReadModelRebuild(
  name: string,
  open: () => Promise<TestApp>,
): void {
  describe(`read models rebuilt from the log equal the live ones (${name})`, () => {
    let t: TestApp;
    // Booting and about thirty commands: more than jest's 5 s default on a loaded CI machine.
    beforeAll(async () => {
      t = await open();
      await driveAdoptionHistory(t);
    }, 60_000);
    afterAll(async () => {
      await t.close();
    });

    it('a rebuild into fresh tables gives exactly the live rows', async () => {
      const comparison = await rebuild(t, 'rebuild_check');
      expect(comparison.differences).toEqual([]);
      expect(comparison.identical).toBe(true);
      expect(comparison.tables).toEqual(
        expect.arrayContaining(['enterprise_view']),
      );
      expect(comparison.position).toBe(27);
    });

    it('every event delivered twice gives exactly the rows of a single delivery', async () => {
      const live = await liveSnapshot(t);
      expect(live.enterprise_view).toHaveLength(USCC_BASES.length);
      expect(await projectEveryEventTwice(t, 'twice_check')).toEqual(live);
    });
  });
}
