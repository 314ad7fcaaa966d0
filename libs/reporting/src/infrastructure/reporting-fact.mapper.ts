import type { StoredEvent } from '@app/event-store';
import type { DeclarationFields, FactBody, ReportingFact } from '../domain/reporting-fact.js';

/**
 * The reporting context's reading of other contexts' events (their public event contracts): picks
 * the fields the figures depend on, checking each one's type instead of casting, and leaves out
 * every personal field (worker pseudonym, occupation, narrative).
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
  } as ReportingFact;
}

export function familyOf(type: ReportingFact['type']): string {
  if (type.startsWith('Accident')) return 'accident';
  if (type.startsWith('InjuryDeclaration')) return 'declaration';
  if (type.startsWith('Feed')) return 'feed-week';
  if (type.startsWith('FollowUp') || type.startsWith('Rectification') || type.startsWith('Recurrence')) return 'case';
  return 'enterprise';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));
const optStr = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const accidentType = (v: unknown): DeclarationFields['accidentType'] => {
  if (!v || typeof v !== 'object') return null;
  const { standard, code } = v as Record<string, unknown>;
  return typeof standard === 'string' && typeof code === 'string' ? { standard, code } : null;
};
const claimOf = (event: StoredEvent) => event.streamName.slice('injury-'.length);

/** The declaration fields present in `d` (all of them for a Received, the changed ones for a Corrected). */
function declarationFields(d: Record<string, unknown>, partial: boolean): Partial<DeclarationFields> {
  const out: Partial<DeclarationFields> = {};
  const has = (k: string) => !partial || k in d;
  if (has('uscc')) out.uscc = str(d.uscc);
  if (has('incidentRef')) out.incidentRef = optStr(d.incidentRef);
  if (has('injuredAt')) out.injuredAt = str(d.injuredAt);
  if (has('injuryNature')) out.injuryNature = str(d.injuryNature);
  if (has('severity')) out.severity = str(d.severity);
  if (has('medicalTreatmentClaim')) out.medicalTreatmentClaim = d.medicalTreatmentClaim === true;
  if (has('determination')) out.determination = str(d.determination);
  if (has('accidentType')) out.accidentType = accidentType(d.accidentType);
  return out;
}

function toBody(event: StoredEvent): FactBody | undefined {
  const d = event.data;
  const uscc = str(d.uscc);
  switch (event.type) {
    case 'EnterpriseRegistered':
      return { type: event.type, uscc, zoneId: str(d.zoneId), aboveDesignatedSize: d.aboveDesignatedSize === true, headcount: num(d.headcount) };
    case 'EnterpriseProfileUpdated': {
      const changes = (d.changes ?? {}) as Record<string, unknown>;
      if (!('aboveDesignatedSize' in changes) && !('headcount' in changes)) return undefined;
      return {
        type: event.type,
        uscc,
        ...('aboveDesignatedSize' in changes ? { aboveDesignatedSize: changes.aboveDesignatedSize === true } : {}),
        ...('headcount' in changes ? { headcount: num(changes.headcount) } : {}),
      };
    }
    case 'EnterpriseZoneReassigned':
      return { type: event.type, uscc, toZoneId: str(d.toZoneId) };
    case 'HeadcountReported':
      return { type: event.type, uscc, headcount: num(d.headcount) };
    case 'ResponsibilityProgramEnrolled':
    case 'ModelEnterpriseDesignated':
    case 'ModelEnterpriseDesignationRevoked':
      return { type: event.type, uscc };
    case 'GuidanceVisitRecorded':
      return { type: event.type, uscc, visitId: str(d.visitId) };
    case 'PostResponsibilityListsPublished':
      return { type: event.type, uscc, postsTotal: num(d.postsTotal), postsCovered: num(d.postsCovered) };
    case 'ResponsibilitySystemComponentEstablished':
      return { type: event.type, uscc, component: str(d.component) };
    case 'TrainingSessionRecorded':
      return { type: event.type, uscc, sessionId: str(d.sessionId), audience: str(d.audience), attendees: num(d.attendees) };
    case 'AccidentReported':
      return {
        type: event.type,
        accidentId: str(d.accidentId),
        uscc: optStr(d.uscc),
        zoneId: str(d.zoneId),
        occurredAt: str(d.occurredAt),
        deaths: num(d.deaths),
        seriousInjuries: num(d.seriousInjuries),
        minorInjuries: num(d.minorInjuries),
      };
    case 'AccidentCasualtiesRevised':
      return {
        type: event.type,
        accidentId: event.streamName.slice('accident-'.length),
        deaths: num(d.deaths),
        seriousInjuries: num(d.seriousInjuries),
        minorInjuries: num(d.minorInjuries),
      };
    case 'InjuryDeclarationReceived':
      return { type: event.type, claimId: str(d.claimId), feedWeek: str(d.feedWeek), ...(declarationFields(d, false) as DeclarationFields) };
    case 'InjuryDeclarationCorrected':
      return {
        type: event.type,
        claimId: claimOf(event),
        feedWeek: str(d.feedWeek),
        changes: declarationFields((d.changes ?? {}) as Record<string, unknown>, true),
      };
    case 'InjuryDeclarationWithdrawn':
      return { type: event.type, claimId: claimOf(event), feedWeek: str(d.feedWeek), reason: str(d.reason) };
    case 'FollowUpVisitScheduled':
      return { type: event.type, claimId: claimOf(event), dueBy: str(d.dueBy) };
    case 'FollowUpVisitCompleted':
    case 'RectificationOrdered':
    case 'RectificationVerified':
      return { type: event.type, claimId: claimOf(event) };
    case 'RecurrenceFlagged':
    case 'RecurrenceFlagRetracted':
      // One earlier case per event (v1), or every earlier case the new one repeats.
      return { type: event.type, claimId: claimOf(event), previousClaimIds: 'previousClaimIds' in d ? strings(d.previousClaimIds) : strings([d.previousClaimId]) };
    case 'FeedRecordQuarantined':
      return { type: event.type, feedWeek: str(d.feedWeek), quarantineId: str(d.quarantineId), claimId: optStr(d.claimId) };
    case 'FeedManifestReceived':
      return { type: event.type, feedWeek: str(d.feedWeek), expectedCount: num(d.expectedCount), claimIds: Array.isArray(d.claimIds) ? strings(d.claimIds) : null };
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
