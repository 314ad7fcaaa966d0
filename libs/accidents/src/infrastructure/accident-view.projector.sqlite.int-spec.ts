import { inMemoryReadModels } from '@app/projections/testing';
import type { DataSource } from 'typeorm';
import { createEventStore, type EventStore } from '@app/event-store';
import { projectEvents } from '@app/projections';
import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import { FixedClock } from '@app/shared-kernel';
import { ReportAccidentCommand } from '../application/commands/report-accident/report-accident.command.js';
import { ReportAccidentHandler } from '../application/commands/report-accident/report-accident.handler.js';
import { ReviseAccidentCasualtiesCommand } from '../application/commands/revise-accident-casualties/revise-accident-casualties.command.js';
import { ReviseAccidentCasualtiesHandler } from '../application/commands/revise-accident-casualties/revise-accident-casualties.handler.js';
import { AccidentViewEntity } from './accident-view.entity.js';
import { AccidentViewProjector } from './accident-view.projector.js';
import { TypeOrmAccidentReadModel } from './typeorm-accident.read-model.js';
import { EventStoreAccidentRepository } from './accident.repository.js';

describe('AccidentViewProjector + TypeOrmAccidentReadModel (SQLite)', () => {
  let dataSource: DataSource;
  let store: EventStore;
  const projector = new AccidentViewProjector();
  const meta = { actor: 'officer-1', correlationId: 'c' };

  beforeEach(async () => {
    dataSource = await inMemoryReadModels([AccidentViewEntity]);
    store = await createEventStore(
      { kind: 'sqlite', filename: ':memory:' },
      new FixedClock('2024-09-01T00:00:00Z'),
    );
  });
  afterEach(async () => {
    await store.close();
    await dataSource.destroy();
  });

  const project = async (store: EventStore) => {
    await projectEvents(dataSource, projector, await store.readAll());
  };

  it('lists accidents by Asia/Shanghai date and zone with the grade of the latest figures, idempotently', async () => {
    const report = new ReportAccidentHandler(
      new EventStoreAccidentRepository(store),
      { findZone: async () => undefined },
      DEFAULT_REFERENCE_DATA,
    );
    const base = {
      accidentType: { standard: 'GB6441-86', code: '09' },
      seriousInjuries: 0,
      minorInjuries: 1,
      directLossYuan: 500_000,
      description: '坠落',
    };
    await report.execute(
      new ReportAccidentCommand(
        {
          ...base,
          accidentId: 'a1',
          zoneId: 'zone-1',
          occurredAt: '2024-05-31T23:30:00+08:00',
          deaths: 2,
        },
        meta,
      ),
    );
    await report.execute(
      new ReportAccidentCommand(
        {
          ...base,
          accidentId: 'a2',
          zoneId: 'zone-2',
          occurredAt: '2024-06-01T00:10:00+08:00',
          deaths: 0,
        },
        meta,
      ),
    );
    await new ReviseAccidentCasualtiesHandler(
      new EventStoreAccidentRepository(store),
      DEFAULT_REFERENCE_DATA,
      new FixedClock('2024-06-10T00:00:00Z'),
    ).execute(
      new ReviseAccidentCasualtiesCommand(
        {
          accidentId: 'a1',
          deaths: 3,
          seriousInjuries: 0,
          minorInjuries: 0,
          reason: '30日内死亡',
        },
        meta,
      ),
    );

    await project(store);
    await project(store); // redelivery changes nothing

    const readModel = new TypeOrmAccidentReadModel(dataSource);
    const may = await readModel.list({ from: '2024-05-01', to: '2024-05-31' });
    expect(may).toEqual([
      expect.objectContaining({
        accidentId: 'a1',
        deaths: 3,
        minorInjuries: 0,
        revisionCount: 1,
        grade: { grade: 'larger', name: '较大' },
      }),
    ]);
    expect(
      (await readModel.list({ zoneId: 'zone-2' })).map((a) => a.accidentId),
    ).toEqual(['a2']);
    expect((await readModel.list({})).map((a) => a.grade.name)).toEqual([
      '较大',
      '一般',
    ]);
  });
});
