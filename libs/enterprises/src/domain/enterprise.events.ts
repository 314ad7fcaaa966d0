/**
 * Events of the Enterprise aggregate (stream `enterprise-<uscc>`), docs/domain.md. Each has an
 * explicit `type` and `schemaVersion`; `EnterpriseEvent` is the discriminated union. When an event's
 * shape changes, add a version and upcast old ones on read (docs/conventions.md §9).
 * `effectiveAt`, `actor` and `recordedAt` live in the envelope metadata, not in `data`.
 */
export type Cohort = 'pilot' | 'rollout';
export const COHORTS: readonly Cohort[] = ['pilot', 'rollout'];

export type TrainingAudience = 'principal' | 'manager' | 'employee';
export const TRAINING_AUDIENCES: readonly TrainingAudience[] = [
  'principal',
  'manager',
  'employee',
];

export interface EnterpriseProfile {
  name: string;
  township: string;
  /** GB/T 4754-2017 code. */
  industryCode: string;
  /** 规模以上工业企业. */
  aboveDesignatedSize: boolean;
  headcount: number;
}

interface Event<Type extends string, Data> {
  readonly type: Type;
  readonly schemaVersion: 1;
  readonly data: Data;
}

export type EnterpriseRegistered = Event<
  'EnterpriseRegistered',
  EnterpriseProfile & { uscc: string; zoneId: string }
>;
export type EnterpriseProfileUpdated = Event<
  'EnterpriseProfileUpdated',
  { uscc: string; changes: Partial<EnterpriseProfile> }
>;
export type EnterpriseZoneReassigned = Event<
  'EnterpriseZoneReassigned',
  { uscc: string; fromZoneId: string; toZoneId: string; reason: string }
>;
export type HeadcountReported = Event<
  'HeadcountReported',
  {
    uscc: string;
    period: string;
    headcount: number;
    hoursWorked: number | null;
  }
>;
export type ResponsibilityProgramEnrolled = Event<
  'ResponsibilityProgramEnrolled',
  { uscc: string; cohort: Cohort }
>;
export type GuidanceOfficerAssigned = Event<
  'GuidanceOfficerAssigned',
  { uscc: string; officerId: string; previousOfficerId: string | null }
>;
export type GuidanceVisitRecorded = Event<
  'GuidanceVisitRecorded',
  {
    uscc: string;
    visitId: string;
    officerId: string;
    findings: string;
    nextSteps: string;
  }
>;
export type PostResponsibilityListsPublished = Event<
  'PostResponsibilityListsPublished',
  {
    uscc: string;
    postsTotal: number;
    postsCovered: number;
    employeesCovered: number;
  }
>;
export type ResponsibilitySystemComponentEstablished = Event<
  'ResponsibilitySystemComponentEstablished',
  { uscc: string; component: string; evidenceRef: string }
>;
export type TrainingSessionRecorded = Event<
  'TrainingSessionRecorded',
  {
    uscc: string;
    sessionId: string;
    audience: TrainingAudience;
    attendees: number;
    hours: number;
    bookletsDistributed: number;
  }
>;
export type PostSafetyPerformanceAssessed = Event<
  'PostSafetyPerformanceAssessed',
  {
    uscc: string;
    period: string;
    postsAssessed: number;
    postsPassed: number;
    /** Number of rewards given (奖励人次). */
    rewards: number;
    /** Number of penalties given (处罚人次). */
    penalties: number;
    hazardsReportedByStaff: number;
  }
>;
export type ModelEnterpriseDesignated = Event<
  'ModelEnterpriseDesignated',
  { uscc: string; citation: string }
>;
export type ModelEnterpriseDesignationRevoked = Event<
  'ModelEnterpriseDesignationRevoked',
  { uscc: string; reason: string }
>;
/** Policy: a fatal injury or accident at a model enterprise raises a review flag (no auto-revocation). */
export type EnterpriseReviewFlagRaised = Event<
  'EnterpriseReviewFlagRaised',
  { uscc: string; reason: string; sourceRef: string }
>;

export type EnterpriseEvent =
  | EnterpriseRegistered
  | EnterpriseProfileUpdated
  | EnterpriseZoneReassigned
  | HeadcountReported
  | ResponsibilityProgramEnrolled
  | GuidanceOfficerAssigned
  | GuidanceVisitRecorded
  | PostResponsibilityListsPublished
  | ResponsibilitySystemComponentEstablished
  | TrainingSessionRecorded
  | PostSafetyPerformanceAssessed
  | ModelEnterpriseDesignated
  | ModelEnterpriseDesignationRevoked
  | EnterpriseReviewFlagRaised;

export type EnterpriseEventType = EnterpriseEvent['type'];

/** Every event type of the aggregate, e.g. for a projector's `handles`. */
export const ENTERPRISE_EVENT_TYPES: readonly EnterpriseEventType[] = [
  'EnterpriseRegistered',
  'EnterpriseProfileUpdated',
  'EnterpriseZoneReassigned',
  'HeadcountReported',
  'ResponsibilityProgramEnrolled',
  'GuidanceOfficerAssigned',
  'GuidanceVisitRecorded',
  'PostResponsibilityListsPublished',
  'ResponsibilitySystemComponentEstablished',
  'TrainingSessionRecorded',
  'PostSafetyPerformanceAssessed',
  'ModelEnterpriseDesignated',
  'ModelEnterpriseDesignationRevoked',
  'EnterpriseReviewFlagRaised',
];

export const ENTERPRISE_STREAM_PREFIX = 'enterprise-';

/** The enterprise's stream: `enterprise-<uscc>` (USCC in upper case). */
export function enterpriseStreamName(uscc: string): string {
  return `${ENTERPRISE_STREAM_PREFIX}${uscc.trim().toUpperCase()}`;
}
