import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { accidentGrade, injuryDegree } from '@app/reference-data';
import type {
  AccidentListFilter,
  AccidentListItem,
  AccidentReadModel,
} from '../application/ports/accident-read-model.port.js';
import { AccidentViewEntity } from './accident-view.entity.js';

/** Lists accident_view rows; the grade and the degree of injury are recomputed from the row's latest figures. */
@Injectable()
export class TypeOrmAccidentReadModel implements AccidentReadModel {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AccidentListFilter): Promise<AccidentListItem[]> {
    const qb = this.dataSource
      .getRepository(AccidentViewEntity)
      .createQueryBuilder('a');
    if (filter.from)
      qb.andWhere('a.occurredOn >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.occurredOn <= :to', { to: filter.to });
    if (filter.zoneId)
      qb.andWhere('a.zoneId = :zoneId', { zoneId: filter.zoneId });
    const rows = await qb
      .orderBy('a.occurredOn', 'ASC')
      .addOrderBy('a.occurredAt', 'ASC')
      .addOrderBy('a.accidentId', 'ASC')
      .getMany();
    return rows.map(toListItem);
  }
}

export function toListItem(row: AccidentViewEntity): AccidentListItem {
  return {
    accidentId: row.accidentId,
    uscc: row.uscc,
    zoneId: row.zoneId,
    accidentType: row.accidentType,
    occurredAt: row.occurredAt,
    deaths: row.deaths,
    seriousInjuries: row.seriousInjuries,
    minorInjuries: row.minorInjuries,
    directLossYuan: Number(row.directLossYuan),
    grade: accidentGrade({
      deaths: row.deaths,
      seriousInjuries: row.seriousInjuries,
      directLossYuan: Number(row.directLossYuan),
    }),
    injuryDegree: injuryDegree(row),
    description: row.description,
    revisionCount: row.revisionCount,
    revisions: row.revisions ?? [],
  };
}
