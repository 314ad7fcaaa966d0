import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import { FixedClock } from '@app/shared-kernel';
import { InMemoryEventStore } from '../testing/in-memory-event-store.js';
import { FakeEnterpriseDirectory } from '../testing/fakes.js';
import { IngestFeedRecordService } from '../application/ingest-feed-record/ingest-feed-record.service.js';
import { InjuryCaseViewEntity } from './injury-case-view.entity.js';
import { InjuryCaseViewProjector } from './injury-case-view.projector.js';
import { QuarantineEntity } from './quarantine.entity.js';
import { FeedManifestEntity } from './feed-manifest.entity.js';
import { TypeOrmInjuryCaseReadModel } from './typeorm-injury-case.read-model.js';
import { TypeOrmFeedManifestRepository, TypeOrmQuarantineRepository } from './typeorm-feed-records.repository.js';

const examples = fileURLToPath(new URL('../../../hr-feed-contracts/src/examples/', import.meta.url));
const example = (name: string) => readFileSync(`${examples}${name}`, 'utf8');

describe('injuries read models (SQLite)', () => {
  let dataSource: DataSource;
  beforeEach(async () => {
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [InjuryCaseViewEntity, QuarantineEntity, FeedManifestEntity],
      synchronize: true,
    });
    await dataSource.initialize();
  });
  afterEach(() => dataSource.destroy());

  it('ingest → project → list, view, overdue candidates, recurrence, quarantine and manifest', async () => {
    const store = new InMemoryEventStore();
    const readModel = new TypeOrmInjuryCaseReadModel(dataSource);
    const quarantine = new TypeOrmQuarantineRepository(dataSource);
    const manifests = new TypeOrmFeedManifestRepository(dataSource);
    const service = new IngestFeedRecordService(
      store,
      DEFAULT_REFERENCE_DATA,
      new FakeEnterpriseDirectory({ '91430381000001001Y': 'zone-2' }),
      readModel,
      quarantine,
      manifests,
      new FixedClock('2024-08-26T02:00:00Z'),
      { workerPseudonymSecret: 's' },
    );
    const projector = new InjuryCaseViewProjector();
    let projected = 0;
    const project = async () => {
      for (const e of store.events.slice(projected)) await dataSource.transaction((em) => projector.project(e, em));
      for (const e of store.events) await dataSource.transaction((em) => projector.project(e, em)); // redelivery: no-op
      projected = store.events.length;
    };
    const meta = { actor: 'hr-feed', correlationId: 'w35' };

    await service.ingest({ raw: example('valid-declaration.json'), source: 'kafka' }, meta);
    await service.ingest({ raw: example('valid-declaration-commute.json'), source: 'kafka' }, meta);
    await service.ingest({ raw: example('invalid-enum.json'), source: 'kafka' }, meta);
    await service.ingest({ raw: example('valid-manifest.json'), source: 'kafka' }, meta);
    await project();

    const second = JSON.parse(example('valid-declaration.json'));
    second.claimId = 'XX-2024-000200';
    second.injuredAt = '2024-08-20T10:00:00+08:00';
    await service.ingest({ value: second, source: 'http' }, meta);
    await project();

    const { items, total } = await readModel.list({ feedWeek: '2024-W35', zoneId: 'zone-2' });
    expect(total).toBe(2);
    expect(items.map((c) => [c.claimId, c.status])).toEqual([
      ['XX-2024-000200', 'follow-up-due'],
      ['XX-2024-000123', 'follow-up-due'],
    ]);
    expect((await readModel.list({ zoneId: 'unassigned' })).items.map((c) => [c.claimId, c.status])).toEqual([['XX-2024-000124', 'open']]);

    const view = await readModel.get('XX-2024-000200');
    expect(view?.recurrences).toEqual([
      { previousClaimId: 'XX-2024-000123', accidentType: { standard: 'GB6441-86', code: '03', name: '机械伤害' }, daysBetween: 5 },
    ]);
    expect(view?.declaration.medicalTreatmentClaim).toBe(true);

    expect(await readModel.claimIdsWithFollowUpDueBefore('2024-08-29')).toEqual([]);
    expect(await readModel.claimIdsWithFollowUpDueBefore('2024-08-30')).toEqual(['XX-2024-000123', 'XX-2024-000200']);

    const quarantined = await quarantine.list({ feedWeek: '2024-W35' });
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0].reasons).toEqual([{ path: '/injuryNature', message: expect.any(String) }]);
    expect(JSON.stringify(quarantined)).not.toContain('430381199001011234');
    expect(await manifests.get('2024-W35')).toMatchObject({ expectedCount: 2 });
  });
});
