import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EnterpriseRegistered, EnterpriseZoneReassigned } from '@app/enterprises';
import type { StoredEvent } from '@app/event-store';
import type { Projector } from '@app/projections';
import { UNASSIGNED_ZONE_ID } from '@app/reference-data';
import type { InjuryCaseStatus } from '../domain/injury-case.aggregate.js';
import {
  DECLARATION_CONTENT_FIELDS,
  INJURY_CASE_EVENT_TYPES,
  INJURY_STREAM_PREFIX,
  type InjuryCaseEvent,
} from '../domain/injury-case.events.js';
import { shanghaiDateOf } from '../domain/shanghai-calendar.js';
import { InjuryCaseViewEntity } from './injury-case-view.entity.js';
import { InjuryEnterpriseZoneEntity } from './injury-enterprise-zone.entity.js';

/** Enterprise events this projector reads to re-attribute `unassigned` cases (public in @app/enterprises). */
const ENTERPRISE_EVENTS = ['EnterpriseRegistered', 'EnterpriseZoneReassigned'] as const;
type EnterpriseZoneEvent = EnterpriseRegistered | EnterpriseZoneReassigned;

/**
 * Maintains injury_case_view. Idempotent: an event at or below a row's lastGlobalPosition is skipped,
 * so redelivery and rebuilds give the same rows.
 *
 * Re-attribution (docs/decisions/0031): a declaration whose uscc was not registered arrives with zone
 * `unassigned`; when EnterpriseRegistered for that uscc is projected, its cases move to the
 * enterprise's zone. A declaration stamped `unassigned` that lands in the log after the registration
 * (a race with the directory lookup) is attributed from injury_enterprise_zone on arrival.
 */
@Injectable()
export class InjuryCaseViewProjector implements Projector {
  readonly name = 'injuries.injury-case-view';
  readonly handles: readonly string[] = [...INJURY_CASE_EVENT_TYPES, ...ENTERPRISE_EVENTS];
  readonly entities = [InjuryCaseViewEntity, InjuryEnterpriseZoneEntity];

  async project(stored: StoredEvent, em: EntityManager): Promise<void> {
    if ((ENTERPRISE_EVENTS as readonly string[]).includes(stored.type)) {
      return this.projectEnterprise({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data } as unknown as EnterpriseZoneEvent, em);
    }
    if (!stored.streamName.startsWith(INJURY_STREAM_PREFIX)) return;
    const repo = em.getRepository(InjuryCaseViewEntity);
    const claimId = stored.streamName.slice(INJURY_STREAM_PREFIX.length);
    const event = { type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data } as unknown as InjuryCaseEvent;
    const at = stored.metadata.effectiveAt;
    let row = await repo.findOneBy({ claimId });
    if (row && BigInt(row.lastGlobalPosition) >= stored.globalPosition) return;

    if (event.type === 'InjuryDeclarationReceived') {
      const d = event.data;
      row = repo.create({
        claimId,
        uscc: d.uscc,
        employerName: d.employerName ?? null,
        zoneId: d.zoneId,
        unmatched: false,
        feedWeek: d.feedWeek,
        lastFeedWeek: d.feedWeek,
        feedWeeks: [d.feedWeek],
        incidentRef: d.incidentRef ?? null,
        injuredAt: d.injuredAt,
        injuredOn: shanghaiDateOf(d.injuredAt),
        declaredAt: d.declaredAt,
        determination: d.determination,
        injuryNature: d.injuryNature,
        accidentType: d.accidentType ?? null,
        bodyPart: d.bodyPart ?? null,
        severity: d.severity,
        medicalTreatmentClaim: d.medicalTreatmentClaim,
        disabilityGrade: d.disabilityGrade ?? null,
        workerRef: d.workerRef ?? null,
        occupation: d.occupation ?? null,
        narrative: d.narrative ?? null,
        correctionCount: 0,
        withdrawn: false,
        withdrawalReason: null,
        followUpDueBy: null,
        followUpOverdue: false,
        visitCompletedAt: null,
        visitOfficerId: null,
        causeAnalysis: null,
        recommendations: [],
        rectificationOrderedAt: null,
        rectificationItems: [],
        rectificationVerifiedAt: null,
        rectificationVerifiedBy: null,
        closedAt: null,
        closureReason: null,
        recurrences: [],
        receivedAt: stored.metadata.recordedAt,
      });
    } else if (!row) {
      return; // an event for a case this model never saw received: nothing to attach it to
    } else {
      applyTo(row, event, at);
    }
    if (event.type === 'InjuryDeclarationReceived' || (event.type === 'InjuryDeclarationCorrected' && event.data.zoneId)) {
      await this.attribute(row, em);
    }
    row.status = statusOf(row);
    row.lastGlobalPosition = stored.globalPosition.toString();
    await repo.save(row);
  }

  /** A case stamped `unassigned` takes the zone of its enterprise if this projector has seen it registered. */
  private async attribute(row: InjuryCaseViewEntity, em: EntityManager): Promise<void> {
    if (row.zoneId !== UNASSIGNED_ZONE_ID) {
      row.unmatched = false;
      return;
    }
    const known = await em.getRepository(InjuryEnterpriseZoneEntity).findOneBy({ uscc: row.uscc });
    if (known) {
      row.zoneId = known.zoneId;
      row.unmatched = false;
    } else {
      row.unmatched = true;
    }
  }

  private async projectEnterprise(event: EnterpriseZoneEvent, em: EntityManager): Promise<void> {
    const zones = em.getRepository(InjuryEnterpriseZoneEntity);
    switch (event.type) {
      case 'EnterpriseRegistered':
        await zones.save({ uscc: event.data.uscc, zoneId: event.data.zoneId });
        // Cases declared before the registration move to the zone the enterprise registered in.
        await em
          .getRepository(InjuryCaseViewEntity)
          .update({ uscc: event.data.uscc, unmatched: true }, { zoneId: event.data.zoneId, unmatched: false });
        return;
      case 'EnterpriseZoneReassigned':
        // Attributed cases keep the zone of their time; only later `unassigned` arrivals use the new one.
        await zones.save({ uscc: event.data.uscc, zoneId: event.data.toZoneId });
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }
}

function applyTo(row: InjuryCaseViewEntity, event: Exclude<InjuryCaseEvent, { type: 'InjuryDeclarationReceived' }>, at: string): void {
  switch (event.type) {
    case 'InjuryDeclarationCorrected': {
      const target = row as unknown as Record<string, unknown>;
      for (const field of DECLARATION_CONTENT_FIELDS) {
        if (!(field in event.data.changes)) continue;
        const value = event.data.changes[field];
        target[field] = value ?? null;
      }
      if (event.data.changes.injuredAt) row.injuredOn = shanghaiDateOf(event.data.changes.injuredAt);
      if (event.data.zoneId) row.zoneId = event.data.zoneId;
      if (event.data.changes.determination && event.data.changes.determination !== 'not-recognised') {
        row.withdrawn = false;
        row.withdrawalReason = null;
      }
      row.lastFeedWeek = event.data.feedWeek;
      row.feedWeeks = withWeek(row.feedWeeks, event.data.feedWeek);
      row.correctionCount += 1;
      return;
    }
    case 'InjuryDeclarationWithdrawn':
      row.withdrawn = true;
      row.withdrawalReason = event.data.reason;
      row.determination = 'not-recognised';
      row.lastFeedWeek = event.data.feedWeek;
      row.feedWeeks = withWeek(row.feedWeeks, event.data.feedWeek);
      return;
    case 'FollowUpVisitScheduled':
      row.followUpDueBy = event.data.dueBy;
      return;
    case 'FollowUpVisitCompleted':
      row.visitCompletedAt = at;
      row.visitOfficerId = event.data.officerId;
      row.causeAnalysis = event.data.causeAnalysis;
      row.recommendations = event.data.recommendations;
      return;
    case 'RectificationOrdered':
      row.rectificationOrderedAt = at;
      row.rectificationItems = event.data.items.map((i) => ({ ...i, completedAt: null, evidenceRef: null }));
      return;
    case 'RectificationItemCompleted':
      row.rectificationItems = row.rectificationItems.map((i) =>
        i.itemId === event.data.itemId ? { ...i, completedAt: at, evidenceRef: event.data.evidenceRef } : i,
      );
      return;
    case 'RectificationVerified':
      row.rectificationVerifiedAt = at;
      row.rectificationVerifiedBy = event.data.officerId;
      return;
    case 'FollowUpVisitOverdue':
      row.followUpOverdue = true;
      return;
    case 'InjuryCaseClosed':
      row.closedAt = at;
      row.closureReason = event.data.reason ?? null;
      return;
    case 'RecurrenceFlagged':
      if (!row.recurrences.some((r) => r.previousClaimId === event.data.previousClaimId)) {
        row.recurrences = [...row.recurrences, { ...event.data }];
      }
      return;
    case 'RecurrenceFlagRetracted':
      row.recurrences = row.recurrences.filter((r) => r.previousClaimId !== event.data.previousClaimId);
      return;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function withWeek(weeks: string[] | null | undefined, week: string): string[] {
  const list = weeks ?? [];
  return list.includes(week) ? list : [...list, week];
}

/** Same rule as InjuryCase.status, from the row. */
export function statusOf(row: InjuryCaseViewEntity): InjuryCaseStatus {
  if (row.closedAt) return 'closed';
  if (row.withdrawn) return 'withdrawn';
  if (row.rectificationOrderedAt) return row.rectificationVerifiedAt ? 'rectification-verified' : 'rectifying';
  if (row.visitCompletedAt) return 'visited';
  if (row.followUpDueBy) return row.followUpOverdue ? 'follow-up-overdue' : 'follow-up-due';
  return 'open';
}
