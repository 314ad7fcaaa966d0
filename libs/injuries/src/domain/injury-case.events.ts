import type {
  AccidentTypeRef,
  InjuryNature,
  Severity,
} from '@app/reference-data';
import type { DomainEvent } from '@app/shared-kernel';
import type { SealedPersonalData } from './personal-data.js';

export type Determination =
  'pending' | 'recognised' | 'deemed' | 'not-recognised';
export type RootCauseCategory =
  'unsafe-act' | 'unsafe-condition' | 'management-defect';
export const ROOT_CAUSE_CATEGORIES: readonly RootCauseCategory[] = [
  'unsafe-act',
  'unsafe-condition',
  'management-defect',
];

/**
 * What the HR bureau declared about one injured worker, as kept by the service: the worker's ID
 * number is replaced by `workerRef` (HMAC pseudonym), gender is not kept. Comparing two of these
 * decides between "corrected" and "duplicate".
 */
export interface DeclarationContent {
  uscc: string;
  employerName?: string;
  incidentRef?: string;
  /** Instant with offset, as declared. */
  injuredAt: string;
  /** Calendar date. */
  declaredAt: string;
  determination: Determination;
  injuryNature: InjuryNature;
  accidentType?: AccidentTypeRef;
  bodyPart?: string;
  severity: Severity;
  medicalTreatmentClaim: boolean;
  disabilityGrade?: number | null;
  workerRef?: string;
  occupation?: string;
  narrative?: string;
}

export const DECLARATION_CONTENT_FIELDS: readonly (keyof DeclarationContent)[] =
  [
    'uscc',
    'employerName',
    'incidentRef',
    'injuredAt',
    'declaredAt',
    'determination',
    'injuryNature',
    'accidentType',
    'bodyPart',
    'severity',
    'medicalTreatmentClaim',
    'disabilityGrade',
    'workerRef',
    'occupation',
    'narrative',
  ];

/** Changed fields of a correction; a field the HR bureau no longer sends is `null`. */
export type DeclarationChanges = {
  [K in keyof DeclarationContent]?: DeclarationContent[K] | null;
};

export interface CauseAnalysis {
  /** GB 6441 type the officer classified the injury as (may differ from what HR declared). */
  accidentType: AccidentTypeRef;
  directCauses: string[];
  rootCauses: RootCauseCategory[];
  narrative: string;
}

export interface RectificationItem {
  itemId: string;
  description: string;
  /** Calendar date. */
  dueBy: string;
}

type Event<T extends string, D> = DomainEvent<T, D> & {
  readonly schemaVersion: 1;
};

/**
 * v2 (docs/decisions/0230-personal-data-sealed-per-worker.md): the personal fields are stored sealed
 * in `personal`; reading through the context's event reader puts them back, or leaves them out with
 * `personalDataErased: true` once the worker's key is destroyed. v1 held them in clear.
 */
export interface PersonalDataParts {
  personal?: SealedPersonalData;
  personalDataErased?: true;
}

export type InjuryDeclarationReceived = DomainEvent<
  'InjuryDeclarationReceived',
  DeclarationContent &
    PersonalDataParts & {
      claimId: string;
      feedWeek: string;
      /** Zone of the enterprise when the declaration arrived; `unassigned` when its uscc is not registered. */
      zoneId: string;
    }
> & { readonly schemaVersion: 2 };
export type InjuryDeclarationCorrected = DomainEvent<
  'InjuryDeclarationCorrected',
  PersonalDataParts & {
    changes: DeclarationChanges;
    feedWeek: string;
    zoneId?: string;
  }
> & { readonly schemaVersion: 2 };
export type InjuryDeclarationWithdrawn = Event<
  'InjuryDeclarationWithdrawn',
  { reason: string; feedWeek: string }
>;
export type FollowUpVisitScheduled = Event<
  'FollowUpVisitScheduled',
  { dueBy: string; officerId?: string }
>;
export type FollowUpVisitCompleted = Event<
  'FollowUpVisitCompleted',
  { officerId: string; causeAnalysis: CauseAnalysis; recommendations: string[] }
>;
export type RectificationOrdered = Event<
  'RectificationOrdered',
  { items: RectificationItem[] }
>;
export type RectificationItemCompleted = Event<
  'RectificationItemCompleted',
  { itemId: string; evidenceRef: string }
>;
export type RectificationVerified = Event<
  'RectificationVerified',
  { officerId: string }
>;
export type FollowUpVisitOverdue = Event<
  'FollowUpVisitOverdue',
  { dueBy: string }
>;
export type InjuryCaseClosed = Event<'InjuryCaseClosed', { reason?: string }>;
/**
 * v2 (docs/decisions/0104-recurrence-flag-v2.md): the case is a recurrence of these earlier cases, named
 * once on the new case (v1 named one earlier case per event, a flag per pair). `daysBetween[i]` is
 * the distance to `previousClaimIds[i]`; `daysSinceLatest` the distance to the nearest earlier case.
 * A later flag on the same case adds the earlier cases it names.
 */
export type RecurrenceFlagged = DomainEvent<
  'RecurrenceFlagged',
  {
    previousClaimIds: string[];
    accidentType: AccidentTypeRef;
    daysSinceLatest: number;
    daysBetween: number[];
  }
> & { readonly schemaVersion: 2 };

/** v1, as stored before 0104; read as v2 through INJURIES_EVENT_CODEC. */
export interface RecurrenceFlaggedV1Data {
  previousClaimId: string;
  accidentType: AccidentTypeRef;
  daysBetween: number;
}

/** A correction or withdrawal took away what made the two injuries a recurrence. */
export type RecurrenceFlagRetracted = DomainEvent<
  'RecurrenceFlagRetracted',
  { previousClaimIds: string[]; reason: string }
> & {
  readonly schemaVersion: 2;
};

/** v1, as stored before 0104. */
export interface RecurrenceFlagRetractedV1Data {
  previousClaimId: string;
  reason: string;
}

export type InjuryCaseEvent =
  | InjuryDeclarationReceived
  | InjuryDeclarationCorrected
  | InjuryDeclarationWithdrawn
  | FollowUpVisitScheduled
  | FollowUpVisitCompleted
  | RectificationOrdered
  | RectificationItemCompleted
  | RectificationVerified
  | FollowUpVisitOverdue
  | InjuryCaseClosed
  | RecurrenceFlagged
  | RecurrenceFlagRetracted;

export type InjuryCaseEventType = InjuryCaseEvent['type'];

export const INJURY_CASE_EVENT_TYPES: readonly InjuryCaseEventType[] = [
  'InjuryDeclarationReceived',
  'InjuryDeclarationCorrected',
  'InjuryDeclarationWithdrawn',
  'FollowUpVisitScheduled',
  'FollowUpVisitCompleted',
  'RectificationOrdered',
  'RectificationItemCompleted',
  'RectificationVerified',
  'FollowUpVisitOverdue',
  'InjuryCaseClosed',
  'RecurrenceFlagged',
  'RecurrenceFlagRetracted',
];

export const injuryStreamName = (claimId: string): string =>
  `injury-${claimId}`;
export const INJURY_STREAM_PREFIX = 'injury-';
