import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { InjuriesModule } from '@app/injuries';
import { IngestFeedBatchService } from './application/ingest-feed-batch/ingest-feed-batch.service.js';
import { IngestFeedRecordService } from './application/ingest-feed-record/ingest-feed-record.service.js';
import {
  FEED_MANIFEST_REPOSITORY,
  QUARANTINE_REPOSITORY,
} from './application/ports/feed-records.port.js';
import { FeedWeekReconciliationQuery } from './application/queries/feed-week-reconciliation.query.js';
import { FeedRecordsProjector } from './infrastructure/feed-records.projector.js';
import {
  TypeOrmFeedManifestRepository,
  TypeOrmQuarantineRepository,
} from './infrastructure/typeorm-feed-records.repository.js';
import { HrFeedController } from './interface/http/hr-feed.controller.js';

/**
 * The HR weekly feed (docs/decisions/0247, 0267): it takes the HR bureau's records, quarantines what it
 * cannot keep, records manifests, reconciles a week, and hands every declaration to the injuries context
 * as a command. The importing app provides what InjuriesModule needs, a TypeORM DataSource with
 * HR_FEED_READ_MODEL_ENTITIES, and registers FeedRecordsProjector with its projection runner. The Kafka
 * consumer is HrFeedKafkaModule (apps/hr-feed-consumer).
 */
@Module({
  imports: [CqrsModule, InjuriesModule],
  controllers: [HrFeedController],
  providers: [
    IngestFeedRecordService,
    IngestFeedBatchService,
    FeedWeekReconciliationQuery,
    FeedRecordsProjector,
    { provide: QUARANTINE_REPOSITORY, useClass: TypeOrmQuarantineRepository },
    {
      provide: FEED_MANIFEST_REPOSITORY,
      useClass: TypeOrmFeedManifestRepository,
    },
  ],
  exports: [
    IngestFeedRecordService,
    IngestFeedBatchService,
    FeedWeekReconciliationQuery,
    FeedRecordsProjector,
    QUARANTINE_REPOSITORY,
    FEED_MANIFEST_REPOSITORY,
  ],
})
export class HrFeedModule {}
