import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccidentTypeRef } from '@app/reference-data';

/**
 * The recurrence process manager's own state (not a read model; a rebuild never touches it): each
 * case as the declarations in the log described it so far, and the earlier cases the process manager
 * has flagged it as repeating.
 */
@Entity({ name: 'injury_recurrence_state' })
export class RecurrenceStateEntity {
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

  /** Earlier cases this case is flagged as repeating (RecurrenceFlagged minus retracted), as appended. */
  @Column({ type: 'simple-json' })
  flagged: string[];
}
