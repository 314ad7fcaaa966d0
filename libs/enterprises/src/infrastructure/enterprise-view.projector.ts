import { Inject, Injectable } from '@nestjs/common';
import type { StoredEvent } from '@app/event-store';
import type { ProjectionTransaction, Projector } from '@app/projections';
import { REFERENCE_DATA, type ReferenceData } from '@app/reference-data';
import { adoptionStage } from '../domain/adoption-stage.js';
import { ENTERPRISE_EVENT_CODEC } from '../domain/enterprise-event.codec.js';
import {
  ENTERPRISE_STREAM_PREFIX,
  type EnterpriseEvent,
  type EnterpriseRegistered,
} from '../domain/enterprise.events.js';
import {
  ENTERPRISE_ENTITIES,
  EnterpriseViewEntity,
} from './enterprise-view.entity.js';

/**
 * Maintains `enterprise_view`, one row per enterprise, a page at a time: the page's enterprises are
 * loaded in one query, the events applied in memory, each touched row written once. A row also
 * remembers the last stream position applied, and an event at or below it changes nothing.
 *
 * The stage depends on the configured component list; after changing that list, rebuild this
 * read model to recompute every stage.
 */
@Injectable()
export class EnterpriseViewProjector implements Projector {
  readonly name = 'enterprise-view';
  readonly version = 1;
  readonly handles = ENTERPRISE_EVENT_CODEC.types;
  readonly entities = ENTERPRISE_ENTITIES;

  constructor(
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  async applyPage(
    events: readonly StoredEvent[],
    tx: ProjectionTransaction,
  ): Promise<void> {
    const mine = events.filter((e) =>
      e.streamName.startsWith(ENTERPRISE_STREAM_PREFIX),
    );
    const table = tx.table(EnterpriseViewEntity);
    const rows = await table.load(
      mine.map((e) => e.streamName.slice(ENTERPRISE_STREAM_PREFIX.length)),
    );
    const touched = new Set<EnterpriseViewEntity>();
    const components = this.referenceData.components.map((c) => c.id);
    for (const stored of mine) {
      const uscc = stored.streamName.slice(ENTERPRISE_STREAM_PREFIX.length);
      const event = ENTERPRISE_EVENT_CODEC.decode(stored);
      const position = Number(stored.streamPosition);
      const at = stored.metadata.effectiveAt;
      let row = rows.get(uscc);
      if (row !== undefined && row.lastStreamPosition >= position) continue; // already applied
      if (row === undefined) {
        if (event.type !== 'EnterpriseRegistered') continue; // nothing to attach it to
        row = newRow(uscc, event, at);
        rows.set(uscc, row);
      } else {
        applyTo(row, event, at);
      }
      row.stage = adoptionStage(
        {
          enrolled: row.cohort !== null,
          officerAssigned: row.officerId !== null,
          guidanceVisits: row.guidanceVisits,
          latestPostsCovered: row.postsCovered ?? 0,
          componentsEstablished: row.componentsEstablished.map(
            (c) => c.component,
          ),
          assessments: row.assessments,
          modelDesignated: row.modelEnterprise,
        },
        components,
      );
      row.updatedAt = stored.metadata.recordedAt;
      row.lastStreamPosition = position;
      row.lastGlobalPosition = Number(stored.globalPosition);
      touched.add(row);
    }
    await table.upsert(touched);
  }
}

function newRow(
  uscc: string,
  { data }: EnterpriseRegistered,
  at: string,
): EnterpriseViewEntity {
  const row = new EnterpriseViewEntity();
  Object.assign(row, {
    uscc,
    name: data.name,
    zoneId: data.zoneId,
    zoneHistory: [{ zoneId: data.zoneId, from: at }],
    township: data.township,
    industryCode: data.industryCode,
    aboveDesignatedSize: data.aboveDesignatedSize,
    headcount: data.headcount,
    headcountPeriod: null,
    stage: 'registered',
    cohort: null,
    enrolledAt: null,
    officerId: null,
    guidanceVisits: 0,
    lastGuidanceVisitAt: null,
    componentsEstablished: [],
    postsTotal: null,
    postsCovered: null,
    employeesCovered: null,
    listsPublishedAt: null,
    trainingSessions: 0,
    trainingAttendees: { principal: 0, manager: 0, employee: 0 },
    bookletsDistributed: 0,
    assessments: 0,
    latestAssessment: null,
    modelEnterprise: false,
    modelCitation: null,
    modelDesignatedAt: null,
    reviewFlags: [],
    registeredAt: at,
  } satisfies Omit<
    EnterpriseViewEntity,
    'updatedAt' | 'lastStreamPosition' | 'lastGlobalPosition'
  >);
  return row;
}

function applyTo(
  row: EnterpriseViewEntity,
  event: EnterpriseEvent,
  at: string,
): void {
  switch (event.type) {
    case 'EnterpriseRegistered':
      return; // a second registration cannot be appended (no_stream); ignore defensively
    case 'EnterpriseProfileUpdated': {
      const { name, township, industryCode, aboveDesignatedSize, headcount } =
        event.data.changes;
      if (name !== undefined) row.name = name;
      if (township !== undefined) row.township = township;
      if (industryCode !== undefined) row.industryCode = industryCode;
      if (aboveDesignatedSize !== undefined)
        row.aboveDesignatedSize = aboveDesignatedSize;
      if (headcount !== undefined) row.headcount = headcount;
      return;
    }
    case 'EnterpriseZoneReassigned':
      row.zoneId = event.data.toZoneId;
      row.zoneHistory = [
        ...row.zoneHistory,
        { zoneId: event.data.toZoneId, from: at },
      ];
      return;
    case 'HeadcountReported':
      if (
        row.headcountPeriod === null ||
        event.data.period >= row.headcountPeriod
      ) {
        row.headcountPeriod = event.data.period;
        row.headcount = event.data.headcount;
      }
      return;
    case 'ResponsibilityProgramEnrolled':
      row.cohort = event.data.cohort;
      row.enrolledAt = at;
      return;
    case 'GuidanceOfficerAssigned':
      row.officerId = event.data.officerId;
      return;
    case 'GuidanceVisitRecorded':
      row.guidanceVisits += 1;
      if (row.lastGuidanceVisitAt === null || at > row.lastGuidanceVisitAt)
        row.lastGuidanceVisitAt = at;
      return;
    case 'PostResponsibilityListsPublished':
      row.postsTotal = event.data.postsTotal;
      row.postsCovered = event.data.postsCovered;
      row.employeesCovered = event.data.employeesCovered;
      row.listsPublishedAt = at;
      return;
    case 'ResponsibilitySystemComponentEstablished':
      row.componentsEstablished = [
        ...row.componentsEstablished,
        {
          component: event.data.component,
          evidenceRef: event.data.evidenceRef,
          establishedAt: at,
        },
      ];
      return;
    case 'TrainingSessionRecorded':
      row.trainingSessions += 1;
      row.trainingAttendees = {
        ...row.trainingAttendees,
        [event.data.audience]:
          row.trainingAttendees[event.data.audience] + event.data.attendees,
      };
      row.bookletsDistributed += event.data.bookletsDistributed;
      return;
    case 'PostSafetyPerformanceAssessed': {
      row.assessments += 1;
      const { uscc: _uscc, ...assessment } = event.data;
      row.latestAssessment = { ...assessment, assessedAt: at };
      return;
    }
    case 'ModelEnterpriseDesignated':
      row.modelEnterprise = true;
      row.modelCitation = event.data.citation;
      row.modelDesignatedAt = at;
      return;
    case 'ModelEnterpriseDesignationRevoked':
      row.modelEnterprise = false;
      return;
    case 'EnterpriseReviewFlagRaised':
      row.reviewFlags = [
        ...row.reviewFlags,
        {
          reason: event.data.reason,
          sourceRef: event.data.sourceRef,
          raisedAt: at,
        },
      ];
      return;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
