import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '@app/event-store';
import type { Projector } from '@app/projections';
import type { InjuryCaseStatus } from '../domain/injury-case.aggregate.js';
import {
  DECLARATION_CONTENT_FIELDS,
  INJURY_CASE_EVENT_TYPES,
  INJURY_STREAM_PREFIX,
  type InjuryCaseEvent,
} from '../domain/injury-case.events.js';
import { shanghaiDateOf } from '../domain/shanghai-calendar.js';
import { InjuryCaseViewEntity } from './injury-case-view.entity.js';

/**
 * Maintains injury_case_view. Idempotent: an event at or below a row's lastGlobalPosition is skipped,
 * so redelivery and rebuilds give the same rows.
 */
@Injectable()
export class InjuryCaseViewProjector implements Projector {
  readonly name = 'injuries.injury-case-view';
  readonly handles = INJURY_CASE_EVENT_TYPES;
  readonly entities = [InjuryCaseViewEntity];

  async project(stored: StoredEvent, em: EntityManager): Promise<void> {
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
        feedWeek: d.feedWeek,
        lastFeedWeek: d.feedWeek,
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
    row.status = statusOf(row);
    row.lastGlobalPosition = stored.globalPosition.toString();
    await repo.save(row);
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
      row.correctionCount += 1;
      return;
    }
    case 'InjuryDeclarationWithdrawn':
      row.withdrawn = true;
      row.withdrawalReason = event.data.reason;
      row.determination = 'not-recognised';
      row.lastFeedWeek = event.data.feedWeek;
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
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
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
