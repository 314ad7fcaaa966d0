import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccidentTypeRef } from '@app/reference-data';

/** What the recurrence detector remembers of each case, in the order the log told it. */
@Entity({ name: 'injury_recurrence_candidates' })
export class RecurrenceCandidateEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  claimId: string;

  @Index()
  @Column({ type: 'varchar', length: 18 })
  uscc: string;

  @Column({ type: 'simple-json', nullable: true })
  accidentType: AccidentTypeRef | null;

  @Column({ type: 'varchar', length: 40 })
  injuredAt: string;

  @Column({ type: 'boolean' })
  withdrawn: boolean;

  /** Workers hurt in one incident share it; they are one accident, not a recurrence. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  incidentRef: string | null;
}

/** An active RecurrenceFlagged (later case flagged against an earlier one), as the log says. */
@Entity({ name: 'injury_recurrence_flags' })
export class RecurrenceFlagEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  laterClaimId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  previousClaimId: string;
}
