import { Enterprise } from './enterprise.aggregate.js';
import { specFor } from '@app/shared-kernel/testing';
import {
  enterpriseStreamName,
  type EnterpriseEvent,
} from './enterprise.events.js';
import {
  COMPONENTS,
  USCC,
  ZONES,
  anEnterprise as a,
  registerInput,
} from '../testing/enterprise.factory.js';

const { given } = specFor<EnterpriseEvent, Enterprise>(() => new Enterprise());

const EFFECTIVE = '2024-03-01T00:00:00+08:00';

describe('Enterprise aggregate', () => {
  describe('RegisterEnterprise', () => {
    it('registers a new enterprise', () => {
      given()
        .when(() => Enterprise.register(registerInput(), { zones: ZONES }))
        .then([a.registered()]);
    });

    it('stores a lower-case USCC in upper case', () => {
      given()
        .when(() =>
          Enterprise.register(registerInput({ uscc: USCC.toLowerCase() }), {
            zones: ZONES,
          }),
        )
        .then([a.registered()]);
    });

    it('rejects a USCC already registered (uscc unique)', () => {
      given(a.registered())
        .when((existing) =>
          Enterprise.register(registerInput({ name: 'another' }), {
            zones: ZONES,
            existing,
          }),
        )
        .thenError('ENTERPRISE_ALREADY_REGISTERED', { kind: 'conflict' });
    });

    it('rejects an unknown zone', () => {
      given()
        .when(() =>
          Enterprise.register(registerInput({ zoneId: 'zone-9' }), {
            zones: ZONES,
          }),
        )
        .thenError('ZONE_UNKNOWN', {
          kind: 'invalid',
          details: [expect.objectContaining({ path: 'zoneId' })],
        });
    });

    it('rejects the unassigned pseudo-zone', () => {
      given()
        .when(() =>
          Enterprise.register(registerInput({ zoneId: 'unassigned' }), {
            zones: ZONES,
          }),
        )
        .thenError('ZONE_UNKNOWN');
    });

    it('rejects a malformed USCC naming the failing position', () => {
      const error = given()
        .when(() =>
          Enterprise.register(registerInput({ uscc: '91110108551385082A' }), {
            zones: ZONES,
          }),
        )
        .thenError('USCC_INVALID_CHECK_CHAR', { kind: 'invalid' });
      expect(error.message).toContain('position 18');
    });

    it('rejects an industry code that is not GB/T 4754', () => {
      given()
        .when(() =>
          Enterprise.register(registerInput({ industryCode: 'C1' }), {
            zones: ZONES,
          }),
        )
        .thenError('INDUSTRY_CODE_INVALID');
    });

    it.each([0, -3, 2.5])('rejects headcount %p', (headcount) => {
      given()
        .when(() =>
          Enterprise.register(registerInput({ headcount }), { zones: ZONES }),
        )
        .thenError('HEADCOUNT_NOT_POSITIVE');
    });

    it('requires a name', () => {
      given()
        .when(() =>
          Enterprise.register(registerInput({ name: '  ' }), { zones: ZONES }),
        )
        .thenError('VALUE_REQUIRED', {
          details: [{ path: 'name', message: 'name is required' }],
        });
    });
  });

  describe('UpdateEnterpriseProfile', () => {
    it('records only the fields that change', () => {
      given(a.registered())
        .when((e) =>
          e.updateProfile({
            name: '新名称',
            township: '东山街道',
            headcount: 150,
          }),
        )
        .then([
          {
            type: 'EnterpriseProfileUpdated',
            schemaVersion: 1,
            data: { uscc: USCC, changes: { name: '新名称', headcount: 150 } },
          },
        ]);
    });

    it('records nothing when nothing changes', () => {
      given(a.registered())
        .when((e) =>
          e.updateProfile({
            name: '湘乡市示例机械制造有限公司',
            aboveDesignatedSize: true,
          }),
        )
        .thenNothing();
    });

    it('validates the industry code and headcount', () => {
      given(a.registered())
        .when((e) => e.updateProfile({ industryCode: 'X12' }))
        .thenError('INDUSTRY_CODE_INVALID');
      given(a.registered())
        .when((e) => e.updateProfile({ headcount: 0 }))
        .thenError('HEADCOUNT_NOT_POSITIVE');
    });

    it('rejects an enterprise that is not registered', () => {
      given()
        .when((e) => e.updateProfile({ name: 'x' }))
        .thenError('ENTERPRISE_NOT_FOUND', { kind: 'not-found' });
    });
  });

  describe('ReassignZone', () => {
    it('moves the enterprise to another zone', () => {
      given(a.registered())
        .when((e) =>
          e.reassignZone(
            { toZoneId: 'zone-3', reason: '道路调整', effectiveAt: EFFECTIVE },
            ZONES,
          ),
        )
        .then([
          {
            type: 'EnterpriseZoneReassigned',
            schemaVersion: 1,
            data: {
              uscc: USCC,
              fromZoneId: 'zone-1',
              toZoneId: 'zone-3',
              reason: '道路调整',
            },
          },
        ]);
    });

    it('knows the zone after a reassignment', () => {
      const e = new Enterprise().loadFromHistory([
        a.registered(),
        {
          type: 'EnterpriseZoneReassigned',
          schemaVersion: 1,
          data: {
            uscc: USCC,
            fromZoneId: 'zone-1',
            toZoneId: 'zone-2',
            reason: 'r',
          },
        },
      ]);
      expect(e.zoneId).toBe('zone-2');
    });

    it('requires effectiveAt', () => {
      given(a.registered())
        .when((e) =>
          e.reassignZone(
            { toZoneId: 'zone-3', reason: 'r', effectiveAt: undefined },
            ZONES,
          ),
        )
        .thenError('EFFECTIVE_AT_REQUIRED', { kind: 'invalid' });
    });

    it('rejects an effectiveAt that is not an ISO instant', () => {
      given(a.registered())
        .when((e) =>
          e.reassignZone(
            { toZoneId: 'zone-3', reason: 'r', effectiveAt: '1 March 2024' },
            ZONES,
          ),
        )
        .thenError('EFFECTIVE_AT_INVALID');
    });

    it('rejects an unknown zone', () => {
      given(a.registered())
        .when((e) =>
          e.reassignZone(
            { toZoneId: 'zone-7', reason: 'r', effectiveAt: EFFECTIVE },
            ZONES,
          ),
        )
        .thenError('ZONE_UNKNOWN', {
          details: [expect.objectContaining({ path: 'toZoneId' })],
        });
    });

    it('records nothing when the zone does not change', () => {
      given(a.registered())
        .when((e) =>
          e.reassignZone(
            { toZoneId: 'zone-1', reason: 'r', effectiveAt: EFFECTIVE },
            ZONES,
          ),
        )
        .thenNothing();
    });
  });

  describe('ReportHeadcount', () => {
    it('records the headcount of a month, hours optional', () => {
      given(a.registered())
        .when((e) => e.reportHeadcount({ period: '2024-08', headcount: 130 }))
        .then([a.headcountReported()]);
      given(a.registered())
        .when((e) =>
          e.reportHeadcount({
            period: '2024-08',
            headcount: 130,
            hoursWorked: 22880,
          }),
        )
        .then([a.headcountReported({ hoursWorked: 22880 })]);
    });

    it.each([0, -1])('rejects headcount %p', (headcount) => {
      given(a.registered())
        .when((e) => e.reportHeadcount({ period: '2024-08', headcount }))
        .thenError('HEADCOUNT_NOT_POSITIVE');
    });

    it.each(['2024-13', '2024-8', '202408', '2024-Q1'])(
      'rejects period %p',
      (period) => {
        given(a.registered())
          .when((e) => e.reportHeadcount({ period, headcount: 5 }))
          .thenError('PERIOD_INVALID');
      },
    );

    it('keeps the headcount of the latest period when an older month is reported late', () => {
      const e = new Enterprise().loadFromHistory([
        a.registered(),
        a.headcountReported({ period: '2024-08', headcount: 130 }),
        a.headcountReported({ period: '2024-07', headcount: 90 }),
      ]);
      expect(e.profile.headcount).toBe(130);
    });
  });

  describe('EnrollInResponsibilityProgram', () => {
    it('enrols a registered enterprise', () => {
      given(a.registered())
        .when((e) => e.enroll({ cohort: 'pilot' }))
        .then([a.enrolled()]);
    });

    it('enrols only once', () => {
      given(a.registered(), a.enrolled())
        .when((e) => e.enroll({ cohort: 'rollout' }))
        .thenError('ENTERPRISE_ALREADY_ENROLLED', { kind: 'conflict' });
    });

    it('rejects an unknown cohort', () => {
      given(a.registered())
        .when((e) => e.enroll({ cohort: 'beta' as never }))
        .thenError('COHORT_INVALID');
    });

    it('rejects an unregistered enterprise', () => {
      given()
        .when((e) => e.enroll({ cohort: 'pilot' }))
        .thenError('ENTERPRISE_NOT_FOUND');
    });
  });

  describe('AssignGuidanceOfficer', () => {
    it('assigns an officer to an enrolled enterprise, remembering the previous one', () => {
      given(a.registered(), a.enrolled())
        .when((e) => e.assignGuidanceOfficer({ officerId: 'officer-li' }))
        .then([a.officerAssigned()]);
      given(a.registered(), a.enrolled(), a.officerAssigned())
        .when((e) => e.assignGuidanceOfficer({ officerId: 'officer-wang' }))
        .then([
          a.officerAssigned({
            officerId: 'officer-wang',
            previousOfficerId: 'officer-li',
          }),
        ]);
    });

    it('records nothing when the same officer is assigned again', () => {
      given(a.registered(), a.enrolled(), a.officerAssigned())
        .when((e) => e.assignGuidanceOfficer({ officerId: 'officer-li' }))
        .thenNothing();
    });

    it('requires enrolment', () => {
      given(a.registered())
        .when((e) => e.assignGuidanceOfficer({ officerId: 'officer-li' }))
        .thenError('ENTERPRISE_NOT_ENROLLED', { kind: 'conflict' });
    });
  });

  describe('RecordGuidanceVisit', () => {
    const visit = {
      visitId: 'visit-1',
      officerId: 'officer-li',
      findings: '岗位清单未覆盖仓储岗位',
      nextSteps: '两周内补齐',
    };

    it('records a visit at an enrolled enterprise', () => {
      given(a.registered(), a.enrolled())
        .when((e) => e.recordGuidanceVisit(visit))
        .then([a.visitRecorded()]);
    });

    it('records a repeated visitId only once', () => {
      given(a.registered(), a.enrolled(), a.visitRecorded())
        .when((e) => e.recordGuidanceVisit(visit))
        .thenNothing();
    });

    it('requires enrolment', () => {
      given(a.registered())
        .when((e) => e.recordGuidanceVisit(visit))
        .thenError('ENTERPRISE_NOT_ENROLLED');
    });

    it('requires findings', () => {
      given(a.registered(), a.enrolled())
        .when((e) => e.recordGuidanceVisit({ ...visit, findings: '' }))
        .thenError('VALUE_REQUIRED');
    });
  });

  describe('PublishPostResponsibilityLists', () => {
    it('publishes lists at an enrolled enterprise', () => {
      given(a.registered(), a.enrolled())
        .when((e) =>
          e.publishPostResponsibilityLists({
            postsTotal: 40,
            postsCovered: 40,
            employeesCovered: 118,
          }),
        )
        .then([a.listsPublished()]);
    });

    it('accepts postsCovered equal to postsTotal but not above it', () => {
      given(a.registered(), a.enrolled())
        .when((e) =>
          e.publishPostResponsibilityLists({
            postsTotal: 40,
            postsCovered: 41,
            employeesCovered: 118,
          }),
        )
        .thenError('POSTS_COVERED_EXCEED_TOTAL', {
          details: [expect.objectContaining({ path: 'postsCovered' })],
        });
    });

    it('rejects negative or fractional counts', () => {
      given(a.registered(), a.enrolled())
        .when((e) =>
          e.publishPostResponsibilityLists({
            postsTotal: 40,
            postsCovered: -1,
            employeesCovered: 1,
          }),
        )
        .thenError('COUNT_INVALID');
      given(a.registered(), a.enrolled())
        .when((e) =>
          e.publishPostResponsibilityLists({
            postsTotal: 40,
            postsCovered: 3,
            employeesCovered: 1.5,
          }),
        )
        .thenError('COUNT_INVALID');
    });

    it('requires enrolment', () => {
      given(a.registered())
        .when((e) =>
          e.publishPostResponsibilityLists({
            postsTotal: 1,
            postsCovered: 1,
            employeesCovered: 1,
          }),
        )
        .thenError('ENTERPRISE_NOT_ENROLLED');
    });
  });

  describe('EstablishSystemComponent', () => {
    it('establishes a configured component', () => {
      given(a.registered(), a.enrolled())
        .when((e) =>
          e.establishSystemComponent(
            { component: 'publicity', evidenceRef: 'doc-publicity' },
            COMPONENTS,
          ),
        )
        .then([a.componentEstablished('publicity')]);
    });

    it('rejects a component not in the reference list', () => {
      given(a.registered(), a.enrolled())
        .when((e) =>
          e.establishSystemComponent(
            { component: 'fire-drill', evidenceRef: 'x' },
            COMPONENTS,
          ),
        )
        .thenError('COMPONENT_UNKNOWN');
    });

    it('establishes each component once', () => {
      given(a.registered(), a.enrolled(), a.componentEstablished('publicity'))
        .when((e) =>
          e.establishSystemComponent(
            { component: 'publicity', evidenceRef: 'again' },
            COMPONENTS,
          ),
        )
        .thenError('COMPONENT_ALREADY_ESTABLISHED', { kind: 'conflict' });
    });

    it('requires evidence', () => {
      given(a.registered(), a.enrolled())
        .when((e) =>
          e.establishSystemComponent(
            { component: 'publicity', evidenceRef: ' ' },
            COMPONENTS,
          ),
        )
        .thenError('VALUE_REQUIRED');
    });

    it('requires enrolment', () => {
      given(a.registered())
        .when((e) =>
          e.establishSystemComponent(
            { component: 'publicity', evidenceRef: 'x' },
            COMPONENTS,
          ),
        )
        .thenError('ENTERPRISE_NOT_ENROLLED');
    });
  });

  describe('RecordTraining', () => {
    const session = {
      sessionId: 'session-1',
      audience: 'employee' as const,
      attendees: 60,
      hours: 2,
      bookletsDistributed: 60,
    };

    it('records a training session', () => {
      given(a.registered(), a.enrolled())
        .when((e) => e.recordTraining(session))
        .then([a.trainingRecorded()]);
    });

    it('records a repeated sessionId only once', () => {
      given(a.registered(), a.enrolled(), a.trainingRecorded())
        .when((e) => e.recordTraining(session))
        .thenNothing();
    });

    it('rejects an unknown audience and negative attendees', () => {
      given(a.registered(), a.enrolled())
        .when((e) =>
          e.recordTraining({ ...session, audience: 'visitor' as never }),
        )
        .thenError('AUDIENCE_INVALID');
      given(a.registered(), a.enrolled())
        .when((e) => e.recordTraining({ ...session, attendees: -2 }))
        .thenError('COUNT_INVALID');
    });

    it('requires enrolment', () => {
      given(a.registered())
        .when((e) => e.recordTraining(session))
        .thenError('ENTERPRISE_NOT_ENROLLED');
    });
  });

  describe('RecordPerformanceAssessment', () => {
    const assessment = {
      period: '2024-Q2',
      postsAssessed: 40,
      postsPassed: 36,
      rewards: 5,
      penalties: 2,
      hazardsReportedByStaff: 14,
    };

    it('records an assessment', () => {
      given(a.registered(), a.enrolled())
        .when((e) => e.recordPerformanceAssessment(assessment))
        .then([a.assessed()]);
    });

    it.each(['2024', '2024-06', '2024-Q2', '2024-H1'])(
      'accepts period %p',
      (period) => {
        given(a.registered(), a.enrolled())
          .when((e) => e.recordPerformanceAssessment({ ...assessment, period }))
          .then([a.assessed({ period })]);
      },
    );

    it.each(['2024-Q5', '24-06', 'Q2', ''])('rejects period %p', (period) => {
      given(a.registered(), a.enrolled())
        .when((e) => e.recordPerformanceAssessment({ ...assessment, period }))
        .thenError('PERIOD_INVALID');
    });

    it('rejects more posts passed than assessed', () => {
      given(a.registered(), a.enrolled())
        .when((e) =>
          e.recordPerformanceAssessment({ ...assessment, postsPassed: 41 }),
        )
        .thenError('POSTS_PASSED_EXCEED_ASSESSED');
    });

    it('requires enrolment', () => {
      given(a.registered())
        .when((e) => e.recordPerformanceAssessment(assessment))
        .thenError('ENTERPRISE_NOT_ENROLLED');
    });
  });

  describe('DesignateModelEnterprise', () => {
    it('designates an enterprise that meets every prerequisite', () => {
      given(...a.readyForModel())
        .when((e) =>
          e.designateModelEnterprise(
            { citation: '湘乡应急〔2024〕12号' },
            COMPONENTS,
          ),
        )
        .then([a.designated()]);
    });

    it('lists everything that is missing', () => {
      const error = given(
        a.registered(),
        a.enrolled(),
        a.listsPublished({ postsCovered: 30 }),
        a.componentEstablished('publicity'),
      )
        .when((e) => e.designateModelEnterprise({ citation: 'c' }, COMPONENTS))
        .thenError('MODEL_DESIGNATION_PREREQUISITES_UNMET', {
          kind: 'conflict',
        });
      expect(error.details.map((d) => d.path)).toEqual([
        'components',
        'responsibilityLists',
        'assessments',
      ]);
      expect(error.details[0].message).toContain(
        'post-responsibility, assessment, reward-penalty, operating-procedure',
      );
      expect(error.details[1].message).toContain('30 of 40');
    });

    it('requires lists covering all posts', () => {
      const history = a
        .readyForModel()
        .map((event) =>
          event.type === 'PostResponsibilityListsPublished'
            ? a.listsPublished({ postsCovered: 39 })
            : event,
        );
      given(...history)
        .when((e) => e.designateModelEnterprise({ citation: 'c' }, COMPONENTS))
        .thenError('MODEL_DESIGNATION_PREREQUISITES_UNMET', {
          details: [expect.objectContaining({ path: 'responsibilityLists' })],
        });
    });

    it('judges the lists by the latest publication', () => {
      given(
        ...a.readyForModel(),
        a.listsPublished({ postsTotal: 45, postsCovered: 40 }),
      )
        .when((e) => e.designateModelEnterprise({ citation: 'c' }, COMPONENTS))
        .thenError('MODEL_DESIGNATION_PREREQUISITES_UNMET');
    });

    it('requires at least one assessment', () => {
      given(
        ...a
          .readyForModel()
          .filter((event) => event.type !== 'PostSafetyPerformanceAssessed'),
      )
        .when((e) => e.designateModelEnterprise({ citation: 'c' }, COMPONENTS))
        .thenError('MODEL_DESIGNATION_PREREQUISITES_UNMET', {
          details: [expect.objectContaining({ path: 'assessments' })],
        });
    });

    it('requires enrolment (listed as missing)', () => {
      const error = given(a.registered())
        .when((e) => e.designateModelEnterprise({ citation: 'c' }, COMPONENTS))
        .thenError('MODEL_DESIGNATION_PREREQUISITES_UNMET');
      expect(error.details[0].path).toBe('enrolment');
    });

    it('rejects a second designation', () => {
      given(...a.readyForModel(), a.designated())
        .when((e) => e.designateModelEnterprise({ citation: 'c' }, COMPONENTS))
        .thenError('MODEL_ALREADY_DESIGNATED');
    });

    it('allows designation again after a revocation', () => {
      given(...a.readyForModel(), a.designated(), a.revoked())
        .when((e) =>
          e.designateModelEnterprise({ citation: 'again' }, COMPONENTS),
        )
        .then([a.designated('again')]);
    });
  });

  describe('RevokeModelDesignation', () => {
    it('revokes a designation', () => {
      given(...a.readyForModel(), a.designated())
        .when((e) => e.revokeModelDesignation({ reason: '复核未通过' }))
        .then([a.revoked()]);
    });

    it('rejects an enterprise that is not designated', () => {
      given(...a.readyForModel())
        .when((e) => e.revokeModelDesignation({ reason: 'r' }))
        .thenError('MODEL_NOT_DESIGNATED', { kind: 'conflict' });
      given(...a.readyForModel(), a.designated(), a.revoked())
        .when((e) => e.revokeModelDesignation({ reason: 'r' }))
        .thenError('MODEL_NOT_DESIGNATED');
    });

    it('requires a reason', () => {
      given(...a.readyForModel(), a.designated())
        .when((e) => e.revokeModelDesignation({ reason: '' }))
        .thenError('VALUE_REQUIRED');
    });
  });

  describe('review flag policy (fatal injury or accident at a model enterprise)', () => {
    const flag = { reason: 'fatal injury', sourceRef: 'injury-C1' };

    it('raises a review flag at a model enterprise', () => {
      given(...a.readyForModel(), a.designated())
        .when((e) => e.raiseReviewFlag(flag))
        .then([a.reviewFlagRaised()]);
    });

    it('does not revoke the designation', () => {
      const e = new Enterprise().loadFromHistory([
        ...a.readyForModel(),
        a.designated(),
        a.reviewFlagRaised(),
      ]);
      expect(e.isModel).toBe(true);
    });

    it('raises nothing at an enterprise that is not a model', () => {
      given(...a.readyForModel())
        .when((e) => e.raiseReviewFlag(flag))
        .thenNothing();
      given(...a.readyForModel(), a.designated(), a.revoked())
        .when((e) => e.raiseReviewFlag(flag))
        .thenNothing();
    });

    it('raises one flag per sourceRef', () => {
      given(...a.readyForModel(), a.designated(), a.reviewFlagRaised())
        .when((e) => e.raiseReviewFlag(flag))
        .thenNothing();
      given(...a.readyForModel(), a.designated(), a.reviewFlagRaised())
        .when((e) =>
          e.raiseReviewFlag({
            reason: 'fatal accident',
            sourceRef: 'accident-A7',
          }),
        )
        .then([
          a.reviewFlagRaised({
            reason: 'fatal accident',
            sourceRef: 'accident-A7',
          }),
        ]);
    });
  });

  describe('adoption stage', () => {
    const stageOf = (...history: Parameters<typeof given>) =>
      new Enterprise().loadFromHistory(history).stage(COMPONENTS);

    it('climbs registered → enrolled → guided → lists-published → system-established → assessed → model', () => {
      expect(stageOf(a.registered())).toBe('registered');
      expect(stageOf(a.registered(), a.enrolled())).toBe('enrolled');
      expect(stageOf(a.registered(), a.enrolled(), a.officerAssigned())).toBe(
        'guided',
      );
      expect(stageOf(a.registered(), a.enrolled(), a.visitRecorded())).toBe(
        'guided',
      );
      const listed = [
        a.registered(),
        a.enrolled(),
        a.officerAssigned(),
        a.listsPublished({ postsCovered: 1 }),
      ];
      expect(stageOf(...listed)).toBe('lists-published');
      const established = [...listed, ...a.allComponentsEstablished()];
      expect(stageOf(...established)).toBe('system-established');
      expect(stageOf(...established, a.assessed())).toBe('assessed');
      expect(stageOf(...a.readyForModel(), a.designated())).toBe('model');
    });

    it('stops at the first gap in the ladder', () => {
      // assessed and all components, but never guided
      expect(stageOf(...a.readyForModel())).toBe('enrolled');
      // lists published with 0 posts covered do not count
      expect(
        stageOf(
          a.registered(),
          a.enrolled(),
          a.officerAssigned(),
          a.listsPublished({ postsCovered: 0 }),
        ),
      ).toBe('guided');
    });

    it('falls back from model when the designation is revoked', () => {
      expect(
        stageOf(
          ...a.readyForModel(),
          a.officerAssigned(),
          a.designated(),
          a.revoked(),
        ),
      ).toBe('assessed');
    });
  });

  it('names its stream enterprise-<uscc>', () => {
    expect(enterpriseStreamName(USCC.toLowerCase())).toBe(`enterprise-${USCC}`);
  });
});
