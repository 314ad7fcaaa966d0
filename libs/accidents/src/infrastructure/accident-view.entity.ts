import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccidentTypeRef } from '@app/reference-data';

/**
 * Read model of the accidents list (GET /accidents). Column types are portable between SQLite and
 * PostgreSQL: varchar / integer / double precision / text / simple-json; instants as ISO strings.
 */
/** One casualty revision as the accident view shows it. */
export interface AccidentRevisionView {
  /** When the casualties changed (the revision's effectiveAt). */
  changedAt: string;
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
  reason: string;
  /** Within 30 days of the accident (7 for road traffic and fire); null when the event did not record it. */
  withinReportingWindow: boolean | null;
  reportingWindowDays: number | null;
}

@Entity({ name: 'accident_view' })
export class AccidentViewEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  accidentId: string;

  @Column({ type: 'varchar', length: 18, nullable: true })
  uscc: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  zoneId: string;

  @Column({ type: 'simple-json' })
  accidentType: AccidentTypeRef;

  /** ISO instant as reported (the event's effectiveAt). */
  @Column({ type: 'varchar', length: 40 })
  occurredAt: string;

  /** Asia/Shanghai calendar date of occurredAt, for from/to filters. */
  @Index()
  @Column({ type: 'varchar', length: 10 })
  occurredOn: string;

  @Column({ type: 'integer' })
  deaths: number;

  @Column({ type: 'integer' })
  seriousInjuries: number;

  @Column({ type: 'integer' })
  minorInjuries: number;

  @Column({ type: 'double precision' })
  directLossYuan: number;

  @Column({ type: 'varchar', length: 32 })
  gradeCode: string;

  @Column({ type: 'varchar', length: 16 })
  gradeName: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'integer', default: 0 })
  revisionCount: number;

  /** Every casualty revision in order, with its Decree 493 art. 13 window (null before any revision was kept). */
  @Column({ type: 'simple-json', nullable: true })
  revisions: AccidentRevisionView[] | null;

  /** Instant the AccidentReported event was recorded. */
  @Column({ type: 'varchar', length: 40 })
  recordedAt: string;

  /** Global position of the last event applied (bigint as text): redelivery is a no-op. */
  @Column({ type: 'varchar', length: 20 })
  lastGlobalPosition: string;
}
