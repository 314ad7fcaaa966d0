import type { AccidentTypeRef } from '@app/reference-data';
import type { InjuryCaseStatus } from '../../domain/injury-case.aggregate.js';
import type { CauseAnalysis } from '../../domain/injury-case.events.js';
import type { RecurrenceCandidate } from '../../domain/recurrence.js';

export interface InjuryCaseView {
  claimId: string;
  uscc: string;
  employerName: string | null;
  zoneId: string;
  status: InjuryCaseStatus;
  feedWeek: string;
  lastFeedWeek: string;
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
  };
  correctionCount: number;
  withdrawn: boolean;
  withdrawalReason: string | null;
  followUp: {
    dueBy: string | null;
    overdue: boolean;
    completedAt: string | null;
    officerId: string | null;
    completedOnTime: boolean | null;
    causeAnalysis: CauseAnalysis | null;
    recommendations: string[];
  };
  rectification: {
    orderedAt: string | null;
    items: { itemId: string; description: string; dueBy: string; completedAt: string | null; evidenceRef: string | null }[];
    verifiedAt: string | null;
    verifiedBy: string | null;
  };
  closedAt: string | null;
  closureReason: string | null;
  recurrences: { previousClaimId: string; accidentType: AccidentTypeRef; daysBetween: number }[];
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
  list(filter: InjuryCaseListFilter): Promise<{ items: InjuryCaseView[]; total: number }>;
  /** Earlier cases of an enterprise, for recurrence detection. */
  casesOfEnterprise(uscc: string): Promise<RecurrenceCandidate[]>;
  /** Cases whose visit is still due and whose dueBy is before `today` (Asia/Shanghai date). */
  claimIdsWithFollowUpDueBefore(today: string): Promise<string[]>;
}

export const INJURY_CASE_READ_MODEL = Symbol('injuries.InjuryCaseReadModel');
