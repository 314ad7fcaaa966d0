import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '@app/event-store';
import type { Projector } from '@app/projections';
import { REPORTING_FACT_TYPES } from '../domain/reporting-fact.js';
import { familyOf, toReportingFact } from './reporting-fact.mapper.js';
import { ReportingFactEntity } from './reporting-fact.entity.js';

/**
 * Keeps `reporting_fact`: one row per event the reports read, keyed by global position. Stateless
 * and append-only, so a redelivered event is ignored by the key and a rebuild writes the same rows.
 */
export const REPORTING_PROJECTOR_NAME = 'reporting.facts';

@Injectable()
export class ReportingFactsProjector implements Projector {
  readonly name = REPORTING_PROJECTOR_NAME;
  readonly handles = REPORTING_FACT_TYPES;
  readonly entities = [ReportingFactEntity];

  async project(event: StoredEvent, em: EntityManager): Promise<void> {
    const fact = toReportingFact(event);
    if (!fact) return;
    const { position, eventId, streamName, type, recordedAt, effectiveAt, ...body } = fact;
    await em
      .createQueryBuilder()
      .insert()
      .into(ReportingFactEntity)
      .values({ position, eventId, streamName, type, family: familyOf(type), recordedAt, effectiveAt, body })
      .orIgnore()
      .execute();
  }
}
