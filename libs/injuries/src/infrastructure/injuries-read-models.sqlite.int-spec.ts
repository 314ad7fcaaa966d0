import { inMemoryReadModels } from '@app/projections/testing';
import type { DataSource } from 'typeorm';
import { feedExample } from '@app/hr-feed-contracts/testing';
import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import { FixedClock } from '@app/shared-kernel';
import {
  createEventStore,
  type EventStore,
  type StoredEvent,
} from '@app/event-store';
import { projectEvents } from '@app/projections';
import { RecurrenceDetector } from './recurrence-detector.process-manager.js';
import { InjuryCaseViewProjector } from './injury-case-view.projector.js';
import { INJURIES_READ_MODEL_ENTITIES } from './injuries-read-model.entities.js';
import { TypeOrmInjuryCaseReadModel } from './typeorm-injury-case.read-model.js';
import { inMemoryVault } from '../testing/personal-data.js';
import { feedIngestion } from '@app/hr-feed/testing';

const vault = inMemoryVault();

describe('injuries read models (SQLite)', () => {
  let dataSource: DataSource;
  let store: EventStore;
  beforeEach(async () => {
    dataSource = await inMemoryReadModels(INJURIES_READ_MODEL_ENTITIES);
    store = await createEventStore(
      { kind: 'sqlite', filename: ':memory:' },
      new FixedClock('2024-09-01T00:00:00Z'),
    );
  });
  afterEach(async () => {
    await store.close();
    await dataSource.destroy();
  });

  // The feed's own tables (quarantine, manifests) are shown by libs/hr-feed's feed-records spec.
  it('ingest → project → list, view, overdue candidates, recurrence', async () => {
    const readModel = new TypeOrmInjuryCaseReadModel(dataSource);
    const service = feedIngestion(store, vault, {
      secret: 's',
      zones: { '91430381000001001Y': 'zone-2' },
    });
    const detector = new RecurrenceDetector(store, DEFAULT_REFERENCE_DATA);
    let projected = 0n;
    // Until the log stops growing: the recurrence detector appends flags that the view then reads.
    const project = async () => {
      while (projected < (await store.headPosition())) {
        for (const e of await store.readAll({ after: projected })) {
          await projectOne(dataSource, e);
          await projectEvents(dataSource, detector, [e]);
          projected = e.globalPosition;
        }
      }
    };
    const meta = { actor: 'hr-feed', correlationId: 'w35' };

    await service.ingest(
      { raw: feedExample('valid-declaration.json'), source: 'kafka' },
      meta,
    );
    await service.ingest(
      { raw: feedExample('valid-declaration-commute.json'), source: 'kafka' },
      meta,
    );
    await service.ingest(
      { raw: feedExample('invalid-enum.json'), source: 'kafka' },
      meta,
    );
    await service.ingest(
      { raw: feedExample('valid-manifest.json'), source: 'kafka' },
      meta,
    );
    await project();

    const second = JSON.parse(feedExample('valid-declaration.json'));
    second.claimId = 'XX-2024-000200';
    second.incidentRef = 'XX-INC-2024-0200'; // another incident at the same enterprise
    second.injuredAt = '2024-08-20T10:00:00+08:00';
    await service.ingest({ value: second, source: 'http' }, meta);
    await project();

    const { items, total } = await readModel.list({
      feedWeek: '2024-W35',
      zoneId: 'zone-2',
    });
    expect(total).toBe(2);
    expect(items.map((c) => [c.claimId, c.status])).toEqual([
      ['XX-2024-000200', 'follow-up-due'],
      ['XX-2024-000123', 'follow-up-due'],
    ]);
    expect(
      (await readModel.list({ zoneId: 'unassigned' })).items.map((c) => [
        c.claimId,
        c.status,
      ]),
    ).toEqual([['XX-2024-000124', 'open']]);

    const view = await readModel.get('XX-2024-000200');
    expect(view?.recurrences).toEqual([
      {
        previousClaimId: 'XX-2024-000123',
        accidentType: { standard: 'GB6441-86', code: '03', name: '机械伤害' },
        daysBetween: 5,
      },
    ]);
    expect(view?.declaration.medicalTreatmentClaim).toBe(true);

    expect(await readModel.claimIdsWithFollowUpDueBefore('2024-08-29')).toEqual(
      [],
    );
    expect(await readModel.claimIdsWithFollowUpDueBefore('2024-08-30')).toEqual(
      ['XX-2024-000123', 'XX-2024-000200'],
    );
  });

  it('moves an unassigned case to the zone its enterprise registers in, whatever the order in the log', async () => {
    const readModel = new TypeOrmInjuryCaseReadModel(dataSource);
    const service = feedIngestion(store, vault, { secret: 's' });
    const meta = { actor: 'hr-feed', correlationId: 'w35' };
    const register = (uscc: string, zoneId: string) =>
      store.appendToStream(`enterprise-${uscc}`, [
        {
          type: 'EnterpriseRegistered',
          schemaVersion: 1,
          data: { uscc, zoneId },
          metadata: { actor: 'officer' },
        },
      ]);
    const declaration = JSON.parse(feedExample('valid-declaration.json'));
    await service.ingest({ value: declaration, source: 'http' }, meta); // uscc 91430381000001001Y, not registered
    await register('91350100M000100Y43', 'zone-3');
    // Registered before this declaration arrived, yet stamped 'unassigned' (a race with the lookup):
    await service.ingest(
      {
        value: {
          ...declaration,
          claimId: 'LATE-1',
          employer: { uscc: '91350100M000100Y43' },
        },
        source: 'http',
      },
      meta,
    );
    for (const e of await store.readAll()) await projectOne(dataSource, e);

    expect(
      (await readModel.listUnmatched()).items.map((c) => c.claimId),
    ).toEqual(['XX-2024-000123']);
    expect((await readModel.get('LATE-1'))?.zoneId).toBe('zone-3');

    await register('91430381000001001Y', 'zone-2');
    for (const e of (await store.readAll()).slice(-1))
      await projectOne(dataSource, e);
    expect(await readModel.get('XX-2024-000123')).toMatchObject({
      zoneId: 'zone-2',
      unmatched: false,
    });
    expect((await readModel.listUnmatched()).total).toBe(0);
  });
});

async function projectOne(
  dataSource: DataSource,
  event: StoredEvent,
): Promise<void> {
  const projector = new InjuryCaseViewProjector(vault);
  await projectEvents(dataSource, projector, [event]);
  await projectEvents(dataSource, projector, [event]); // redelivery: no-op
}
