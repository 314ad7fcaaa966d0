import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CompleteRectificationItemHandler } from './application/commands/complete-rectification-item/complete-rectification-item.handler.js';
import { CloseInjuryCaseHandler } from './application/commands/close-injury-case/close-injury-case.handler.js';
import { DetectOverdueFollowUpsHandler } from './application/commands/detect-overdue-follow-ups/detect-overdue-follow-ups.handler.js';
import { OrderRectificationHandler } from './application/commands/order-rectification/order-rectification.handler.js';
import { RecordFollowUpVisitHandler } from './application/commands/record-follow-up-visit/record-follow-up-visit.handler.js';
import { VerifyRectificationHandler } from './application/commands/verify-rectification/verify-rectification.handler.js';
import { IngestFeedRecordService } from './application/ingest-feed-record/ingest-feed-record.service.js';
import { FEED_MANIFEST_REPOSITORY, QUARANTINE_REPOSITORY } from './application/ports/feed-records.port.js';
import { INJURY_CASE_READ_MODEL } from './application/ports/injury-case-read-model.port.js';
import { InjuryCaseViewProjector } from './infrastructure/injury-case-view.projector.js';
import { TypeOrmFeedManifestRepository, TypeOrmQuarantineRepository } from './infrastructure/typeorm-feed-records.repository.js';
import { TypeOrmInjuryCaseReadModel } from './infrastructure/typeorm-injury-case.read-model.js';

/**
 * The injuries bounded context. The importing app provides EVENT_STORE, REFERENCE_DATA, CLOCK, a
 * TypeORM DataSource with InjuryCaseViewEntity / QuarantineEntity / FeedManifestEntity,
 * INJURIES_OPTIONS {workerPseudonymSecret} and INJURIES_ENTERPRISE_DIRECTORY, and registers
 * InjuryCaseViewProjector with its projection runner. HTTP controllers and the Kafka consumer: TODO.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    RecordFollowUpVisitHandler,
    OrderRectificationHandler,
    CompleteRectificationItemHandler,
    VerifyRectificationHandler,
    CloseInjuryCaseHandler,
    DetectOverdueFollowUpsHandler,
    IngestFeedRecordService,
    InjuryCaseViewProjector,
    { provide: INJURY_CASE_READ_MODEL, useClass: TypeOrmInjuryCaseReadModel },
    { provide: QUARANTINE_REPOSITORY, useClass: TypeOrmQuarantineRepository },
    { provide: FEED_MANIFEST_REPOSITORY, useClass: TypeOrmFeedManifestRepository },
  ],
  exports: [IngestFeedRecordService, InjuryCaseViewProjector, INJURY_CASE_READ_MODEL, QUARANTINE_REPOSITORY, FEED_MANIFEST_REPOSITORY],
})
export class InjuriesModule {}
