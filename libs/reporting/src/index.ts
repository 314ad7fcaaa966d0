export * from './reporting.module.js';
export * from './domain/index.js';
export { ReportingFactEntity } from './infrastructure/reporting-fact.entity.js';
export { ReportingFactsProjector } from './infrastructure/reporting-facts.projector.js';
export { toReportingFact } from './infrastructure/reporting-fact.mapper.js';
export { ReportQueries } from './application/queries/report-queries.js';
export { CountySnapshots } from './application/county-snapshots.js';

export {
  ReportingHealth,
  type ReportsReadiness,
} from './application/reporting-health.js';
