import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccidentTypeRef } from '@app/reference-data';
import type { CauseAnalysis } from '../domain/injury-case.events.js';

export interface RectificationItemView {
  itemId: string;
  description: string;
  dueBy: string;
  completedAt: string | null;
  evidenceRef: string | null;
}

export interface RecurrenceView {
  previousClaimId: string;
  accidentType: AccidentTypeRef;
  daysBetween: number;
}

/**
 * Case view (docs/metrics.md §4) and list (GET /injury-cases?zoneId&status&feedWeek). Portable
 * column types (varchar / integer / boolean / text / simple-json); instants as ISO strings.
 */
@Entity({ name: 'injury_case_view' })
export class InjuryCaseViewEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  claimId: string;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  uscc: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  employerName: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  zoneId: string;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  status: string;

  /** Week the declaration first arrived. */
  @Index()
  @Column({ type: 'varchar', length: 8 })
  feedWeek: string;

  /** Week of the latest record (correction or withdrawal). */
  @Column({ type: 'varchar', length: 8 })
  lastFeedWeek: string;

  /** Every feed week whose records changed this case (received, corrected, withdrawn), in order. */
  @Column({ type: 'simple-json' })
  feedWeeks: string[];

  /** True while the declaration is attributed to zone `unassigned` only because its uscc was not registered. */
  @Index()
  @Column({ type: 'boolean', default: false })
  unmatched: boolean;

  @Column({ type: 'varchar', length: 64, nullable: true })
  incidentRef: string | null;

  @Column({ type: 'varchar', length: 40 })
  injuredAt: string;

  /** Asia/Shanghai date of injuredAt. */
  @Index()
  @Column({ type: 'varchar', length: 10 })
  injuredOn: string;

  @Column({ type: 'varchar', length: 10 })
  declaredAt: string;

  @Column({ type: 'varchar', length: 16 })
  determination: string;

  @Column({ type: 'varchar', length: 32 })
  injuryNature: string;

  @Column({ type: 'simple-json', nullable: true })
  accidentType: AccidentTypeRef | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  bodyPart: string | null;

  @Column({ type: 'varchar', length: 16 })
  severity: string;

  @Column({ type: 'boolean' })
  medicalTreatmentClaim: boolean;

  @Column({ type: 'integer', nullable: true })
  disabilityGrade: number | null;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  workerRef: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  occupation: string | null;

  @Column({ type: 'text', nullable: true })
  narrative: string | null;

  /** The worker's key was destroyed: occupation, narrative, bodyPart and disabilityGrade are gone (docs/decisions/0230). */
  @Column({ type: 'boolean', default: false })
  personalDataErased: boolean;

  @Column({ type: 'integer', default: 0 })
  correctionCount: number;

  @Column({ type: 'boolean', default: false })
  withdrawn: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  withdrawalReason: string | null;

  @Index()
  @Column({ type: 'varchar', length: 10, nullable: true })
  followUpDueBy: string | null;

  @Column({ type: 'boolean', default: false })
  followUpOverdue: boolean;

  /** effectiveAt of FollowUpVisitCompleted. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  visitCompletedAt: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  visitOfficerId: string | null;

  @Column({ type: 'simple-json', nullable: true })
  causeAnalysis: CauseAnalysis | null;

  @Column({ type: 'simple-json' })
  recommendations: string[];

  @Column({ type: 'varchar', length: 40, nullable: true })
  rectificationOrderedAt: string | null;

  @Column({ type: 'simple-json' })
  rectificationItems: RectificationItemView[];

  @Column({ type: 'varchar', length: 40, nullable: true })
  rectificationVerifiedAt: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  rectificationVerifiedBy: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  closedAt: string | null;

  @Column({ type: 'text', nullable: true })
  closureReason: string | null;

  @Column({ type: 'simple-json' })
  recurrences: RecurrenceView[];

  @Column({ type: 'varchar', length: 40 })
  receivedAt: string;

  /** Global position of the last event applied (bigint as text): redelivery is a no-op. */
  @Column({ type: 'varchar', length: 20 })
  lastGlobalPosition: string;
}
