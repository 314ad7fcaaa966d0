import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import {
  createEventStore,
  type EventStore,
  type StoredEvent,
} from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';
import type { ProjectionTransaction, Projector } from './projector.js';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity.js';
import { ProjectionRunner } from './projection-runner.js';
import { snapshotTables } from './table-snapshot.js';

@Entity({ name: 'test_visit_counts' })
class VisitCountEntity {
  @PrimaryColumn({ type: 'varchar' }) enterprise: string;
  @Column({ type: 'integer' }) visits: number;
}

/** Counts visits: a counter is exactly what double delivery would corrupt. */
class VisitCountProjector implements Projector {
  readonly version = 1;
  readonly handles = ['GuidanceVisitRecorded'];
  readonly entities = [VisitCountEntity];
  failOn?: bigint;
  readonly pages: number[] = [];

  constructor(readonly name = 'test-visit-counts') {}

  async applyPage(
    events: readonly StoredEvent[],
    tx: ProjectionTransaction,
  ): Promise<void> {
    this.pages.push(events.length);
    const table = tx.table(VisitCountEntity);
    const rows = await table.load(events.map((e) => e.streamName));
    for (const event of events) {
      if (event.type !== 'GuidanceVisitRecorded')
        throw new Error(`fed ${event.type}, which it does not read`);
      if (event.globalPosition === this.failOn)
        throw new Error('projector crashed');
      const row = rows.get(event.streamName) ?? {
        enterprise: event.streamName,
        visits: 0,
      };
      row.visits += 1;
      rows.set(event.streamName, row);
    }
    await table.upsert(rows.values());
  }
}

describe('ProjectionRunner on SQLite', () => {
  let dir: string;
  let store: EventStore;
  let dataSource: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projections-'));
    store = await createEventStore(
      { kind: 'sqlite', filename: join(dir, 'events.sqlite') },
      new FixedClock('2026-01-05T00:00:00Z'),
    );
    dataSource = await new DataSource({
      type: 'better-sqlite3',
      database: join(dir, 'read.sqlite'),
      entities: [ProjectionCheckpointEntity, VisitCountEntity],
      synchronize: true,
    }).initialize();
  });

  afterEach(async () => {
    await dataSource.destroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function visit(stream: string, times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      await store.appendToStream(stream, [
        {
          type: 'GuidanceVisitRecorded',
          schemaVersion: 1,
          data: { i },
          metadata: { actor: 'officer-1' },
        },
      ]);
    }
    await store.appendToStream(stream, [
      {
        type: 'SomethingElse',
        schemaVersion: 1,
        data: {},
        metadata: { actor: 'officer-1' },
      },
    ]);
  }

  it('projects every handled event once and stores the checkpoint with the rows', async () => {
    await visit('enterprise-a', 3);
    await visit('enterprise-b', 2);
    const runner = new ProjectionRunner(
      store,
      dataSource,
      [new VisitCountProjector()],
      { batchSize: 2 },
    );
    await runner.catchUp();

    expect(
      await dataSource
        .getRepository(VisitCountEntity)
        .find({ order: { enterprise: 'ASC' } }),
    ).toEqual([
      { enterprise: 'enterprise-a', visits: 3 },
      { enterprise: 'enterprise-b', visits: 2 },
    ]);
    expect(runner.position()).toBe(7n);
    expect(
      await dataSource
        .getRepository(ProjectionCheckpointEntity)
        .findOneBy({ projector: 'test-visit-counts' }),
    ).toMatchObject({ position: '7' });
  });

  it('changes nothing when the same log is delivered again by a restarted runner', async () => {
    await visit('enterprise-a', 4);
    await new ProjectionRunner(store, dataSource, [
      new VisitCountProjector(),
    ]).catchUp();
    const once = await snapshotTables(dataSource, ['test_visit_counts']);

    const restarted = new ProjectionRunner(store, dataSource, [
      new VisitCountProjector(),
    ]);
    await restarted.catchUp();
    await restarted.processNextPage();

    expect(await snapshotTables(dataSource, ['test_visit_counts'])).toEqual(
      once,
    );
  });

  it('rolls back rows and checkpoint together when a projector fails mid-page', async () => {
    await visit('enterprise-a', 3);
    const failing = new VisitCountProjector();
    failing.failOn = 3n;
    const runner = new ProjectionRunner(store, dataSource, [failing]);
    await expect(runner.processNextPage()).rejects.toThrow('projector crashed');
    expect(await dataSource.getRepository(VisitCountEntity).count()).toBe(0);
    expect(runner.position()).toBe(0n);

    failing.failOn = undefined;
    await runner.catchUp();
    expect(
      await dataSource
        .getRepository(VisitCountEntity)
        .findOneBy({ enterprise: 'enterprise-a' }),
    ).toMatchObject({ visits: 3 });
  });

  it('lets a reader wait for a position it has just written (read-your-writes)', async () => {
    const runner = new ProjectionRunner(
      store,
      dataSource,
      [new VisitCountProjector()],
      { pollIntervalMs: 10_000 },
    );
    await runner.start();
    try {
      const written = await store.appendToStream('enterprise-c', [
        {
          type: 'GuidanceVisitRecorded',
          schemaVersion: 1,
          data: {},
          metadata: { actor: 'officer-2' },
        },
      ]);
      // The long poll interval proves the wait nudges the loop rather than sleeping through it.
      await expect(
        runner.waitFor(written.lastGlobalPosition, 5_000),
      ).resolves.toBe(true);
      expect(
        await dataSource
          .getRepository(VisitCountEntity)
          .findOneBy({ enterprise: 'enterprise-c' }),
      ).toMatchObject({ visits: 1 });
      await expect(runner.waitFor(999n, 50)).resolves.toBe(false);
    } finally {
      await runner.stop();
    }
  });

  it('parks a projector that keeps throwing at event k, names k, and lets the others reach the head', async () => {
    await visit('enterprise-a', 5); // positions 1..5, 6 is SomethingElse
    const failing = new VisitCountProjector('failing');
    failing.failOn = 4n;
    const healthy = new VisitCountProjector('healthy');
    const errors: string[] = [];
    const runner = new ProjectionRunner(store, dataSource, [failing, healthy], {
      batchSize: 100,
      retryBaseMs: 1,
      maxAttempts: 3,
      onError: (name, _error, parked) =>
        errors.push(`${name}${parked ? ' parked' : ''}`),
    });
    await runner.start();
    try {
      const deadline = Date.now() + 10_000;
      while (
        runner.status().find((s) => s.name === 'failing')?.state !==
          'failing' &&
        Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await expect(runner.waitFor(6n, 5_000, ['healthy'])).resolves.toBe(true);
      expect(runner.status()).toEqual([
        {
          name: 'failing',
          position: 3n,
          state: 'failing',
          failingAt: 4n,
          error: 'projector crashed',
        },
        { name: 'healthy', position: 6n, state: 'running' },
      ]);
      expect(errors[errors.length - 1]).toBe('failing parked');
      // Events before k were applied (the page was retried one event at a time); nothing after it.
      expect(
        await dataSource
          .getRepository(ProjectionCheckpointEntity)
          .findOneBy({ projector: 'failing' }),
      ).toMatchObject({
        position: '3',
        failingAt: '4',
        error: 'projector crashed',
      });
      await expect(runner.waitFor(6n, 50, ['failing'])).resolves.toBe(false);
    } finally {
      await runner.stop();
    }

    // Restarted with the cause removed: it resumes after 3 and counts every visit once.
    failing.failOn = undefined;
    const restarted = new ProjectionRunner(store, dataSource, [
      failing,
      healthy,
    ]);
    await restarted.catchUp();
    expect(
      restarted.status().map((s) => [s.name, s.position, s.state]),
    ).toEqual([
      ['failing', 6n, 'running'],
      ['healthy', 6n, 'running'],
    ]);
    // Both count into the same table here: 5 visits each, none twice.
    expect(
      await dataSource
        .getRepository(VisitCountEntity)
        .findOneBy({ enterprise: 'enterprise-a' }),
    ).toMatchObject({ visits: 10 });
    expect(
      await dataSource
        .getRepository(ProjectionCheckpointEntity)
        .findOneBy({ projector: 'failing' }),
    ).toMatchObject({ failingAt: null, error: null });
  });

  it('feeds a projector only the event types it reads, a page at a time', async () => {
    await visit('enterprise-a', 7);
    const projector = new VisitCountProjector();
    await new ProjectionRunner(store, dataSource, [projector], {
      batchSize: 3,
    }).catchUp();
    expect(projector.pages).toEqual([3, 3, 1]);
  });
});
