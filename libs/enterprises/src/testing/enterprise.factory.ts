/**
 * Test-data factory for the Enterprise aggregate (docs/conventions.md §14): every event with sensible
 * defaults, each overridable; the unit, integration and e2e tests share it (@app/enterprises/testing,
 * docs/decisions/0265).
 */
import type {
  EnterpriseEvent,
  EnterpriseRegistered,
  GuidanceOfficerAssigned,
  PostResponsibilityListsPublished,
  PostSafetyPerformanceAssessed,
  ResponsibilityProgramEnrolled,
  ResponsibilitySystemComponentEstablished,
  ModelEnterpriseDesignated,
  ModelEnterpriseDesignationRevoked,
  EnterpriseReviewFlagRaised,
  GuidanceVisitRecorded,
  TrainingSessionRecorded,
  HeadcountReported,
} from '../domain/enterprise.events.js';

export const USCC = '91110108551385082Q';
export const ZONES = [
  { id: 'zone-1' },
  { id: 'zone-2' },
  { id: 'zone-3' },
  { id: 'zone-4' },
];
export const COMPONENTS = [
  { id: 'post-responsibility' },
  { id: 'assessment' },
  { id: 'reward-penalty' },
  { id: 'publicity' },
  { id: 'operating-procedure' },
];

export const registerInput = (
  overrides: Partial<EnterpriseRegistered['data']> = {},
): EnterpriseRegistered['data'] => ({
  uscc: USCC,
  name: '湘乡市示例机械制造有限公司',
  zoneId: 'zone-1',
  township: '东山街道',
  industryCode: 'C3311',
  aboveDesignatedSize: true,
  headcount: 120,
  ...overrides,
});

/** The enterprise the HTTP tests register: zone 2 (so an officer of zone 2 sees it), code USCC. */
export const ZONE_2_USCC = USCC;

/** The "四制一规程" components by id: all of them established is a prerequisite of model designation. */
export const DEFAULT_COMPONENTS = COMPONENTS.map((component) => component.id);

/** The POST /enterprises body of that enterprise, with overrides (also invalid ones, for the 400 tests). */
export function enterpriseRegistration(
  overrides: Record<string, unknown> = {},
) {
  return {
    ...registerInput({
      name: '湘乡市示范机械制造有限公司',
      zoneId: 'zone-2',
      township: '东郊乡',
      industryCode: 'C3411',
    }),
    ...overrides,
  };
}

export const anEnterprise = {
  registered: (
    overrides: Partial<EnterpriseRegistered['data']> = {},
  ): EnterpriseRegistered => ({
    type: 'EnterpriseRegistered',
    schemaVersion: 1,
    data: registerInput(overrides),
  }),
  headcountReported: (
    overrides: Partial<HeadcountReported['data']> = {},
  ): HeadcountReported => ({
    type: 'HeadcountReported',
    schemaVersion: 1,
    data: {
      uscc: USCC,
      period: '2024-08',
      headcount: 130,
      hoursWorked: null,
      ...overrides,
    },
  }),
  enrolled: (
    overrides: Partial<ResponsibilityProgramEnrolled['data']> = {},
  ): ResponsibilityProgramEnrolled => ({
    type: 'ResponsibilityProgramEnrolled',
    schemaVersion: 1,
    data: { uscc: USCC, cohort: 'pilot', ...overrides },
  }),
  officerAssigned: (
    overrides: Partial<GuidanceOfficerAssigned['data']> = {},
  ): GuidanceOfficerAssigned => ({
    type: 'GuidanceOfficerAssigned',
    schemaVersion: 1,
    data: {
      uscc: USCC,
      officerId: 'officer-li',
      previousOfficerId: null,
      ...overrides,
    },
  }),
  visitRecorded: (
    overrides: Partial<GuidanceVisitRecorded['data']> = {},
  ): GuidanceVisitRecorded => ({
    type: 'GuidanceVisitRecorded',
    schemaVersion: 1,
    data: {
      uscc: USCC,
      visitId: 'visit-1',
      officerId: 'officer-li',
      findings: '岗位清单未覆盖仓储岗位',
      nextSteps: '两周内补齐',
      ...overrides,
    },
  }),
  listsPublished: (
    overrides: Partial<PostResponsibilityListsPublished['data']> = {},
  ): PostResponsibilityListsPublished => ({
    type: 'PostResponsibilityListsPublished',
    schemaVersion: 1,
    data: {
      uscc: USCC,
      postsTotal: 40,
      postsCovered: 40,
      employeesCovered: 118,
      ...overrides,
    },
  }),
  componentEstablished: (
    component = 'post-responsibility',
    evidenceRef = `doc-${component}`,
  ): ResponsibilitySystemComponentEstablished => ({
    type: 'ResponsibilitySystemComponentEstablished',
    schemaVersion: 1,
    data: { uscc: USCC, component, evidenceRef },
  }),
  allComponentsEstablished: (): ResponsibilitySystemComponentEstablished[] =>
    COMPONENTS.map((c) => anEnterprise.componentEstablished(c.id)),
  trainingRecorded: (
    overrides: Partial<TrainingSessionRecorded['data']> = {},
  ): TrainingSessionRecorded => ({
    type: 'TrainingSessionRecorded',
    schemaVersion: 1,
    data: {
      uscc: USCC,
      sessionId: 'session-1',
      audience: 'employee',
      attendees: 60,
      hours: 2,
      bookletsDistributed: 60,
      ...overrides,
    },
  }),
  assessed: (
    overrides: Partial<PostSafetyPerformanceAssessed['data']> = {},
  ): PostSafetyPerformanceAssessed => ({
    type: 'PostSafetyPerformanceAssessed',
    schemaVersion: 1,
    data: {
      uscc: USCC,
      period: '2024-Q2',
      postsAssessed: 40,
      postsPassed: 36,
      rewards: 5,
      penalties: 2,
      hazardsReportedByStaff: 14,
      ...overrides,
    },
  }),
  designated: (
    citation = '湘乡应急〔2024〕12号',
  ): ModelEnterpriseDesignated => ({
    type: 'ModelEnterpriseDesignated',
    schemaVersion: 1,
    data: { uscc: USCC, citation },
  }),
  revoked: (reason = '复核未通过'): ModelEnterpriseDesignationRevoked => ({
    type: 'ModelEnterpriseDesignationRevoked',
    schemaVersion: 1,
    data: { uscc: USCC, reason },
  }),
  reviewFlagRaised: (
    overrides: Partial<EnterpriseReviewFlagRaised['data']> = {},
  ): EnterpriseReviewFlagRaised => ({
    type: 'EnterpriseReviewFlagRaised',
    schemaVersion: 1,
    data: {
      uscc: USCC,
      reason: 'fatal injury',
      sourceRef: 'injury-C1',
      ...overrides,
    },
  }),
  /** A history that meets every model-designation prerequisite. */
  readyForModel: (): EnterpriseEvent[] => [
    anEnterprise.registered(),
    anEnterprise.enrolled(),
    anEnterprise.listsPublished(),
    ...anEnterprise.allComponentsEstablished(),
    anEnterprise.assessed(),
  ],
};
