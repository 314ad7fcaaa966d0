export * from './accidents.module.js';
export * from './domain/accident.events.js';
export * from './domain/accident-event.codec.js';
export * from './domain/accident.errors.js';
export {
  Accident,
  type ReportAccidentInput,
  type ReviseCasualtiesInput,
} from './domain/accident.aggregate.js';
export * from './application/enterprise-directory.port.js';
export * from './application/commands/report-accident/report-accident.command.js';
export * from './application/commands/revise-accident-casualties/revise-accident-casualties.command.js';
export * from './application/ports/accident-read-model.port.js';
export * from './infrastructure/accident-view.entity.js';
export * from './infrastructure/accident-view.projector.js';
export { AccidentsController } from './interface/http/accidents.controller.js';
