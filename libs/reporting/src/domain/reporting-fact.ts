/**
 * What the reports read of the log: one fact per event that can change a figure, with only the
 * fields a figure depends on (no narrative, occupation or worker pseudonym). The reporting
 * projector turns stored events into these (infrastructure/reporting-fact.mapper.ts) and keeps
 * them bitemporally — `effectiveAt` says when it happened, `recordedAt` when the service learnt it —
 * so any figure can be recomputed as it stood at an instant (docs/decisions/0121).
 */
export interface FactEnvelope {
  /** Global position in the log. */
  position: number;
  eventId: string;
  streamName: string;
  recordedAt: string;
  effectiveAt: string;
}

export interface AccidentTypeKey {
  standard: string;
  code: string;
}

/** The declaration fields the figures read; a correction carries the ones that changed. */
export interface DeclarationFields {
  uscc: string;
  incidentRef: string | null;
  injuredAt: string;
  injuryNature: string;
  severity: string;
  medicalTreatmentClaim: boolean;
  determination: string;
  accidentType: AccidentTypeKey | null;
}

export type FactBody =
  | {
      type: 'EnterpriseRegistered';
      uscc: string;
      zoneId: string;
      aboveDesignatedSize: boolean;
      headcount: number;
    }
  | {
      type: 'EnterpriseProfileUpdated';
      uscc: string;
      aboveDesignatedSize?: boolean;
      headcount?: number;
    }
  | { type: 'EnterpriseZoneReassigned'; uscc: string; toZoneId: string }
  | { type: 'HeadcountReported'; uscc: string; headcount: number }
  | { type: 'ResponsibilityProgramEnrolled'; uscc: string }
  | { type: 'GuidanceVisitRecorded'; uscc: string; visitId: string }
  | {
      type: 'PostResponsibilityListsPublished';
      uscc: string;
      postsTotal: number;
      postsCovered: number;
    }
  | {
      type: 'ResponsibilitySystemComponentEstablished';
      uscc: string;
      component: string;
    }
  | {
      type: 'TrainingSessionRecorded';
      uscc: string;
      sessionId: string;
      audience: string;
      attendees: number;
    }
  | { type: 'ModelEnterpriseDesignated'; uscc: string }
  | { type: 'ModelEnterpriseDesignationRevoked'; uscc: string }
  | {
      type: 'AccidentReported';
      accidentId: string;
      uscc: string | null;
      zoneId: string;
      occurredAt: string;
      deaths: number;
      seriousInjuries: number;
      minorInjuries: number;
    }
  | {
      type: 'AccidentCasualtiesRevised';
      accidentId: string;
      deaths: number;
      seriousInjuries: number;
      minorInjuries: number;
    }
  | ({
      type: 'InjuryDeclarationReceived';
      claimId: string;
      feedWeek: string;
    } & DeclarationFields)
  | {
      type: 'InjuryDeclarationCorrected';
      claimId: string;
      feedWeek: string;
      changes: Partial<DeclarationFields>;
    }
  | {
      type: 'InjuryDeclarationWithdrawn';
      claimId: string;
      feedWeek: string;
      reason: string;
    }
  | { type: 'FollowUpVisitScheduled'; claimId: string; dueBy: string }
  | { type: 'FollowUpVisitCompleted'; claimId: string }
  | { type: 'RectificationOrdered'; claimId: string }
  | { type: 'RectificationVerified'; claimId: string }
  | { type: 'RecurrenceFlagged'; claimId: string; previousClaimIds: string[] }
  | {
      type: 'RecurrenceFlagRetracted';
      claimId: string;
      previousClaimIds: string[];
    }
  | {
      type: 'FeedRecordQuarantined';
      feedWeek: string;
      quarantineId: string;
      claimId: string | null;
    }
  | {
      type: 'FeedManifestReceived';
      feedWeek: string;
      expectedCount: number;
      claimIds: string[] | null;
    };

export type ReportingFact = FactEnvelope & FactBody;
export type ReportingFactType = ReportingFact['type'];

export const REPORTING_FACT_TYPES: readonly ReportingFactType[] = [
  'EnterpriseRegistered',
  'EnterpriseProfileUpdated',
  'EnterpriseZoneReassigned',
  'HeadcountReported',
  'ResponsibilityProgramEnrolled',
  'GuidanceVisitRecorded',
  'PostResponsibilityListsPublished',
  'ResponsibilitySystemComponentEstablished',
  'TrainingSessionRecorded',
  'ModelEnterpriseDesignated',
  'ModelEnterpriseDesignationRevoked',
  'AccidentReported',
  'AccidentCasualtiesRevised',
  'InjuryDeclarationReceived',
  'InjuryDeclarationCorrected',
  'InjuryDeclarationWithdrawn',
  'FollowUpVisitScheduled',
  'FollowUpVisitCompleted',
  'RectificationOrdered',
  'RectificationVerified',
  'RecurrenceFlagged',
  'RecurrenceFlagRetracted',
  'FeedRecordQuarantined',
  'FeedManifestReceived',
];

/** One line of a figure's explanation: the streams and events behind it and the fields that decided. */
export interface FactLine {
  /** What is counted: an accident id, an incident, a uscc, a claimId. */
  key: string;
  streams: string[];
  eventIds: string[];
  /** How much this line adds to the figure (1 for a count; deaths or injured for sums). */
  counts: number;
  fields: Record<string, unknown>;
}

export type ExclusionReason =
  | 'commuting'
  | 'occupational-disease'
  | 'not-production-safety-nature'
  | 'withdrawn'
  | 'below-designated-size-at-the-time'
  | 'employer-not-registered'
  | 'outside-period-asia-shanghai'
  | 'other-zone'
  | 'not-medical-treatment-claim'
  | 'retracted';

export interface ExcludedLine extends FactLine {
  reason: ExclusionReason;
}

/** The facts behind one number: `Σ contributing.counts` equals the figure. */
export interface FigureFacts {
  value: number;
  contributing: FactLine[];
  excluded: ExcludedLine[];
}
