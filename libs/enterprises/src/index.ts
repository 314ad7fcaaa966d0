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
export { ADOPTION_STAGES, adoptionStage, type AdoptionStage, type AdoptionFacts } from './domain/adoption-stage.js';
export { RaiseEnterpriseReviewFlagCommand } from './application/commands/raise-enterprise-review-flag/raise-enterprise-review-flag.command.js';
export { EnterpriseViewProjector } from './infrastructure/enterprise-view.projector.js';
export { EnterpriseViewEntity, ENTERPRISE_ENTITIES } from './infrastructure/enterprise-view.entity.js';
export type {
  ZoneHistoryEntry,
  EstablishedComponentEntry,
  ReviewFlagEntry,
  TrainingAttendeesByAudience,
} from './infrastructure/enterprise-view.entity.js';
export {
  EnterpriseQueries,
  type EnterpriseListFilter,
  type EnterprisePage,
  type EnterpriseSummary,
  type EnterpriseView,
} from './infrastructure/enterprise.queries.js';
