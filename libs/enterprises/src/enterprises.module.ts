import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AssignGuidanceOfficerHandler } from './application/commands/assign-guidance-officer/assign-guidance-officer.handler.js';
import { DesignateModelEnterpriseHandler } from './application/commands/designate-model-enterprise/designate-model-enterprise.handler.js';
import { EnrollInResponsibilityProgramHandler } from './application/commands/enroll-in-responsibility-program/enroll-in-responsibility-program.handler.js';
import { EstablishSystemComponentHandler } from './application/commands/establish-system-component/establish-system-component.handler.js';
import { PublishPostResponsibilityListsHandler } from './application/commands/publish-post-responsibility-lists/publish-post-responsibility-lists.handler.js';
import { RaiseEnterpriseReviewFlagHandler } from './application/commands/raise-enterprise-review-flag/raise-enterprise-review-flag.handler.js';
import { ReassignZoneHandler } from './application/commands/reassign-zone/reassign-zone.handler.js';
import { RecordGuidanceVisitHandler } from './application/commands/record-guidance-visit/record-guidance-visit.handler.js';
import { RecordPerformanceAssessmentHandler } from './application/commands/record-performance-assessment/record-performance-assessment.handler.js';
import { RecordTrainingHandler } from './application/commands/record-training/record-training.handler.js';
import { RegisterEnterpriseHandler } from './application/commands/register-enterprise/register-enterprise.handler.js';
import { ReportHeadcountHandler } from './application/commands/report-headcount/report-headcount.handler.js';
import { RevokeModelDesignationHandler } from './application/commands/revoke-model-designation/revoke-model-designation.handler.js';
import { UpdateEnterpriseProfileHandler } from './application/commands/update-enterprise-profile/update-enterprise-profile.handler.js';
import { EnterpriseHistoryQuery } from './application/queries/enterprise-history.query.js';
import { EnterpriseZoneQuery } from './application/queries/enterprise-zone.query.js';
import { EnterpriseViewProjector } from './infrastructure/enterprise-view.projector.js';
import {
  ENTERPRISE_AS_RECORDED_READ_MODEL,
  ENTERPRISE_READ_MODEL,
} from './application/ports/enterprise-read-model.port.js';
import { EnterpriseQueries } from './infrastructure/enterprise.queries.js';
import { EnterpriseAsRecordedQuery } from './infrastructure/enterprise-as-recorded.query.js';
import { EventStoreEnterpriseRepository } from './infrastructure/enterprise.repository.js';
import { ENTERPRISE_REPOSITORY } from './application/enterprise.repository.js';
import { EnterprisesController } from './interface/http/enterprises.controller.js';

export const ENTERPRISE_COMMAND_HANDLERS = [
  RegisterEnterpriseHandler,
  UpdateEnterpriseProfileHandler,
  ReassignZoneHandler,
  ReportHeadcountHandler,
  EnrollInResponsibilityProgramHandler,
  AssignGuidanceOfficerHandler,
  RecordGuidanceVisitHandler,
  PublishPostResponsibilityListsHandler,
  EstablishSystemComponentHandler,
  RecordTrainingHandler,
  RecordPerformanceAssessmentHandler,
  DesignateModelEnterpriseHandler,
  RevokeModelDesignationHandler,
  RaiseEnterpriseReviewFlagHandler,
];

/**
 * The Enterprise context. Needs from the app: CqrsModule.forRoot(), the EVENT_STORE provider,
 * ReferenceDataModule.forRoot(...) (REFERENCE_DATA), and a TypeORM DataSource that includes
 * ENTERPRISE_ENTITIES. The composition root lists EnterpriseViewProjector (exported) in PROJECTOR_CLASSES.
 */
@Module({
  imports: [CqrsModule],
  controllers: [EnterprisesController],
  providers: [
    {
      provide: ENTERPRISE_REPOSITORY,
      useClass: EventStoreEnterpriseRepository,
    },
    ...ENTERPRISE_COMMAND_HANDLERS,
    EnterpriseHistoryQuery,
    EnterpriseZoneQuery,
    EnterpriseQueries,
    { provide: ENTERPRISE_READ_MODEL, useExisting: EnterpriseQueries },
    {
      provide: ENTERPRISE_AS_RECORDED_READ_MODEL,
      useClass: EnterpriseAsRecordedQuery,
    },
    EnterpriseViewProjector,
  ],
  exports: [EnterpriseViewProjector, EnterpriseQueries, EnterpriseZoneQuery],
})
export class EnterprisesModule {}
