import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadModelVersionEntity } from '@app/projections';
import type { ReportingFact } from '../domain/reporting-fact.js';
import type { ReportingFactsSource } from '../application/reporting-facts.port.js';
import { rowToFact } from './reporting-fact.mapper.js';
import { ReportingFactEntity } from './reporting-fact.entity.js';
import { REPORTING_PROJECTOR_NAME } from '../application/reporting-health.js';

interface RawFact {
  position: string | number;
  eventId: string;
  streamName: string;
  type: string;
  recordedAt: string;
  effectiveAt: string;
  body: string | object;
}

@Injectable()
export class TypeOrmReportingFactsSource implements ReportingFactsSource {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Raw rows rather than entities: the reports read every fact once at start (about as many as the
   * log has events), and entity hydration was most of that time.
   */
  async factsAfter(position: number, limit: number): Promise<ReportingFact[]> {
    const rows = await this.dataSource
      .getRepository(ReportingFactEntity)
      .createQueryBuilder('f')
      .select([
        'f.position AS position',
        'f.eventId AS "eventId"',
        'f.streamName AS "streamName"',
        'f.type AS type',
      ])
      .addSelect([
        'f.recordedAt AS "recordedAt"',
        'f.effectiveAt AS "effectiveAt"',
        'f.body AS body',
      ])
      .where('f.position > :position', { position })
      .orderBy('f.position', 'ASC')
      .limit(limit)
      .getRawMany<RawFact>();
    return rows.map((row) =>
      rowToFact({
        ...row,
        position: Number(row.position),
        body:
          typeof row.body === 'string'
            ? (JSON.parse(row.body) as object)
            : row.body,
      }),
    );
  }

  /** The version and build instant `read_model_versions` records for the facts table (one primary-key read). */
  async generation(): Promise<string> {
    const row = await this.dataSource
      .getRepository(ReadModelVersionEntity)
      .findOneBy({ projector: REPORTING_PROJECTOR_NAME });
    return row ? `${row.version}@${row.builtAt}` : 'none';
  }
}
