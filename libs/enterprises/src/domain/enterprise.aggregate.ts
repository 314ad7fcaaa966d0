import { EventSourcedAggregate, type ErrorDetail } from '@app/shared-kernel';
import { assertValidUscc, normalizeUscc } from '@app/reference-data';
import { adoptionStage, type AdoptionStage } from './adoption-stage.js';
import { EnterpriseErrors } from './enterprise.errors.js';
import {
  headcountReportOf,
  performanceAssessmentOf,
  postListsOf,
  trainingSessionOf,
  type Report,
} from './enterprise-reports.js';
import {
  requireEffectiveAt,
  requireHeadcount,
  requireIndustryCode,
  requireText,
  requireZone,
  type ZoneRef,
} from './enterprise-values.js';
import {
  COHORTS,
  type Cohort,
  type EnterpriseEvent,
  type EnterpriseProfile,
  type EnterpriseProfileUpdated,
  type EnterpriseRegistered,
  type EnterpriseReviewFlagRaised,
  type EnterpriseZoneReassigned,
  type GuidanceOfficerAssigned,
  type GuidanceVisitRecorded,
  type HeadcountReported,
  type ModelEnterpriseDesignated,
  type ModelEnterpriseDesignationRevoked,
  type PostResponsibilityListsPublished,
  type PostSafetyPerformanceAssessed,
  type ResponsibilityProgramEnrolled,
  type ResponsibilitySystemComponentEstablished,
  type TrainingSessionRecorded,
} from './enterprise.events.js';

/** The reference-data lists a rule needs are passed in; the domain never looks them up itself. */
export interface ComponentRef {
  id: string;
}

export interface RegisterEnterpriseInput extends EnterpriseProfile {
  uscc: string;
  zoneId: string;
}

/**
 * Aggregate Enterprise — stream `enterprise-<uscc>` (docs/domain.md). Command methods check the
 * rules and raise events; state changes only in `on<EventName>`.
 */
export class Enterprise extends EventSourcedAggregate<EnterpriseEvent> {
  private _registered = false;
  private _uscc = '';
  private _zoneId = '';
  private _profile: EnterpriseProfile = {
    name: '',
    township: '',
    industryCode: '',
    aboveDesignatedSize: false,
    headcount: 0,
  };
  private _latestHeadcountPeriod: string | null = null;
  private _cohort: Cohort | null = null;
  private _officerId: string | null = null;
  private readonly _visitIds = new Set<string>();
  private _latestList: {
    postsTotal: number;
    postsCovered: number;
    employeesCovered: number;
  } | null = null;
  private readonly _components: string[] = [];
  private readonly _trainingSessionIds = new Set<string>();
  private _assessments = 0;
  private _model = false;
  private readonly _reviewFlagSources = new Set<string>();

  // ------------------------------------------------------------------------------------------
  // Commands

  /**
   * RegisterEnterprise. `existing` is what the enterprise's stream holds (if anything): a USCC is
   * registered once. Rules: valid USCC (GB 32100), configured zone, GB/T 4754 industry code,
   * headcount > 0, name and township given.
   */
  static register(
    input: RegisterEnterpriseInput,
    context: { zones: readonly ZoneRef[]; existing?: Enterprise },
  ): Enterprise {
    assertValidUscc(input.uscc);
    const uscc = normalizeUscc(input.uscc);
    const enterprise = context.existing ?? new Enterprise();
    if (enterprise._registered) throw EnterpriseErrors.alreadyRegistered(uscc);
    const data: EnterpriseRegistered['data'] = {
      uscc,
      name: requireText(input.name, 'name'),
      zoneId: requireZone(input.zoneId, context.zones, 'zoneId'),
      township: requireText(input.township, 'township'),
      industryCode: requireIndustryCode(input.industryCode),
      aboveDesignatedSize: input.aboveDesignatedSize === true,
      headcount: requireHeadcount(input.headcount),
    };
    enterprise.raise({ type: 'EnterpriseRegistered', schemaVersion: 1, data });
    return enterprise;
  }

  /** UpdateEnterpriseProfile: only fields that really change are recorded; no change, no event. */
  updateProfile(changes: Partial<EnterpriseProfile>): void {
    this.assertRegistered();
    const changed: Partial<EnterpriseProfile> = {};
    if (changes.name !== undefined) {
      const name = requireText(changes.name, 'name');
      if (name !== this._profile.name) changed.name = name;
    }
    if (changes.township !== undefined) {
      const township = requireText(changes.township, 'township');
      if (township !== this._profile.township) changed.township = township;
    }
    if (
      changes.industryCode !== undefined &&
      requireIndustryCode(changes.industryCode) !== this._profile.industryCode
    ) {
      changed.industryCode = changes.industryCode;
    }
    if (
      changes.aboveDesignatedSize !== undefined &&
      changes.aboveDesignatedSize !== this._profile.aboveDesignatedSize
    ) {
      changed.aboveDesignatedSize = changes.aboveDesignatedSize;
    }
    if (
      changes.headcount !== undefined &&
      requireHeadcount(changes.headcount) !== this._profile.headcount
    ) {
      changed.headcount = changes.headcount;
    }
    if (Object.keys(changed).length === 0) return;
    this.raise({
      type: 'EnterpriseProfileUpdated',
      schemaVersion: 1,
      data: { uscc: this._uscc, changes: changed },
    });
  }

  /**
   * ReassignZone. effectiveAt is required (history is attributed to the zone the enterprise was in
   * when a fact happened); a reassignment to the current zone records nothing.
   */
  reassignZone(
    input: {
      toZoneId: string;
      reason: string;
      effectiveAt: string | undefined;
    },
    zones: readonly ZoneRef[],
  ): void {
    this.assertRegistered();
    requireEffectiveAt(input.effectiveAt);
    const toZoneId = requireZone(input.toZoneId, zones, 'toZoneId');
    const reason = requireText(input.reason, 'reason');
    if (toZoneId === this._zoneId) return;
    this.raise({
      type: 'EnterpriseZoneReassigned',
      schemaVersion: 1,
      data: { uscc: this._uscc, fromZoneId: this._zoneId, toZoneId, reason },
    });
  }

  /** ReportHeadcount: period YYYY-MM, headcount > 0, hoursWorked ≥ 0 when given. */
  reportHeadcount(input: {
    period: string;
    headcount: number;
    hoursWorked?: number | null;
  }): void {
    this.assertRegistered();
    this.raise({
      type: 'HeadcountReported',
      schemaVersion: 1,
      data: { uscc: this._uscc, ...headcountReportOf(input) },
    });
  }

  /** EnrollInResponsibilityProgram: once. */
  enroll(input: { cohort: Cohort }): void {
    this.assertRegistered();
    if (!COHORTS.includes(input.cohort))
      throw EnterpriseErrors.cohortInvalid(String(input.cohort));
    if (this._cohort !== null)
      throw EnterpriseErrors.alreadyEnrolled(this._uscc, this._cohort);
    this.raise({
      type: 'ResponsibilityProgramEnrolled',
      schemaVersion: 1,
      data: { uscc: this._uscc, cohort: input.cohort },
    });
  }

  /** AssignGuidanceOfficer: enrolled; assigning the officer already assigned records nothing. */
  assignGuidanceOfficer(input: { officerId: string }): void {
    this.assertEnrolled();
    const officerId = requireText(input.officerId, 'officerId');
    if (officerId === this._officerId) return;
    this.raise({
      type: 'GuidanceOfficerAssigned',
      schemaVersion: 1,
      data: { uscc: this._uscc, officerId, previousOfficerId: this._officerId },
    });
  }

  /** RecordGuidanceVisit: enrolled; a visitId already recorded records nothing (retry). */
  recordGuidanceVisit(input: {
    visitId: string;
    officerId: string;
    findings: string;
    nextSteps: string;
  }): void {
    this.assertEnrolled();
    const visitId = requireText(input.visitId, 'visitId');
    if (this._visitIds.has(visitId)) return;
    this.raise({
      type: 'GuidanceVisitRecorded',
      schemaVersion: 1,
      data: {
        uscc: this._uscc,
        visitId,
        officerId: requireText(input.officerId, 'officerId'),
        findings: requireText(input.findings, 'findings'),
        nextSteps:
          typeof input.nextSteps === 'string' ? input.nextSteps.trim() : '',
      },
    });
  }

  /** PublishPostResponsibilityLists: enrolled; postsCovered ≤ postsTotal; the latest publication counts. */
  publishPostResponsibilityLists(
    input: Report<PostResponsibilityListsPublished>,
  ): void {
    this.assertEnrolled();
    this.raise({
      type: 'PostResponsibilityListsPublished',
      schemaVersion: 1,
      data: { uscc: this._uscc, ...postListsOf(input) },
    });
  }

  /** EstablishSystemComponent: enrolled; component in the configured list; once per component. */
  establishSystemComponent(
    input: { component: string; evidenceRef: string },
    components: readonly ComponentRef[],
  ): void {
    this.assertEnrolled();
    if (!components.some((c) => c.id === input.component)) {
      throw EnterpriseErrors.componentUnknown(
        input.component,
        components.map((c) => c.id),
      );
    }
    if (this._components.includes(input.component))
      throw EnterpriseErrors.componentAlreadyEstablished(input.component);
    this.raise({
      type: 'ResponsibilitySystemComponentEstablished',
      schemaVersion: 1,
      data: {
        uscc: this._uscc,
        component: input.component,
        evidenceRef: requireText(input.evidenceRef, 'evidenceRef'),
      },
    });
  }

  /** RecordTraining: enrolled; a sessionId already recorded records nothing (retry). */
  recordTraining(input: Report<TrainingSessionRecorded>): void {
    this.assertEnrolled();
    const session = trainingSessionOf(input);
    if (this._trainingSessionIds.has(session.sessionId)) return;
    this.raise({
      type: 'TrainingSessionRecorded',
      schemaVersion: 1,
      data: { uscc: this._uscc, ...session },
    });
  }

  /** RecordPerformanceAssessment: enrolled; period YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn; passed ≤ assessed. */
  recordPerformanceAssessment(
    input: Report<PostSafetyPerformanceAssessed>,
  ): void {
    this.assertEnrolled();
    this.raise({
      type: 'PostSafetyPerformanceAssessed',
      schemaVersion: 1,
      data: { uscc: this._uscc, ...performanceAssessmentOf(input) },
    });
  }

  /** What stands between this enterprise and a model designation (empty when nothing). */
  modelPrerequisitesMissing(
    components: readonly ComponentRef[],
  ): ErrorDetail[] {
    const missing: ErrorDetail[] = [];
    if (this._cohort === null)
      missing.push({
        path: 'enrolment',
        message: 'not enrolled in the programme',
      });
    const notEstablished = components
      .map((c) => c.id)
      .filter((id) => !this._components.includes(id));
    if (notEstablished.length > 0) {
      missing.push({
        path: 'components',
        message: `components not established: ${notEstablished.join(', ')}`,
      });
    }
    const list = this._latestList;
    if (
      list === null ||
      list.postsTotal === 0 ||
      list.postsCovered < list.postsTotal
    ) {
      missing.push({
        path: 'responsibilityLists',
        message:
          list === null
            ? 'no post-responsibility list published'
            : `the latest lists cover ${list.postsCovered} of ${list.postsTotal} posts`,
      });
    }
    if (this._assessments === 0)
      missing.push({
        path: 'assessments',
        message: 'no performance assessment recorded',
      });
    return missing;
  }

  /** DesignateModelEnterprise: all components established, lists cover all posts, ≥ 1 assessment. */
  designateModelEnterprise(
    input: { citation: string },
    components: readonly ComponentRef[],
  ): void {
    this.assertRegistered();
    const citation = requireText(input.citation, 'citation');
    if (this._model) throw EnterpriseErrors.modelAlreadyDesignated(this._uscc);
    const missing = this.modelPrerequisitesMissing(components);
    if (missing.length > 0)
      throw EnterpriseErrors.modelPrerequisitesUnmet(this._uscc, missing);
    this.raise({
      type: 'ModelEnterpriseDesignated',
      schemaVersion: 1,
      data: { uscc: this._uscc, citation },
    });
  }

  /** RevokeModelDesignation: only a designated model enterprise. */
  revokeModelDesignation(input: { reason: string }): void {
    this.assertRegistered();
    const reason = requireText(input.reason, 'reason');
    if (!this._model) throw EnterpriseErrors.modelNotDesignated(this._uscc);
    this.raise({
      type: 'ModelEnterpriseDesignationRevoked',
      schemaVersion: 1,
      data: { uscc: this._uscc, reason },
    });
  }

  /**
   * Policy (docs/domain.md): a fatal injury or accident at a model enterprise raises a review flag —
   * it is not revoked automatically. Raises nothing when the enterprise is not a model enterprise,
   * and nothing twice for the same sourceRef (e.g. `injury-<claimId>`, `accident-<id>`).
   * Returns whether a flag was raised.
   */
  raiseReviewFlag(input: { reason: string; sourceRef: string }): boolean {
    this.assertRegistered();
    const sourceRef = requireText(input.sourceRef, 'sourceRef');
    const reason = requireText(input.reason, 'reason');
    if (!this._model || this._reviewFlagSources.has(sourceRef)) return false;
    this.raise({
      type: 'EnterpriseReviewFlagRaised',
      schemaVersion: 1,
      data: { uscc: this._uscc, reason, sourceRef },
    });
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Queries on state

  get isRegistered(): boolean {
    return this._registered;
  }
  get uscc(): string {
    return this._uscc;
  }
  get zoneId(): string {
    return this._zoneId;
  }
  get profile(): Readonly<EnterpriseProfile> {
    return { ...this._profile };
  }
  get cohort(): Cohort | null {
    return this._cohort;
  }
  get officerId(): string | null {
    return this._officerId;
  }
  get isModel(): boolean {
    return this._model;
  }
  get componentsEstablished(): readonly string[] {
    return [...this._components];
  }

  stage(components: readonly ComponentRef[]): AdoptionStage {
    return adoptionStage(
      {
        enrolled: this._cohort !== null,
        officerAssigned: this._officerId !== null,
        guidanceVisits: this._visitIds.size,
        latestPostsCovered: this._latestList?.postsCovered ?? 0,
        componentsEstablished: this._components,
        assessments: this._assessments,
        modelDesignated: this._model,
      },
      components.map((c) => c.id),
    );
  }

  private assertRegistered(): void {
    if (!this._registered)
      throw EnterpriseErrors.notFound(this._uscc || '(unknown)');
  }

  private assertEnrolled(): void {
    this.assertRegistered();
    if (this._cohort === null) throw EnterpriseErrors.notEnrolled(this._uscc);
  }

  // ------------------------------------------------------------------------------------------
  // Apply

  protected apply(event: EnterpriseEvent): void {
    switch (event.type) {
      case 'EnterpriseRegistered':
        return this.onEnterpriseRegistered(event);
      case 'EnterpriseProfileUpdated':
        return this.onEnterpriseProfileUpdated(event);
      case 'EnterpriseZoneReassigned':
        return this.onEnterpriseZoneReassigned(event);
      case 'HeadcountReported':
        return this.onHeadcountReported(event);
      case 'ResponsibilityProgramEnrolled':
        return this.onResponsibilityProgramEnrolled(event);
      case 'GuidanceOfficerAssigned':
        return this.onGuidanceOfficerAssigned(event);
      case 'GuidanceVisitRecorded':
        return this.onGuidanceVisitRecorded(event);
      case 'PostResponsibilityListsPublished':
        return this.onPostResponsibilityListsPublished(event);
      case 'ResponsibilitySystemComponentEstablished':
        return this.onResponsibilitySystemComponentEstablished(event);
      case 'TrainingSessionRecorded':
        return this.onTrainingSessionRecorded(event);
      case 'PostSafetyPerformanceAssessed':
        return this.onPostSafetyPerformanceAssessed(event);
      case 'ModelEnterpriseDesignated':
        return this.onModelEnterpriseDesignated(event);
      case 'ModelEnterpriseDesignationRevoked':
        return this.onModelEnterpriseDesignationRevoked(event);
      case 'EnterpriseReviewFlagRaised':
        return this.onEnterpriseReviewFlagRaised(event);
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }

  private onEnterpriseRegistered({ data }: EnterpriseRegistered): void {
    this._registered = true;
    this._uscc = data.uscc;
    this._zoneId = data.zoneId;
    this._profile = {
      name: data.name,
      township: data.township,
      industryCode: data.industryCode,
      aboveDesignatedSize: data.aboveDesignatedSize,
      headcount: data.headcount,
    };
  }

  private onEnterpriseProfileUpdated({ data }: EnterpriseProfileUpdated): void {
    this._profile = { ...this._profile, ...data.changes };
  }

  private onEnterpriseZoneReassigned({ data }: EnterpriseZoneReassigned): void {
    this._zoneId = data.toZoneId;
  }

  private onHeadcountReported({ data }: HeadcountReported): void {
    // The latest period wins; a late report for an earlier month does not override a newer one.
    if (
      this._latestHeadcountPeriod === null ||
      data.period >= this._latestHeadcountPeriod
    ) {
      this._latestHeadcountPeriod = data.period;
      this._profile = { ...this._profile, headcount: data.headcount };
    }
  }

  private onResponsibilityProgramEnrolled({
    data,
  }: ResponsibilityProgramEnrolled): void {
    this._cohort = data.cohort;
  }

  private onGuidanceOfficerAssigned({ data }: GuidanceOfficerAssigned): void {
    this._officerId = data.officerId;
  }

  private onGuidanceVisitRecorded({ data }: GuidanceVisitRecorded): void {
    this._visitIds.add(data.visitId);
  }

  private onPostResponsibilityListsPublished({
    data,
  }: PostResponsibilityListsPublished): void {
    this._latestList = {
      postsTotal: data.postsTotal,
      postsCovered: data.postsCovered,
      employeesCovered: data.employeesCovered,
    };
  }

  private onResponsibilitySystemComponentEstablished({
    data,
  }: ResponsibilitySystemComponentEstablished): void {
    if (!this._components.includes(data.component))
      this._components.push(data.component);
  }

  private onTrainingSessionRecorded({ data }: TrainingSessionRecorded): void {
    this._trainingSessionIds.add(data.sessionId);
  }

  private onPostSafetyPerformanceAssessed(
    _event: PostSafetyPerformanceAssessed,
  ): void {
    this._assessments += 1;
  }

  private onModelEnterpriseDesignated(_event: ModelEnterpriseDesignated): void {
    this._model = true;
  }

  private onModelEnterpriseDesignationRevoked(
    _event: ModelEnterpriseDesignationRevoked,
  ): void {
    this._model = false;
  }

  private onEnterpriseReviewFlagRaised({
    data,
  }: EnterpriseReviewFlagRaised): void {
    this._reviewFlagSources.add(data.sourceRef);
  }
}
