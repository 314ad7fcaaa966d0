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
  /** The generation query, built once: it runs on every report request (docs/decisions/0124). */
  private generationQuery?: [string, unknown[]];

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
    this.generationQuery ??= this.dataSource
      .getRepository(ReadModelVersionEntity)
      .createQueryBuilder('v')
      .select(['v.version AS version', 'v.builtAt AS "builtAt"'])
      .where('v.projector = :projector', {
        projector: REPORTING_PROJECTOR_NAME,
      })
      .getQueryAndParameters();
    const [row] = await this.dataSource.query<
      { version: number | string; builtAt: string }[]
    >(...this.generationQuery);
    return row ? `${Number(row.version)}@${row.builtAt}` : 'none';
  }
}
