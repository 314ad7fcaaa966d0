import { Module } from '@nestjs/common';
import { CountySnapshots } from './application/county-snapshots.js';
import { ReportQueries } from './application/queries/report-queries.js';
import { ReportingHealth } from './application/reporting-health.js';
import { REPORTING_FACTS_SOURCE } from './application/reporting-facts.port.js';
import { ReportingFactsProjector } from './infrastructure/reporting-facts.projector.js';
import { TypeOrmReportingFactsSource } from './infrastructure/typeorm-reporting-facts.source.js';
import { ReportsController } from './interface/http/reports.controller.js';

/**
 * The reporting context (docs/metrics.md). The importing app provides REFERENCE_DATA and a TypeORM
 * DataSource with REPORTING_ENTITIES, and registers ReportingFactsProjector with its runner.
 */
@Module({
  controllers: [ReportsController],
  providers: [
    ReportingFactsProjector,
    CountySnapshots,
    ReportQueries,
    ReportingHealth,
    { provide: REPORTING_FACTS_SOURCE, useClass: TypeOrmReportingFactsSource },
  ],
  exports: [
    ReportingFactsProjector,
    ReportQueries,
    CountySnapshots,
    ReportingHealth,
  ],
})
export class ReportingModule {}
