import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { endOfShanghaiDate } from '@app/shared-kernel';
import type { InjuryCaseStatus } from '../domain/injury-case-status.js';
import type {
  InjuryCaseListFilter,
  InjuryCaseReadModel,
  InjuryCaseView,
} from '../application/ports/injury-case-read-model.port.js';
import { InjuryCaseViewEntity } from './injury-case-view.entity.js';

@Injectable()
export class TypeOrmInjuryCaseReadModel implements InjuryCaseReadModel {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(InjuryCaseViewEntity);
  }

  async get(claimId: string): Promise<InjuryCaseView | undefined> {
    const row = await this.repo.findOneBy({ claimId });
    return row ? toView(row) : undefined;
  }

  async list(
    filter: InjuryCaseListFilter,
  ): Promise<{ items: InjuryCaseView[]; total: number }> {
    const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 500);
    const page = Math.max(filter.page ?? 1, 1);
    const where: Partial<Record<'zoneId' | 'status' | 'feedWeek', string>> = {};
    if (filter.zoneId) where.zoneId = filter.zoneId;
    if (filter.status) where.status = filter.status;
    if (filter.feedWeek) where.feedWeek = filter.feedWeek;
    const [rows, total] = await this.repo.findAndCount({
      where,
      order: { injuredOn: 'DESC', claimId: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toView), total };
  }

  async listUnmatched(
    paging: { page?: number; pageSize?: number } = {},
  ): Promise<{ items: InjuryCaseView[]; total: number }> {
    const pageSize = Math.min(Math.max(paging.pageSize ?? 50, 1), 500);
    const page = Math.max(paging.page ?? 1, 1);
    const [rows, total] = await this.repo.findAndCount({
      where: { unmatched: true },
      order: { uscc: 'ASC', claimId: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toView), total };
  }

  async claimIdsOfFeedWeek(feedWeek: string): Promise<string[]> {
    // feedWeeks is simple-json text: match the quoted week (a week id has no quote or wildcard characters).
    const rows = await this.repo
      .createQueryBuilder('c')
      .select('c.claimId', 'claimId')
      .where('c.feedWeek = :feedWeek', { feedWeek })
      .orWhere('c.feedWeeks LIKE :quoted', { quoted: `%"${feedWeek}"%` })
      .orderBy('c.claimId', 'ASC')
      .getRawMany<{ claimId: string }>();
    return [...new Set(rows.map((r) => r.claimId))];
  }

  async claimIdsWithFollowUpDueBefore(today: string): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('c')
      .select('c.claimId', 'claimId')
      .where('c.status = :status', {
        status: 'follow-up-due' satisfies InjuryCaseStatus,
      })
      .andWhere('c.followUpDueBy < :today', { today })
      .orderBy('c.followUpDueBy', 'ASC')
      .addOrderBy('c.claimId', 'ASC')
      .getRawMany<{ claimId: string }>();
    return rows.map((r) => r.claimId);
  }
}

export function toView(row: InjuryCaseViewEntity): InjuryCaseView {
  const completedOnTime =
    row.followUpDueBy && row.visitCompletedAt
      ? Date.parse(row.visitCompletedAt) <= endOfShanghaiDate(row.followUpDueBy)
      : null;
  return {
    claimId: row.claimId,
    uscc: row.uscc,
    employerName: row.employerName,
    zoneId: row.zoneId,
    unmatched: Boolean(row.unmatched),
    status: row.status as InjuryCaseStatus,
    feedWeek: row.feedWeek,
    lastFeedWeek: row.lastFeedWeek,
    feedWeeks: row.feedWeeks ?? [row.feedWeek],
    declaration: {
      incidentRef: row.incidentRef,
      injuredAt: row.injuredAt,
      declaredAt: row.declaredAt,
      determination: row.determination,
      injuryNature: row.injuryNature,
      accidentType: row.accidentType,
      bodyPart: row.bodyPart,
      severity: row.severity,
      medicalTreatmentClaim: Boolean(row.medicalTreatmentClaim),
      disabilityGrade: row.disabilityGrade,
      workerRef: row.workerRef,
      occupation: row.occupation,
      narrative: row.narrative,
      personalDataErased: Boolean(row.personalDataErased),
    },
    correctionCount: row.correctionCount,
    withdrawn: Boolean(row.withdrawn),
    withdrawalReason: row.withdrawalReason,
    followUp: {
      dueBy: row.followUpDueBy,
      deadlineAt: row.followUpDueBy
        ? new Date(endOfShanghaiDate(row.followUpDueBy)).toISOString()
        : null,
      overdue: Boolean(row.followUpOverdue),
      completedAt: row.visitCompletedAt,
      officerId: row.visitOfficerId,
      completedOnTime,
      causeAnalysis: row.causeAnalysis,
      recommendations: row.recommendations ?? [],
    },
    rectification: {
      orderedAt: row.rectificationOrderedAt,
      items: row.rectificationItems ?? [],
      verifiedAt: row.rectificationVerifiedAt,
      verifiedBy: row.rectificationVerifiedBy,
    },
    closedAt: row.closedAt,
    closureReason: row.closureReason,
    recurrences: row.recurrences ?? [],
  };
}
