import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far one projector has read the log; written in the same transaction as its rows. */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  projector: string;

  /** Last global position applied, as a decimal string (bigint-safe on every database). */
  @Column({ type: 'varchar', length: 24 })
  position: string;

  @Column({ type: 'varchar', length: 40 })
  updatedAt: string;
}
