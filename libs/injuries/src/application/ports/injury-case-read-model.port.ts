import type { AccidentTypeRef } from '@app/reference-data';
import type { InjuryCaseStatus } from '../../domain/injury-case-status.js';
import type { CauseAnalysis } from '../../domain/injury-case.events.js';

export interface InjuryCaseView {
  claimId: string;
  uscc: string;
  employerName: string | null;
  zoneId: string;
  /** True while the uscc is not registered (zoneId is then `unassigned`). */
  unmatched: boolean;
  status: InjuryCaseStatus;
  feedWeek: string;
  lastFeedWeek: string;
  /** Every feed week whose records changed this case. */
  feedWeeks: string[];
  declaration: {
    incidentRef: string | null;
    injuredAt: string;
    declaredAt: string;
    determination: string;
    injuryNature: string;
    accidentType: AccidentTypeRef | null;
    bodyPart: string | null;
    severity: string;
    medicalTreatmentClaim: boolean;
    disabilityGrade: number | null;
    workerRef: string | null;
    occupation: string | null;
    narrative: string | null;
    /** True once the worker was erased: the four personal fields above are null for that reason. */
    personalDataErased: boolean;
  };
  correctionCount: number;
  withdrawn: boolean;
  withdrawalReason: string | null;
  followUp: {
    dueBy: string | null;
    /** The last instant the visit is on time: end of dueBy in Asia/Shanghai (docs/decisions/0010). */
    deadlineAt: string | null;
    overdue: boolean;
    completedAt: string | null;
    officerId: string | null;
    completedOnTime: boolean | null;
    causeAnalysis: CauseAnalysis | null;
    recommendations: string[];
  };
  rectification: {
    orderedAt: string | null;
    items: {
      itemId: string;
      description: string;
      dueBy: string;
      completedAt: string | null;
      evidenceRef: string | null;
    }[];
    verifiedAt: string | null;
    verifiedBy: string | null;
  };
  closedAt: string | null;
  closureReason: string | null;
  recurrences: {
    previousClaimId: string;
    accidentType: AccidentTypeRef;
    daysBetween: number;
  }[];
}

export interface InjuryCaseListFilter {
  zoneId?: string;
  status?: InjuryCaseStatus;
  feedWeek?: string;
  page?: number;
  pageSize?: number;
}

/** Read side of injury cases, over the injury_case_view read model. */
export interface InjuryCaseReadModel {
  get(claimId: string): Promise<InjuryCaseView | undefined>;
  list(
    filter: InjuryCaseListFilter,
  ): Promise<{ items: InjuryCaseView[]; total: number }>;
  /** Cases whose visit is still due and whose dueBy is before `today` (Asia/Shanghai date). */
  claimIdsWithFollowUpDueBefore(today: string): Promise<string[]>;
  /** Declarations whose uscc is still not registered (GET /hr-feed/unmatched). */
  listUnmatched(page?: {
    page?: number;
    pageSize?: number;
  }): Promise<{ items: InjuryCaseView[]; total: number }>;
  /** Distinct claimIds that records of `feedWeek` received, corrected or withdrew (reconciliation). */
  claimIdsOfFeedWeek(feedWeek: string): Promise<string[]>;
}

export const INJURY_CASE_READ_MODEL = Symbol('injuries.InjuryCaseReadModel');
