import { inMemoryReadModels } from '@app/projections/testing';
import type { DataSource } from 'typeorm';
import { feedExample } from '@app/hr-feed-contracts/testing';
import { FixedClock } from '@app/shared-kernel';
import { createEventStore, type EventStore } from '@app/event-store';
import { projectEvents } from '@app/projections';
import { inMemoryVault } from '@app/injuries/testing';
import { feedIngestion } from '../testing/feed-ingestion.js';
import { FeedRecordsProjector } from './feed-records.projector.js';
import { HR_FEED_READ_MODEL_ENTITIES } from './hr-feed-read-model.entities.js';
import {
  TypeOrmFeedManifestRepository,
  TypeOrmQuarantineRepository,
} from './typeorm-feed-records.repository.js';

const vault = inMemoryVault();

describe('HR feed read models (SQLite)', () => {
  let dataSource: DataSource;
  let store: EventStore;
  beforeEach(async () => {
    dataSource = await inMemoryReadModels(HR_FEED_READ_MODEL_ENTITIES);
    store = await createEventStore(
      { kind: 'sqlite', filename: ':memory:' },
      new FixedClock('2024-09-01T00:00:00Z'),
    );
  });
  afterEach(async () => {
    await store.close();
    await dataSource.destroy();
  });

  it('ingest → project → quarantine and manifest, each kept once on redelivery', async () => {
    const service = feedIngestion(store, vault, {
      secret: 's',
      zones: { '91430381000001001Y': 'zone-2' },
    });
    const meta = { actor: 'hr-feed', correlationId: 'w35' };
    for (const name of [
      'valid-declaration.json',
      'valid-declaration-commute.json',
      'invalid-enum.json',
      'valid-manifest.json',
    ]) {
      await service.ingest({ raw: feedExample(name), source: 'kafka' }, meta);
    }
    const projector = new FeedRecordsProjector(vault);
    for (const event of await store.readAll()) {
      await projectEvents(dataSource, projector, [event]);
      await projectEvents(dataSource, projector, [event]); // redelivery: no-op
    }

    const quarantined = await new TypeOrmQuarantineRepository(dataSource).list({
      feedWeek: '2024-W35',
    });
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0].reasons).toEqual([
      { path: '/injuryNature', message: expect.any(String) },
    ]);
    expect(JSON.stringify(quarantined)).not.toContain('430381199001011234');
    expect(
      await new TypeOrmFeedManifestRepository(dataSource).get('2024-W35'),
    ).toMatchObject({ expectedCount: 2 });
  });
});
