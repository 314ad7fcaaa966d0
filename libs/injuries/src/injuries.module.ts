import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CompleteRectificationItemHandler } from './application/commands/complete-rectification-item/complete-rectification-item.handler.js';
import { CloseInjuryCaseHandler } from './application/commands/close-injury-case/close-injury-case.handler.js';
import { DetectOverdueFollowUpsHandler } from './application/commands/detect-overdue-follow-ups/detect-overdue-follow-ups.handler.js';
import { OrderRectificationHandler } from './application/commands/order-rectification/order-rectification.handler.js';
import { RecordFollowUpVisitHandler } from './application/commands/record-follow-up-visit/record-follow-up-visit.handler.js';
import { RecordInjuryDeclarationHandler } from './application/commands/record-injury-declaration/record-injury-declaration.handler.js';
import { RecordInjuryDeclarationsHandler } from './application/commands/record-injury-declaration/record-injury-declarations.handler.js';
import { VerifyRectificationHandler } from './application/commands/verify-rectification/verify-rectification.handler.js';
import { IngestFeedBatchService } from './application/ingest-feed-batch/ingest-feed-batch.service.js';
import { IngestFeedRecordService } from './application/ingest-feed-record/ingest-feed-record.service.js';
import {
  FEED_MANIFEST_REPOSITORY,
  QUARANTINE_REPOSITORY,
} from './application/ports/feed-records.port.js';
import { INJURY_CASE_READ_MODEL } from './application/ports/injury-case-read-model.port.js';
import { INJURY_CASE_REPOSITORY } from './application/injury-case.repository.js';
import { FatalInjuryReviewFlagProcessManager } from './application/process-managers/fatal-injury-review-flag.process-manager.js';
import { PersonalDataVault } from './application/personal-data/personal-data-vault.js';
import { EraseWorkerService } from './application/personal-data/erase-worker.service.js';
import { FeedWeekReconciliationQuery } from './application/queries/feed-week-reconciliation.query.js';
import { FeedRecordsProjector } from './infrastructure/feed-records.projector.js';
import { RecurrenceDetector } from './infrastructure/recurrence-detector.process-manager.js';
import { InjuryCaseViewProjector } from './infrastructure/injury-case-view.projector.js';
import { OverdueFollowUpScheduler } from './infrastructure/overdue-follow-up.scheduler.js';
import {
  TypeOrmFeedManifestRepository,
  TypeOrmQuarantineRepository,
} from './infrastructure/typeorm-feed-records.repository.js';
import { TypeOrmInjuryCaseReadModel } from './infrastructure/typeorm-injury-case.read-model.js';
import { InjuryCaseAsRecordedQuery } from './infrastructure/injury-case-as-recorded.query.js';
import { EventStoreInjuryCaseRepository } from './infrastructure/injury-case.repository.js';
import { HrFeedController } from './interface/http/hr-feed.controller.js';
import { InjuryCasesController } from './interface/http/injury-cases.controller.js';

/**
 * The injuries bounded context. The importing app provides EVENT_STORE, REFERENCE_DATA, CLOCK,
 * APP_CONFIG, a TypeORM DataSource with INJURIES_READ_MODEL_ENTITIES, INJURIES_OPTIONS
 * {workerPseudonymSecret}, PERSONAL_DATA_KEYS (the key table) and INJURIES_ENTERPRISE_DIRECTORY, a CommandBus that handles
 * RaiseEnterpriseReviewFlagCommand (@app/enterprises), and registers InjuryCaseViewProjector and
 * FeedRecordsProjector with its projection runner. The Kafka consumer lives in apps/hr-feed-consumer.
 */
@Module({
  imports: [CqrsModule],
  controllers: [HrFeedController, InjuryCasesController],
  providers: [
    {
      provide: INJURY_CASE_REPOSITORY,
      useClass: EventStoreInjuryCaseRepository,
    },
    RecordFollowUpVisitHandler,
    OrderRectificationHandler,
    CompleteRectificationItemHandler,
    VerifyRectificationHandler,
    CloseInjuryCaseHandler,
    DetectOverdueFollowUpsHandler,
    RecordInjuryDeclarationHandler,
    RecordInjuryDeclarationsHandler,
    FatalInjuryReviewFlagProcessManager,
    PersonalDataVault,
    EraseWorkerService,
    IngestFeedRecordService,
    IngestFeedBatchService,
    FeedWeekReconciliationQuery,
    InjuryCaseViewProjector,
    FeedRecordsProjector,
    RecurrenceDetector,
    OverdueFollowUpScheduler,
    { provide: INJURY_CASE_READ_MODEL, useClass: TypeOrmInjuryCaseReadModel },
    InjuryCaseAsRecordedQuery,
    { provide: QUARANTINE_REPOSITORY, useClass: TypeOrmQuarantineRepository },
    {
      provide: FEED_MANIFEST_REPOSITORY,
      useClass: TypeOrmFeedManifestRepository,
    },
  ],
  exports: [
    PersonalDataVault,
    EraseWorkerService,
    IngestFeedRecordService,
    IngestFeedBatchService,
    FeedWeekReconciliationQuery,
    InjuryCaseViewProjector,
    FeedRecordsProjector,
    RecurrenceDetector,
    INJURY_CASE_READ_MODEL,
    QUARANTINE_REPOSITORY,
    FEED_MANIFEST_REPOSITORY,
  ],
})
export class InjuriesModule {}
