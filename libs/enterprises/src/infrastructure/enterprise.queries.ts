import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  REFERENCE_DATA,
  normalizeUscc,
  type ReferenceData,
} from '@app/reference-data';
import type { AdoptionStage } from '../domain/adoption-stage.js';
import type {
  EnterpriseListFilter,
  EnterprisePage,
  EnterpriseReadModel,
  EnterpriseSummary,
  EnterpriseView,
} from '../application/ports/enterprise-read-model.port.js';
import { EnterpriseViewEntity } from './enterprise-view.entity.js';

const MAX_PAGE_SIZE = 200;

/** Reads of the enterprise read model (list with filters, one enterprise). */
@Injectable()
export class EnterpriseQueries implements EnterpriseReadModel {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  async list(filter: EnterpriseListFilter = {}): Promise<EnterprisePage> {
    const page = Math.max(1, Math.floor(filter.page ?? 1));
    const pageSize = Math.min(
      MAX_PAGE_SIZE,
      Math.max(1, Math.floor(filter.pageSize ?? 20)),
    );
    const query = this.dataSource
      .getRepository(EnterpriseViewEntity)
      .createQueryBuilder('e');
    if (filter.zoneId)
      query.andWhere('e.zoneId = :zoneId', { zoneId: filter.zoneId });
    if (filter.stage)
      query.andWhere('e.stage = :stage', { stage: filter.stage });
    if (filter.q && filter.q.trim() !== '') {
      const pattern = `%${filter.q
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        "(LOWER(e.name) LIKE :q ESCAPE '\\' OR LOWER(e.uscc) LIKE :q ESCAPE '\\')",
        { q: pattern },
      );
    }
    query.orderBy('e.name', 'ASC').addOrderBy('e.uscc', 'ASC');
    query.skip((page - 1) * pageSize).take(pageSize);
    const [rows, total] = await query.getManyAndCount();
    return { items: rows.map(toSummary), total, page, pageSize };
  }

  async getOne(uscc: string): Promise<EnterpriseView | null> {
    const row = await this.dataSource
      .getRepository(EnterpriseViewEntity)
      .findOneBy({ uscc: normalizeUscc(uscc) });
    return row === null ? null : this.toView(row);
  }

  private toView(row: EnterpriseViewEntity): EnterpriseView {
    const zoneName =
      this.referenceData.zones.find((z) => z.id === row.zoneId)?.name ??
      row.zoneId;
    const established = new Map(
      row.componentsEstablished.map((c) => [c.component, c]),
    );
    return {
      uscc: row.uscc,
      name: row.name,
      zone: { id: row.zoneId, name: zoneName },
      zoneHistory: row.zoneHistory,
      township: row.township,
      industryCode: row.industryCode,
      aboveDesignatedSize: row.aboveDesignatedSize,
      headcount: row.headcount,
      headcountPeriod: row.headcountPeriod,
      stage: row.stage as AdoptionStage,
      enrolment:
        row.cohort === null
          ? null
          : { cohort: row.cohort, enrolledAt: row.enrolledAt },
      guidance: {
        officerId: row.officerId,
        visits: row.guidanceVisits,
        lastVisitAt: row.lastGuidanceVisitAt,
      },
      components: this.referenceData.components.map((c) => {
        const done = established.get(c.id);
        return {
          id: c.id,
          name: c.name,
          established: done !== undefined,
          evidenceRef: done?.evidenceRef ?? null,
          establishedAt: done?.establishedAt ?? null,
        };
      }),
      coverage:
        row.postsTotal === null
          ? null
          : {
              postsTotal: row.postsTotal,
              postsCovered: row.postsCovered ?? 0,
              employeesCovered: row.employeesCovered ?? 0,
              postCoverage:
                row.postsTotal === 0
                  ? null
                  : (row.postsCovered ?? 0) / row.postsTotal,
              publishedAt: row.listsPublishedAt,
            },
      trainings: {
        sessions: row.trainingSessions,
        attendees: row.trainingAttendees,
        bookletsDistributed: row.bookletsDistributed,
      },
      assessments: { count: row.assessments, latest: row.latestAssessment },
      model: {
        designated: row.modelEnterprise,
        citation: row.modelCitation,
        designatedAt: row.modelDesignatedAt,
      },
      reviewFlags: row.reviewFlags,
      registeredAt: row.registeredAt,
      updatedAt: row.updatedAt,
      streamPosition: row.lastStreamPosition,
    };
  }
}

function toSummary(row: EnterpriseViewEntity): EnterpriseSummary {
  return {
    uscc: row.uscc,
    name: row.name,
    zoneId: row.zoneId,
    township: row.township,
    industryCode: row.industryCode,
    aboveDesignatedSize: row.aboveDesignatedSize,
    headcount: row.headcount,
    stage: row.stage as AdoptionStage,
    modelEnterprise: row.modelEnterprise,
    reviewFlags: row.reviewFlags.length,
    updatedAt: row.updatedAt,
  };
}
