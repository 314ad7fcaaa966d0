import { ACCIDENT_EVENT_CODEC } from '@app/accidents';
import { ENTERPRISE_EVENT_CODEC } from '@app/enterprises';
import type { StoredEvent } from '@app/event-store';
import { INJURIES_EVENT_CODEC } from '@app/injuries';
import type {
  DeclarationFields,
  FactBody,
  ReportingFact,
} from '../domain/reporting-fact.js';

/**
 * The reporting context's reading of other contexts' events: each event is decoded by the codec of
 * the context that wrote it (any stored schema version comes out as the latest), and only the fields
 * the figures depend on are kept — every personal field (worker pseudonym, occupation, narrative) is
 * left out.
 */
export function toReportingFact(event: StoredEvent): ReportingFact | undefined {
  const body = toBody(event);
  if (!body) return undefined;
  return {
    ...body,
    position: Number(event.globalPosition),
    eventId: event.eventId,
    streamName: event.streamName,
    recordedAt: new Date(event.metadata.recordedAt).toISOString(),
    effectiveAt: new Date(event.metadata.effectiveAt).toISOString(),
  };
}

export function familyOf(type: ReportingFact['type']): string {
  if (type.startsWith('Accident')) return 'accident';
  if (type.startsWith('InjuryDeclaration')) return 'declaration';
  if (type.startsWith('Feed')) return 'feed-week';
  if (
    type.startsWith('FollowUp') ||
    type.startsWith('Rectification') ||
    type.startsWith('Recurrence')
  )
    return 'case';
  return 'enterprise';
}

type Decoded =
  | ReturnType<typeof ENTERPRISE_EVENT_CODEC.decode>
  | ReturnType<typeof INJURIES_EVENT_CODEC.decode>
  | ReturnType<typeof ACCIDENT_EVENT_CODEC.decode>;

function decode(event: StoredEvent): Decoded | undefined {
  if (ENTERPRISE_EVENT_CODEC.handles(event.type))
    return ENTERPRISE_EVENT_CODEC.decode(event);
  if (INJURIES_EVENT_CODEC.handles(event.type))
    return INJURIES_EVENT_CODEC.decode(event);
  if (ACCIDENT_EVENT_CODEC.handles(event.type))
    return ACCIDENT_EVENT_CODEC.decode(event);
  return undefined;
}

const optStr = (v: string | null | undefined): string | null => (v ? v : null);
const accidentType = (
  v: { standard: string; code: string } | null | undefined,
): DeclarationFields['accidentType'] =>
  v ? { standard: v.standard, code: v.code } : null;
const claimOf = (event: StoredEvent) =>
  event.streamName.slice('injury-'.length);

/** The declaration fields of a received declaration. */
function declarationFields(d: {
  uscc: string;
  incidentRef?: string | null;
  injuredAt: string;
  injuryNature: string;
  severity: string;
  medicalTreatmentClaim: boolean;
  determination: string;
  accidentType?: { standard: string; code: string } | null;
}): DeclarationFields {
  return {
    uscc: d.uscc,
    incidentRef: optStr(d.incidentRef),
    injuredAt: d.injuredAt,
    injuryNature: d.injuryNature,
    severity: d.severity,
    medicalTreatmentClaim: d.medicalTreatmentClaim === true,
    determination: d.determination,
    accidentType: accidentType(d.accidentType),
  };
}

/** The declaration fields a correction changes (a field set to null is cleared). */
function changedFields(changes: {
  uscc?: string | null;
  incidentRef?: string | null;
  injuredAt?: string | null;
  injuryNature?: string | null;
  severity?: string | null;
  medicalTreatmentClaim?: boolean | null;
  determination?: string | null;
  accidentType?: { standard: string; code: string } | null;
}): Partial<DeclarationFields> {
  const out: Partial<DeclarationFields> = {};
  const text = (v: string | null | undefined): string => v ?? '';
  if ('uscc' in changes) out.uscc = text(changes.uscc);
  if ('incidentRef' in changes)
    out.incidentRef = optStr(text(changes.incidentRef));
  if ('injuredAt' in changes) out.injuredAt = text(changes.injuredAt);
  if ('injuryNature' in changes) out.injuryNature = text(changes.injuryNature);
  if ('severity' in changes) out.severity = text(changes.severity);
  if ('medicalTreatmentClaim' in changes)
    out.medicalTreatmentClaim = changes.medicalTreatmentClaim === true;
  if ('determination' in changes)
    out.determination = text(changes.determination);
  if ('accidentType' in changes)
    out.accidentType = accidentType(changes.accidentType);
  return out;
}

function toBody(stored: StoredEvent): FactBody | undefined {
  const event = decode(stored);
  if (!event) return undefined;
  switch (event.type) {
    case 'EnterpriseRegistered': {
      const d = event.data;
      return {
        type: event.type,
        uscc: d.uscc,
        zoneId: d.zoneId,
        aboveDesignatedSize: d.aboveDesignatedSize === true,
        headcount: d.headcount,
      };
    }
    case 'EnterpriseProfileUpdated': {
      const { uscc, changes } = event.data;
      if (!('aboveDesignatedSize' in changes) && !('headcount' in changes))
        return undefined;
      return {
        type: event.type,
        uscc,
        ...('aboveDesignatedSize' in changes
          ? { aboveDesignatedSize: changes.aboveDesignatedSize === true }
          : {}),
        ...('headcount' in changes
          ? { headcount: Number(changes.headcount ?? 0) }
          : {}),
      };
    }
    case 'EnterpriseZoneReassigned':
      return {
        type: event.type,
        uscc: event.data.uscc,
        toZoneId: event.data.toZoneId,
      };
    case 'HeadcountReported':
      return {
        type: event.type,
        uscc: event.data.uscc,
        headcount: event.data.headcount,
      };
    case 'ResponsibilityProgramEnrolled':
    case 'ModelEnterpriseDesignated':
    case 'ModelEnterpriseDesignationRevoked':
      return { type: event.type, uscc: event.data.uscc };
    case 'GuidanceVisitRecorded':
      return {
        type: event.type,
        uscc: event.data.uscc,
        visitId: event.data.visitId,
      };
    case 'PostResponsibilityListsPublished':
      return {
        type: event.type,
        uscc: event.data.uscc,
        postsTotal: event.data.postsTotal,
        postsCovered: event.data.postsCovered,
      };
    case 'ResponsibilitySystemComponentEstablished':
      return {
        type: event.type,
        uscc: event.data.uscc,
        component: event.data.component,
      };
    case 'TrainingSessionRecorded': {
      const d = event.data;
      return {
        type: event.type,
        uscc: d.uscc,
        sessionId: d.sessionId,
        audience: d.audience,
        attendees: d.attendees,
      };
    }
    case 'AccidentReported': {
      const d = event.data;
      return {
        type: event.type,
        accidentId: d.accidentId,
        uscc: optStr(d.uscc),
        zoneId: d.zoneId,
        occurredAt: d.occurredAt,
        deaths: d.deaths,
        seriousInjuries: d.seriousInjuries,
        minorInjuries: d.minorInjuries,
      };
    }
    case 'AccidentCasualtiesRevised':
      return {
        type: event.type,
        accidentId: stored.streamName.slice('accident-'.length),
        deaths: event.data.deaths,
        seriousInjuries: event.data.seriousInjuries,
        minorInjuries: event.data.minorInjuries,
      };
    case 'InjuryDeclarationReceived':
      return {
        type: event.type,
        claimId: event.data.claimId,
        feedWeek: event.data.feedWeek,
        ...declarationFields(event.data),
      };
    case 'InjuryDeclarationCorrected':
      return {
        type: event.type,
        claimId: claimOf(stored),
        feedWeek: event.data.feedWeek,
        changes: changedFields(event.data.changes),
      };
    case 'InjuryDeclarationWithdrawn':
      return {
        type: event.type,
        claimId: claimOf(stored),
        feedWeek: event.data.feedWeek,
        reason: event.data.reason,
      };
    case 'FollowUpVisitScheduled':
      return {
        type: event.type,
        claimId: claimOf(stored),
        dueBy: event.data.dueBy,
      };
    case 'FollowUpVisitCompleted':
    case 'RectificationOrdered':
    case 'RectificationVerified':
      return { type: event.type, claimId: claimOf(stored) };
    case 'RecurrenceFlagged':
    case 'RecurrenceFlagRetracted':
      // v1 events (one earlier case each) come out of the codec as v2: every earlier case the new one repeats.
      return {
        type: event.type,
        claimId: claimOf(stored),
        previousClaimIds: [...event.data.previousClaimIds],
      };
    case 'FeedRecordQuarantined':
      return {
        type: event.type,
        feedWeek: event.data.feedWeek,
        quarantineId: event.data.quarantineId,
        claimId: optStr(event.data.claimId),
      };
    case 'FeedManifestReceived':
      return {
        type: event.type,
        feedWeek: event.data.feedWeek,
        expectedCount: event.data.expectedCount,
        claimIds: event.data.claimIds ? [...event.data.claimIds] : null,
      };
    default:
      return undefined;
  }
}

/** A stored row back into the fact the domain reads. */
export function rowToFact(row: {
  position: number;
  eventId: string;
  streamName: string;
  type: string;
  recordedAt: string;
  effectiveAt: string;
  body: object;
}): ReportingFact {
  return {
    ...row.body,
    type: row.type,
    position: row.position,
    eventId: row.eventId,
    streamName: row.streamName,
    recordedAt: row.recordedAt,
    effectiveAt: row.effectiveAt,
  } as ReportingFact;
}
