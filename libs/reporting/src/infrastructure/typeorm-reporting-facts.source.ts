import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReportingFact } from '../domain/reporting-fact.js';
import type { ReportingFactsSource } from '../application/reporting-facts.port.js';
import { rowToFact } from './reporting-fact.mapper.js';
import { ReportingFactEntity } from './reporting-fact.entity.js';

@Injectable()
export class TypeOrmReportingFactsSource implements ReportingFactsSource {
  constructor(private readonly dataSource: DataSource) {}

  async factsAfter(position: number, limit: number): Promise<ReportingFact[]> {
    const rows = await this.dataSource
      .getRepository(ReportingFactEntity)
      .createQueryBuilder('f')
      .where('f.position > :position', { position })
      .orderBy('f.position', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(rowToFact);
  }
}
