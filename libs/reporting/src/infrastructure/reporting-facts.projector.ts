import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@app/event-store';
import type { ProjectionTransaction, Projector } from '@app/projections';
import { REPORTING_PROJECTOR_NAME } from '../application/reporting-health.js';
import { REPORTING_FACT_TYPES } from '../domain/reporting-fact.js';
import { familyOf, toReportingFact } from './reporting-fact.mapper.js';
import { ReportingFactEntity } from './reporting-fact.entity.js';

/**
 * Keeps `reporting_fact`: one row per event the reports read, keyed by global position. Stateless
 * and append-only: a page becomes one batch of rows, and a redelivered event rewrites its own row
 * with the same content, so a rebuild writes the same rows.
 */
@Injectable()
export class ReportingFactsProjector implements Projector {
  readonly name = REPORTING_PROJECTOR_NAME;
  readonly version = 1;
  readonly handles = REPORTING_FACT_TYPES;
  readonly entities = [ReportingFactEntity];

  async applyPage(
    events: readonly StoredEvent[],
    tx: ProjectionTransaction,
  ): Promise<void> {
    const rows: ReportingFactEntity[] = [];
    for (const event of events) {
      const fact = toReportingFact(event);
      if (!fact) continue;
      const {
        position,
        eventId,
        streamName,
        type,
        recordedAt,
        effectiveAt,
        ...body
      } = fact;
      rows.push({
        position,
        eventId,
        streamName,
        type,
        family: familyOf(type),
        recordedAt,
        effectiveAt,
        body,
      });
    }
    await tx.table(ReportingFactEntity).upsert(rows);
  }
}
