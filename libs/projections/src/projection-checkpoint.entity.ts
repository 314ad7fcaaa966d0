import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far one projector or process manager has read the log; written in the same transaction as its
 * rows. A parked consumer also leaves here where it failed and why, so every process serving reads
 * (not only the one running the loop) shows it on /health/ready.
 */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  projector: string;

  /** Last global position applied (opaque; a decimal string, bigint-safe on every database). */
  @Column({ type: 'varchar', length: 24 })
  position: string;

  @Column({ type: 'varchar', length: 40 })
  updatedAt: string;

  /** Position of the event it is stuck on, while it is failing; null when healthy. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  failingAt: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
