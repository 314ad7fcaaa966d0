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
import { INJURY_CASE_READ_MODEL } from './application/ports/injury-case-read-model.port.js';
import { INJURY_CASE_REPOSITORY } from './application/injury-case.repository.js';
import { FatalInjuryReviewFlagProcessManager } from './application/process-managers/fatal-injury-review-flag.process-manager.js';
import { PersonalDataVault } from './application/personal-data/personal-data-vault.js';
import { EraseWorkerService } from './application/personal-data/erase-worker.service.js';
import { RecurrenceDetector } from './infrastructure/recurrence-detector.process-manager.js';
import { InjuryCaseViewProjector } from './infrastructure/injury-case-view.projector.js';
import { OverdueFollowUpScheduler } from './infrastructure/overdue-follow-up.scheduler.js';
import { TypeOrmInjuryCaseReadModel } from './infrastructure/typeorm-injury-case.read-model.js';
import { InjuryCaseAsRecordedQuery } from './infrastructure/injury-case-as-recorded.query.js';
import { EventStoreInjuryCaseRepository } from './infrastructure/injury-case.repository.js';
import { InjuryCasesController } from './interface/http/injury-cases.controller.js';

/**
 * The injuries bounded context. The importing app provides EVENT_STORE, REFERENCE_DATA, CLOCK,
 * APP_CONFIG, a TypeORM DataSource with INJURIES_READ_MODEL_ENTITIES, INJURIES_OPTIONS
 * {workerPseudonymSecret}, PERSONAL_DATA_KEYS (the key table) and INJURIES_ENTERPRISE_DIRECTORY, a CommandBus that handles
 * RaiseEnterpriseReviewFlagCommand (@app/enterprises), and registers InjuryCaseViewProjector with its
 * projection runner. Declarations arrive from the HR feed (@app/hr-feed) as RecordInjuryDeclarationCommand
 * and RecordInjuryDeclarationsCommand (docs/decisions/0266).
 */
@Module({
  imports: [CqrsModule],
  controllers: [InjuryCasesController],
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
    InjuryCaseViewProjector,
    RecurrenceDetector,
    OverdueFollowUpScheduler,
    { provide: INJURY_CASE_READ_MODEL, useClass: TypeOrmInjuryCaseReadModel },
    InjuryCaseAsRecordedQuery,
  ],
  exports: [
    PersonalDataVault,
    EraseWorkerService,
    InjuryCaseViewProjector,
    RecurrenceDetector,
    INJURY_CASE_READ_MODEL,
  ],
})
export class InjuriesModule {}
