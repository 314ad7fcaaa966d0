import type { AdoptionStage } from '../../domain/adoption-stage.js';

/*
 * The read side of enterprises (docs/decisions/0262): the ports the controllers inject; the adapters over the
 * enterprise_view read model live in infrastructure/.
 */

export interface ZoneHistoryEntry {
  zoneId: string;
  /** effectiveAt of the registration or reassignment (ISO instant). */
  from: string;
}
export interface EstablishedComponentEntry {
  component: string;
  evidenceRef: string;
  establishedAt: string;
}
export interface TrainingAttendeesByAudience {
  principal: number;
  manager: number;
  employee: number;
}
export interface LatestAssessmentEntry {
  period: string;
  postsAssessed: number;
  postsPassed: number;
  rewards: number;
  penalties: number;
  hazardsReportedByStaff: number;
  assessedAt: string;
}
export interface ReviewFlagEntry {
  reason: string;
  sourceRef: string;
  raisedAt: string;
}

export interface EnterpriseListFilter {
  zoneId?: string;
  stage?: AdoptionStage;
  /** Text search on name or USCC (case-insensitive substring). */
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface EnterpriseSummary {
  uscc: string;
  name: string;
  zoneId: string;
  township: string;
  industryCode: string;
  aboveDesignatedSize: boolean;
  headcount: number;
  stage: AdoptionStage;
  modelEnterprise: boolean;
  reviewFlags: number;
  updatedAt: string;
}

export interface EnterprisePage {
  items: EnterpriseSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** The enterprise view of docs/metrics.md §4 (injuries are served by the injuries context). */
export interface EnterpriseView {
  uscc: string;
  name: string;
  zone: { id: string; name: string };
  zoneHistory: ZoneHistoryEntry[];
  township: string;
  industryCode: string;
  aboveDesignatedSize: boolean;
  headcount: number;
  headcountPeriod: string | null;
  stage: AdoptionStage;
  enrolment: { cohort: string; enrolledAt: string | null } | null;
  guidance: {
    officerId: string | null;
    visits: number;
    lastVisitAt: string | null;
  };
  components: {
    id: string;
    name: string;
    established: boolean;
    evidenceRef: string | null;
    establishedAt: string | null;
  }[];
  coverage: {
    postsTotal: number;
    postsCovered: number;
    employeesCovered: number;
    /** postsCovered ÷ postsTotal, unrounded; null when postsTotal is 0. */
    postCoverage: number | null;
    publishedAt: string | null;
  } | null;
  trainings: {
    sessions: number;
    attendees: { principal: number; manager: number; employee: number };
    bookletsDistributed: number;
  };
  assessments: { count: number; latest: LatestAssessmentEntry | null };
  model: {
    designated: boolean;
    citation: string | null;
    designatedAt: string | null;
  };
  reviewFlags: ReviewFlagEntry[];
  registeredAt: string;
  updatedAt: string;
  streamPosition: number;
}

/** Reads of the enterprise read model (list with filters, one enterprise). */
export interface EnterpriseReadModel {
  list(filter?: EnterpriseListFilter): Promise<EnterprisePage>;
  getOne(uscc: string): Promise<EnterpriseView | null>;
}

export const ENTERPRISE_READ_MODEL = Symbol('enterprises.EnterpriseReadModel');

/** One enterprise's view as it stood at a past recording instant (GET /enterprises/:uscc?asRecordedAt=T). */
export interface EnterpriseAsRecordedReadModel {
  getOne(uscc: string, asRecordedAt: string): Promise<EnterpriseView | null>;
}

export const ENTERPRISE_AS_RECORDED_READ_MODEL = Symbol(
  'enterprises.EnterpriseAsRecordedReadModel',
);
