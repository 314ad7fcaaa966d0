import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  EstablishedComponentEntry,
  LatestAssessmentEntry,
  ReviewFlagEntry,
  TrainingAttendeesByAudience,
  ZoneHistoryEntry,
} from '../application/ports/enterprise-read-model.port.js';

/**
 * Read model of one enterprise (docs/metrics.md §4), owned by EnterpriseViewProjector. Column types
 * are portable between SQLite and PostgreSQL: varchar, integer, boolean, simple-json, and instants as
 * ISO strings in varchar. Every instant comes from the event envelope, never from a clock, so a rebuild
 * gives identical rows.
 */
@Entity({ name: 'enterprise_view' })
export class EnterpriseViewEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 })
  uscc: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  zoneId: string;

  @Column({ type: 'simple-json' })
  zoneHistory: ZoneHistoryEntry[];

  @Column({ type: 'varchar', length: 100 })
  township: string;

  @Column({ type: 'varchar', length: 8 })
  industryCode: string;

  @Column({ type: 'boolean' })
  aboveDesignatedSize: boolean;

  /** Latest headcount: from the latest HeadcountReported period, else the profile. */
  @Column({ type: 'integer' })
  headcount: number;

  @Column({ type: 'varchar', length: 7, nullable: true })
  headcountPeriod: string | null;

  @Column({ type: 'varchar', length: 32 })
  stage: string;

  /** Enrolment cohort (pilot | rollout), null when not enrolled. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  cohort: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  enrolledAt: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  officerId: string | null;

  @Column({ type: 'integer' })
  guidanceVisits: number;

  @Column({ type: 'varchar', length: 40, nullable: true })
  lastGuidanceVisitAt: string | null;

  @Column({ type: 'simple-json' })
  componentsEstablished: EstablishedComponentEntry[];

  /** Latest post-responsibility list publication (null until the first). */
  @Column({ type: 'integer', nullable: true })
  postsTotal: number | null;

  @Column({ type: 'integer', nullable: true })
  postsCovered: number | null;

  @Column({ type: 'integer', nullable: true })
  employeesCovered: number | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  listsPublishedAt: string | null;

  @Column({ type: 'integer' })
  trainingSessions: number;

  @Column({ type: 'simple-json' })
  trainingAttendees: TrainingAttendeesByAudience;

  @Column({ type: 'integer' })
  bookletsDistributed: number;

  @Column({ type: 'integer' })
  assessments: number;

  @Column({ type: 'simple-json', nullable: true })
  latestAssessment: LatestAssessmentEntry | null;

  @Column({ type: 'boolean' })
  modelEnterprise: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  modelCitation: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  modelDesignatedAt: string | null;

  @Column({ type: 'simple-json' })
  reviewFlags: ReviewFlagEntry[];

  /** effectiveAt of the registration. */
  @Column({ type: 'varchar', length: 40 })
  registeredAt: string;

  /** recordedAt of the last event applied. */
  @Column({ type: 'varchar', length: 40 })
  updatedAt: string;

  @Column({ type: 'integer' })
  lastStreamPosition: number;

  @Column({ type: 'integer' })
  lastGlobalPosition: number;
}

export const ENTERPRISE_ENTITIES = [EnterpriseViewEntity];
