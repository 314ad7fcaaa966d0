import { inMemoryReadModels } from '@app/projections/testing';
import type { DataSource } from 'typeorm';
import { feedExample } from '@app/hr-feed-contracts/testing';
import { createEventStore, type EventStore } from '@app/event-store';
import { ProjectionCheckpointEntity, ProjectionRunner } from '@app/projections';
import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import { FixedClock } from '@app/shared-kernel';
import type { IngestFeedRecordService } from '@app/hr-feed';
import { INJURIES_EVENT_CODEC } from '../domain/injuries-event.codec.js';
import { RecurrenceStateEntity } from './recurrence-state.entity.js';
import { RecurrenceDetector } from './recurrence-detector.process-manager.js';
import { inMemoryVault } from '../testing/personal-data.js';
import { feedIngestion } from '@app/hr-feed/testing';

const vault = inMemoryVault();

const base = JSON.parse(feedExample('valid-declaration.json')) as Record<
  string,
  unknown
>;
const declaration = (claimId: string, injuredAt: string, code = '03') => ({
  ...base,
  claimId,
  incidentRef: `INC-${claimId}`,
  injuredAt,
  accidentType: { standard: 'GB6441-86', code },
});

describe('RecurrenceDetector reads the log, not a read model', () => {
  let store: EventStore;
  let dataSource: DataSource;
  let service: IngestFeedRecordService;

  beforeEach(async () => {
    store = await createEventStore(
      { kind: 'sqlite', filename: ':memory:' },
      new FixedClock('2024-09-01T00:00:00Z'),
    );
    dataSource = await inMemoryReadModels([
      ProjectionCheckpointEntity,
      RecurrenceStateEntity,
    ]);
    service = feedIngestion(store, vault, { secret: 'detector-test-secret' });
  });

  afterEach(async () => {
    await dataSource.destroy();
    await store.close();
  });

  const ingest = (record: object) =>
    service.ingest(
      { value: record, source: 'http' },
      { actor: 'hr-feed', correlationId: 'w' },
    );
  const flags = async () =>
    (await store.readAll({ types: ['RecurrenceFlagged'] })).flatMap((e) => {
      const event = INJURIES_EVENT_CODEC.decode(e);
      return event.type === 'RecurrenceFlagged'
        ? [{ stream: e.streamName, ...event.data }]
        : [];
    });
  /** The flags in force, `later<earlier`, from every flag and retraction in the log. */
  const active = async () => {
    const pairs = new Set<string>();
    for (const e of await store.readAll({
      types: ['RecurrenceFlagged', 'RecurrenceFlagRetracted'],
    })) {
      const event = INJURIES_EVENT_CODEC.decode(e);
      if (
        event.type !== 'RecurrenceFlagged' &&
        event.type !== 'RecurrenceFlagRetracted'
      )
        continue;
      for (const id of event.data.previousClaimIds) {
        if (event.type === 'RecurrenceFlagged')
          pairs.add(`${e.streamName}<${id}`);
        else pairs.delete(`${e.streamName}<${id}`);
      }
    }
    return [...pairs].sort();
  };
  const runDetector = async (into = dataSource) => {
    const runner = new ProjectionRunner(store, into, [
      new RecurrenceDetector(store, DEFAULT_REFERENCE_DATA),
    ]);
    // Twice: the flags it appends are part of the log it then reads.
    await runner.catchUp();
    await runner.catchUp();
  };

  it('flags a case whose enterprise had the same type of injury within 365 days, and not at 366', async () => {
    await ingest(declaration('C-1', '2024-01-10T09:00:00+08:00'));
    await ingest(declaration('C-2', '2025-01-09T09:00:00+08:00')); // 365 days after C-1
    await ingest(declaration('C-3', '2026-01-11T09:00:00+08:00')); // 367 days after C-2, 732 after C-1
    await ingest(declaration('C-4', '2024-02-01T09:00:00+08:00', '01')); // another type
    expect(await flags()).toEqual([]); // ingestion itself decides nothing about recurrence

    await runDetector();

    // C-2 is 365 days after C-1 (a recurrence); C-3 is 367 and 732 days after them (none).
    expect(await flags()).toEqual([
      {
        stream: 'injury-C-2',
        previousClaimIds: ['C-1'],
        daysSinceLatest: 365,
        daysBetween: [365],
        accidentType: expect.objectContaining({ code: '03' }),
      },
    ]);
  });

  it('appends nothing more when the log is replayed into fresh tables or delivered again', async () => {
    await ingest(declaration('C-1', '2024-01-10T09:00:00+08:00'));
    await ingest(declaration('C-2', '2024-06-10T09:00:00+08:00'));
    await runDetector();
    const head = await store.headPosition();
    expect(await flags()).toHaveLength(1);

    const fresh = await inMemoryReadModels([
      ProjectionCheckpointEntity,
      RecurrenceStateEntity,
    ]);
    try {
      await runDetector(fresh);
    } finally {
      await fresh.destroy();
    }
    expect(await store.headPosition()).toBe(head);
  });

  it('retracts a flag when a correction takes its grounds away, and flags again when they return', async () => {
    await ingest(declaration('C-1', '2024-01-10T09:00:00+08:00'));
    await ingest(declaration('C-2', '2024-06-10T09:00:00+08:00'));
    await runDetector();
    await ingest({
      ...declaration('C-2', '2024-06-10T09:00:00+08:00', '01'),
      feedWeek: '2024-W36',
    }); // HR corrects the type
    await runDetector();
    await ingest({
      ...declaration('C-2', '2024-06-10T09:00:00+08:00'),
      feedWeek: '2024-W37',
    }); // and back
    await runDetector();

    const history = (await store.readStream('injury-C-2')).map((e) => e.type);
    expect(history.filter((t) => t.startsWith('Recurrence'))).toEqual([
      'RecurrenceFlagged',
      'RecurrenceFlagRetracted',
      'RecurrenceFlagged',
    ]);
    const ids = (await store.readStream('injury-C-2')).map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives the same active flags whichever order the declarations arrive in', async () => {
    const a = declaration('C-1', '2024-01-10T09:00:00+08:00');
    const b = declaration('C-2', '2024-06-10T09:00:00+08:00');
    const c = declaration('C-3', '2025-01-09T09:00:00+08:00');
    for (const record of [c, a, b]) await ingest(record);
    await runDetector();
    expect(await active()).toEqual([
      'injury-C-2<C-1',
      'injury-C-3<C-1',
      'injury-C-3<C-2',
    ]);
  });

  it('flags the new case once, naming every earlier case it repeats: 100 injuries give at most 100 flag events', async () => {
    for (let i = 0; i < 100; i++) {
      const day = new Date(Date.UTC(2024, 0, 1) + i * 3 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      await ingest(
        declaration(`M-${String(i).padStart(3, '0')}`, `${day}T09:00:00+08:00`),
      );
    }
    await runDetector();
    const recurrenceEvents = await store.readAll({
      types: ['RecurrenceFlagged', 'RecurrenceFlagRetracted'],
    });
    expect(recurrenceEvents.length).toBeLessThanOrEqual(100);
    expect(recurrenceEvents).toHaveLength(99); // every case but the first, once
    const last = (await flags()).find((f) => f.stream === 'injury-M-099')!;
    // 99 × 3 days = 297 days: every earlier case is within the window.
    expect(last.previousClaimIds).toHaveLength(99);
    expect(last).toMatchObject({
      previousClaimIds: expect.arrayContaining(['M-000', 'M-098']),
      daysSinceLatest: 3,
    });
    expect(await active()).toHaveLength((99 * 100) / 2);
  });

  it('retracts once, on each case concerned, when a withdrawal takes the grounds away', async () => {
    for (const [id, day] of [
      ['W-1', '2024-01-10'],
      ['W-2', '2024-02-10'],
      ['W-3', '2024-03-10'],
    ] as const) {
      await ingest(declaration(id, `${day}T09:00:00+08:00`));
    }
    await runDetector();
    expect(await active()).toEqual([
      'injury-W-2<W-1',
      'injury-W-3<W-1',
      'injury-W-3<W-2',
    ]);
    await ingest({
      ...declaration('W-1', '2024-01-10T09:00:00+08:00'),
      feedWeek: '2024-W36',
      determination: 'not-recognised',
    });
    await runDetector();
    expect(await active()).toEqual(['injury-W-3<W-2']);
    const retractions = await store.readAll({
      types: ['RecurrenceFlagRetracted'],
    });
    expect(
      retractions.map((e) => [
        e.streamName,
        INJURIES_EVENT_CODEC.decode(e).data,
      ]),
    ).toEqual([
      [
        'injury-W-2',
        {
          previousClaimIds: ['W-1'],
          reason: 'InjuryDeclarationWithdrawn of W-1',
        },
      ],
      [
        'injury-W-3',
        {
          previousClaimIds: ['W-1'],
          reason: 'InjuryDeclarationWithdrawn of W-1',
        },
      ],
    ]);
  });

  it('ignores a declaration HR did not recognise as a work injury', async () => {
    await ingest(declaration('C-1', '2024-01-10T09:00:00+08:00'));
    await ingest({
      ...declaration('C-2', '2024-03-10T09:00:00+08:00'),
      determination: 'not-recognised',
    });
    await runDetector();
    expect(await flags()).toEqual([]);
  });
});
