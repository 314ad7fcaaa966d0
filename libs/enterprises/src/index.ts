// Public surface of the Enterprise context: the module and its contracts, nothing else.
export { EnterprisesModule } from './enterprises.module.js';
export {
  ENTERPRISE_EVENT_TYPES,
  ENTERPRISE_STREAM_PREFIX,
  COHORTS,
  TRAINING_AUDIENCES,
  enterpriseStreamName,
} from './domain/enterprise.events.js';
export type * from './domain/enterprise.events.js';
export { ENTERPRISE_EVENT_CODEC } from './domain/enterprise-event.codec.js';
export {
  ADOPTION_STAGES,
  adoptionStage,
  type AdoptionStage,
  type AdoptionFacts,
} from './domain/adoption-stage.js';
// Commands, so that other edges (the CLI, process managers) send them through the CommandBus.
export * from './application/commands/assign-guidance-officer/assign-guidance-officer.command.js';
export * from './application/commands/designate-model-enterprise/designate-model-enterprise.command.js';
export * from './application/commands/enroll-in-responsibility-program/enroll-in-responsibility-program.command.js';
export * from './application/commands/establish-system-component/establish-system-component.command.js';
export * from './application/commands/publish-post-responsibility-lists/publish-post-responsibility-lists.command.js';
export * from './application/commands/reassign-zone/reassign-zone.command.js';
export * from './application/commands/record-guidance-visit/record-guidance-visit.command.js';
export * from './application/commands/record-performance-assessment/record-performance-assessment.command.js';
export * from './application/commands/record-training/record-training.command.js';
export * from './application/commands/register-enterprise/register-enterprise.command.js';
export * from './application/commands/report-headcount/report-headcount.command.js';
export * from './application/commands/revoke-model-designation/revoke-model-designation.command.js';
export * from './application/commands/update-enterprise-profile/update-enterprise-profile.command.js';
export { RaiseEnterpriseReviewFlagCommand } from './application/commands/raise-enterprise-review-flag/raise-enterprise-review-flag.command.js';
// The zone an enterprise is in, from its stream: what other contexts attribute their cases to.
export { EnterpriseZoneQuery } from './application/queries/enterprise-zone.query.js';
export { EnterpriseViewProjector } from './infrastructure/enterprise-view.projector.js';
export {
  EnterpriseViewEntity,
  ENTERPRISE_ENTITIES,
} from './infrastructure/enterprise-view.entity.js';
export type {
  ZoneHistoryEntry,
  EstablishedComponentEntry,
  ReviewFlagEntry,
  TrainingAttendeesByAudience,
  EnterpriseListFilter,
  EnterprisePage,
  EnterpriseSummary,
  EnterpriseView,
  EnterpriseReadModel,
} from './application/ports/enterprise-read-model.port.js';
export { ENTERPRISE_READ_MODEL } from './application/ports/enterprise-read-model.port.js';
export { EnterpriseQueries } from './infrastructure/enterprise.queries.js';
