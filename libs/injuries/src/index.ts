export * from './injuries.module.js';
// domain contracts
export * from './domain/injury-case.events.js';
export * from './domain/injury-case.errors.js';
export * from './domain/feed-week.events.js';
export * from './domain/injuries-event.codec.js';
export * from './domain/personal-data.js';
export * from './domain/personal-data.events.js';
export {
  INJURY_CASE_STATUSES,
  type InjuryCaseStatus,
} from './domain/injury-case-status.js';
export {
  InjuryCase,
  NOT_RECOGNISED_REASON,
  type DeclarationOutcome,
} from './domain/injury-case.aggregate.js';
export type { DeclarationInput } from './domain/declaration-input.js';
export * from './domain/follow-up-policy.js';
export * from './domain/recurrence.js';
// application
export * from './application/injuries.options.js';
export * from './application/content-hash.js';
export * from './application/pseudonymise-worker-id.js';
export * from './application/ports/enterprise-directory.port.js';
export * from './application/personal-data/personal-data-keys.port.js';
export {
  PersonalDataVault,
  PersonalDataKeyMissingError,
} from './application/personal-data/personal-data-vault.js';
export * from './application/personal-data/erase-worker.service.js';
export * from './application/ports/injury-case-read-model.port.js';
export * from './application/commands/record-follow-up-visit/record-follow-up-visit.command.js';
export * from './application/commands/order-rectification/order-rectification.command.js';
export * from './application/commands/complete-rectification-item/complete-rectification-item.command.js';
export * from './application/commands/verify-rectification/verify-rectification.command.js';
export * from './application/commands/close-injury-case/close-injury-case.command.js';
export * from './application/commands/detect-overdue-follow-ups/detect-overdue-follow-ups.command.js';
export * from './application/commands/record-injury-declaration/record-injury-declaration.command.js';
export * from './application/commands/record-injury-declaration/record-injury-declarations.command.js';
// read models
export * from './infrastructure/injury-case-view.entity.js';
export * from './infrastructure/injury-enterprise-zone.entity.js';
export { InjuryCaseViewProjector } from './infrastructure/injury-case-view.projector.js';
export { RecurrenceDetector } from './infrastructure/recurrence-detector.process-manager.js';
export { OverdueFollowUpScheduler } from './infrastructure/overdue-follow-up.scheduler.js';
export {
  SqlitePersonalDataKeys,
  PERSONAL_DATA_KEYS_FILE,
} from './infrastructure/personal-data/sqlite-personal-data-keys.js';
export { PostgresPersonalDataKeys } from './infrastructure/personal-data/postgres-personal-data-keys.js';
export { INJURIES_READ_MODEL_ENTITIES } from './infrastructure/injuries-read-model.entities.js';
